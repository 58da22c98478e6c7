import AWS
import Foundation

/// A snapshot of the configured cluster (`iac status` lists them; `iac down --snapshot` takes one,
/// `iac up --from-snapshot` restores one): the runbook's type, so no Redshift type reaches a face.
public struct ClusterSnapshotFact: Sendable, Equatable {
    public var identifier: String
    /// available, creating, final snapshot, failed…
    public var status: String
    /// manual (a final snapshot is one) or automated.
    public var type: String?
    public var created: Date?

    public init(identifier: String, status: String, type: String? = nil, created: Date? = nil) {
        self.identifier = identifier
        self.status = status
        self.type = type
        self.created = created
    }

    public init(_ snapshot: RedshiftClusterSnapshot) {
        self.init(identifier: snapshot.identifier, status: snapshot.status, type: snapshot.type, created: snapshot.created)
    }

    /// "s1  available  manual  2026-12-01T21:29:07Z"
    public var text: String {
        [identifier, status, type, created?.formatted(.iso8601)].compactMap { $0 }.joined(separator: "  ")
    }
}
