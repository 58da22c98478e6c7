import AWS
import Config
import Foundation
import Runbook
import Testing
import TestSupport
import Warehouse

/// ``RunbookObserver`` against the test PostgreSQL and moto: the observation the engine derives from.
@Suite("Engine: observing moto and PostgreSQL")
struct EngineObserverTests {
    static func target() -> ProvisioningTarget {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return ProvisioningTarget(roleName: "engine-role-\(suffix)", clusterIdentifier: "engine-cluster-\(suffix)",
                                  numberOfNodes: 2, masterPassword: Secret("Passw0rd"))
    }

    static func base(_ target: ProvisioningTarget, host: String?) -> Observation {
        Observation(target: .sandbox, configuredHost: host, clusterIdentifier: target.clusterIdentifier,
                    roleName: target.roleName)
    }

    @Test func theDatabaseBeforeAndAfterCreateTables() async throws {
        let settings = try await ScratchDatabase.make()
        let target = Self.target()
        let observer = RunbookObserver(provisioning: target, region: "us-east-1", provisioner: nil, database: settings)
        let before = await observer.observe(.database, previous: Self.base(target, host: settings.host))
        #expect(before.database.value?.address == "\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)")
        #expect(before.database.value?.missingTables == WarehouseSchema.counted.map(\.name))
        #expect(before.etlRun == nil)
        #expect(before.aws == .unknown)
        #expect(before.derivedState(of: .createTables) == .pending)
        #expect(before.derivedState(of: .etl) == .blocked(
            "needs the tables (step C): staging_events, staging_songs, songplays, users, songs, artists, time missing"))

        let connection = try await Connection.open(settings)
        try await TableSetup.recreate(on: connection)
        await connection.close()
        let after = await observer.observe(.everything, previous: before)
        #expect(after.database.value?.tables?.tables.map(\.rows) == [0, 0, 0, 0, 0, 0, 0])
        #expect(after.aws == .unavailable("no AWS credentials"))
        #expect(after.derivedState(of: .createTables) == .done("7 tables"))
        #expect(after.derivedState(of: .etl) == .pending)
        #expect(after.derivedState(of: .iamRole) == .blocked("AWS unreachable: no AWS credentials"))
    }

    @Test func anUnreachableDatabase() async throws {
        let settings = DatabaseSettings(host: "127.0.0.1", port: 1, database: "none", user: "nobody", password: nil)
        let observer = RunbookObserver(provisioning: Self.target(), region: "us-east-1", provisioner: nil, database: settings)
        let observation = await observer.observe(.database, previous: Self.base(Self.target(), host: "127.0.0.1"))
        guard case .unavailable(let reason) = observation.database else {
            Issue.record("expected an unreachable database, got \(observation.database)")
            return
        }
        #expect(reason.contains("127.0.0.1"))
        #expect(observation.derivedState(of: .connect) == .failed(reason))
        #expect(observation.derivedState(of: .counts) == .blocked("database unreachable (step 4): \(reason)"))
    }

    /// sparkify killed during a run leaves it "running" in etl_runs; its backend is gone, so the runbook
    /// says interrupted instead of "in progress" forever. A live run stays running.
    @Test func aRunWhoseProcessDiedShowsAsInterrupted() async throws {
        let settings = try await ScratchDatabase.make()
        let target = Self.target()
        let observer = RunbookObserver(provisioning: target, region: "us-east-1", provisioner: nil, database: settings)
        let setup = try await Connection.open(settings)
        try await TableSetup.recreate(on: setup)
        await setup.close()

        let runner = try await Connection.open(settings)
        let run = try await ETLRunLog(connection: runner).start()
        let live = await observer.observe(.database, previous: Self.base(target, host: settings.host))
        #expect(live.derivedState(of: .etl) == .running("run \(run.id) in progress"))

        await runner.close()   // the process dies: its session ends with it
        var killed = live
        for _ in 0..<100 {
            killed = await observer.observe(.database, previous: live)
            if killed.etlRun?.outcome != .running { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(killed.derivedState(of: .etl)
            == .failed("failed: interrupted: the process running it ended before it finished (killed?); run E again"))
    }

    @Test func awsBeforeAndAfterSteps1To3() async throws {
        let aws = AWSClient(settings: try await TestServers.moto())
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        let target = Self.target()
        let observer = RunbookObserver(provisioning: target, region: "us-east-1", provisioner: provisioner, database: nil)
        let before = await observer.observe(.aws, previous: Self.base(target, host: nil))
        #expect(before.derivedStates.map(\.1).prefix(3) == [
            .pending, .blocked("needs the IAM role (step 1)"), .blocked("needs an available cluster (step 2)"),
        ])
        #expect(before.derivedState(of: .cleanUp) == .done("no cluster, rule or role left"))

        let cidr = "10.\(Int.random(in: 0...255)).\(Int.random(in: 0...255)).\(Int.random(in: 1...254))/32"
        _ = try await provisioner.up(target, cidr: cidr, events: { _ in })
        let after = await observer.observe(.everything, previous: before)
        let facts = try #require(after.aws.value)
        let endpoint = try #require(facts.cluster?.endpoint)
        #expect(after.derivedStates.map(\.1).prefix(3) == [
            .done("arn:aws:iam::123456789012:role/\(target.roleName)"), .done("dc2.large × 2 \(endpoint.text)"),
            .done("tcp 5439 from \(cidr)"),
        ])
        #expect(after.database == .unknown)
        #expect(after.derivedState(of: .cleanUp) == .pending)
        _ = try await provisioner.down(target, finalSnapshot: nil, events: { _ in })
    }
}
