@testable import AWS
import Config
import Foundation
import Synchronization
import Testing

/// Temporary credentials are fetched once and again only when they are about to expire.
@Suite struct CredentialsProviderTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func refreshIsDueFiveMinutesBeforeExpiry() {
        #expect(CredentialsProvider.needsRefresh(expiration: nil, now: Self.start) == false)
        #expect(CredentialsProvider.needsRefresh(expiration: Self.start + 301, now: Self.start) == false)
        #expect(CredentialsProvider.needsRefresh(expiration: Self.start + 300, now: Self.start) == true)
        #expect(CredentialsProvider.needsRefresh(expiration: Self.start - 1, now: Self.start) == true)
    }

    @Test func fetchesOnFirstUseAndAgainBeforeTheCredentialsExpire() async throws {
        let clock = Mutex(Self.start)
        let fetches = Mutex(0)
        let provider = CredentialsProvider(label: "profile ops (assume-role)", now: { clock.withLock { $0 } }) {
            let number = fetches.withLock { $0 += 1; return $0 }
            return AWSCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: Secret("s\(number)"), source: "profile ops (assume-role)",
                                  expiration: clock.withLock { $0 } + 900)
        }
        #expect(try await provider.credentials().accessKeyID == "ASIA1")
        clock.withLock { $0 += 500 }
        #expect(try await provider.credentials().accessKeyID == "ASIA1")
        clock.withLock { $0 += 100 }  // 300 s left: renewed
        #expect(try await provider.credentials().accessKeyID == "ASIA2")
        #expect(fetches.withLock { $0 } == 2)
    }

    @Test func aFailedFetchIsTriedAgainOnTheNextRequest() async throws {
        let fetches = Mutex(0)
        let provider = CredentialsProvider(label: "profile ops (credential_process)") { () async throws(AWSError) in
            let number = fetches.withLock { $0 += 1; return $0 }
            if number == 1 { throw CredentialProcess.failure("ops", "helper exited with status 1") }
            return AWSCredentials(accessKeyID: "AKID", secretAccessKey: Secret("s"), source: "profile ops (credential_process)")
        }
        await #expect(throws: AWSError.self) { try await provider.credentials() }
        #expect(try await provider.credentials().accessKeyID == "AKID")
        #expect(try await provider.credentials().accessKeyID == "AKID")
        #expect(fetches.withLock { $0 } == 2)
    }
}
