import ArgumentParser
import Config
import Console
import Foundation
import Runbook
import Sandbox

/// `sparkify console` — and `sparkify` alone on a terminal: the ncurses console on `--config`, else
/// `./dwh.cfg`, else the sandbox (started first when it is not running, its progress on the terminal).
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
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            DatabaseContext.stderr("error: the console needs a terminal; in scripts use the headless commands (sparkify --help)")
            throw ExitCode(ExitStatus.usage)
        }
        let (path, label) = try await configPath()
        let config: DWHConfig
        do {
            config = try DWHConfig.load(path: path)
            if let warning = DWHConfig.permissionWarning(path: path, config: config) { DatabaseContext.stderr("warning: " + warning) }
        } catch {
            DatabaseContext.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let inbox = EventInbox()
        let world: RunbookWorld
        do { world = try RunbookWorld.make(config: config, report: inbox.post) } catch {
            DatabaseContext.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let session = RunbookSession(work: StepWork(world: world), onEvent: inbox.post)
        let failure: String? = await withCheckedContinuation { continuation in
            let thread = Thread {
                // The console's own thread: the only one that touches ncurses.
                do {
                    let screen = try NcursesScreen()
                    let app = ConsoleApp(screen: screen, session: session, inbox: inbox,
                                         model: ConsoleModel(target: label, now: Date(), borders: screen.borders),
                                         sqlHistoryFile: (state ?? SandboxPaths.defaultState()) + "/sql_history")
                    app.run()
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
            DatabaseContext.stderr("error: \(failure)")
            throw ExitCode(ExitStatus.failed)
        }
        // Quitting with a stage running cancelled it: let it roll back before the process ends.
        await session.settled()
        if let warning = session.engine.exitWarning(at: Date()) { DatabaseContext.stderr("warning: " + warning) }
    }

    /// The config in force and what the header calls it; starts the sandbox when there is no config.
    private func configPath() async throws -> (String, String) {
        if let path = global.config { return (path, path) }
        if FileManager.default.fileExists(atPath: "dwh.cfg") { return ("dwh.cfg", "./dwh.cfg") }
        let control = SandboxControl(state: state ?? SandboxPaths.defaultState())
        if (try? control.status())?.running != true {
            DatabaseContext.stderr("no ./dwh.cfg: starting the sandbox (moto_server + a private PostgreSQL, generated data)…")
            let reporter = ProgressReporter(quiet: false)
            _ = try await SandboxCLI.cancellable { try await control.up(SandboxRequest(), events: reporter.report) }
            reporter.finish()
        }
        return (control.paths.profile, "sandbox")
    }
}
