import Testing
@testable import Console
import Runbook

@Suite("Console: ETL progress panel")
struct ETLPanelTests {
    typealias F = ConsoleFixtures

    @Test func atEightyColumnsWholeColumnsAreLeftOutNotEveryValueCut() {
        #expect(rendered(ETLPanel.render, F.busy(), width: 42, height: 11) == [
            "┌ ETL progress ──────────────────────────┐",
            "│list S3        ██████████       ✓       │",
            "│staging_events ██████████ 8,056 ✓       │",
            "│staging_songs  ██░░░░░░░░    21 ETA 10 s│",
            "│songplays      ░░░░░░░░░░               │",
            "│users          ░░░░░░░░░░               │",
            "│songs          ░░░░░░░░░░               │",
            "│artists        ░░░░░░░░░░               │",
            "│time           ░░░░░░░░░░               │",
            "│checks         ░░░░░░░░░░               │",
            "└────────────────────────────────────────┘",
        ])
    }

    @Test func wideEnoughForEveryColumnInASCII() {
        #expect(rendered(ETLPanel.render, F.busy(borders: .ascii), width: 96, height: 5) == [
            "+ ETL progress --------------------------------------------------------------------------------+",
            "|list S3        ######################### 101 found                                1 s ok      |",
            "|staging_events #########################     30/30 8,056 rows 3.6 MB 2,238 rows/s 4 s ok      |",
            "|staging_songs  #######..................     21/71    21 rows 5.1 KB     5 rows/s 5 s ETA 10 s|",
            "+----------------------------------------------------------------------------------------------+",
        ])
    }

    @Test func aFailedStageIsMarkedAndATallPanelSaysWhy() {
        #expect(rendered(ETLPanel.render, F.failed(), width: 60, height: 12) == [
            "┌ ETL progress ────────────────────────────────────────────┐",
            "│list S3        █████████ 101 found            1 s ✓       │",
            "│staging_events █████████     30/30 8,056 rows 4 s ✓       │",
            "│staging_songs  █████░░░░     40/71    40 rows 7 s ✗ failed│",
            "│songplays      ░░░░░░░░░                                  │",
            "│users          ░░░░░░░░░                                  │",
            "│songs          ░░░░░░░░░                                  │",
            "│artists        ░░░░░░░░░                                  │",
            "│time           ░░░░░░░░░                                  │",
            "│checks         ░░░░░░░░░                                  │",
            "│staging_songs: song_data/A/A/B/TRAABJL12903CDCF1A.json li…│",
            "└──────────────────────────────────────────────────────────┘",
        ])
    }

    @Test func aCancelledStageSaysSo() {
        let report = StageReport(sample: StageSample(stage: .stage(.songplays), rows: 120, elapsed: 2))
        let model = F.model([.stepState(.etl, .running("songplays")),
                             .stageFinished(report, outcome: .cancelled, message: "cancelled by the operator")],
                            borders: .ascii)
        #expect(rendered(ETLPanel.render, model, width: 60, height: 6)[4]
            == "|songplays      .......... 120 rows 60 rows/s 2 s cancelled|")
    }
}
