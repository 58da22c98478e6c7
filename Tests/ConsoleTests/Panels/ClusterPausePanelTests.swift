import Foundation
import Runbook
import Testing
@testable import Console

@Suite("Console: pausing and resuming the cluster")
struct ClusterPausePanelTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 120, height: 40)

    @Test func pAndUAskTheSessionToPauseAndResume() {
        var model = F.model([.cluster(F.cluster)])
        #expect(model.handle(.character("p"), size: Self.size) == [.request(.pause)])
        #expect(model.handle(.character("u"), size: Self.size) == [.request(.resume)])
        let help = model.keys.helpRows(model, glyphs: Glyphs(.unicode)).map { "\($0.keys) \($0.description)" }
        #expect(help.contains("p u pause the cluster (storage stays billed), resume it"), "\(help)")
    }

    @Test func thePanelShowsThePauseLiveThenStopsTheCostMeter() {
        var pausing = F.cluster
        pausing.change = "pausing (45 s)"
        var lines = rendered(ClusterPanel.render, F.model([.cluster(pausing)]), width: 60, height: 11)
        #expect(lines.contains("│status   pausing (45 s)                                   │"), "\(lines)")
        #expect(lines.contains("│cost     $2.50 so far at $1.00/h                          │"), "\(lines)")

        var paused = F.cluster
        paused.status = .paused
        lines = rendered(ClusterPanel.render, F.model([.cluster(paused)]), width: 60, height: 11)
        #expect(lines.contains("│status   paused                                           │"), "\(lines)")
        #expect(lines.contains("│cost     compute not billed while paused (storage is)     │"), "\(lines)")
        #expect(F.model([.cluster(paused)]).quitRisk == nil)
    }

    /// The footer is full at 80 columns: the cluster panel's edge offers the key that applies.
    @Test func thePanelsEdgeOffersPauseOrResume() {
        #expect(ClusterPanel.pauseHint(F.model([.cluster(F.cluster)])) == "p pause")
        var paused = F.cluster
        paused.status = .paused
        #expect(ClusterPanel.pauseHint(F.model([.cluster(paused)])) == "u resume")
        paused.status = .changing("creating")
        #expect(ClusterPanel.pauseHint(F.model([.cluster(paused)])) == nil)
        let lines = rendered(ClusterPanel.render, F.model([.cluster(F.cluster)]), width: 60, height: 11)
        #expect(lines.last == "└──────────────────────────────────────────────── p pause ─┘", "\(lines)")
    }

    @Test func pauseAndResumeAreNotRunbookLines() {
        let model = F.model([.stepState(.pause, .running("pausing")), .cluster(F.cluster)])
        let lines = rendered(RunbookPanel.render, model, width: 60, height: 12)
        #expect(!lines.joined().contains("Pause"), "\(lines)")
        // …but a running pause is work that quitting would cancel.
        #expect(model.isBusy)
    }
}
