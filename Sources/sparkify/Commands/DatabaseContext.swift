import ArgumentParser
import Config
import Foundation
import Sandbox
import Warehouse

/// What the database commands (create-tables, counts, …) share: the config found as PRODUCT §5 says,
/// the `[CLUSTER]` settings, a connection, and the error → exit code mapping.
struct DatabaseContext {
    let config: DWHConfig
    let settings: DatabaseSettings
    let global: GlobalOptions

    /// `--config FILE`, else `./dwh.cfg`, else the running sandbox's profile. A missing or bad config is a
    /// usage error (exit 2).
    init(_ global: GlobalOptions) throws {
        self.global = global
        do {
            guard let path = Self.configPath(global) else {
                throw ConfigError.unreadable(path: "dwh.cfg", reason: "no such file: pass --config FILE, create ./dwh.cfg, or run `sparkify sandbox up`")
            }
            config = try DWHConfig.load(path: path)
            if let warning = DWHConfig.permissionWarning(path: path, config: config) { Self.stderr("warning: " + warning) }
            settings = try DatabaseSettings(config: config)
        } catch {
            Self.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    static func configPath(_ global: GlobalOptions) -> String? {
        if let path = global.config { return path }
        if FileManager.default.fileExists(atPath: "dwh.cfg") { return "dwh.cfg" }
        let profile = SandboxPaths(state: SandboxPaths.defaultState()).profile
        return FileManager.default.fileExists(atPath: profile) ? profile : nil
    }

    /// Connects (dialect detected unless forced); failures exit 1.
    func connect(dialect: Dialect?) async throws -> Connection {
        try await perform { () async throws(DatabaseError) in try await Connection.open(settings, dialect: dialect) }
    }

    /// Runs database work; a DatabaseError is printed in full and exits 1 (130 when cancelled).
    func perform<T>(_ work: () async throws(DatabaseError) -> T) async throws -> T {
        do {
            return try await work()
        } catch {
            Self.stderr("error: \(error)")
            throw ExitCode(error.isCancellation ? ExitStatus.cancelled : ExitStatus.failed)
        }
    }

    static func stderr(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// `--dialect` for commands that talk to a database: forces what `version()` would detect.
struct DialectOption: ParsableArguments {
    @Option(name: .customLong("dialect"), help: "Force the SQL dialect (redshift|postgres) instead of detecting it.")
    var forced: Dialect?
}
