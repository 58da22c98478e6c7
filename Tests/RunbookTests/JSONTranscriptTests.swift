import Foundation
import Runbook
import Testing
import Warehouse

/// A headless command's `--json` lines: the events as the engine encodes them, with step R's result
/// carrying its counts and `iac status` closing on the cluster and its cost.
@Suite("Engine: the --json transcript")
struct JSONTranscriptTests {
    typealias F = EngineFixtures

    /// The lines of the events among `actions`, in order.
    static func lines(_ actions: [EngineAction], _ transcript: inout JSONTranscript) -> [String] {
        actions.compactMap { action in
            guard case .emit(let event) = action else { return nil }
            return transcript.line(for: event)
        }
    }

    @Test func stepRsResultCarriesTheTablesItCountedAndWhen() {
        var engine = RunbookEngine(observation: F.everythingUp)
        var transcript = JSONTranscript()
        _ = Self.lines(engine.start(), &transcript)
        _ = engine.requested(.counts)
        let fresh = F.counts([8056, 71, 6820, 96, 71, 69, nil], at: F.now.addingTimeInterval(60))
        let counted = Self.lines(engine.countsReported(fresh), &transcript)
        #expect(counted.contains(#"{"at":"2018-11-30T00:23:07Z","event":"counts","tables":{"artists":69,"songplays":6820,"songs":71,"staging_events":8056,"staging_songs":71,"time":null,"users":96}}"#))
        let finished = Self.lines(engine.stepFinished(.counts, .succeeded("15179 rows in 6 tables")), &transcript)
        #expect(finished.first == #"{"at":"2018-11-30T00:23:07Z","detail":"15179 rows in 6 tables","event":"result","outcome":"succeeded","step":"counts","tables":{"artists":69,"songplays":6820,"songs":71,"staging_events":8056,"staging_songs":71,"time":null,"users":96}}"#)
        // What the step counted is what the engine now knows.
        #expect(engine.observation.database.value?.tables == fresh)
    }

    @Test func aFailedCountHasNoTablesAndOtherResultsAreThePlainEvent() {
        var transcript = JSONTranscript()
        _ = transcript.line(for: .counts(F.counts(F.empty)))
        #expect(transcript.line(for: .result(.counts, .failed("cannot connect")))
            == #"{"detail":"cannot connect","event":"result","outcome":"failed","step":"counts"}"#)
        #expect(transcript.line(for: .result(.etl, .cancelled)) == RunbookEvent.result(.etl, .cancelled).jsonLine)
    }

    @Test func countsFromAnotherStepDoNotReachStepR() {
        // Only a running step R takes counts as its own.
        var engine = RunbookEngine(observation: F.everythingUp)
        #expect(engine.countsReported(F.counts(F.empty)) == [])
        #expect(engine.observation == F.everythingUp)
    }

    @Test func iacStatusEndsOnTheClusterAndItsCost() {
        var transcript = JSONTranscript()
        _ = transcript.line(for: .cluster(ClusterSummary(F.everythingUp)))
        #expect(transcript.statusLine(at: F.now, failure: nil)
            == #"{"cluster":{"created":"2018-11-29T21:52:07Z","endpoint":"dwhcluster.c1.us-west-2.redshift.amazonaws.com:5439","identifier":"dwhcluster","ingress":"tcp 5439 from 203.0.113.7/32","node_type":"dc2.large","nodes":4,"region":"us-west-2","role_arn":"arn:aws:iam::123456789012:role/dwhRole","status":"available","target":"aws"},"cost":{"hours":2.5,"node_type":"dc2.large","nodes":4,"per_hour":1,"so_far":2.5},"event":"result","outcome":"succeeded","step":"status"}"#)
        #expect(JSONTranscript().statusLine(at: F.now, failure: "AWS unreachable")
            == #"{"detail":"AWS unreachable","event":"result","outcome":"failed","step":"status"}"#)
    }
}
