import ArgumentParser
import Config
import Foundation
import Sandbox

/// Flags every command takes (PRODUCT §5), and `sparkify` itself (then they open the console).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: ./dwh.cfg, else the running sandbox's profile).")
    var config: String?

    @Flag(name: .long, help: "One JSON object per line on stdout: events and results.")
    var json = false

    @Flag(name: .long, help: "Print only results and errors.")
    var quiet = false

    /// The config in force for a headless command (see ``ConfigSource/find(_:state:fileManager:)``).
    var source: ConfigSource { ConfigSource.find(config) }

    /// Loads the config in force, warning on stderr when a file holding secrets is readable by others;
    /// nil when there is none (built-in defaults + env). Errors name the file, line and key.
    func loadConfig() throws(ConfigError) -> DWHConfig? {
        guard let path = source.path else { return nil }
        return try ConfigSource.load(path)
    }

    /// The config in force, or exit 2 saying how to get one.
    func requireConfig() throws -> DWHConfig {
        do {
            guard let config = try loadConfig() else {
                throw ConfigError.unreadable(path: "dwh.cfg",
                                             reason: "no such file: pass --config FILE, create ./dwh.cfg, or run `sparkify sandbox up`")
            }
            return config
        } catch {
            throw Output.fail(error, status: ExitStatus.usage)
        }
    }
}

/// Where the config in force comes from — the one resolver of every command and the console:
/// `--config FILE`, else `./dwh.cfg`, else the profile of the sandbox running in the state directory.
enum ConfigSource: Equatable {
    /// `--config FILE` or `./dwh.cfg`.
    case file(String)
    /// The running sandbox's profile.
    case sandbox(profile: String)
    /// None: headless commands use built-in defaults or stop; the console starts the sandbox.
    case none

    /// `state`: the sandbox state directory (default: the user's).
    static func find(_ explicit: String?, state: String? = nil, fileManager: FileManager = .default) -> ConfigSource {
        if let explicit { return .file(explicit) }
        if fileManager.fileExists(atPath: "dwh.cfg") { return .file("dwh.cfg") }
        let sandbox = SandboxPaths(state: state ?? SandboxPaths.defaultState())
        // A profile without its state file is left over from a sandbox that is gone.
        if fileManager.fileExists(atPath: sandbox.stateFile), fileManager.fileExists(atPath: sandbox.profile) {
            return .sandbox(profile: sandbox.profile)
        }
        return .none
    }

    var path: String? {
        switch self {
        case .file(let path), .sandbox(let path): return path
        case .none: return nil
        }
    }

    /// What the console's header calls it.
    var label: String {
        switch self {
        case .file(let path): return path == "dwh.cfg" ? "./dwh.cfg" : path
        case .sandbox, .none: return "sandbox"
        }
    }

    /// Loads `path`, warning on stderr when a file holding secrets is readable by others.
    static func load(_ path: String) throws(ConfigError) -> DWHConfig {
        let config = try DWHConfig.load(path: path)
        if let warning = DWHConfig.permissionWarning(path: path, config: config) { Output.stderr("warning: " + warning) }
        return config
    }
}
