import Foundation
@testable import Console
import Runbook

/// Consoles at the moments an operator sees them, built the way the engine builds them: by applying
/// events to a snapshot. Fixed dates, so every render is the same on every machine.
enum ConsoleFixtures {
    /// 2018-11-30T00:22:07Z
    static let now = Date(timeIntervalSince1970: 1_543_537_327)
    static let roleARN = "arn:aws:iam::123456789012:role/dwhRole"
    static let endpoint = ClusterEndpoint(host: "dwhcluster.c1hzkq3xyzab.us-west-2.redshift.amazonaws.com", port: 5439)

    static func model(_ events: [RunbookEvent], target: String = "dwh.cfg", focus: PanelID = .runbook,
                      borders: BorderSet = .unicode) -> ConsoleModel {
        var snapshot = RunbookSnapshot()
        events.forEach { snapshot.apply($0) }
        var model = ConsoleModel(snapshot: snapshot, target: target, now: now, borders: borders)
        model.focus = focus
        return model
    }

    /// A console that has seen nothing yet.
    static func fresh(borders: BorderSet = .unicode) -> ConsoleModel {
        model([], target: "sandbox", borders: borders)
    }

    /// Real AWS, cluster up for 2.5 hours, the ETL half way through staging_songs.
    static func busy(borders: BorderSet = .unicode, focus: PanelID = .runbook) -> ConsoleModel {
        model(busyEvents, focus: focus, borders: borders)
    }

    static let cluster = ClusterSummary(target: .aws, region: "us-west-2", identifier: "dwhcluster", status: .available,
                                        nodeType: "dc2.large", nodes: 4, endpoint: endpoint, roleARN: roleARN,
                                        ingress: "tcp 5439 from 203.0.113.7/32", created: now.addingTimeInterval(-9000))

    static func counts(_ rows: [Int?], at: Date) -> TableCounts {
        TableCounts(tables: zip(TableCounts.tableNames, rows).map { .init(name: $0, rows: $1) }, at: at)
    }

    static let listing = StageReport(sample: StageSample(stage: .listing, objectsDone: 101, elapsed: 0.8))
    static let stagedEvents = StageReport(sample: StageSample(stage: .stage(.stagingEvents), objectsDone: 30, objectsTotal: 30,
                                                              rows: 8056, bytes: 3_744_321, bytesTotal: 3_744_321, elapsed: 3.6))
    static let stagingSongs = StageReport(sample: StageSample(stage: .stage(.stagingSongs), objectsDone: 21, objectsTotal: 71,
                                                              rows: 21, bytes: 5_210, bytesTotal: 17_610, elapsed: 4.2),
                                          rowsPerSecond: 5.2, bytesPerSecond: 1290, eta: 9.6)

    static func call(_ service: LoggedAWSCall.Service, _ action: String, status: Int = 200, id: String, ms: Double,
                     error: String? = nil) -> RunbookEvent {
        .awsCall(LoggedAWSCall(service: service, action: action, httpStatus: status, requestID: id, latency: ms / 1000,
                               attempt: 1, errorCode: error))
    }

    static func sql(_ line: String, rows: Int?, ms: Double) -> RunbookEvent {
        .sqlStatement(LoggedStatement(firstLine: line, rows: rows, seconds: ms / 1000))
    }

    static let busyEvents: [RunbookEvent] = [
        .stepState(.iamRole, .done(roleARN)),
        .stepState(.cluster, .done("dc2.large × 4 available")),
        .stepState(.openPort, .done("tcp 5439 from 203.0.113.7/32")),
        .stepState(.connect, .done("dwhuser@dwhcluster…:5439/dwh, 41 ms")),
        .stepState(.createTables, .done("7 tables")),
        .stepState(.counts, .done("counted 00:21:02")),
        .stepState(.cleanUp, .blocked("runs only when asked (5)")),
        .cluster(cluster),
        call(.iam, "GetRole", id: "3f1c2a9e-iam", ms: 88),
        call(.redshift, "DescribeClusters", id: "7d2e0c41-rs", ms: 120),
        call(.ec2, "DescribeSecurityGroups", id: "req-ec2-51", ms: 64),
        .counts(counts([0, 0, 0, 0, 0, 0, 0], at: now.addingTimeInterval(-300))),
        .counts(counts([0, 0, 0, 0, 0, 0, nil], at: now.addingTimeInterval(-65))),
        .stepState(.etl, .running("staging_songs")),
        .stageFinished(listing, outcome: .succeeded, message: nil),
        sql("COPY staging_events FROM STDIN", rows: 8056, ms: 3512.4),
        .stageFinished(stagedEvents, outcome: .succeeded, message: nil),
        .warning("song_data/A/B/C/TRABCEI128F424C983.json: 1 record without artist_latitude"),
        .sqlStatement(LoggedStatement(firstLine: "SELECT count(*) FROM time", rows: nil, seconds: 0.0021,
                                      error: .init(sqlState: "42P01", message: "relation \"time\" does not exist"))),
        .stageProgress(stagingSongs),
    ]

    /// The run after a failure: staging_songs failed, the step says why, the operator was told.
    static func failed(borders: BorderSet = .unicode) -> ConsoleModel {
        let failedSongs = StageReport(sample: StageSample(stage: .stage(.stagingSongs), objectsDone: 40, objectsTotal: 71,
                                                          rows: 40, bytes: 9_800, bytesTotal: 17_610, elapsed: 6.1))
        var model = model(busyEvents + [
            .stageFinished(failedSongs, outcome: .failed,
                           message: "song_data/A/A/B/TRAABJL12903CDCF1A.json line 1: invalid JSON"),
            .stepState(.etl, .failed("staging_songs: invalid JSON in TRAABJL12903CDCF1A.json; fix it and press e")),
            .result(.etl, .failed("staging_songs failed: song_data/A/A/B/TRAABJL12903CDCF1A.json line 1: invalid JSON "
                + "(unexpected end of input at byte 212); the run was rolled back, nothing was committed")),
        ], borders: borders)
        model.status = "E Run ETL failed: staging_songs — see the log"
        return model
    }

    /// The sandbox with everything loaded, no cluster to pay for.
    static func sandbox(borders: BorderSet = .unicode) -> ConsoleModel {
        let summary = ClusterSummary(target: .sandbox, region: "us-west-2", identifier: "dwhcluster")
        return model([
            .stepState(.iamRole, .done("arn:aws:iam::123456789012:role/dwhRole (moto)")),
            .stepState(.cluster, .done("sandbox PostgreSQL on 127.0.0.1:54329")),
            .stepState(.openPort, .done("loopback")),
            .cluster(summary),
            .counts(counts([8056, 71, 6820, 96, 71, 69, 6813], at: now.addingTimeInterval(-5))),
        ], target: "sandbox", borders: borders)
    }
}
