import Config
import Foundation

/// Stand-in until TestSupport.TestServers.postgres() lands in main: initdb + pg_ctl in a temp directory
/// (via runuser when root, as initdb refuses root), trust auth on loopback, stopped at process exit.
actor InterimPostgres {
    static let shared = InterimPostgres()
    private var started: DatabaseSettings?

    func settings() throws -> DatabaseSettings {
        if let started { return started }
        let binaries = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]
            .first { FileManager.default.fileExists(atPath: $0 + "/initdb") } ?? "/usr/lib/postgresql/15/bin"
        let directory = "/tmp/sparkify-warehouse-test-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let isRoot = getuid() == 0
        if isRoot { try run("/bin/chown", ["postgres", directory], asPostgres: false) }
        let port = 20000 + Int(getpid() % 20000)
        try run(binaries + "/initdb", ["-D", directory + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                       "--locale=C.UTF-8"], asPostgres: isRoot)
        try run(binaries + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                                       "-k \(directory) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                asPostgres: isRoot)
        let stop = "\(isRoot ? "runuser -u postgres -- " : "")\(binaries)/pg_ctl -D \(directory)/data -m immediate stop >/dev/null 2>&1; rm -rf \(directory)"
        InterimCleanup.command = stop
        atexit { _ = system(InterimCleanup.command) }
        let settings = DatabaseSettings(host: "127.0.0.1", port: port, database: "postgres", user: "postgres", password: nil)
        started = settings
        return settings
    }

    /// `system()`: Foundation's Process did not notice runuser's exit inside the test runner here.
    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws {
        let words = (asPostgres ? ["runuser", "-u", "postgres", "--", tool] : [tool]) + arguments
        let command = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system(command + " >/dev/null 2>&1")
        guard status == 0 else {
            throw InterimPostgresFailed(description: "\(tool) exited with \(status)")
        }
    }
}

struct InterimPostgresFailed: Error, CustomStringConvertible {
    var description: String
}

enum InterimCleanup {
    nonisolated(unsafe) static var command = ""
}
