import AWS
import Foundation
import Runbook
import Testing
import Warehouse

@Suite("Engine: events as JSON lines")
struct EngineEventJSONTests {
    typealias F = EngineFixtures

    @Test func stepStatesAndResults() {
        #expect(RunbookEvent.stepState(.iamRole, .done(F.roleARN)).jsonLine
            == #"{"detail":"arn:aws:iam::123456789012:role/dwhRole","event":"step_state","hotkey":"1","state":"done","step":"iam_role"}"#)
        #expect(RunbookEvent.stepState(.createTables, .pending).jsonLine
            == #"{"event":"step_state","hotkey":"c","state":"pending","step":"create_tables"}"#)
        #expect(RunbookEvent.result(.etl, .cancelled).jsonLine == #"{"event":"result","outcome":"cancelled","step":"etl"}"#)
        #expect(RunbookEvent.refused(nil, reason: "nothing is running").jsonLine
            == #"{"event":"refused","reason":"nothing is running"}"#)
        #expect(RunbookEvent.warning("opening port 5439 to 0.0.0.0/0").jsonLine
            == #"{"event":"warning","message":"opening port 5439 to 0.0.0.0/0"}"#)
    }

    @Test func stageProgressCarriesRatesAndETA() {
        let sample = StageSample(stage: .stage(.stagingSongs), objectsDone: 10, objectsTotal: 71, rows: 10, bytes: 2500,
                                 bytesTotal: 17750, elapsed: 0.25)
        let report = StageReport(sample: sample, rowsPerSecond: 40, bytesPerSecond: 10000, eta: 1.525)
        #expect(RunbookEvent.stageProgress(report).jsonLine
            == #"{"bytes":2500,"bytes_per_second":10000,"bytes_total":17750,"eta_seconds":1.5,"event":"stage_progress","objects_done":10,"objects_total":71,"rows":10,"rows_per_second":40,"seconds":0.25,"stage":"staging_songs"}"#)
        #expect(RunbookEvent.stageFinished(StageReport(sample: StageSample(stage: .stage(.users), rows: 96, elapsed: 0.0123)),
                                           outcome: .failed, message: "users: 23505 duplicate key").jsonLine
            == #"{"bytes":0,"event":"stage_finished","message":"users: 23505 duplicate key","objects_done":0,"outcome":"failed","rows":96,"seconds":0.012,"stage":"users"}"#)
    }

    @Test func awsCallsLookLikeIaCs() {
        let call = AWSCallRecord(service: .iam, action: "CreateRole", httpStatus: 409, requestID: "req-1", latency: 0.0854,
                                 attempt: 1, errorCode: "EntityAlreadyExists")
        #expect(RunbookEvent.awsCall(call).jsonLine
            == #"{"action":"CreateRole","attempt":1,"error_code":"EntityAlreadyExists","event":"aws_call","http_status":409,"latency_ms":85,"request_id":"req-1","service":"iam"}"#)
    }

    @Test func sqlStatements() {
        #expect(RunbookEvent.sqlStatement(StatementRecord(firstLine: "INSERT INTO users", rows: 96, seconds: 0.01234, error: nil)).jsonLine
            == #"{"event":"sql","ms":12.3,"rows":96,"statement":"INSERT INTO users"}"#)
        let error = DatabaseError(kind: .server, sqlState: "42P01", message: "relation \"time\" does not exist")
        #expect(RunbookEvent.sqlStatement(StatementRecord(firstLine: "SELECT count(*) FROM time", rows: nil, seconds: 0.002,
                                                          error: error)).jsonLine
            == #"{"error":"relation \"time\" does not exist","event":"sql","ms":2,"sqlstate":"42P01","statement":"SELECT count(*) FROM time"}"#)
    }

    @Test func confirmationsSayWhatToType() {
        let cleanUp = Confirmation(step: .cleanUp, prompt: "Clean up will delete cluster dwhcluster.", answer: .type("dwhcluster"))
        #expect(RunbookEvent.confirmationRequested(cleanUp).jsonLine
            == #"{"event":"confirmation","expected":"dwhcluster","prompt":"Clean up will delete cluster dwhcluster.","step":"clean_up"}"#)
        let tables = Confirmation(step: .createTables, prompt: "Create tables drops users (96 rows).", answer: .yes)
        #expect(RunbookEvent.confirmationRequested(tables).jsonLine
            == #"{"event":"confirmation","expected":"yes","prompt":"Create tables drops users (96 rows).","step":"create_tables"}"#)
    }

    @Test func clusterFactsAndCounts() {
        let summary = ClusterSummary(F.everythingUp)
        #expect(RunbookEvent.cluster(summary).jsonLine
            == #"{"created":"2018-11-29T21:52:07Z","endpoint":"dwhcluster.c1.us-west-2.redshift.amazonaws.com:5439","event":"cluster","identifier":"dwhcluster","ingress":"tcp 5439 from 203.0.113.7/32","node_type":"dc2.large","nodes":4,"region":"us-west-2","role_arn":"arn:aws:iam::123456789012:role/dwhRole","status":"available","target":"aws"}"#)
        #expect(RunbookEvent.counts(F.counts([8056, 71, 6820, 96, 71, 69, nil])).jsonLine
            == #"{"at":"2018-11-30T00:22:07Z","event":"counts","tables":{"artists":69,"songplays":6820,"songs":71,"staging_events":8056,"staging_songs":71,"time":null,"users":96}}"#)
    }

    @Test func everyEventIsOneLineOfJSONWithAnEventField() throws {
        var engine = RunbookEngine(observation: F.observation())
        var actions = engine.start() + engine.observed(F.everythingUp) + engine.requested(.cleanUp)
        actions += engine.confirmationAnswered("dwhcluster") + engine.stepFinished(.cleanUp, .failed("DeleteCluster: InvalidClusterState"))
        let lines = F.events(actions).map(\.jsonLine)
        #expect(lines.count == 22)
        for line in lines {
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["event"] is String, "\(line)")
        }
    }
}
