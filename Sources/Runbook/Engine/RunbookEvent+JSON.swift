import AWS
import Foundation
import Warehouse

/// `--json`: each event as one line — an `event` field, snake_case keys, sorted, like the `iac` and `etl`
/// commands' lines (`aws_call` is the same object `iac` prints).
extension RunbookEvent {
    /// The encoder of every `--json` line: snake_case keys, sorted, ISO-8601 times, slashes unescaped.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `value` as one `--json` line (``jsonEncoder()``).
    public static func jsonLine<T: Encodable>(_ value: T) -> String {
        (try? jsonEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"event": "unencodable"}"#
    }

    public var jsonLine: String {
        let encoder = Self.jsonEncoder()
        let data: Data?
        switch self {
        case .stepState(let step, let state):
            data = try? encoder.encode(StepLine(step: step.rawValue, hotkey: String(step.hotkey), state: state.name,
                                                detail: state.detail))
        case .stageProgress(let report):
            data = try? encoder.encode(StageLine(event: "stage_progress", report))
        case .stageFinished(let report, let outcome, let message):
            var line = StageLine(event: "stage_finished", report)
            line.outcome = outcome.rawValue
            line.message = message
            data = try? encoder.encode(line)
        case .awsCall(let record):
            data = try? encoder.encode(CallLine(service: record.service.rawValue, action: record.action,
                                                httpStatus: record.httpStatus, requestId: record.requestID,
                                                latencyMs: Int((record.latency * 1000).rounded()), attempt: record.attempt,
                                                errorCode: record.errorCode, note: record.note))
        case .sqlStatement(let record):
            data = try? encoder.encode(SQLLine(statement: record.firstLine, rows: record.rows,
                                               ms: Self.rounded(record.seconds * 1000, places: 1),
                                               sqlstate: record.error?.sqlState, error: record.error?.message))
        case .observed(let note):
            data = try? encoder.encode(ObservedLine(summary: note.summary, awsCalls: note.awsCalls, tables: note.tablesExisting,
                                                    databaseProblem: note.databaseProblem,
                                                    ms: Self.rounded(note.seconds * 1000, places: 1), detail: note.detail))
        case .warning(let message):
            data = try? encoder.encode(MessageLine(event: "warning", message: message))
        case .refused(let step, let reason):
            data = try? encoder.encode(RefusedLine(step: step?.rawValue, reason: reason))
        case .result(let step, let outcome):
            data = try? encoder.encode(ResultLine(step: step.rawValue, outcome: outcome.name, detail: outcome.detail))
        case .confirmationRequested(let confirmation):
            var expected: String?
            if case .type(let text) = confirmation.answer { expected = text }
            data = try? encoder.encode(ConfirmationLine(step: confirmation.step.rawValue, prompt: confirmation.prompt,
                                                        expected: expected ?? "yes"))
        case .comparing:
            data = try? encoder.encode(StepMessageLine(event: "comparing", step: RunbookStep.etl.rawValue, message: Self.comparingText))
        case .choiceRequested(let choice):
            data = try? encoder.encode(ChoiceLine(prompt: choice.prompt, choices: choice.modes.map(\.rawValue),
                                                  newObjects: choice.fullRebuildReason == nil ? choice.newObjects : nil))
        case .cluster(let summary):
            data = try? encoder.encode(ClusterLine(summary))
        case .counts(let counts):
            data = try? encoder.encode(CountsLine(tables: Self.tables(counts), at: counts.at))
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? #"{"event": "unencodable"}"#
    }

    static func tables(_ counts: TableCounts) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: counts.tables.map { ($0.name, $0.rows) })
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    private struct StepLine: Encodable {
        var event = "step_state"
        var step: String
        var hotkey: String
        var state: String
        var detail: String?
    }

    private struct StageLine: Encodable {
        var event: String
        var stage: String
        var objectsDone: Int
        var objectsTotal: Int?
        /// An incremental run: the objects listed, of which `objects_total` are new.
        var objectsListed: Int?
        var rows: Int
        var bytes: Int
        var bytesTotal: Int?
        var seconds: Double
        var rowsPerSecond: Double?
        var bytesPerSecond: Double?
        var etaSeconds: Double?
        var outcome: String?
        var message: String?

