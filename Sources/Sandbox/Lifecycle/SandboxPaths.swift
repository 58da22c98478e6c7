import Foundation

/// The files of a sandbox's state directory. Nothing here touches the disk.
///
/// ```
/// STATE/sandbox.json        what runs where (SandboxState), mode 0600
/// STATE/postgres.password   the generated database password, mode 0600
/// STATE/profile.cfg         a complete dwh.cfg for this sandbox, mode 0600
/// STATE/postgres/           the PostgreSQL cluster (elsewhere when its account cannot enter STATE)
/// STATE/moto.log            moto_server's output
/// ```
public struct SandboxPaths: Sendable, Equatable {
    /// The state directory, absolute.
    public let state: String

    public init(state: String) {
        self.state = state.hasPrefix("/") ? state
            : FileManager.default.currentDirectoryPath + "/" + state
    }

    /// `$XDG_STATE_HOME/sparkify`, else `~/.local/state/sparkify`.
    public static func defaultState(environment: [String: String] = ProcessInfo.processInfo.environment,
                                    home: String = NSHomeDirectory()) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/sparkify" }
        return home + "/.local/state/sparkify"
    }

    public var stateFile: String { state + "/sandbox.json" }
    public var passwordFile: String { state + "/postgres.password" }
    public var profile: String { state + "/profile.cfg" }
    public var motoLog: String { state + "/moto.log" }

    /// Where the cluster lives: inside the state directory, unless the account PostgreSQL runs as
    /// cannot enter it (root's private home): then under that account's home, named after the state
    /// directory so the same state always finds the same cluster.
    func clusterDirectory(reachable: Bool, serverHome: String) -> String {
        if reachable { return state + "/postgres" }
        return serverHome + "/sparkify/" + Self.fingerprint(state)
    }

    /// A short stable name for a path (FNV-1a, 64 bits, hex).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
