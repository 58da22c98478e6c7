import Config
import Foundation

/// Whether a sandbox runs, and where: what `sandbox status` prints.
public struct SandboxStatus: Sendable, Equatable {
    /// nil: no sandbox was ever brought up in this state directory.
    public var state: SandboxState?
    public var postgresRunning: Bool
    public var motoRunning: Bool

    public init(state: SandboxState?, postgresRunning: Bool, motoRunning: Bool) {
        self.state = state
        self.postgresRunning = postgresRunning
        self.motoRunning = motoRunning
    }

    public var running: Bool { state != nil && postgresRunning && motoRunning }

    /// The one-line JSON contract of PRODUCT §5 (keys in this order; never the password):
    /// `{"running": true, "aws_endpoint": "http://127.0.0.1:PORT", "bucket": "udacity-dend",
    /// "postgres": {"host": "127.0.0.1", "port": N, "database": "...", "user": "..."}, "config": "/path"}`.
    public var json: String {
        guard let state else { return #"{"running": false}"# }
        let postgres = #"{"host": \#(JSONWriting.string(state.postgres.host)), "port": \#(state.postgres.port), "#
            + #""database": \#(JSONWriting.string(state.postgres.database)), "user": \#(JSONWriting.string(state.postgres.user))}"#
        return #"{"running": \#(running), "aws_endpoint": \#(JSONWriting.string(state.endpoint)), "#
            + #""bucket": \#(JSONWriting.string(state.bucket)), "postgres": \#(postgres), "#
            + #""config": \#(JSONWriting.string(state.profile))}"#
    }

    /// Lines for people.
    public var lines: [String] {
        guard let state else { return ["sandbox: not set up (run `sparkify sandbox up`)"] }
        let verdict = running ? "running" : postgresRunning || motoRunning ? "partly running (run `sparkify sandbox up` to repair, or `down`)" : "stopped (run `sparkify sandbox up`)"
        func mark(_ up: Bool) -> String { up ? "up  " : "down" }
        var lines = [
            "sandbox: \(verdict)",
            "  PostgreSQL  \(mark(postgresRunning))  \(state.postgres.host):\(state.postgres.port)  database \(state.postgres.database), user \(state.postgres.user)",
            "  moto        \(mark(motoRunning))  \(state.endpoint)  bucket s3://\(state.bucket)",
        ]
        if let seed = state.seed {
            lines.append("  data        \(SeedProgress.grouped(seed.files)) objects, \(ByteCount.text(seed.bytes)) (\(seed.source))")
        }
        lines.append("  profile     \(state.profile)")
        lines.append("  state       \(state.directory)")
        return lines
    }
}

/// Human byte counts: 812 B, 12.3 KB, 4.5 MB, 1.2 GB (powers of 1000, like S3's console).
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f ", value) + units[unit]
    }
}
