import Foundation

/// An IAM role as GetRole / CreateRole describe it.
public struct IAMRole: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var roleID: String?
    /// The trust policy, URL-decoded (IAM returns it percent-encoded).
    public var trustPolicy: String?
    public var created: Date?

    public init(name: String, arn: String, roleID: String? = nil, trustPolicy: String? = nil, created: Date? = nil) {
        self.name = name
        self.arn = arn
        self.roleID = roleID
        self.trustPolicy = trustPolicy
        self.created = created
    }

    /// Parses a `<Role>` element.
    init(xml role: XMLElement, action: String) throws(AWSError) {
        name = try role.required("RoleName", .iam, action)
        arn = try role.required("Arn", .iam, action)
        roleID = role.value("RoleId")
        trustPolicy = role.value("AssumeRolePolicyDocument").map { $0.removingPercentEncoding ?? $0 }
        created = role.value("CreateDate").flatMap(S3Timestamp.iso8601)
    }
}

/// A managed policy attached to a role (ListAttachedRolePolicies).
public struct IAMAttachedPolicy: Sendable, Equatable {
    public var name: String
    public var arn: String

    public init(name: String, arn: String) {
        self.name = name
        self.arn = arn
    }
}
