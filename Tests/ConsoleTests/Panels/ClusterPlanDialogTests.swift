import Testing
@testable import Console
import Runbook

/// Step 2 on real AWS asks first: the dialog shows what it creates and what it costs (the engine's
/// question, ``ProvisioningPreview/clusterPrompt``).
@Suite("Console: step 2's question shows the plan and its cost")
struct ClusterPlanDialogTests {
    typealias F = ConsoleFixtures

    @Test func theQuestionWrapsThePlanAndAsksForY() {
        var model = F.busy(borders: .ascii)
        model.dialog = .confirm(Confirmation(step: .cluster, prompt: "Step 2 will create cluster dwhcluster (multi-node dc2.large × 4, "
            + "database dwh, user dwhuser, port 5439). It costs $1.00/h, $730.00 a month (dc2.large × 4 on demand, US East / US West "
            + "prices) until step 5 removes it.", answer: .yes), typed: "")
        var grid = Grid(Size(width: 64, height: 12))
        DialogOverlay.render(model, into: &grid)
        #expect(grid.lines == [
            "                                                                ",
            "   + 2 Cluster: confirm ------------------------------------+   ",
            "   | Step 2 will create cluster dwhcluster (multi-node      |   ",
            "   | dc2.large × 4, database dwh, user dwhuser, port 5439). |   ",
            "   | It costs $1.00/h, $730.00 a month (dc2.large × 4 on    |   ",
            "   | demand, US East / US West prices) until step 5 removes |   ",
            "   | it.                                                    |   ",
            "   |                                                        |   ",
            "   | y to confirm, Esc cancels                              |   ",
            "   | > _                                                    |   ",
            "   +--------------------------------------------------------+   ",
            "                                                                ",
        ])
    }
}
