import ArgumentParser
import Config
import Foundation

/// Flags every command takes (PRODUCT §5).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: ./dwh.cfg, else the running sandbox's profile).")
    var config: String?

    @Flag(name: .long, help: "One JSON object per line on stdout: events and results.")
    var json = false

    @Flag(name: .long, help: "Print only results and errors.")
    var quiet = false
}

/// Exit codes of PRODUCT §5.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let cancelled: Int32 = 130
}
