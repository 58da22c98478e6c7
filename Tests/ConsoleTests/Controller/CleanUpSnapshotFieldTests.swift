import Foundation
@testable import Console
import Runbook
import Testing

/// Step 5's dialog: the cluster id, and Tab to a final snapshot's id (the console's `iac down --snapshot`).
@Suite struct CleanUpSnapshotFieldTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 80, height: 24)

    static var question: Runbook.Confirmation {
        Runbook.Confirmation(step: .cleanUp, prompt: "Clean up will delete cluster dwhcluster and all its data (no final snapshot).",
                     answer: .type("dwhcluster"),
                     snapshotPrompt: "Clean up will take final snapshot \(Runbook.Confirmation.snapshotPlaceholder) of cluster dwhcluster, delete the cluster.")
    }

    static func type(_ text: String, into model: inout ConsoleModel) {
        for c in text { _ = model.handle(.character(c), size: size) }
    }

    @Test func tabMovesTheTypingToTheSnapshotFieldAndEnterNamesIt() {
        var model = F.model([])
        model.apply(.confirmationRequested(Self.question))
        Self.type("dwhcluster", into: &model)
        #expect(model.handle(.tab, size: Self.size) == [])
        Self.type("s1", into: &model)
        #expect(model.finalSnapshot == "s1")
        let screen = ConsoleRenderer.render(model, size: Self.size).text
        #expect(screen.contains("take final snapshot s1 of cluster"), "\(screen)")
        #expect(screen.contains("> s1"), "\(screen)")
        #expect(model.handle(.enter, size: Self.size) == [.answerKeeping("dwhcluster", finalSnapshot: "s1")])
    }

    @Test func withoutASnapshotTheReplyIsTheClusterIdAlone() {
        var model = F.model([])
        model.apply(.confirmationRequested(Self.question))
        Self.type("dwhcluster", into: &model)
        _ = model.handle(.tab, size: Self.size)
        _ = model.handle(.tab, size: Self.size)
        Self.type("x", into: &model)
        _ = model.handle(.backspace, size: Self.size)
        #expect(model.handle(.enter, size: Self.size) == [.answer("dwhcluster")])
    }

    @Test func theEngineTakesTheSnapshotNamedAndRefusesOneRedshiftWouldNot() {
        let observation = Observation(target: .aws, configuredHost: nil, clusterIdentifier: "dwhcluster", roleName: "dwhRole",
                                      aws: .known(AWSFacts(region: "us-west-2", cluster: ClusterFact(
                                          identifier: "dwhcluster", status: "available", nodeType: "dc2.large", nodes: 4))))
        var engine = RunbookEngine(observation: observation)
        _ = engine.requested(.cleanUp)
        #expect(engine.pendingConfirmation?.prompt(finalSnapshot: "s1")
            == "Clean up will take final snapshot s1 of cluster dwhcluster, delete the cluster.")
        #expect(engine.confirmationAnswered("dwhcluster", finalSnapshot: "s_1") == [.emit(.refused(.cleanUp,
            reason: "final snapshot 's_1': a snapshot identifier may only hold letters, digits and hyphens; nothing was changed"))])
        _ = engine.requested(.cleanUp)
        #expect(engine.confirmationAnswered("dwhcluster", finalSnapshot: "s1").contains(.run(.cleanUp)))
        #expect(engine.finalSnapshot == "s1")
        _ = engine.stepFinished(.cleanUp, .succeeded("gone"))
        #expect(engine.finalSnapshot == nil)
    }
}
