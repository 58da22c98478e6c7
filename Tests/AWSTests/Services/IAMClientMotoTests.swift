@testable import AWS
import Foundation
import Synchronization
import Testing

/// Collects what a callback reports, from any thread.
final class Recorder<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    func append(_ item: Item) { items.withLock { $0.append(item) } }

    var all: [Item] { items.withLock { $0 } }
}

/// A client against the test process's moto that keeps every call record.
func motoClient() async throws -> (AWSClient, Recorder<AWSCallRecord>) {
    let records = Recorder<AWSCallRecord>()
    return (AWSClient(settings: try await MotoFixture.settings(), observer: records.append), records)
}

/// Names no other test (or test run against the same moto) uses.
func uniqueName(_ prefix: String) -> String {
    prefix + "-" + UUID().uuidString.prefix(8).lowercased()
}

/// The AWS error code a call failed with, or nil when it succeeded.
func awsErrorCode(_ body: () async throws(AWSError) -> Void) async -> AWSError? {
    do { try await body() } catch { return error }
    return nil
}

@Suite struct IAMClientMotoTests {
    @Test func roleLifecycleWithExistingAndMissingAsStates() async throws {
        let (aws, records) = try await motoClient()
        let iam = IAMClient(aws)
        let name = uniqueName("iam-role")

        #expect(try await iam.role(named: name) == nil)
        let created = try await iam.createRole(name: name)
        #expect(created.arn == "arn:aws:iam::123456789012:role/\(name)")
        #expect(created.trustPolicy == IAMClient.redshiftTrustPolicy)
        #expect(try await iam.role(named: name)?.arn == created.arn)

        let duplicate = await awsErrorCode { () async throws(AWSError) in _ = try await iam.createRole(name: name) }
        #expect(duplicate?.code == "EntityAlreadyExists")
        #expect(duplicate?.requestID?.isEmpty == false)
        #expect(duplicate?.httpStatus == 409)

        try await iam.attachRolePolicy(role: name, policyARN: IAMClient.s3ReadOnlyPolicyARN)
        try await iam.attachRolePolicy(role: name, policyARN: IAMClient.s3ReadOnlyPolicyARN)
        #expect(try await iam.attachedPolicies(role: name)
            == [IAMAttachedPolicy(name: "AmazonS3ReadOnlyAccess", arn: IAMClient.s3ReadOnlyPolicyARN)])

        let conflict = await awsErrorCode { () async throws(AWSError) in try await iam.deleteRole(name: name) }
        #expect(conflict?.code == "DeleteConflict")

        try await iam.detachRolePolicy(role: name, policyARN: IAMClient.s3ReadOnlyPolicyARN)
        #expect(try await iam.attachedPolicies(role: name) == [])
        try await iam.deleteRole(name: name)
        #expect(try await iam.role(named: name) == nil)
        let gone = await awsErrorCode { () async throws(AWSError) in try await iam.deleteRole(name: name) }
        #expect(gone?.code == "NoSuchEntity")

        let calls = records.all
        #expect(calls.allSatisfy { $0.service == .iam })
        #expect(calls.first?.action == "GetRole")
        #expect(calls.first?.errorCode == "NoSuchEntity")
        #expect(calls.contains { $0.action == "CreateRole" && $0.httpStatus == 200 })
    }
}
