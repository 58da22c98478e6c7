/// What `sandbox up` is asked for.
public struct SandboxRequest: Sendable, Equatable {
    public var data: SeedSource
    /// Whether the operator named the data (`--data`, `--scale`, `--seed`) rather than taking the default.
    public var dataExplicit: Bool
    /// `--pg-port` / `--moto-port`; nil: the remembered port, else a free one.
    public var postgresPort: Int?
    public var motoPort: Int?

    public init(data: SeedSource = .generated(scale: 1, seed: DataGenerator.defaultSeed), dataExplicit: Bool = false,
                postgresPort: Int? = nil, motoPort: Int? = nil) {
        self.data = data
        self.dataExplicit = dataExplicit
        self.postgresPort = postgresPort
        self.motoPort = motoPort
    }
}

/// What the bucket is seeded with.
public enum SeedSource: Sendable, Equatable, CustomStringConvertible {
    /// `sparkify generate`'s data at this scale and seed.
    case generated(scale: Double, seed: UInt64)
    /// Exactly the files under this directory (absolute), at their relative paths.
    case directory(String)

    public var description: String {
        switch self {
        case .generated(let scale, let seed):
            let scaleText = scale == scale.rounded() ? String(Int(scale)) : String(scale)
            return "generated, scale \(scaleText), seed \(seed)"
        case .directory(let path):
            return "directory \(path)"
        }
    }
}
