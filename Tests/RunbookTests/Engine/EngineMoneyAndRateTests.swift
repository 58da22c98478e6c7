import Foundation
import Runbook
import Testing

@Suite("Engine: cost estimate and progress rates")
struct EngineMoneyAndRateTests {
    typealias F = EngineFixtures

    @Test func costIsPricePerNodeHourTimesNodesTimesHours() throws {
        let estimate = try #require(CostEstimate(nodeType: "dc2.large", nodes: 2, since: F.now, now: F.now.addingTimeInterval(5400)))
        #expect(estimate.perHour == 0.5)
        #expect(estimate.text == "$0.50/h, $0.75 so far (1.5 h)")
        // Not confirmed from a pricing page: no figure rather than a guess.
        #expect(CostEstimate(nodeType: "ra3.xlplus", nodes: 2, since: F.now, now: F.now) == nil)
        #expect(CostEstimate(nodeType: "DC2.LARGE", nodes: 4, since: F.now, now: F.now)?.text == "$1.00/h, $0.00 so far (0.0 h)")
        #expect(CostEstimate(nodeType: "dc3.imaginary", nodes: 4, since: F.now, now: F.now) == nil)
    }

    @Test func aPlannedClusterCostsItsHourlyPriceTimes730HoursAMonth() {
        #expect(PlannedCost(nodeType: "dc2.large", nodes: 4)?.perHour == 1.0)
        #expect(PlannedCost(nodeType: "dc2.large", nodes: 4)?.perMonth == 730.0)
        #expect(PlannedCost.text(nodeType: "dc2.large", nodes: 4)
            == "$1.00/h, $730.00 a month (dc2.large × 4 on demand, US East / US West prices)")
        #expect(PlannedCost.text(nodeType: "ra3.4xlarge", nodes: 2) == "unknown: no confirmed on-demand price for ra3.4xlarge "
            + "in sparkify's table (see https://aws.amazon.com/redshift/pricing/)")
    }

    @Test func theClusterPanelHasNoCostInTheSandboxOrWithoutACluster() {
        #expect(ClusterSummary(F.everythingUp).cost(at: F.now)?.text == "$1.00/h, $2.50 so far (2.5 h)")
        #expect(ClusterSummary(F.everythingUp).uptime(at: F.now) == 9000)
        var sandbox = F.everythingUp
        sandbox.target = .sandbox
        #expect(ClusterSummary(sandbox).cost(at: F.now) == nil)
        #expect(ClusterSummary(F.observation(aws: F.aws(role: F.role))).cost(at: F.now) == nil)
    }

    /// The one decision behind the exit warning and the console's quit question.
    @Test func onlyAClusterOnRealAWSThatIsNotGoingAwayKeepsCostingMoney() {
        #expect(ClusterSummary(F.everythingUp).exitWarning(at: F.now) == "cluster dwhcluster is still available "
            + "($1.00/h, $2.50 so far (2.5 h)): pause it with `sparkify iac pause` (compute stops billing, storage stays billed) "
            + "or clean up with step 5 or `sparkify iac down --yes` when you are done")
        var deleting = F.everythingUp
        deleting.aws = F.aws(role: F.role, cluster: F.cluster("deleting"))
        #expect(!ClusterSummary(deleting).keepsCostingMoney)
        #expect(ClusterSummary(deleting).exitWarning(at: F.now) == nil)
        #expect(RunbookEngine(observation: deleting).exitWarning(at: F.now) == nil)
        var creating = F.everythingUp
        creating.aws = F.aws(role: F.role, cluster: F.cluster("creating", endpoint: nil))
        #expect(ClusterSummary(creating).keepsCostingMoney)
        // An emulator's cluster (moto behind [AWS] ENDPOINT) costs nothing, whatever its node type.
        var emulated = F.everythingUp
        emulated.emulated = true
        #expect(!ClusterSummary(emulated).keepsCostingMoney)
        #expect(ClusterSummary(emulated).cost(at: F.now) == nil)
        #expect(ClusterSummary(F.observation(aws: F.aws(role: F.role))).exitWarning(at: F.now) == nil)
    }

    @Test func theRateLooksAtTheLastWindowOnly() {
        var rate = ProgressRate(window: 10)
        #expect(rate.eta == nil)
        // A slow start (listing, connecting), then 1,000 bytes a second.
        for (elapsed, bytes) in [(5.0, 0), (10, 5000), (15, 10000), (20, 15000)] {
            rate.add(StageSample(stage: .stage(.stagingSongs), objectsDone: bytes / 1000, objectsTotal: 40, rows: bytes / 100,
                                 bytes: bytes, bytesTotal: 40000, elapsed: elapsed))
        }
        #expect(rate.bytesPerSecond == 1000)
        #expect(rate.rowsPerSecond == 10)
        #expect(rate.eta == 25)
    }

    @Test func withoutByteTotalsTheETAComesFromObjects() {
        var rate = ProgressRate()
        rate.add(StageSample(stage: .stage(.stagingSongs), objectsDone: 20, objectsTotal: 100, rows: 20, bytes: 5000, elapsed: 2))
        #expect(rate.eta == 8)
        #expect(rate.bytesPerSecond == 2500)
        // A stage that starts over (a second run) forgets the old samples.
        rate.add(StageSample(stage: .stage(.stagingSongs), objectsDone: 5, objectsTotal: 100, elapsed: 1))
        #expect(rate.eta == 19)
    }

    @Test func transformsHaveNoETA() {
        var rate = ProgressRate()
        rate.add(StageSample(stage: .stage(.songplays), rows: 6820, elapsed: 0.5))
        #expect(rate.rowsPerSecond == 13640)
        #expect(rate.eta == nil)
    }

    @Test func byteCounts() {
        #expect([0, 1023, 1024, 3_825_000, 5_000_000_000].map(RunbookEvent.byteText) == ["0 B", "1023 B", "1.0 KB", "3.6 MB", "4.7 GB"])
    }
}

@Suite("Engine: progress lines")
struct EngineProgressLineTests {
    @Test func aStagingStageWithEverythingKnown() {
        let sample = StageSample(stage: .stage(.stagingSongs), objectsDone: 21, objectsTotal: 71, rows: 210, bytes: 53_248,
                                 bytesTotal: 180_000, elapsed: 5.25)
        #expect(StageReport(sample: sample, rowsPerSecond: 40, bytesPerSecond: 10_142, eta: 12.5).progressLine()
            == "staging_songs    [#####---------------]  21/71 objects  210 rows  52.0 KB  40 rows/s  ETA 13 s")
    }

    @Test func listingAndTransformsShowWhatTheyKnow() {
        #expect(StageReport(sample: StageSample(stage: .listing, objectsDone: 1200, elapsed: 1)).progressLine()
            == "list S3          1200 objects")
        #expect(StageReport(sample: StageSample(stage: .stage(.songplays), rows: 6820, elapsed: 0.5), rowsPerSecond: 13640)
            .progressLine(barWidth: 10) == "songplays        6820 rows  13640 rows/s")
    }

    @Test func durations() {
        #expect([0.2, 59, 59.5, 65, 3599, 7380].map(StageReport.durationText) == ["1 s", "59 s", "1m00s", "1m05s", "59m59s", "2h03m"])
    }
}
