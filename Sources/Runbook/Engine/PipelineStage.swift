import Warehouse

/// One line of the ETL progress panel: listing the S3 sources, then each stage of the run (PRODUCT §4).
public enum PipelineStage: Sendable, Hashable, Comparable {
    case listing
    case stage(ETLStage)

    /// The panel's lines in order.
    public static let all: [PipelineStage] = [.listing] + ETLStage.allCases.map(PipelineStage.stage)

    /// "list_s3", "staging_events", …: the `stage` of JSON lines.
    public var name: String {
        switch self {
        case .listing: return "list_s3"
        case .stage(let stage): return stage.rawValue
        }
    }

    /// "list S3", "staging_events", …: the panel's label.
    public var title: String {
        switch self {
        case .listing: return "list S3"
        case .stage(let stage): return stage.rawValue
        }
    }

    public static func < (lhs: PipelineStage, rhs: PipelineStage) -> Bool {
        all.firstIndex(of: lhs)! < all.firstIndex(of: rhs)!
    }
}
