import Foundation

/// The PostgreSQL server binaries sparkify runs: the newest version under /usr/lib/postgresql/*/bin
/// (Debian's layout, several versions may coexist).
public struct PostgresInstallation: Sendable, Equatable {
    /// The `bin` directory holding initdb, pg_ctl and createdb.
    public let bin: String

    public init(bin: String) { self.bin = bin }

    var initdb: String { bin + "/initdb" }
    var pgCtl: String { bin + "/pg_ctl" }
    var createdb: String { bin + "/createdb" }

    /// The newest installed version under `root`, or an error that says how to install one.
    public static func find(root: String = "/usr/lib/postgresql") throws(SandboxError) -> PostgresInstallation {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let complete = versions.filter { version in
            ["initdb", "pg_ctl", "createdb"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/\($0)")
            }
        }
        guard let newest = newest(of: complete) else { throw .postgresMissing(searched: "\(root)/*/bin") }
        return PostgresInstallation(bin: "\(root)/\(newest)/bin")
    }

    /// The highest version by numeric components ("9.6" < "10" < "15").
    static func newest(of versions: [String]) -> String? {
        func components(_ version: String) -> [Int] {
            version.split(separator: ".").map { Int($0) ?? -1 }
        }
        return versions.max { components($0).lexicographicallyPrecedes(components($1)) }
    }
}
