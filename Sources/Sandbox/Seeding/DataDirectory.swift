import Foundation

/// A `--data` directory: exactly its files, at their paths relative to it. It must hold `log_data/`;
/// `song_data/` and `log_json_path.json` are expected (their absence is a warning: some data sets
/// stage logs only).
public struct DataDirectory: Sendable {
    public let root: String
    /// Sorted by key.
    public let files: [SeedFile]
    public let warnings: [String]

    public var byteCount: Int { files.reduce(0) { $0 + $1.size } }

    /// Lists and checks the directory. `additions`: files to add to a seeded bucket (`sandbox seed`),
    /// which may be only new logs or only new songs, so no layout is required.
    public init(_ path: String, additions: Bool = false) throws(SandboxError) {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .badDataDirectory(path: path, reason: "no such directory. Pass a directory holding log_data/ "
                                    + "(and song_data/, log_json_path.json), e.g. one `sparkify generate --out DIR` wrote.")
        }
        if additions {
            self.root = root
            self.files = try Self.list(root)
            self.warnings = []
            guard !files.isEmpty else { throw .badDataDirectory(path: path, reason: "it holds no files to add") }
            return
        }
        guard Self.isDirectory(root + "/log_data") else {
            throw .badDataDirectory(path: path, reason: "it has no log_data/ directory. Pass the directory that holds "
                                    + "log_data/, song_data/ and log_json_path.json (the bucket's layout).")
        }
        var warnings: [String] = []
        if !Self.isDirectory(root + "/song_data") { warnings.append("\(path) has no song_data/: songs will be empty") }
        if !FileManager.default.fileExists(atPath: root + "/log_json_path.json") {
            warnings.append("\(path) has no log_json_path.json: staging events with JSONPaths will fail")
        }
        self.root = root
        self.files = try Self.list(root)
        self.warnings = warnings
    }

    private static func list(_ root: String) throws(SandboxError) -> [SeedFile] {
        guard let walk = FileManager.default.enumerator(at: URL(fileURLWithPath: root),
                                                        includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else {
            throw .badDataDirectory(path: root, reason: "cannot be read")
        }
        var files: [SeedFile] = []
        for case let url as URL in walk {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let key = String(path.dropFirst(root.count + 1))
            files.append(SeedFile(key: key, body: .file(path: path, size: values?.fileSize ?? 0)))
        }
        return files.sorted { $0.key < $1.key }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
