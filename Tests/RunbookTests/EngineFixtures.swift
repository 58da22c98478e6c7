import Foundation
import Runbook
import Warehouse

/// Observations of a runbook at its usual points, for the engine's tests.
enum EngineFixtures {
    /// 2018-11-30T00:22:07Z
    static let now = Date(timeIntervalSince1970: 1_543_537_327)
    static let roleARN = "arn:aws:iam::123456789012:role/dwhRole"
    static let endpoint = ClusterEndpoint(host: "dwhcluster.c1.us-west-2.redshift.amazonaws.com", port: 5439)

    static let role = RoleFact(name: "dwhRole", arn: roleARN, policyAttached: true)
    static let rule = IngressFact(groupID: "sg-1", cidr: "203.0.113.7/32", port: 5439, sparkify: true)

    static func cluster(_ status: String = "available", endpoint: ClusterEndpoint? = endpoint) -> ClusterFact {
        ClusterFact(identifier: "dwhcluster", status: status, nodeType: "dc2.large", nodes: 4, endpoint: endpoint,
                    created: now.addingTimeInterval(-9000))
    }

    static func aws(role: RoleFact? = nil, cluster: ClusterFact? = nil, ingress: [IngressFact] = []) -> Observed<AWSFacts> {
        .known(AWSFacts(region: "us-west-2", role: role, cluster: cluster, ingress: ingress))
    }

    /// Rows of staging_events, staging_songs, songplays, users, songs, artists, time (nil: missing).
    static func counts(_ rows: [Int?], at: Date = now) -> RowCounts {
        RowCounts(tables: zip(WarehouseSchema.counted, rows).map { .init(name: $0.name, rows: $1) }, at: at)
    }

    static let empty: [Int?] = [0, 0, 0, 0, 0, 0, 0]
    static let loaded: [Int?] = [8056, 71, 6820, 96, 71, 69, 6813]

    static func database(_ rows: [Int?]? = nil, at: Date = now) -> Observed<DatabaseFacts> {
        .known(DatabaseFacts(dialect: .postgres, address: "dwhuser@127.0.0.1:5432/dwh", latency: 0.004,
                             tables: rows.map { counts($0, at: at) }))
    }

    static func observation(_ target: Observation.Target = .aws, host: String? = nil,
                            aws: Observed<AWSFacts> = .unknown, database: Observed<DatabaseFacts> = .unknown,
                            etlRun: ETLRunFact? = nil) -> Observation {
        Observation(target: target, configuredHost: host, clusterIdentifier: "dwhcluster", roleName: "dwhRole",
                    aws: aws, database: database, etlRun: etlRun)
    }

    /// Steps 1–3 done on real AWS, tables created and loaded.
    static let everythingUp = observation(aws: aws(role: role, cluster: cluster(), ingress: [rule]),
                                          database: database(loaded))

    /// The sandbox with nothing provisioned and an empty database.
    static let freshSandbox = observation(.sandbox, host: "127.0.0.1", aws: aws(), database: database(nil))

    /// "1 done arn…" lines: a compact picture of every step.
    static func lines(_ states: [(RunbookStep, StepState)]) -> [String] {
        states.map { step, state in
            "\(step.hotkey) \(state.name)" + (state.detail.map { " \($0)" } ?? "")
        }
    }

    /// The events among `actions`, as JSON lines.
    static func events(_ actions: [EngineAction]) -> [RunbookEvent] {
        actions.compactMap { if case .emit(let event) = $0 { return event } else { return nil } }
    }

    /// The actions that are not events.
    static func effects(_ actions: [EngineAction]) -> [EngineAction] {
        actions.filter { if case .emit = $0 { return false } else { return true } }
    }
}
