import AWS
import Runbook
import Testing

@Suite("Engine: a provisioning retry is a log line and the step's news")
struct EngineProvisioningRetryTests {
    typealias F = EngineFixtures

    @Test func aRetryShowsOnTheRunningStepAndInTheLog() {
        var engine = RunbookEngine(observation: F.observation(aws: F.aws(role: F.role)))
        _ = engine.start()
        _ = engine.requested(.cluster)
        let text = "IAM role not yet visible to Redshift, retrying in 4 s"
        let actions = engine.provisioningReported(.retrying(.cluster, reason: "IAM role not yet visible to Redshift", seconds: 4))
        #expect(actions == [.emit(.stepState(.cluster, .running(text))), .emit(.warning(text))])
        #expect(RunbookEvent.warning(text).jsonLine == #"{"event":"warning","message":"\#(text)"}"#)
        #expect(RunbookEvent.warning(text).logEntry?.text == "warning: \(text)")
    }

    @Test func aRetryDuringCleanUpIsCleanUpsNews() {
        var engine = RunbookEngine(observation: F.everythingUp)
        _ = engine.start()
        _ = engine.requested(.cleanUp, confirmed: true)
        let text = "detached policy not yet visible to IAM, retrying in 1 s"
        #expect(engine.provisioningReported(.retrying(.role, reason: "detached policy not yet visible to IAM", seconds: 1))
            == [.emit(.stepState(.cleanUp, .running(text))), .emit(.warning(text))])
    }
}
