import AWS
import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `sandbox up`, `status` and `down`: observes, asks ``SandboxPlan`` what to do, and carries it out —
/// starting PostgreSQL and moto_server, seeding the bucket, writing the state and the profile. A failed
/// or cancelled `up` stops whatever it had started.
public struct SandboxControl: Sendable {
    /// What `up` and `down` report while they work.
    public enum Event: Sendable, Equatable {
        /// A phase begins ("starting PostgreSQL on 127.0.0.1:5432").
        case step(String)
        /// Something worth knowing that changes nothing ("already running: reusing it").
        case note(String)
        case seeding(SeedProgress)
    }

    public struct UpOutcome: Sendable {
        public var state: SandboxState
        /// Everything was already running; nothing was started or seeded.
        public var reused: Bool
    }

    public static let bucket = "udacity-dend"
    /// Where the real bucket lives; moto accepts any region.
    public static let region = "us-west-2"
    static let database = "dwh"
    static let user = "dwhuser"

    /// Where the servers' programs are looked for.
    struct Tools: Sendable {
        var postgresRoot = "/usr/lib/postgresql"
        /// PATH, for moto_server.
        var path = ProcessInfo.processInfo.environment["PATH"]
    }

    public let paths: SandboxPaths
    let tools: Tools
    /// Makes the store seeding writes to; sparkify's S3 client unless a test swaps it.
    let makeStore: @Sendable (AWSSettings) -> any ObjectStore

    public init(state: String = SandboxPaths.defaultState()) {
        self.init(state: state, tools: Tools()) { S3Client(client: AWSClient(settings: $0)) }
    }

    init(state: String, tools: Tools, makeStore: @escaping @Sendable (AWSSettings) -> any ObjectStore) {
        self.paths = SandboxPaths(state: state)
        self.tools = tools
        self.makeStore = makeStore
    }

    // MARK: status

    public func status() throws(SandboxError) -> SandboxStatus {
        guard let state = try SandboxState.load(paths.state) else {
            return SandboxStatus(state: nil, postgresRunning: false, motoRunning: false)
        }
        return SandboxStatus(state: state,
                             postgresRunning: PostgresServer.runningPostmaster(directory: state.postgres.directory) != nil,
                             motoRunning: MotoServer.isRunning(pid: state.moto.pid, port: state.moto.port))
    }

    // MARK: up

