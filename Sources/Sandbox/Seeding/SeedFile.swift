import Foundation

/// One object to upload: its key (the path relative to the data root) and where its bytes come from.
public struct SeedFile: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Read when its turn comes, so a large directory is never held in memory.
        case file(path: String, size: Int)
    }

    public var key: String
    public var body: Body

    public init(key: String, body: Body) {
        self.key = key
        self.body = body
    }

    var size: Int {
        switch body {
        case .bytes(let bytes): return bytes.count
        case .file(_, let size): return size
        }
    }

    func data() throws(SandboxError) -> Data {
        switch body {
        case .bytes(let bytes): return Data(bytes)
        case .file(let path, _):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .seeding(key: key, reason: "cannot read \(path)")
            }
            return data
        }
    }
}

/// How far seeding has come.
public struct SeedProgress: Sendable, Equatable {
    public var filesDone: Int
    public var fileCount: Int
    public var bytesDone: Int

    public init(filesDone: Int = 0, fileCount: Int, bytesDone: Int = 0) {
        self.filesDone = filesDone
        self.fileCount = fileCount
        self.bytesDone = bytesDone
    }

    /// "1,234/14,927 files, 12.3 MB"
    public var text: String {
        "\(Self.grouped(filesDone))/\(Self.grouped(fileCount)) files, \(ByteCount.text(bytesDone))"
    }

    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
