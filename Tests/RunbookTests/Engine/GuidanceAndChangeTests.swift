import Foundation
import Runbook
import Testing

/// What the runbook view suggests next, and the Tables panel's change since the latest run started.
@Suite("Engine: the next step and the change since the run")
struct GuidanceAndChangeTests {
    typealias F = EngineFixtures

    static func snapshot(_ events: [RunbookEvent]) -> RunbookSnapshot {
        var snapshot = RunbookSnapshot()
        events.forEach { snapshot.apply($0) }
        return snapshot
    }

    @Test func theDatabasePathComesFirstThenTheCluster() {
        // A fresh sandbox: the database answers, the tables are missing.
        #expect(Self.snapshot([.stepState(.etl, .blocked("needs the tables (step C)"))]).nextHint == "next: c — create tables")
        #expect(Self.snapshot([.stepState(.createTables, .done("7 tables"))]).nextHint == "next: e — run ETL")
        #expect(Self.snapshot([.stepState(.createTables, .done("7 tables")), .stepState(.etl, .failed("staging_songs: bad JSON"))])
            .nextHint == "next: e — run ETL")
        // No database yet: the first of steps 1–4 that can run.
        let noDatabase: [RunbookEvent] = [
            .stepState(.createTables, .blocked("needs a database")), .stepState(.etl, .blocked("needs a database")),
        ]
        #expect(Self.snapshot(noDatabase).nextHint == "next: 1 — IAM role")
        #expect(Self.snapshot(noDatabase + [.stepState(.iamRole, .done(F.roleARN))]).nextHint == "next: 2 — cluster")
    }

    @Test func nothingIsSuggestedWhileAStepRunsOrOnceTheETLIsDone() {
        #expect(Self.snapshot([.stepState(.createTables, .running("creating"))]).nextStep == nil)
        #expect(Self.snapshot([.stepState(.createTables, .done("7 tables")), .stepState(.etl, .done("songplays 6820"))]).nextStep == nil)
    }

    @Test func theChangeIsSinceTheLatestRunStartedNotThePreviousCount() {
        let later = F.now.addingTimeInterval(60)
        let snapshot = Self.snapshot([
            .counts(F.counts([100, 10, 0, 0, 0, 0, 0])),
            .stepState(.etl, .running("listing")),
            // Counted after each stage of the run.
            .counts(F.counts([8056, 10, 0, 0, 0, 0, 0], at: later)),
            .counts(F.counts([8056, 71, 0, 0, 0, 0, 0], at: later)),
            .counts(F.counts([8056, 71, 6820, 96, 71, 69, 6813], at: later)),
            .stepState(.etl, .done("songplays 6820")),
        ])
        #expect(snapshot.tables.map(\.change) == [7956, 61, 6820, 96, 71, 69, 6813])
    }
}
