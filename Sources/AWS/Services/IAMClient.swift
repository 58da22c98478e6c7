/// IAM, as step 1 and step 5 of the runbook use it. IAM is a global service: the core signs it for
/// us-east-1 whatever the configured region.
public struct IAMClient: Sendable {
    public static let version = "2010-05-08"
    /// Lets Redshift assume the role (the notebook's trust policy).
    public static let redshiftTrustPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    /// What staging needs: read the source bucket.
    public static let s3ReadOnlyPolicyARN = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"

    let aws: AWSClient

    public init(_ aws: AWSClient) { self.aws = aws }

    // MARK: Requests (pure)

    public static func createRoleRequest(name: String) -> QueryRequest {
        request("CreateRole", [
            ("RoleName", name),
            ("AssumeRolePolicyDocument", redshiftTrustPolicy),
            ("Description", "Allows Redshift clusters to read S3 (sparkify)"),
        ])
    }

    public static func getRoleRequest(name: String) -> QueryRequest {
        request("GetRole", [("RoleName", name)])
    }

    public static func attachRolePolicyRequest(role: String, policyARN: String) -> QueryRequest {
        request("AttachRolePolicy", [("RoleName", role), ("PolicyArn", policyARN)])
    }

    public static func detachRolePolicyRequest(role: String, policyARN: String) -> QueryRequest {
        request("DetachRolePolicy", [("RoleName", role), ("PolicyArn", policyARN)])
    }

    public static func listAttachedRolePoliciesRequest(role: String, marker: String? = nil) -> QueryRequest {
        request("ListAttachedRolePolicies", [("RoleName", role)] + (marker.map { [("Marker", $0)] } ?? []))
    }

    public static func deleteRoleRequest(name: String) -> QueryRequest {
        request("DeleteRole", [("RoleName", name)])
    }

    private static func request(_ action: String, _ parameters: [(String, String)]) -> QueryRequest {
        QueryRequest(service: .iam, action: action, version: version, parameters: parameters)
    }

    // MARK: Responses (pure)

    /// The role of a CreateRole or GetRole result.
    public static func role(in result: XMLElement, action: String) throws(AWSError) -> IAMRole {
        guard let role = result.child("Role") else { throw .incomplete(.iam, action, missing: "Role") }
        return try IAMRole(xml: role, action: action)
    }

    /// The policies of one ListAttachedRolePolicies page and the marker of the next, if any.
    public static func attachedPolicies(in result: XMLElement) throws(AWSError)
        -> (policies: [IAMAttachedPolicy], marker: String?)
    {
        var policies: [IAMAttachedPolicy] = []
        for member in result.child("AttachedPolicies")?.children("member") ?? [] {
            policies.append(IAMAttachedPolicy(
                name: try member.required("PolicyName", .iam, "ListAttachedRolePolicies"),
                arn: try member.required("PolicyArn", .iam, "ListAttachedRolePolicies")))
        }
        let truncated = result.value("IsTruncated") == "true"
        return (policies, truncated ? result.value("Marker") : nil)
    }

    // MARK: Calls

    /// Creates the role Redshift assumes. Throws `EntityAlreadyExists` when it exists.
    public func createRole(name: String) async throws(AWSError) -> IAMRole {
        try Self.role(in: try await aws.perform(Self.createRoleRequest(name: name)), action: "CreateRole")
    }

    /// The role, or nil when IAM says `NoSuchEntity`.
    public func role(named name: String) async throws(AWSError) -> IAMRole? {
        do {
            return try Self.role(in: try await aws.perform(Self.getRoleRequest(name: name)), action: "GetRole")
        } catch where error.code == "NoSuchEntity" {
            return nil
        }
    }

    /// Attaching a policy that is already attached succeeds (IAM treats it as a no-op).
    public func attachRolePolicy(role: String, policyARN: String) async throws(AWSError) {
        _ = try await aws.perform(Self.attachRolePolicyRequest(role: role, policyARN: policyARN))
    }

    public func detachRolePolicy(role: String, policyARN: String) async throws(AWSError) {
        _ = try await aws.perform(Self.detachRolePolicyRequest(role: role, policyARN: policyARN))
    }

    /// Every managed policy attached to the role (all pages).
    public func attachedPolicies(role: String) async throws(AWSError) -> [IAMAttachedPolicy] {
        var all: [IAMAttachedPolicy] = []
        var marker: String?
        repeat {
            let page = try Self.attachedPolicies(
                in: try await aws.perform(Self.listAttachedRolePoliciesRequest(role: role, marker: marker)))
            all += page.policies
            marker = page.marker
        } while marker != nil
        return all
    }

    /// Throws `DeleteConflict` while policies are attached, `NoSuchEntity` when it is gone.
    public func deleteRole(name: String) async throws(AWSError) {
        _ = try await aws.perform(Self.deleteRoleRequest(name: name))
    }
}
