import Config
import Foundation
import Runbook
import Testing
@testable import Warehouse

@Suite("Engine: step states derived from an observation")
struct EngineStepDerivationTests {
    typealias F = EngineFixtures

    @Test func stepsKeepTheirHotkeysTitlesAndOrder() {
        #expect(RunbookStep.runbook.map(\.label) == [
            "1 IAM role", "2 Cluster", "3 Open port", "4 Connect", "C Create tables", "E Run ETL", "R Row counts",
            "5 Clean up",
        ])
        #expect(RunbookStep.allCases == RunbookStep.runbook + [.pause, .resume])
        #expect(RunbookStep(hotkey: "E") == .etl)
        #expect(RunbookStep(hotkey: "5") == .cleanUp)
        #expect(RunbookStep(hotkey: "x") == nil)
        #expect(RunbookStep.allCases.filter { !$0.isLong } == [.connect, .counts])
    }

    @Test func nothingObservedYetOnAWSWithoutAHost() {
        #expect(F.lines(F.observation().derivedStates) == [
            "1 pending", "2 pending", "3 pending",
            "4 blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "c blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "e blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "r blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "5 pending",
        ])
    }

    @Test func noRoleYetBlocksTheCluster() {
        let observation = F.observation(aws: F.aws())
        #expect(F.lines(observation.derivedStates).prefix(3) == [
            "1 pending", "2 blocked needs the IAM role (step 1)", "3 blocked needs an available cluster (step 2)",
        ])
        #expect(observation.derivedState(of: .cleanUp) == .done("no cluster, rule or role left"))
    }

    @Test func aRoleWithoutItsPolicyIsNotDone() {
        var role = F.role
        role.policyAttached = false
        let observation = F.observation(aws: F.aws(role: role))
        #expect(observation.derivedState(of: .iamRole) == .pending)
        #expect(observation.derivedState(of: .cluster) == .blocked("needs the IAM role (step 1)"))
        #expect(observation.derivedState(of: .cleanUp) == .pending)
    }

    @Test func aClusterBeingCreatedIsRunningWhoeverStartedIt() {
        let observation = F.observation(aws: F.aws(role: F.role, cluster: F.cluster("creating", endpoint: nil)))
        #expect(F.lines(observation.derivedStates) == [
            "1 done \(F.roleARN)", "2 running creating dc2.large × 4",
            "3 blocked needs an available cluster (step 2)",
            "4 blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "c blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "e blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "r blocked needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)",
            "5 pending",
        ])
    }

    @Test func anAvailableClusterWithoutTheRuleWaitsForStep3() {
        let observation = F.observation(aws: F.aws(role: F.role, cluster: F.cluster()))
        #expect(F.lines(observation.derivedStates) == [
            "1 done \(F.roleARN)", "2 done dc2.large × 4 \(F.endpoint.text)", "3 pending",
            "4 blocked needs the port open (step 3)", "c blocked needs the port open (step 3)",
            "e blocked needs the port open (step 3)", "r blocked needs the port open (step 3)", "5 pending",
        ])
    }

    @Test func everythingUpAndLoaded() {
        #expect(F.lines(F.everythingUp.derivedStates) == [
            "1 done \(F.roleARN)", "2 done dc2.large × 4 \(F.endpoint.text)", "3 done tcp 5439 from 203.0.113.7/32",
            "4 done postgres dwhuser@127.0.0.1:5432/dwh, 4 ms", "c done 7 tables", "e done songplays 6820 rows",
            "r done counted at 00:22:07", "5 pending",
        ])
    }

    @Test func aConfiguredHostNeedsNothingFromSteps1To3() {
        let unchecked = F.observation(host: "warehouse.example.com", aws: .unavailable("no AWS credentials"))
        #expect(F.lines(unchecked.derivedStates) == [
            "1 blocked AWS unreachable: no AWS credentials", "2 blocked AWS unreachable: no AWS credentials",
            "3 blocked AWS unreachable: no AWS credentials", "4 pending", "c pending", "e pending", "r pending",
            "5 blocked AWS unreachable: no AWS credentials",
        ])
        let empty = F.observation(host: "warehouse.example.com", aws: .unavailable("no AWS credentials"),
                                  database: F.database([nil, nil, nil, nil, nil, nil, nil]))
        #expect(F.lines(empty.derivedStates).dropFirst(3).prefix(4) == [
            "4 done postgres dwhuser@127.0.0.1:5432/dwh, 4 ms", "c pending",
            "e blocked needs the tables (step C): staging_events, staging_songs, songplays, users, songs, artists, time missing",
            "r done counted at 00:22:07",
        ])
    }

    @Test func theSandboxDatabaseIsAlwaysThere() {
        #expect(F.lines(F.freshSandbox.derivedStates) == [
            "1 pending", "2 blocked needs the IAM role (step 1)", "3 blocked needs an available cluster (step 2)",
            "4 done postgres dwhuser@127.0.0.1:5432/dwh, 4 ms", "c pending", "e pending", "r pending",
            "5 done no cluster, rule or role left",
        ])
    }

    @Test func anUnreachableDatabaseFailsStep4AndBlocksTheRest() {
        let observation = F.observation(.sandbox, database: .unavailable("connection refused"))
        #expect(F.lines(observation.derivedStates).dropFirst(3).prefix(4) == [
            "4 failed connection refused",
            "c blocked database unreachable (step 4): connection refused",
            "e blocked database unreachable (step 4): connection refused",
            "r blocked database unreachable (step 4): connection refused",
        ])
    }

    @Test func theLastETLRunDecidesStepE() {
        let failed = ETLRunFact(runID: "20181130-002207-ab", outcome: .failed, stage: .stagingSongs,
                                message: "staging_songs: MAXERROR 0 exceeded")
        #expect(F.observation(.sandbox, database: F.database(F.loaded), etlRun: failed).derivedState(of: .etl)
            == .failed("failed in staging_songs: staging_songs: MAXERROR 0 exceeded"))
        let running = ETLRunFact(runID: "20181130-002207-ab", outcome: .running)
        #expect(F.observation(.sandbox, database: F.database(F.empty), etlRun: running).derivedState(of: .etl)
            == .running("run 20181130-002207-ab in progress"))
        let succeeded = ETLRunFact(runID: "20181130-002207-ab", outcome: .succeeded)
        #expect(F.observation(.sandbox, database: F.database(F.empty), etlRun: succeeded).derivedState(of: .etl) == .pending)
    }

    @Test func clustersThatNeedTheOperator() {
        #expect(F.observation(aws: F.aws(role: F.role, cluster: F.cluster("paused"))).derivedState(of: .cluster)
            == .blocked("cluster dwhcluster is paused — resume it with u or `sparkify iac resume`"))
        #expect(F.observation(aws: F.aws(role: F.role, cluster: F.cluster("deleting"))).derivedStates.map(\.1)
            .enumerated().filter { [1, 7].contains($0.offset) }.map(\.element) == [
                .blocked("dwhcluster is deleting; wait until it is gone"), .running("deleting dwhcluster"),
            ])
    }

    @Test func theLatestRunFromTheRunLog() {
        let start = Date(timeIntervalSince1970: 1_543_537_000)
        let history = [
            ETLRunRecord(runID: "r2", stage: "run", startedAt: start, finishedAt: start.addingTimeInterval(9),
                         outcome: .cancelled, message: "cancelled during staging_songs"),
            ETLRunRecord(runID: "r2", stage: "staging_events", startedAt: start, outcome: .succeeded),
            ETLRunRecord(runID: "r2", stage: "staging_songs", startedAt: start, outcome: .cancelled),
            ETLRunRecord(runID: "r1", stage: "run", startedAt: start.addingTimeInterval(-60), outcome: .succeeded),
        ]
        #expect(ETLRunFact(history: history) == ETLRunFact(runID: "r2", outcome: .cancelled, stage: .stagingSongs,
                                                           message: "cancelled during staging_songs",
                                                           at: start.addingTimeInterval(9), stagesDone: [.stagingEvents]))
        #expect(ETLRunFact(history: []) == nil)
    }
}

