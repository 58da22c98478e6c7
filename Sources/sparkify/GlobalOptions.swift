import ArgumentParser
import Config
import Foundation
import Sandbox

/// Flags every command takes (PRODUCT §5).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: ./dwh.cfg, else the running sandbox's profile).")
    var config: String?

    @Flag(name: .long, help: "One JSON object per line on stdout: events and results.")
    var json = false

    @Flag(name: .long, help: "Print only results and errors.")
    var quiet = false

    /// The config file in force: `--config`, else `./dwh.cfg`, else the profile of the sandbox in the
    /// default state directory when one is running; nil when there is none (built-in defaults + env).
    func configPath(fileManager: FileManager = .default) -> String? {
        if let config { return config }
        if fileManager.fileExists(atPath: "dwh.cfg") { return "dwh.cfg" }
        let sandbox = SandboxPaths(state: SandboxPaths.defaultState())
        if fileManager.fileExists(atPath: sandbox.stateFile), fileManager.fileExists(atPath: sandbox.profile) {
            return sandbox.profile
        }
        return nil
    }

    /// Loads the config in force (see ``configPath``), warning on stderr when a file holding secrets is
    /// readable by others. Errors name the file, line and key.
    func loadConfig(warn: (String) -> Void) throws(ConfigError) -> (path: String?, config: DWHConfig?) {
        guard let path = configPath() else { return (nil, nil) }
        let config = try DWHConfig.load(path: path)
        if let warning = DWHConfig.permissionWarning(path: path, config: config) { warn("warning: " + warning) }
        return (path, config)
    }
}

/// Exit codes of PRODUCT §5.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let cancelled: Int32 = 130
}
