import Config
import Warehouse

/// How an incremental run on Redshift COPYs one staging stage's new objects into its new-rows table
/// (issue 14). Pure: the run and `etl --dry-run` take the statements from here.
///
/// With `[S3] MANIFEST_PREFIX`: one COPY … MANIFEST of a manifest listing exactly them, written under
/// the prefix before the COPY and deleted after it. Without: the stage's COPY once per object, with the
/// object's URL as its source. A COPY source is a key prefix — `…/2018-11-30-events.json` also loads
/// `…/2018-11-30-events.json.bak` — so that form is used only when no listed key extends a new one's
/// (``prefixClash(new:listed:)``); a manifest names whole objects and has no such problem.
public struct RedshiftNewObjectsCopy: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// Nothing new: no COPY.
        case nothingNew
        case manifest(CopyManifest)
        case perObject
    }

    public var stage: ETLStage
    public var form: Form
    /// In the order they are sent.
    public var copies: [String]
    /// Why a configured `[S3] MANIFEST_PREFIX` could not be used.
    public var manifestProblem: String?

    /// `base`: the stage's own COPY (role, format, REGION, MAXERROR), re-aimed here at `table`;
    /// `regions`: each bucket's REGION clause (``CopyFacts``).
    public init(stage: ETLStage, new objects: [SourceObject], base: RedshiftCopy, into table: TableDefinition,
                prefix: ManifestPrefix?, regions: [String: String] = [:], runID: String) {
        self.stage = stage
        var copy = base
        copy.table = table
        guard !objects.isEmpty else {
            form = .nothingNew
            copies = []
            return
        }
        var prefix = prefix
        // One COPY names one REGION, for its manifest and the objects alike.
        if let manifestPrefix = prefix, regions[manifestPrefix.bucket] != base.region {
            manifestProblem = "[S3] MANIFEST_PREFIX's bucket \(manifestPrefix.bucket) is not in the region of the data "
                + "(\(base.source)): a COPY names one REGION for its manifest and the objects"
            prefix = nil
        }
        if let prefix {
            let manifest = CopyManifest(prefix: prefix, runID: runID, stage: stage, objects: objects)
            copy.source = manifest.url
            copy.manifest = true
            form = .manifest(manifest)
            copies = [copy.sql]
        } else {
            form = .perObject
            copies = objects.map { object in
                copy.source = object.name
                return copy.sql
            }
        }
    }

    /// What the dry run says about the form, one line.
    public var summary: String {
        switch form {
        case .nothingNew:
            return "no new objects: no COPY"
        case .manifest(let manifest):
            return "one COPY of the manifest \(manifest.url) (\(manifest.objects.count) "
                + "\(manifest.objects.count == 1 ? "entry" : "entries")), written before the COPY and deleted after it"
        case .perObject:
            return "one COPY per new object (\(copies.count)): " + (manifestProblem ?? "no [S3] MANIFEST_PREFIX")
        }
    }

    /// The one warning of a run whose stages COPY object by object (nil when none needs more than one
    /// COPY: a single COPY costs the same either way).
    public static func speedWarning(_ loads: [RedshiftNewObjectsCopy]) -> String? {
        let slow = loads.filter { $0.form == .perObject && $0.copies.count > 1 }
        guard !slow.isEmpty else { return nil }
        let counts = slow.map { "\($0.stage.rawValue) \($0.copies.count)" }.joined(separator: ", ")
        let fix = slow.compactMap(\.manifestProblem).first.map { "\($0) — use a prefix in a bucket of that region" }
            ?? "set [S3] MANIFEST_PREFIX in dwh.cfg to an s3://bucket/prefix/ you can write and the cluster's role can read"
        return "one Redshift COPY per new object (\(counts)): slow, each COPY has a fixed cost of seconds; "
            + fix + ", and each stage loads its new objects in one COPY of a manifest"
    }

    /// Why per-object COPYs would load more than the new objects — a listed key (the stage's whole
    /// listing, loaded or new) that starts with a new object's key — or nil.
    public static func prefixClash(new objects: [SourceObject], listed: [SourceObject]) -> String? {
        let names = listed.map(\.name).sorted()
        for object in objects {
            // In sorted order the keys that start with this one come right after it.
            guard let index = names.firstIndex(of: object.name), index + 1 < names.count,
                  names[index + 1].hasPrefix(object.name) else { continue }
            return "a COPY from \(object.name) would also load \(names[index + 1]) (a COPY source is a key prefix): "
                + "set [S3] MANIFEST_PREFIX in dwh.cfg to load exactly the new objects"
        }
        return nil
    }
}
