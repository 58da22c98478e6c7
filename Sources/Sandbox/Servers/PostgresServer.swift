import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in a directory of its own, listening on 127.0.0.1 only, with password
/// (SCRAM) authentication. `initdb` once, then `pg_ctl start` / `stop`; the server outlives the
/// sparkify process that started it. Works as a normal user and as root (see ``ServerAccount``).
///
/// Layout under ``Configuration/directory``: `data/` (the cluster), `run/` (its Unix socket),
/// `postgres.log`.
public struct PostgresServer: Sendable {
    public struct Configuration: Sendable {
        /// Holds the cluster; created if missing.
        public var directory: String
        public var port: Int
        /// The superuser initdb creates, and the database created for it.
        public var user: String
        public var database: String
        public var password: Secret
        /// false: fsync and synchronous commit off, for throwaway test clusters.
        public var durable: Bool

        public init(directory: String, port: Int, user: String, database: String, password: Secret,
                    durable: Bool = true) {
            self.directory = directory
            self.port = port
            self.user = user
            self.database = database
            self.password = password
            self.durable = durable
        }
    }

    public let configuration: Configuration
    let installation: PostgresInstallation
    let account: ServerAccount

    /// Finds the binaries and the account to run as; throws (with the fix) when PostgreSQL is missing.
    public init(_ configuration: Configuration, installation: PostgresInstallation? = nil) throws(SandboxError) {
        self.configuration = configuration
        if let installation { self.installation = installation } else { self.installation = try .find() }
        self.account = try .forPostgres()
    }

    /// How clients reach it.
    public var settings: DatabaseSettings {
        DatabaseSettings(host: "127.0.0.1", port: configuration.port, database: configuration.database,
                         user: configuration.user, password: configuration.password)
    }

    var dataDirectory: String { configuration.directory + "/data" }
    var socketDirectory: String { configuration.directory + "/run" }
    /// The server's log: what to read when it does not start.
    public var logFile: String { configuration.directory + "/postgres.log" }

    /// Whether `initdb` has run here.
    public var isInitialized: Bool { FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") }

    /// The postmaster's pid while it runs.
    public var postmasterPID: pid_t? { Self.runningPostmaster(directory: configuration.directory)?.pid }

    /// A running server's postmaster, per its `postmaster.pid` file.
    public struct Postmaster: Sendable, Equatable {
        public var pid: pid_t
        public var port: Int
    }

    /// The postmaster of the cluster under `directory` (laid out as ``Configuration/directory``) if it
    /// runs: its pid file names a live postgres process. Needs no binaries, so status works without them.
    public static func runningPostmaster(directory: String) -> Postmaster? {
        guard let text = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
              let postmaster = parsePIDFile(text), Subprocess.isAlive(postmaster.pid),
              Subprocess.commandLine(postmaster.pid)?.contains("postgres") == true else { return nil }
        return postmaster
    }

    /// `postmaster.pid`: line 1 the pid, line 4 the port.
    static func parsePIDFile(_ text: String) -> Postmaster? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, let pid = pid_t(lines[0]), let port = Int(lines[3]) else { return nil }
        return Postmaster(pid: pid, port: port)
    }

    /// Whether the server runs (per `pg_ctl status`).
    public func isRunning() async throws -> Bool {
        try await onOwnThread("pg-status") { try runningNow() }
    }

    /// Initializes the cluster if needed and starts it; creates the database on first start.
    public func start() async throws(SandboxError) {
        do {
            try await onOwnThread("pg-start") { try startNow() }
        } catch let error as SandboxError { throw error } catch { throw .state(path: configuration.directory, reason: "\(error)") }
    }

    /// Stops the server (fast shutdown: open sessions are ended) and waits until it is gone.
    public func stop() async throws(SandboxError) {
        do {
            try await onOwnThread("pg-stop") { try stopNow() }
        } catch let error as SandboxError { throw error } catch { throw .state(path: configuration.directory, reason: "\(error)") }
    }

    /// Stops the server, blocking the calling thread: for process-exit handlers, which cannot await.
    public func stopBlocking() {
        try? stopNow()
    }

    // MARK: - Blocking steps (run on a thread of their own, or at process exit)

    func runningNow() throws(SandboxError) -> Bool {
        guard isInitialized else { return false }
        let outcome = try Subprocess.run(account.command([installation.pgCtl, "status", "-D", dataDirectory]),
                                         directory: configuration.directory)
        return outcome.status == 0
    }

