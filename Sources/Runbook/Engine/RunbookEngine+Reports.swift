import AWS
import Warehouse

/// The reports of the code that carries a step out — ``ETLRunner``'s ``ETLEvent``s, ``Provisioner``'s
/// ``ProvisioningEvent``s — turned into engine inputs, so a driver only forwards them.
extension RunbookEngine {
    /// One event of the running ETL. Listing the sources shows as the panel's "list S3" line, finished
    /// when the staging stage reports its first object with the total known.
    public mutating func etlReported(_ event: ETLEvent) -> [EngineAction] {
        switch event {
        case .listing:
            return stageProgressed(StageSample(stage: .listing, elapsed: 0))
        case .stageStarted(let progress), .stageProgress(let progress):
            var actions: [EngineAction] = []
            if progress.stage.isStaging, let total = progress.objectsTotal {
                // An incremental run lists both sources before it stages either, and loads fewer objects
                // than it listed: its listing line counts every object found, stage by stage as they
                // report. A full run lists each source as its stage begins.
                let found = progress.objectsListed.map { $0 + listedByOtherStagingStages(than: progress.stage) } ?? total
                if isListing || (progress.objectsListed != nil && rates[.listing]?.latest?.objectsTotal != found) {
                    actions += stageFinished(StageSample(stage: .listing, objectsDone: found, objectsTotal: found,
                                                         bytesTotal: progress.objectsListed == nil ? progress.bytesTotal : nil,
                                                         elapsed: 0), outcome: .succeeded)
                }
            }
            return actions + stageProgressed(StageSample(progress))
        case .stageFinished(let progress, let outcome, let message):
            return stageFinished(StageSample(progress), outcome: outcome, message: message)
        case .checksReported(let report):
            return report.failures.map { .emit(.warning("check failed: \($0.name): \($0.detail)")) }
        case .warning(let message):
            return [.emit(.warning(message))]
        case .notice(let text):
            return [.emit(.warning(text))]
        case .runStarted, .runFinished:
            return []
        }
    }

    /// What the other staging stages of this incremental run listed, as they last reported it.
    private func listedByOtherStagingStages(than stage: ETLStage) -> Int {
        ETLStage.allCases.filter { $0.isStaging && $0 != stage }
            .compactMap { rates[.stage($0)]?.latest?.objectsListed }.reduce(0, +)
    }

    /// One event of a running `iac` goal: the running step's line says what happened last.
    public mutating func provisioningReported(_ event: ProvisioningEvent) -> [EngineAction] {
        // Step 5, pause and resume run a goal of their own: their line gets its news whatever the step.
        let goal = [RunbookStep.cleanUp, .pause, .resume].first { running[$0] != nil }
        switch event {
        case .step(let step, let outcome, let detail):
            let runbookStep = goal ?? RunbookStep(step)
            return stepProgressed(runbookStep, detail: "\(outcome.rawValue) \(detail)")
        case .clusterStatus(_, let status, let elapsed):
            return stepProgressed(goal ?? .cluster, detail: "\(status) (\(elapsed) s)")
        case .retrying(let step, _, _):
            // The step's line says it is retrying; the log keeps why ("IAM role not yet visible…").
            let runbookStep = goal ?? RunbookStep(step)
            let text = event.retryText!
            return stepProgressed(runbookStep, detail: text) + [.emit(.warning(text))]
        }
    }
}

extension RunbookStep {
    /// The runbook step an `iac up` step is.
    public init(_ step: ProvisioningStep) {
        switch step {
        case .role: self = .iamRole
        case .cluster: self = .cluster
        case .ingress: self = .openPort
        }
    }
}

extension StageSample {
    /// The loader's progress of a stage as a sample.
    public init(_ progress: StageProgress) {
        self.init(stage: .stage(progress.stage), objectsDone: progress.objectsDone, objectsTotal: progress.objectsTotal,
                  objectsListed: progress.objectsListed, rows: progress.rows, bytes: progress.bytes, bytesTotal: progress.bytesTotal, elapsed: progress.elapsed)
    }
}
