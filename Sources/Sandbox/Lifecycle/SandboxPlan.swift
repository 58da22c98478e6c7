/// What `sandbox up` will do, decided from what it found — before anything starts, so a busy port or
/// a conflicting request stops it with nothing half-started. Pure: port probes are passed in.
struct SandboxPlan: Equatable {
    enum Server: Equatable {
        /// Already running there: leave it.
        case keep(port: Int)
        /// Start it there.
        case start(port: Int)

        var port: Int {
            switch self {
            case .keep(let port), .start(let port): return port
            }
        }

        var starts: Bool { if case .start = self { true } else { false } }
    }

    var postgres: Server
    var moto: Server
    /// Whether to (re)create the bucket and upload the data (moto keeps objects in memory only).
    var seed: Bool

    /// Nothing to do: `up` on a running sandbox.
    var reusesEverything: Bool { !postgres.starts && !moto.starts && !seed }

    /// What `up` found in the state directory and the process table.
    struct Situation: Equatable {
        var state: SandboxState?
        /// The port of the cluster's running postmaster; nil when it does not run.
        var runningPostgresPort: Int?
        /// Whether the remembered moto_server process is alive on its port.
        var motoRunning: Bool
        var clusterExists: Bool
        var passwordExists: Bool
    }

    static func make(_ request: SandboxRequest, _ situation: Situation, isFree: (Int) -> Bool,
                     freePort: () throws(SandboxError) -> Int) throws(SandboxError) -> SandboxPlan {
        let state = situation.state

        let postgres: Server
        if let running = situation.runningPostgresPort {
            try ensureSame(asked: request.postgresPort, running: running, service: "PostgreSQL", option: "--pg-port")
            postgres = .keep(port: running)
        } else {
            if situation.clusterExists && !situation.passwordExists {
                throw .state(path: state?.directory ?? "", reason: "the cluster exists but its password file is missing; "
                             + "remove the state directory to start afresh")
            }
            postgres = .start(port: try choosePort(asked: request.postgresPort, remembered: state?.postgres.port,
                                                   service: "PostgreSQL", option: "--pg-port", taken: nil,
                                                   isFree: isFree, freePort: freePort))
        }

        let moto: Server
        if situation.motoRunning, let state {
            try ensureSame(asked: request.motoPort, running: state.moto.port, service: "moto_server", option: "--moto-port")
            moto = .keep(port: state.moto.port)
        } else {
            moto = .start(port: try choosePort(asked: request.motoPort, remembered: state?.moto.port,
                                               service: "moto_server", option: "--moto-port", taken: postgres.port,
                                               isFree: isFree, freePort: freePort))
        }

        let seed = moto.starts || state?.seed == nil
        if !seed, let seeded = state?.seed, request.dataExplicit, seeded.source != request.data.description {
            throw .alreadyRunning(what: "the sandbox's bucket, seeded from \(seeded.source),",
                                  hint: "Run `sparkify sandbox down` first to seed it from \(request.data).")
        }
        return SandboxPlan(postgres: postgres, moto: moto, seed: seed)
    }

    private static func ensureSame(asked: Int?, running: Int, service: String, option: String) throws(SandboxError) {
        guard let asked, asked != running else { return }
        throw .alreadyRunning(what: "the sandbox's \(service) on port \(running)",
                              hint: "Run `sparkify sandbox down` first to move it to \(option) \(asked).")
    }

    /// The asked port, else the remembered one, else a free one — and it must be free now.
    private static func choosePort(asked: Int?, remembered: Int?, service: String, option: String, taken: Int?,
                                   isFree: (Int) -> Bool,
                                   freePort: () throws(SandboxError) -> Int) throws(SandboxError) -> Int {
        if let asked {
            guard asked != taken else {
                throw .portBusy(port: asked, service: service, hint: "PostgreSQL takes it; choose another \(option).")
            }
            guard isFree(asked) else {
                throw .portBusy(port: asked, service: service, hint: "Choose another \(option), or stop what holds it.")
            }
            return asked
        }
        if let remembered, remembered != taken {
            guard isFree(remembered) else {
                throw .portBusy(port: remembered, service: service,
                                hint: "The sandbox used it last time. Stop what holds it, or choose a port with \(option) PORT.")
            }
            return remembered
        }
        var port = try freePort()
        while port == taken { port = try freePort() }
        return port
    }
}