        init(event: String, _ report: StageReport) {
            self.event = event
            let sample = report.sample
            stage = sample.stage.name
            objectsDone = sample.objectsDone
            objectsTotal = sample.objectsTotal
            objectsListed = sample.objectsListed
            rows = sample.rows
            bytes = sample.bytes
            bytesTotal = sample.bytesTotal
            seconds = RunbookEvent.rounded(sample.elapsed, places: 3)
            rowsPerSecond = report.rowsPerSecond.map { RunbookEvent.rounded($0, places: 1) }
            bytesPerSecond = report.bytesPerSecond.map { RunbookEvent.rounded($0, places: 1) }
            etaSeconds = report.eta.map { RunbookEvent.rounded($0, places: 1) }
        }
    }

    private struct CallLine: Encodable {
        var event = "aws_call"
        var service: String
        var action: String
        var httpStatus: Int?
        var requestId: String?
        var latencyMs: Int
        var attempt: Int
        var errorCode: String?
        var note: String?
    }

    private struct SQLLine: Encodable {
        var event = "sql"
        var statement: String
        var rows: Int?
        var ms: Double
        var sqlstate: String?
        var error: String?
    }

    private struct ObservedLine: Encodable {
        var event = "observed"
        var summary: String
        var awsCalls: Int
        /// Staging and star tables that exist; absent when the database was not looked at.
        var tables: Int?
        var databaseProblem: String?
        var ms: Double
        var detail: [String]
    }

    private struct StepMessageLine: Encodable {
        var event: String
        var step: String
        var message: String
    }

    private struct MessageLine: Encodable {
        var event: String
        var message: String
    }

    private struct RefusedLine: Encodable {
        var event = "refused"
        var step: String?
        var reason: String
    }

    struct ResultLine: Encodable {
        var event = "result"
        var step: String
        var outcome: String
        var detail: String?
        /// Step R: rows per table (null: missing) and the time of the count (PRODUCT §5).
        var tables: [String: Int?]?
        var at: Date?
        /// `iac status`: the cluster as observed, and its cost so far.
        var cluster: ClusterLine?
        var cost: CostLine?
    }

    struct CostLine: Encodable {
        var perHour: Double
        var soFar: Double
        var hours: Double
        var nodeType: String
        var nodes: Int

        init(_ cost: CostEstimate) {
            perHour = RunbookEvent.rounded(cost.perHour, places: 2)
            soFar = RunbookEvent.rounded(cost.soFar, places: 2)
            hours = RunbookEvent.rounded(cost.hours, places: 2)
            nodeType = cost.nodeType
            nodes = cost.nodes
        }
    }

    private struct ConfirmationLine: Encodable {
        var event = "confirmation"
        var step: String
        var prompt: String
        /// What the operator types: the cluster id, or "yes".
        var expected: String
    }

    private struct ChoiceLine: Encodable {
        var event = "choice"
        var step = RunbookStep.etl.rawValue
        var prompt: String
        /// "new_objects", "everything": what may be chosen.
        var choices: [String]
        var newObjects: Int?
    }

    struct ClusterLine: Encodable {
        /// nil inside a `result` line.
        var event: String? = "cluster"
        var target: String
        var region: String?
        var identifier: String
        var status: String?
        var nodeType: String?
        var nodes: Int?
        var endpoint: String?
        var roleArn: String?
        var ingress: String?
        var created: Date?
        /// `iac status`: the cluster's snapshots (absent when not listed).
        var snapshots: [SnapshotLine]?
        /// Who the credentials are and their source (``ClusterSummary/identity``).
        var identity: String?

        init(_ summary: ClusterSummary) {
            target = summary.target.rawValue
            region = summary.region
            identifier = summary.identifier
            status = summary.status?.text
            nodeType = summary.nodeType
            nodes = summary.nodes
            endpoint = summary.endpoint?.text
            roleArn = summary.roleARN
            ingress = summary.ingress
            created = summary.created
            snapshots = summary.snapshots?.map(SnapshotLine.init)
            identity = summary.identity
        }
    }

    struct SnapshotLine: Encodable {
        var identifier: String
        var status: String
        var type: String?
        var created: Date?

        init(_ snapshot: ClusterSnapshotFact) {
            identifier = snapshot.identifier
            status = snapshot.status
            type = snapshot.type
            created = snapshot.created
        }
    }

    private struct CountsLine: Encodable {
        var event = "counts"
        var tables: [String: Int?]
        var at: Date
    }
}
