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

        func validate() throws {
            if data != nil && (scale != nil || seed != nil) {
                throw ValidationError("--data uploads a directory as it is: it takes no --scale or --seed")
            }
            for (name, port) in [("--pg-port", pgPort), ("--moto-port", motoPort)] {
                if let port, !(1...65535).contains(port) { throw ValidationError("\(name) must be a port, 1-65535") }
            }
        }

        func run() async throws {
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
    /// Runs `body`; a ``SandboxError`` becomes one message on stderr and exit code 2 (machine set-up or
    /// input) or 1 (a failure while running), 130 when cancelled.
    static func reporting<T>(_ body: () throws(SandboxError) -> T) throws -> T {
        do { return try body() } catch { throw exit(for: error) }
    }

    /// Runs `body` in a task that SIGINT, SIGTERM and SIGHUP cancel, so a cancelled `up` stops what it
    /// started; cancelled, it exits 128 + the signal (130 for Ctrl-C).
    static func cancellable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let (result, signalled) = await SignalCancellation.cancelling(body)
        do { return try result.get() } catch {
            throw exit(for: error as? SandboxError ?? .state(path: "", reason: "\(error)"), signalled: signalled)
        }
    }

    private static func exit(for error: SandboxError, signalled: Int32? = nil) -> ExitCode {
        Output.stderr("sparkify: \(error)")
        if case .cancelled = error { return ExitCode(signalled ?? ExitStatus.cancelled) }
        return ExitCode(error.isUsageError ? ExitStatus.usage : ExitStatus.failed)
    }
}

/// Phases and seeding progress on stderr: the live line (``Output/live``) when stderr is a terminal,
/// one line per phase and a summary.
final class ProgressReporter: Sendable {
    private let quiet: Bool
    private struct Seeding {
        var since: Date?
        var last: SeedProgress?
    }
    private let seeding = Mutex(Seeding())

    init(quiet: Bool) { self.quiet = quiet }

    @Sendable func report(_ event: SandboxControl.Event) {
        guard !quiet else { return }
        switch event {
        case .step(let text), .note(let text):
            Output.stderr("sandbox: \(text)")
        case .seeding(let progress):
            seeding.withLock { seeding in
                seeding.last = progress
                if seeding.since == nil { seeding.since = Date() }
            }
            Output.live?.show("sandbox: seeding \(progress.text)", force: progress.filesDone == progress.fileCount)
        }
    }

    /// Ends the live line and prints the seeding summary.
    func finish() {
        guard !quiet else { return }
        Output.live?.clear()
        let (last, since) = seeding.withLock { ($0.last, $0.since) }
        if let last, let since {
            Output.stderr("sandbox: seeded \(last.text) (\(String(format: "%.1f", Date().timeIntervalSince(since))) s)")
        }
    }
}
