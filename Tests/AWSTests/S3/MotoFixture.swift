import Config
import Foundation
import TestSupport

/// The test process's moto_server (TestSupport), in the region a test asks for.
enum MotoFixture {
    static func settings(region: String = "us-east-1") async throws -> AWSSettings {
        var settings = try await TestServers.moto()
        settings.region = region
        return settings
    }
}

/// A bucket name no other test uses.
func uniqueBucket(_ label: String) -> String {
    "sparkify-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
}
