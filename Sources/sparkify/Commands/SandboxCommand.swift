import ArgumentParser
import Foundation
import Sandbox
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `sparkify sandbox up|status|down`: the loopback stand-in for AWS and Redshift (PRODUCT §2, §5).
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run everything on loopback: moto_server for AWS, a private PostgreSQL for Redshift.",
        subcommands: [Up.self, Status.self, Seed.self, Down.self])

    struct StateOption: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("State directory (default: $XDG_STATE_HOME/sparkify or ~/.local/state/sparkify).",
                                                valueName: "DIR"))
        var state: String?

        var control: SandboxControl { SandboxControl(state: state ?? SandboxPaths.defaultState()) }
    }

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start PostgreSQL and moto_server, seed s3://udacity-dend, write the profile config.",
            discussion: "Reuses a running sandbox. Default data: generated at scale 1.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var where_: StateOption
        @Option(name: .long, help: ArgumentHelp("Upload exactly the files of DIR (it must hold log_data/).", valueName: "DIR"))
        var data: String?
        @Option(name: .long, help: "Generate the data at this scale (1 = the real data's size).")
        var scale: Double?
        @Option(name: .long, help: "Seed of the generated data.")
        var seed: UInt64?
        @Option(name: .customLong("pg-port"), help: "PostgreSQL's port (default: the last one, else a free one).")
        var pgPort: Int?
        @Option(name: .customLong("moto-port"), help: "moto_server's port (default: the last one, else a free one).")
        var motoPort: Int?

        func run() async throws {
            if data != nil && (scale != nil || seed != nil) {
                throw SandboxCLI.usage("--data uploads a directory as it is: it takes no --scale or --seed")
            }
            for (name, port) in [("--pg-port", pgPort), ("--moto-port", motoPort)] {
                if let port, !(1...65535).contains(port) { throw SandboxCLI.usage("\(name) must be a port, 1-65535") }
            }
            let source: SeedSource = data.map { .directory(URL(fileURLWithPath: $0).standardizedFileURL.path) }
                ?? .generated(scale: scale ?? 1, seed: seed ?? DataGenerator.defaultSeed)
            let request = SandboxRequest(data: source, dataExplicit: data != nil || scale != nil || seed != nil,
                                         postgresPort: pgPort, motoPort: motoPort)
            let control = where_.control
            let reporter = ProgressReporter(quiet: global.quiet)
            let outcome = try await SandboxCLI.cancellable {
                try await control.up(request, events: reporter.report)
            }
            reporter.finish()
            let status = try control.status()
            if global.json {
                print(status.json)
            } else if !global.quiet {
                status.lines.forEach { print($0) }
                if !outcome.reused {
                    print("Use it: sparkify --config \(outcome.state.profile) …  (`sparkify sandbox down` stops it)")
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the sandbox runs, and where.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var where_: StateOption

        func run() async throws {
            let status = try SandboxCLI.reporting { () throws(SandboxError) in try where_.control.status() }
            if global.json { print(status.json) } else { status.lines.forEach { print($0) } }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a directory's files to the running sandbox's bucket (at their paths relative to it).",
            discussion: "E.g. `sparkify generate --out new --days 21..25` then `sparkify sandbox seed --data new`, "
                + "and `sparkify etl --incremental` picks them up.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var where_: StateOption
        @Option(name: .long, help: ArgumentHelp("The directory whose files to add (keys: their paths relative to it).", valueName: "DIR"))
        var data: String

        func run() async throws {
            let control = where_.control
            let reporter = ProgressReporter(quiet: global.quiet)
            let directory = URL(fileURLWithPath: data).standardizedFileURL.path
            let done = try await SandboxCLI.cancellable { try await control.seed(directory: directory, events: reporter.report) }
            reporter.finish()
            if global.json {
                print(#"{"seeded": \#(done.filesDone), "bytes": \#(done.bytesDone), "bucket": "\#(SandboxControl.bucket)"}"#)
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop PostgreSQL and moto_server (the state directory is kept for the next `up`).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var where_: StateOption

        func run() async throws {
            let control = where_.control
            let reporter = ProgressReporter(quiet: global.quiet)
            let stopped = try await SandboxCLI.cancellable { try await control.down(events: reporter.report) }
            if global.json {
                print(#"{"running": false, "stopped": \#(stopped)}"#)
            } else if !global.quiet {
                print(stopped ? "sandbox: stopped" : "sandbox: not running")
            }
        }
    }
}

/// Error reporting and cancellation shared by the sandbox subcommands.
enum SandboxCLI {
    /// A message on stderr, then exit 2.
    static func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("sparkify: \(message)\n".utf8))
        return ExitCode(ExitStatus.usage)
    }

    /// Runs `body`; a ``SandboxError`` becomes one message on stderr and exit code 2 (machine set-up or
    /// input) or 1 (a failure while running), 130 when cancelled.
    static func reporting<T>(_ body: () throws(SandboxError) -> T) throws -> T {
        do { return try body() } catch { throw exit(for: error) }
    }

    /// Runs `body` in a task that Ctrl-C (SIGINT) cancels, so a cancelled `up` stops what it started.
    static func cancellable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { task.cancel() }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        do { return try await task.value } catch {
            throw exit(for: error as? SandboxError ?? .state(path: "", reason: "\(error)"))
        }
    }

    private static func exit(for error: SandboxError) -> ExitCode {
        FileHandle.standardError.write(Data("sparkify: \(error)\n".utf8))
        if case .cancelled = error { return ExitCode(ExitStatus.cancelled) }
        return ExitCode(error.isUsageError ? ExitStatus.usage : ExitStatus.failed)
    }
}

/// Phases and seeding progress on stderr: a live line when stderr is a terminal, else one line per
/// phase and a summary.
final class ProgressReporter: Sendable {
    private let quiet: Bool
    private let live = isatty(STDERR_FILENO) == 1
    private struct Shown {
        var seedingSince: Date?
        var lastDraw = Date.distantPast
        var lineOpen = false
        var last: SeedProgress?
    }
    private let shown = Mutex(Shown())

    init(quiet: Bool) { self.quiet = quiet }

    @Sendable func report(_ event: SandboxControl.Event) {
        guard !quiet else { return }
        shown.withLock { shown in
            switch event {
            case .step(let text), .note(let text):
                closeLine(&shown)
                write("sandbox: \(text)\n")
            case .seeding(let progress):
                shown.last = progress
                let now = Date()
                if shown.seedingSince == nil { shown.seedingSince = now }
                guard live, now.timeIntervalSince(shown.lastDraw) > 0.1 || progress.filesDone == progress.fileCount
                else { return }
                shown.lastDraw = now
                shown.lineOpen = true
                write("\r\u{1B}[Ksandbox: seeding \(progress.text)")
            }
        }
    }

    /// Ends the live line and prints the seeding summary.
    func finish() {
        guard !quiet else { return }
        shown.withLock { shown in
            closeLine(&shown)
            if let last = shown.last, let since = shown.seedingSince {
                let seconds = String(format: "%.1f", Date().timeIntervalSince(since))
                write("sandbox: seeded \(last.text) (\(seconds) s)\n")
            }
        }
    }

    private func closeLine(_ shown: inout Shown) {
        if shown.lineOpen { write("\n") }
        shown.lineOpen = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
