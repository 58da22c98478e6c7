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
        let postgres = #"{"host": \#(JSONQuoting.string(state.postgres.host)), "port": \#(state.postgres.port), "#
            + #""database": \#(JSONQuoting.string(state.postgres.database)), "user": \#(JSONQuoting.string(state.postgres.user))}"#
        return #"{"running": \#(running), "aws_endpoint": \#(JSONQuoting.string(state.endpoint)), "#
            + #""bucket": \#(JSONQuoting.string(state.bucket)), "postgres": \#(postgres), "#
            + #""config": \#(JSONQuoting.string(state.profile))}"#
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

/// Quoting for the few strings the sandbox writes as JSON by hand (to keep key order literal).
enum JSONQuoting {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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
