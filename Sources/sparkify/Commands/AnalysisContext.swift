import ArgumentParser
import Config
import Foundation
import Runbook
import Warehouse

/// What `insights`, `query`, `runs` and `load-errors` share: the warehouse as a runbook session sees it
/// (the configured database, else the cluster steps 1–3 made), and errors turned into exit codes.
/// Statements are not echoed: stdout holds the answer alone.
struct AnalysisContext {
    let analysis: WarehouseAnalysis

    init(_ global: GlobalOptions, dialect: Dialect? = nil) async throws {
        let config = try global.requireConfig()
        let world: RunbookWorld
        do {
            world = try RunbookWorld.make(config: config, report: { _ in })
        } catch {
            throw Output.fail(error, status: ExitStatus.usage)
        }
        var work = StepWork(world: world)
        work.dialect = dialect
        let session = RunbookSession(work: work, onEvent: { _ in })
        // Without [CLUSTER] HOST the database is the cluster's endpoint: ask AWS for it first.
        if world.configuredDatabase == nil {
            session.start(observing: .aws)
            await session.settled()
        }
        guard let analysis = session.analysis(reportStatements: false) else {
            Output.stderr("error: " + session.analysisUnavailable)
            throw ExitCode(ExitStatus.failed)
        }
        self.analysis = analysis
    }

    /// Runs `work`, cancelled by Ctrl-C (exit 130); a database error is printed in full (with a caret
    /// under its position in `sql`, when given) and exits 1 — 2 for a write a read-only query refused.
    func perform<T: Sendable>(sql: String? = nil, _ work: @escaping @Sendable () async throws(DatabaseError) -> T) async throws -> T {
        let (result, signalled) = await SignalCancellation.cancelling { () async throws(DatabaseError) -> T in try await work() }
        do {
            return try result.get()
        } catch let error as DatabaseError {
            Self.report(error, sql: sql)
            if AdHocQuery.isRefusedWrite(error) {
                Output.stderr("error: queries are read-only: nothing was changed; pass --write to let this statement write")
                throw ExitCode(ExitStatus.usage)
            }
            if error.isCancellation { throw ExitCode(signalled ?? ExitStatus.cancelled) }
            throw ExitCode(ExitStatus.failed)
        }
    }

    static func report(_ error: DatabaseError, sql: String?) {
        Output.stderr("error: \(error)")
        if let sql, let position = error.position, let caret = ErrorCaret.lines(sql: sql, position: position) {
            caret.forEach { Output.stderr("  " + $0) }
        }
    }

}
