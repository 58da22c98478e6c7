import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The account PostgreSQL runs under. PostgreSQL refuses to run as root, so when sparkify runs as root
/// it runs initdb and pg_ctl as the `postgres` system user (via `runuser`) and hands it the directories.
enum ServerAccount: Sendable, Equatable {
    case current
    case system(name: String, uid: uid_t, gid: gid_t)

    /// `.current` for a normal user; for root, the `postgres` account (an error if it does not exist).
    static func forPostgres() throws(SandboxError) -> ServerAccount {
        guard geteuid() == 0 else { return .current }
        guard let entry = getpwnam("postgres") else {
            throw .postgresMissing(searched: "the user database (running as root needs the `postgres` account)")
        }
        return .system(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// The account's home directory (where a cluster goes when it cannot live in the state directory).
    var home: String {
        switch self {
        case .current: return NSHomeDirectory()
        case .system(let name, _, _):
            guard let entry = getpwnam(name), let dir = entry.pointee.pw_dir else { return "/var/lib/postgresql" }
            return String(cString: dir)
        }
    }

    /// `command` as this account runs it.
    func command(_ command: [String]) -> [String] {
        switch self {
        case .current: return command
        case .system(let name, _, _): return ["/usr/sbin/runuser", "-u", name, "--"] + command
        }
    }

    /// Gives `path` to this account (a no-op for `.current`).
    func own(_ path: String) throws(SandboxError) {
        guard case .system(_, let uid, let gid) = self else { return }
        guard chown(path, uid, gid) == 0 else { throw .system(call: "chown \(path)", errno: errno) }
    }

    /// Whether this account can enter every directory on the way to `path`. Root's home is usually
    /// closed to other users, so a state directory under it cannot hold the postgres-owned cluster.
    func canReach(_ path: String) -> Bool {
        guard case .system(_, let uid, let gid) = self else { return true }
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            var info = stat()
            guard stat(prefix, &info) == 0 else { return true }  // created later, by us, for this account
            let mode = info.st_mode
            let allowed = info.st_uid == uid ? mode & S_IXUSR != 0
                : info.st_gid == gid ? mode & S_IXGRP != 0
                : mode & S_IXOTH != 0
            if !allowed { return false }
        }
        return true
    }
}
