import Runbook
import Testing

/// The runbook's own words for what the faces show: Redshift's statuses become phases, endpoints host
/// and port.
@Suite("Runbook: types the faces see")
struct BoundaryTypesTests {
    @Test func redshiftStatusesBecomePhases() {
        #expect(ClusterPhase(redshiftStatus: "available") == .available)
        #expect(ClusterPhase(redshiftStatus: "creating") == .changing("creating"))
        #expect(ClusterPhase(redshiftStatus: "final-snapshot") == .deleting)
        #expect(ClusterPhase(redshiftStatus: "paused") == .paused)
        #expect(ClusterPhase(redshiftStatus: "incompatible-network") == .failed("incompatible-network"))
        #expect(["available", "modifying", "deleting", "storage-full"].map { ClusterPhase(redshiftStatus: $0).text }
            == ["available", "modifying", "deleting", "storage-full"])
    }

    @Test func anEndpointIsHostAndPort() {
        #expect(ClusterEndpoint(host: "dwhcluster.c1.us-west-2.redshift.amazonaws.com", port: 5439).text
            == "dwhcluster.c1.us-west-2.redshift.amazonaws.com:5439")
    }
}