    func startNow() throws(SandboxError) {
        let firstStart = !isInitialized
        if firstStart { try initializeNow() }
        guard LoopbackPort.isFree(configuration.port) else {
            throw .portBusy(port: configuration.port, service: "PostgreSQL",
                            hint: "Stop what listens there or choose another port.")
        }
        let logStart = LogFile.size(logFile)
        let start = try Subprocess.run(account.command([
            installation.pgCtl, "start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60",
            "-o", PostgresServer.serverOptions(configuration, socketDirectory: socketDirectory),
        ]), directory: configuration.directory)
        guard start.status == 0 else {
            let log = start.output + "\n" + LogFile.tail(logFile, since: logStart)
            if LogFile.saysAddressInUse(log) {
                throw .portBusy(port: configuration.port, service: "PostgreSQL",
                                hint: "Another program took it as PostgreSQL started; choose another port.")
            }
            throw .notReady(service: "PostgreSQL on port \(configuration.port)", seconds: 60, log: log)
        }
        if firstStart && configuration.database != "postgres" {
            do {
                try Subprocess.check([installation.createdb, "-h", "127.0.0.1", "-p", String(configuration.port),
                                      "-U", configuration.user, configuration.database],
                                     environment: ["PGPASSWORD": configuration.password.reveal()],
                                     directory: configuration.directory)
            } catch {
                // Leave no half-made cluster: the next start begins again with initdb.
                try? stopNow()
                try? FileManager.default.removeItem(atPath: dataDirectory)
                throw error
            }
        }
    }

    func stopNow() throws(SandboxError) {
        guard try runningNow() else { return }
        try Subprocess.check(account.command([installation.pgCtl, "stop", "-D", dataDirectory, "-m", "fast",
                                              "-w", "-t", "60"]), directory: configuration.directory)
    }

    /// `initdb` with the password in a 0600 file that is removed right after.
    func initializeNow() throws(SandboxError) {
        let directory = configuration.directory
        guard account.canReach(directory) else {
            throw .state(path: directory, reason: "the postgres account cannot enter it (as root, keep the "
                         + "cluster outside a private home directory, e.g. under /tmp or /var/lib/postgresql)")
        }
        let socketPath = socketDirectory + "/.s.PGSQL.\(configuration.port)"
        guard socketPath.utf8.count < 108 else {
            throw .state(path: directory, reason: "the path is too long for a Unix socket; choose a shorter one")
        }
        do {
            // Parents keep the default mode (the server's account must pass through them).
            let parent = (directory as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            for path in [directory, socketDirectory] where !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
            }
        } catch { throw .state(path: directory, reason: "cannot create it: \(error.localizedDescription)") }
        try account.own(directory)
        try account.own(socketDirectory)
        try? FileManager.default.removeItem(atPath: dataDirectory)  // a half-done earlier initdb
        let passwordFile = directory + "/initdb.pw"
        try PrivateFile.write(configuration.password.reveal() + "\n", to: passwordFile)
        defer { unlink(passwordFile) }
        try account.own(passwordFile)
        try Subprocess.check(account.command([
            installation.initdb, "-D", dataDirectory, "-U", configuration.user, "--pwfile=" + passwordFile,
            "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
        ]), directory: directory)
    }

    /// The postgres command-line options `pg_ctl -o` passes through a shell: port, socket directory,
    /// loopback only, tuned as a private load server (and, for throwaway clusters, no fsync).
    ///
    /// Nothing replicates from or archives this server, so it writes only the WAL needed for crash
    /// recovery (`wal_level = minimal`, which requires `max_wal_senders = 0`): a table created or
    /// truncated in the same transaction as its rows is then written without logging them, which the
    /// transforms and staging loads do. Crash safety stays: a durable cluster keeps fsync.
    static func serverOptions(_ configuration: Configuration, socketDirectory: String) -> String {
        var options = ["-p \(configuration.port)", "-k \(shellQuoted(socketDirectory))",
                       "-c listen_addresses=127.0.0.1", "-c wal_level=minimal", "-c max_wal_senders=0",
                       // The test suite runs hundreds of tests at once against one server (100 is too few).
                       "-c max_connections=300"]
        if !configuration.durable {
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        }
        return options.joined(separator: " ")
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
