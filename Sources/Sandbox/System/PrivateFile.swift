import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read (mode 0600): passwords, the profile config, sandbox state.
enum PrivateFile {
    /// Writes `text` to `path`, creating or replacing it, with mode 0600 whatever the umask.
    static func write(_ text: String, to path: String) throws(SandboxError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system(call: "open \(path)", errno: errno) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw .system(call: "chmod \(path)", errno: errno) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw .system(call: "write \(path)", errno: errno) }
            written += count
        }
    }
}
