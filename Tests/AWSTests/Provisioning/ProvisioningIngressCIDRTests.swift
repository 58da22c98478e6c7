@testable import AWS
import Testing

@Suite struct ProvisioningIngressCIDRTests {
    struct Offline: Error, CustomStringConvertible {
        var description: String { "no route to checkip.amazonaws.com" }
    }

    static let noDiscovery: IngressCIDR.Discovery = {
        Issue.record("discovery must not run here")
        return "0.0.0.0"
    }

    @Test func loopbackEndpointsMeanTheLoopbackAddress() async throws {
        for endpoint in ["http://127.0.0.1:5000", "http://localhost:5000/", "http://[::1]:5000"] {
            let choice = try await IngressCIDR.choose(explicit: nil, allowAnywhere: false, endpoint: endpoint,
                                                      discover: Self.noDiscovery)
            #expect(choice == IngressCIDR.Choice(cidr: "127.0.0.1/32", warning: nil))
        }
    }

    @Test func realAWSUsesTheDiscoveredPublicAddress() async throws {
        let choice = try await IngressCIDR.choose(explicit: nil, allowAnywhere: false, endpoint: nil,
                                                  discover: { "203.0.113.7\n" })
        #expect(choice.cidr == "203.0.113.7/32")
        let remote = try await IngressCIDR.choose(explicit: nil, allowAnywhere: false, endpoint: "http://10.1.2.3:5000",
                                                  discover: { "198.51.100.1" })
        #expect(remote.cidr == "198.51.100.1/32")
    }

    @Test func failedDiscoveryTellsTheOperatorToPassCIDR() async {
        await #expect(throws: ProvisioningError.addressDiscoveryFailed(reason: "no route to checkip.amazonaws.com")) {
            try await IngressCIDR.choose(explicit: nil, allowAnywhere: false, endpoint: nil, discover: { throw Offline() })
        }
        #expect(ProvisioningError.addressDiscoveryFailed(reason: "x").description
            == "could not discover your public IP address (x); pass --cidr YOUR.ADDRESS/32")
        await #expect(throws: ProvisioningError.addressDiscoveryFailed(reason: "the answer '<html>' is not an IPv4 address")) {
            try await IngressCIDR.choose(explicit: nil, allowAnywhere: false, endpoint: nil, discover: { "<html>" })
        }
    }

    @Test func explicitCIDRWinsAndIsNormalized() async throws {
        #expect(try await IngressCIDR.choose(explicit: "10.0.0.0/8", allowAnywhere: false, endpoint: nil,
                                             discover: Self.noDiscovery).cidr == "10.0.0.0/8")
        #expect(try await IngressCIDR.choose(explicit: "192.0.2.4", allowAnywhere: false, endpoint: "http://127.0.0.1:1",
                                             discover: Self.noDiscovery).cidr == "192.0.2.4/32")
    }

    @Test func anywhereNeedsTheFlagAndWarns() async throws {
        await #expect(throws: ProvisioningError.anywhereNotAllowed) {
            try await IngressCIDR.choose(explicit: "0.0.0.0/0", allowAnywhere: false, endpoint: nil, discover: Self.noDiscovery)
        }
        let explicit = try await IngressCIDR.choose(explicit: "0.0.0.0/0", allowAnywhere: true, endpoint: nil,
                                                    discover: Self.noDiscovery)
        let flagOnly = try await IngressCIDR.choose(explicit: nil, allowAnywhere: true, endpoint: "http://127.0.0.1:1",
                                                    discover: Self.noDiscovery)
        for choice in [explicit, flagOnly] {
            #expect(choice.cidr == "0.0.0.0/0")
            #expect(choice.warning == "warning: opening port 5439 to 0.0.0.0/0 — anyone on the internet can try to log in to the cluster")
        }
    }

    @Test(arguments: ["300.1.1.1/32", "1.2.3/32", "1.2.3.4/33", "1.2.3.4/", "example.com", "::1/128", "1.2.3.4/8/1"])
    func malformedCIDRsAreUsageErrors(text: String) {
        let error = #expect(throws: ProvisioningError.self) { try IngressCIDR.normalize(text) }
        #expect(error?.isUsageError == true)
    }
}
