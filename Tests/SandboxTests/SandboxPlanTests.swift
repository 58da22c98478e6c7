import Testing
@testable import Sandbox

@Suite struct SandboxPlanTests {
    typealias Situation = SandboxPlan.Situation
    static let nothing = Situation(state: nil, runningPostgresPort: nil, motoRunning: false,
                                   clusterExists: false, passwordExists: false)

    /// Hands out 6000, 6001, … as free ports; `busy` ports are not free.
    final class Ports: @unchecked Sendable {
        var next = 6000
        let busy: Set<Int>
        init(busy: Set<Int> = []) { self.busy = busy }
        func isFree(_ port: Int) -> Bool { !busy.contains(port) }
        func free() -> Int {
            defer { next += 1 }
            return next
        }
    }

    func plan(_ request: SandboxRequest = SandboxRequest(), _ situation: Situation = nothing,
              ports: Ports = Ports()) throws(SandboxError) -> SandboxPlan {
        try SandboxPlan.make(request, situation, isFree: ports.isFree, freePort: ports.free)
    }

    @Test func aFirstUpStartsBothOnFreePortsAndSeeds() throws {
        #expect(try plan() == SandboxPlan(postgres: .start(port: 6000), moto: .start(port: 6001), seed: true))
    }

    @Test func explicitPortsAreUsed() throws {
        #expect(try plan(SandboxRequest(postgresPort: 7000, motoPort: 7001))
                == SandboxPlan(postgres: .start(port: 7000), moto: .start(port: 7001), seed: true))
    }

    @Test func aRunningSandboxIsReused() throws {
        let running = Situation(state: .fixture(), runningPostgresPort: 5433, motoRunning: true,
                                clusterExists: true, passwordExists: true)
        let reuse = try plan(SandboxRequest(), running)
        #expect(reuse == SandboxPlan(postgres: .keep(port: 5433), moto: .keep(port: 5001), seed: false))
        #expect(reuse.reusesEverything)
        // Naming the data it was seeded with is still a reuse.
        #expect(try plan(SandboxRequest(data: .generated(scale: 1, seed: 2018), dataExplicit: true), running).reusesEverything)
    }

    @Test func aStoppedSandboxRestartsOnItsRememberedPortsAndReseeds() throws {
        let stopped = Situation(state: .fixture(), runningPostgresPort: nil, motoRunning: false,
                                clusterExists: true, passwordExists: true)
        #expect(try plan(SandboxRequest(), stopped)
                == SandboxPlan(postgres: .start(port: 5433), moto: .start(port: 5001), seed: true))
    }

    @Test func aDeadMotoIsRestartedAndTheBucketReseededWhilePostgresIsKept() throws {
        let half = Situation(state: .fixture(), runningPostgresPort: 5433, motoRunning: false,
                             clusterExists: true, passwordExists: true)
        #expect(try plan(SandboxRequest(), half)
                == SandboxPlan(postgres: .keep(port: 5433), moto: .start(port: 5001), seed: true))
    }

    @Test func aBusyExplicitPortSaysToChooseAnother() {
        #expect {
            try plan(SandboxRequest(postgresPort: 7000), ports: Ports(busy: [7000]))
        } throws: { error in
            (error as? SandboxError)?.description == "port 7000 on 127.0.0.1 (for PostgreSQL) is already in use. "
                + "Choose another --pg-port, or stop what holds it."
        }
    }

    @Test func aBusyRememberedPortSaysWhyItWasChosen() {
        let stopped = Situation(state: .fixture(), runningPostgresPort: nil, motoRunning: false,
                                clusterExists: true, passwordExists: true)
        #expect {
            try plan(SandboxRequest(), stopped, ports: Ports(busy: [5001]))
        } throws: { error in
            (error as? SandboxError)?.description == "port 5001 on 127.0.0.1 (for moto_server) is already in use. "
                + "The sandbox used it last time. Stop what holds it, or choose a port with --moto-port PORT."
        }
    }

    @Test func thePortsCannotCoincide() {
        #expect {
            try plan(SandboxRequest(postgresPort: 7000, motoPort: 7000))
        } throws: { error in
            (error as? SandboxError)?.description == "port 7000 on 127.0.0.1 (for moto_server) is already in use. "
                + "PostgreSQL takes it; choose another --moto-port."
        }
    }

    @Test func movingARunningServerNeedsDownFirst() {
        let running = Situation(state: .fixture(), runningPostgresPort: 5433, motoRunning: true,
                                clusterExists: true, passwordExists: true)
        #expect {
            try plan(SandboxRequest(postgresPort: 7000), running)
        } throws: { error in
            (error as? SandboxError)?.description == "the sandbox's PostgreSQL on port 5433 is already running. "
                + "Run `sparkify sandbox down` first to move it to --pg-port 7000."
        }
    }

    @Test func otherDataForARunningBucketNeedsDownFirst() {
        let running = Situation(state: .fixture(), runningPostgresPort: 5433, motoRunning: true,
                                clusterExists: true, passwordExists: true)
        #expect {
            try plan(SandboxRequest(data: .directory("/data"), dataExplicit: true), running)
        } throws: { error in
            guard let error = error as? SandboxError, error.isUsageError else { return false }
            return error.description == "the sandbox's bucket, seeded from generated, scale 1, seed 2018, is already "
                + "running. Run `sparkify sandbox down` first to seed it from directory /data."
        }
    }

    @Test func aClusterWithoutItsPasswordIsAStateError() {
        let orphan = Situation(state: nil, runningPostgresPort: nil, motoRunning: false,
                               clusterExists: true, passwordExists: false)
        #expect(throws: SandboxError.self) { try plan(SandboxRequest(), orphan) }
    }

    @Test func seedSourcesDescribeThemselves() {
        #expect(SeedSource.generated(scale: 1, seed: 2018).description == "generated, scale 1, seed 2018")
        #expect(SeedSource.generated(scale: 0.25, seed: 7).description == "generated, scale 0.25, seed 7")
        #expect(SeedSource.directory("/data/x").description == "directory /data/x")
    }
}
