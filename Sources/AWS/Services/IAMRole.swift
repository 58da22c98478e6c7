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
        name = try role.required("RoleName", in: action)
        arn = try role.required("Arn", in: action)
        roleID = role.child("RoleId")?.text
        trustPolicy = role.child("AssumeRolePolicyDocument").map { $0.text.removingPercentEncoding ?? $0.text }
        created = role.child("CreateDate").flatMap { AWSTimestamp.parse($0.text) }
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
