import Foundation

/// Writes files under a root directory with plain POSIX calls, creating parent directories once each.
struct DirectoryWriter {
    let root: String
    private var createdDirectories: Set<String> = []

    init(root: String) throws(GeneratorError) {
        self.root = root
        try makeDirectory(root)
    }

    /// Creates (or truncates) `relativePath` for writing.
    mutating func create(_ relativePath: String) throws(GeneratorError) -> OutputFile {
        let path = root + "/" + relativePath
        if let slash = relativePath.lastIndex(of: "/") {
            try makeDirectory(root + "/" + relativePath[..<slash])
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        return OutputFile(path: path, descriptor: descriptor)
    }

    /// `mkdir -p`, tolerant of another writer creating the same directory at the same time.
    private mutating func makeDirectory(_ path: String) throws(GeneratorError) {
        guard !createdDirectories.contains(path) else { return }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            try makeDirectory(String(path[..<slash]))
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
        createdDirectories.insert(path)
    }
}

/// An open output file; `close()` it when done.
struct OutputFile {
    let path: String
    let descriptor: Int32

    func write(_ bytes: [UInt8]) throws(GeneratorError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                Foundation.close(descriptor)
                throw .cannotWrite(path: path, reason: reason)
            }
            offset += written
        }
    }

    func close() throws(GeneratorError) {
        if Foundation.close(descriptor) != 0 {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
