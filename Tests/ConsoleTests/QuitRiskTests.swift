import Foundation
@testable import Console
import Runbook
import Testing

/// `q` asks first exactly when leaving would cost something: the engine's decision
/// (``ClusterSummary/keepsCostingMoney``), not one of the console's own.
@Suite("Console: what quitting risks")
struct QuitRiskTests {
    typealias F = ConsoleFixtures

    @Test func aClusterThatIsUpOnAWSIsARiskAndOneBeingDeletedIsNot() {
        #expect(F.model([.cluster(F.cluster)]).quitRisk
            == "Cluster dwhcluster is available ($1.00/h, $2.50 so far (2.5 h)) and keeps costing money after you quit; "
                + "p pauses it (storage stays billed, compute stops).")
        var deleting = F.cluster
        deleting.status = .deleting
        #expect(F.model([.cluster(deleting)]).quitRisk == nil)
        var emulated = F.cluster
        emulated.emulated = true
        #expect(F.model([.cluster(emulated)]).quitRisk == nil)
    }

    /// The cluster panel agrees: an emulator's cluster shows no price.
    @Test func theClusterPanelSaysAnEmulatorsClusterCostsNothing() {
        var emulated = F.cluster
        emulated.emulated = true
        let lines = rendered(ClusterPanel.render, F.model([.cluster(emulated)]), width: 50, height: 11)
        #expect(lines.contains("│cost     none (an emulator, not AWS)            │"), "\(lines)")
    }
}