    public func up(_ request: SandboxRequest,
                   events: @escaping @Sendable (Event) -> Void = { _ in }) async throws(SandboxError) -> UpOutcome {
        // Everything that can be wrong with the machine or the request is found before anything starts.
        let installation = try PostgresInstallation.find(root: tools.postgresRoot)
        let account = try ServerAccount.forPostgres()
        _ = try MotoServer(port: 0, logFile: paths.motoLog, path: tools.path)  // throws when it is not installed
        // Named data is checked even when the bucket is already seeded (a bad --data is always an error).
        var content = request.dataExplicit ? try SeedContent(request.data) : nil

        try createStateDirectory(account: account)
        let remembered = try SandboxState.load(paths.state)
        let clusterDirectory = remembered?.postgres.directory
            ?? paths.clusterDirectory(reachable: account.canReach(paths.state + "/postgres"), serverHome: account.home)
        let situation = SandboxPlan.Situation(
            state: remembered,
            runningPostgresPort: PostgresServer.runningPostmaster(directory: clusterDirectory)?.port,
            motoRunning: remembered.map { MotoServer.isRunning(pid: $0.moto.pid, port: $0.moto.port) } ?? false,
            clusterExists: FileManager.default.fileExists(atPath: clusterDirectory + "/data/PG_VERSION"),
            passwordExists: FileManager.default.fileExists(atPath: paths.passwordFile))
        let plan = try SandboxPlan.make(request, situation, isFree: LoopbackPort.isFree,
                                        freePort: LoopbackPort.free)
        if plan.seed && content == nil { content = try SeedContent(request.data) }

        var state = SandboxState(
            directory: paths.state,
            postgres: .init(host: "127.0.0.1", port: plan.postgres.port,
                            database: remembered?.postgres.database ?? Self.database,
                            user: remembered?.postgres.user ?? Self.user, directory: clusterDirectory),
            moto: .init(port: plan.moto.port, pid: remembered?.moto.pid ?? 0),
            bucket: Self.bucket, region: Self.region, seed: remembered?.seed)
        if plan.reusesEverything {
            events(.note("the sandbox is already running: reusing it (run `sparkify sandbox down` first to start afresh)"))
            try writeProfile(state)
            return UpOutcome(state: state, reused: true)
        }

        var started = StartedServers()
        do {
            let password = try ensurePassword()
            if plan.postgres.starts {
                state.postgres.port = try await startServer(
                    on: plan.postgres.port, picked: request.postgresPort == nil && remembered?.postgres.port != plan.postgres.port,
                    avoiding: nil) { port in
                    events(.step("starting PostgreSQL on 127.0.0.1:\(port)"))
                    let server = try PostgresServer(.init(directory: clusterDirectory, port: port,
                                                          user: state.postgres.user, database: state.postgres.database,
                                                          password: password), installation: installation)
                    started.postgres = server
                    try await server.start()
                }
            } else {
                events(.note("PostgreSQL already runs on 127.0.0.1:\(plan.postgres.port)"))
            }
            if plan.moto.starts {
                state.moto.port = try await startServer(
                    on: plan.moto.port, picked: request.motoPort == nil && remembered?.moto.port != plan.moto.port,
                    avoiding: state.postgres.port) { port in
                    events(.step("starting moto_server on 127.0.0.1:\(port)"))
                    let moto = try MotoServer(port: port, logFile: paths.motoLog, path: tools.path)
                    state.moto.pid = try await moto.start()
                    started.moto = (moto, state.moto.pid)
                }
            } else {
                events(.note("moto_server already runs on 127.0.0.1:\(plan.moto.port)"))
            }
            if plan.seed, let content {
                content.warnings.forEach { events(.note($0)) }
                events(.step("seeding s3://\(Self.bucket) from \(request.data)"))
                state.seed = nil
                try state.save()  // a crash while seeding leaves a state that `up` repairs
                let seeder = Seeder(store: makeStore(state.awsSettings), bucket: Self.bucket)
                let done = try await seeder.seed(content.files, count: content.count) { events(.seeding($0)) }
                state.seed = .init(source: request.data.description, files: done.filesDone, bytes: done.bytesDone,
                                   at: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            }
            try Task.checkCancellation()
            try state.save()
            try writeProfile(state)
            return UpOutcome(state: state, reused: false)
        } catch {
            events(.step("stopping what this run started"))
            await started.stop()
            if Task.isCancelled { throw .cancelled }
            if let error = error as? SandboxError { throw error }
            throw .state(path: paths.state, reason: "\(error)")
        }
    }

    // MARK: down

    /// Stops PostgreSQL and moto_server. Keeps the state directory (the cluster's data, the password,
    /// the ports) for the next `up`. Returns whether anything was running.
    @discardableResult
    public func down(events: @escaping @Sendable (Event) -> Void = { _ in }) async throws(SandboxError) -> Bool {
        guard let state = try SandboxState.load(paths.state) else {
            events(.note("no sandbox in \(paths.state): nothing to stop"))
            return false
        }
        var stopped = false
        if MotoServer.isRunning(pid: state.moto.pid, port: state.moto.port) {
            events(.step("stopping moto_server on 127.0.0.1:\(state.moto.port)"))
            await MotoServer.stop(pid: state.moto.pid, port: state.moto.port)
            stopped = true
        }
        if let postmaster = PostgresServer.runningPostmaster(directory: state.postgres.directory) {
            events(.step("stopping PostgreSQL on 127.0.0.1:\(postmaster.port)"))
            let server = try PostgresServer(.init(directory: state.postgres.directory, port: postmaster.port,
                                                  user: state.postgres.user, database: state.postgres.database,
                                                  password: Secret("")),  // stopping needs none
                                        installation: try PostgresInstallation.find(root: tools.postgresRoot))
            try await server.stop()
            stopped = true
        }
        if !stopped { events(.note("the sandbox was not running")) }
        return stopped
    }

    // MARK: pieces

    /// Starts a server on the plan's port and returns the port it listens on. When sparkify `picked`
    /// that port itself (no option asked for it, no earlier run used it) and another program takes it
    /// before the server binds it, the server starts on another free port instead of failing.
    private func startServer(on planned: Int, picked: Bool, avoiding taken: Int?,
                             _ start: (Int) async throws -> Void) async throws -> Int {
        do {
            try await start(planned)
            return planned
        } catch SandboxError.portBusy where picked {
            return try await LoopbackPort.startOnFreePort(avoiding: taken) { port in
                try await start(port)
                return port
            }
        }
    }

    /// 0700 for a normal user; as root 0711, so the postgres account can pass through to the cluster
    /// (the files that hold secrets are 0600 either way).
    private func createStateDirectory(account: ServerAccount) throws(SandboxError) {
        let mode: Int = account == .current ? 0o700 : 0o711
        do {
            try FileManager.default.createDirectory(atPath: paths.state, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: paths.state)
        } catch {
            throw .state(path: paths.state, reason: "cannot create it: \(error.localizedDescription)")
        }
    }

    /// The cluster's password: generated once, kept in a 0600 file.
    private func ensurePassword() throws(SandboxError) -> Secret {
        if FileManager.default.fileExists(atPath: paths.passwordFile) {
            return try SandboxState.readPassword(paths.passwordFile)
        }
        let password = GeneratedPassword.make()
        try PrivateFile.write(password.reveal() + "\n", to: paths.passwordFile)
        return password
    }

    private func writeProfile(_ state: SandboxState) throws(SandboxError) {
        try PrivateFile.write(SandboxProfile.render(state, password: try state.password()), to: paths.profile)
    }
}

/// What one `up` started, to stop again if a later step fails.
private struct StartedServers {
    var postgres: PostgresServer?
    var moto: (server: MotoServer, pid: pid_t)?

    func stop() async {
        if let moto { await moto.server.stop(pid: moto.pid) }
        if let postgres { try? await postgres.stop() }
    }
}
