import ArgumentParser
import Config
import Console
import Foundation
import Runbook
import Sandbox

/// `sparkify console` — and `sparkify` alone on a terminal: the ncurses console on `--config`, else
/// `./dwh.cfg`, else the sandbox (started first when it is not running, its progress on the terminal).
/// SIGTERM and SIGHUP close it as quitting does — the terminal restored, the running step cancelled and
/// rolled back — then it says why on stderr and exits 143 / 129.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The ncurses console (what `sparkify` alone opens on a terminal): run the steps, watch every call.",
        discussion: "On --config FILE, else ./dwh.cfg, else the sandbox (started when it is not running). Press ? inside for the keys.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Sandbox state directory (default: $XDG_STATE_HOME/sparkify or ~/.local/state/sparkify).",
                                            valueName: "DIR"))
    var state: String?

    func run() async throws {
        try await Self.open(global, state: state)
    }

    /// Opens the console on the config in force (see ``ConfigSource``).
    static func open(_ global: GlobalOptions, state: String?) async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.stderr("error: the console needs a terminal; in scripts use the headless commands (sparkify --help)")
            throw ExitCode(ExitStatus.usage)
        }
        let source = ConfigSource.find(global.config, state: state)
        let path: String
        if case .file(let file) = source { path = file } else { path = try await startSandbox(state: state) }
        let inbox = EventInbox()
        let world: RunbookWorld
        do {
            world = try RunbookWorld.make(config: try ConfigSource.load(path), report: inbox.post)
        } catch {
            throw Output.fail(error, status: ExitStatus.usage)
        }
        let session = RunbookSession(work: StepWork(world: world), onEvent: inbox.post)
        // The console's loop notices a signal within a tick and returns, as if the operator had quit.
        let signals = SignalCancellation { _ in }
        defer { signals.stop() }
        let failure: String? = await withCheckedContinuation { continuation in
            let thread = Thread {
                // The console's own thread: the only one that touches ncurses.
                do {
                    let screen = try NcursesScreen()
                    let app = ConsoleApp(screen: screen, session: session, inbox: inbox,
                                         model: ConsoleModel(target: source.label, now: Date(), borders: screen.borders),
                                         sqlHistoryFile: (state ?? SandboxPaths.defaultState()) + "/sql_history")
                    app.run(until: { _ in signals.received != nil })
                    screen.close()
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: "\(error)")
                }
            }
            thread.name = "sparkify.console"
            thread.start()
        }
        if let failure {
            Output.stderr("error: \(failure)")
            throw ExitCode(ExitStatus.failed)
        }
        // The terminal is restored. A signal leaves as quitting does: the running step cancelled.
        let cancelled = signals.received != nil ? session.engine.runningLongStep : nil
        if cancelled != nil { session.cancel() }
        // Quitting with a stage running cancelled it: let it roll back before the process ends.
        await session.settled()
        if let warning = session.engine.exitWarning(at: Date()) { Output.stderr("warning: " + warning) }
        if let signal = signals.received, let status = signals.exitStatus {
            Output.stderr("sparkify: the console closed on \(SignalCancellation.name(signal))"
                + (cancelled.map { "; \($0.label) was cancelled and rolled back" } ?? ""))
            throw ExitCode(status)
        }
    }

    /// No config: the sandbox's profile, starting the sandbox first (its progress on the terminal).
    private static func startSandbox(state: String?) async throws -> String {
        let control = SandboxControl(state: state ?? SandboxPaths.defaultState())
        if (try? control.status())?.running != true {
            Output.stderr("no ./dwh.cfg: starting the sandbox (moto_server + a private PostgreSQL, generated data)…")
            let reporter = ProgressReporter(quiet: false)
            _ = try await SandboxCLI.cancellable { try await control.up(SandboxRequest(), events: reporter.report) }
            reporter.finish()
        }
        return control.paths.profile
    }
}