@Suite("Engine: the first observation from the config")
struct EngineObservationConfigTests {
    @Test func aSandboxProfileAndATeamConfig() throws {
        let profile = try DWHConfig(file: INIFile(parsing: """
            [CLUSTER]
            HOST=127.0.0.1
            [DWH]
            DWH_CLUSTER_IDENTIFIER=sandboxCluster
            DWH_IAM_ROLE_NAME=sandboxRole
            [SANDBOX]
            STATE=/tmp/sparkify-state
            """, source: "profile.cfg"))
        #expect(Observation(config: profile) == Observation(target: .sandbox, configuredHost: "127.0.0.1",
                                                            clusterIdentifier: "sandboxCluster", roleName: "sandboxRole"))
        let team = try DWHConfig(file: INIFile(parsing: "[DWH]\nDWH_NUM_NODES=2\n", source: "dwh.cfg"))
        #expect(Observation(config: team) == Observation(target: .aws, configuredHost: nil, clusterIdentifier: "dwhCluster",
                                                         roleName: "dwhRole"))
    }

    @Test func cleanUpAsksForTheIdentifierRedshiftReports() {
        var observation = Observation(target: .aws, configuredHost: nil, clusterIdentifier: "dwhCluster", roleName: "dwhRole")
        observation.aws = EngineFixtures.aws(cluster: EngineFixtures.cluster())
        #expect(RunbookEngine(observation: observation).confirmationNeeded(for: .cleanUp)?.answer == .type("dwhcluster"))
    }
}
