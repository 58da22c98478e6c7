import Testing
@testable import Console
import Runbook

@Suite("Console: Cluster panel")
struct ClusterPanelTests {
    typealias F = ConsoleFixtures

    @Test func everyFactWhenThereIsRoom() {
        #expect(rendered(ClusterPanel.render, F.busy(focus: .cluster), width: 50, height: 11) == [
            "┌ ▸ Cluster ─────────────────────────────────────┐",
            "│id       dwhcluster                             │",
            "│status   available                              │",
            "│nodes    dc2.large × 4                          │",
            "│region   us-west-2                              │",
            "│endpoint dwhcluster.c1hzkq3xyzab.us-west-2.reds…│",
            "│role     arn:aws:iam::123456789012:role/dwhRole │",
            "│ingress  tcp 5439 from 203.0.113.7/32           │",
            "│uptime   2h30m                                  │",
            "│cost     $2.50 so far at $1.00/h                │",
            "└────────────────────────────────────── p pause ─┘",
        ])
    }

    @Test func shortPanelsMergeLinesAndKeepUptimeAndCost() {
        #expect(rendered(ClusterPanel.render, F.busy(), width: 38, height: 7) == [
            "┌ Cluster ───────────────────────────┐",
            "│cluster  dwhcluster · available     │",
            "│nodes    dc2.large × 4 · us-west-2  │",
            "│endpoint dwhcluster.c1hzkq3xyzab.us…│",
            "│uptime   2h30m                      │",
            "│cost     $2.50 so far at $1.00/h    │",
            "└────────────────────────── p pause ─┘",
        ])
    }

    @Test func theSandboxSaysItCostsNothing() {
        #expect(rendered(ClusterPanel.render, F.sandbox(), width: 38, height: 6) == [
            "┌ Cluster ───────────────────────────┐",
            "│no cluster dwhcluster               │",
            "│sandbox  moto + local PostgreSQL    │",
            "│cost     none (sandbox)             │",
            "│region   us-west-2                  │",
            "└────────────────────────────────────┘",
        ])
    }

    @Test func withoutAClusterOnAWS() {
        let model = F.model([.cluster(ClusterSummary(target: .aws, region: "us-west-2", identifier: "dwhcluster"))])
        #expect(rendered(ClusterPanel.render, model, width: 38, height: 5) == [
            "┌ Cluster ───────────────────────────┐",
            "│no cluster dwhcluster               │",
            "│region   us-west-2                  │",
            "│                                    │",
            "└────────────────────────────────────┘",
        ])
    }

    @Test func beforeTheFirstObservation() {
        #expect(rendered(ClusterPanel.render, F.fresh(), width: 38, height: 3) == [
            "┌ Cluster ───────────────────────────┐",
            "│not observed yet                    │",
            "└────────────────────────────────────┘",
        ])
    }
}
