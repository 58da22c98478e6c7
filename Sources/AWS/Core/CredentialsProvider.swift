import Config
import Foundation
import Synchronization

/// Hands ``AWSClient`` the credentials for each request. Keys known up front are handed as they are;
/// temporary ones (credential_process, AssumeRole) are fetched on first use and fetched again before
/// they expire (``refreshMargin``), one fetch at a time however many requests ask at once.
public final class CredentialsProvider: Sendable {
    /// What the credentials are ("profile ops (assume-role)"), for status lines.
    public let label: String
    private let fetch: @Sendable () async throws(AWSError) -> AWSCredentials
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    private enum Held {
        case current(AWSCredentials)
        case fetching(Task<Result<AWSCredentials, AWSError>, Never>)
    }

    private struct State {
        var current: AWSCredentials?
        var fetching: Task<Result<AWSCredentials, AWSError>, Never>?
    }

    /// Temporary credentials are renewed this long before they expire (AssumeRole gives at least 15 min).
    public static let refreshMargin: TimeInterval = 5 * 60

    /// - Parameters:
    ///   - fetch: gets fresh credentials (runs the process, calls AssumeRole).
    ///   - now: the clock the expiry is checked against; tests pass their own.
    public init(label: String, now: @escaping @Sendable () -> Date = { Date() },
                fetch: @escaping @Sendable () async throws(AWSError) -> AWSCredentials) {
        self.label = label
        self.fetch = fetch
        self.now = now
    }

    /// The provider for `source`: AssumeRole is signed by a client of its own for the role's source
    /// credentials, on the same endpoint and transport, its calls reported to `observer`.
    public static func make(_ source: CredentialSource, region: String, endpoint: String?, http: HTTPClient,
                            observer: @escaping @Sendable (AWSCallRecord) -> Void) -> CredentialsProvider {
        switch source {
        case .keys(let credentials):
            return CredentialsProvider(label: source.label) { credentials }
        case .process(let command, let profile):
            let process = CredentialProcess(command: command, profile: profile)
            return CredentialsProvider(label: source.label) { () async throws(AWSError) in try await process.credentials() }
        case .assumeRole(let role):
            let signer = AWSClient(settings: AWSSettings(credentialSource: role.source, region: region, endpoint: endpoint),
                                   observer: observer, http: http)
            let sts = STSClient(signer)
            return CredentialsProvider(label: source.label) { () async throws(AWSError) in try await sts.assumeRole(role) }
        }
    }

    /// Whether credentials that expire at `expiration` must be renewed at `now`. Pure.
    public static func needsRefresh(expiration: Date?, now: Date, margin: TimeInterval = refreshMargin) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    /// Credentials valid for the next request: the ones held, or fresh ones when they are about to expire.
    public func credentials() async throws(AWSError) -> AWSCredentials {
        let fetch = self.fetch
        let held = state.withLock { state -> Held in
            if let current = state.current, !Self.needsRefresh(expiration: current.expiration, now: now()) { return .current(current) }
            if let fetching = state.fetching { return .fetching(fetching) }
            let task = Task { () -> Result<AWSCredentials, AWSError> in
                do throws(AWSError) { return .success(try await fetch()) } catch { return .failure(error) }
            }
            state.fetching = task
            return .fetching(task)
        }
        let task: Task<Result<AWSCredentials, AWSError>, Never>
        switch held {
        case .current(let current): return current
        case .fetching(let fetching): task = fetching
        }
        let result = await task.value
        state.withLock { state in
            guard state.fetching == task else { return }
            state.fetching = nil
            if case .success(let credentials) = result { state.current = credentials }
        }
        return try result.get()
    }
}
