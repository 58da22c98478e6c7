import ArgumentParser
import Config
import Foundation
import Warehouse

/// Step 4: prove the database answers — connect (TLS for every non-loopback host), `SELECT version()`,
/// and report the dialect and the round trip.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Step 4: connect to the warehouse database and show its version, dialect and latency.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Force the SQL dialect instead of detecting it from version(): redshift or postgres.")
    var dialect: Dialect?

    struct Result: Encodable {
        var event = "check"
        var host: String
        var port: Int
        var database: String
        var user: String
        var dialect: String
        var version: String
        var connectMs: Double
        var queryMs: Double
    }

    func run() async throws {
        let settings: DatabaseSettings
        do {
            guard let config = try global.loadConfig(warn: Self.stderr).config else {
                throw ConfigError.missing(location: "dwh.cfg",
                                          hint: "pass --config FILE, create ./dwh.cfg, or start the sandbox with `sparkify sandbox up`")
            }
            settings = try DatabaseSettings(config: config)
        } catch {
            Self.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let started = Date()
        do {
            let connection = try await Connection.open(settings, dialect: dialect)
            let connected = Date()
            let version = try await connection.execute("SELECT version()").rows.first?.first ?? nil
            let answered = Date()
            await connection.close()
            let result = Result(host: settings.host, port: settings.port, database: settings.database,
                                user: settings.user, dialect: connection.dialect.rawValue,
                                version: version ?? connection.serverVersion,
                                connectMs: Self.milliseconds(connected.timeIntervalSince(started)),
                                queryMs: Self.milliseconds(answered.timeIntervalSince(connected)))
            if global.json { JSONLine.print(result) } else if !global.quiet {
                print("4 connect    ok            \(settings.user)@\(settings.host):\(settings.port)/\(settings.database) — \(result.dialect)")
                print("             \(result.version)")
                print("             connect \(result.connectMs) ms, SELECT version() \(result.queryMs) ms")
            }
        } catch {
            Self.stderr("error: cannot reach \(settings.user)@\(settings.host):\(settings.port)/\(settings.database): \(error)")
            throw ExitCode(ExitStatus.failed)
        }
    }

    static func milliseconds(_ seconds: TimeInterval) -> Double { (seconds * 10_000).rounded() / 10 }

    static func stderr(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}

