/// The services sparkify calls. The raw value is the SigV4 signing name, which is also how moto
/// routes a request arriving at its single endpoint.
public enum AWSService: String, Sendable, CaseIterable {
    case s3, iam, ec2, redshift, sts

    /// How the operator knows it: "S3", "IAM", "EC2", "Redshift", "STS".
    public var displayName: String {
        switch self {
        case .s3: return "S3"
        case .iam: return "IAM"
        case .ec2: return "EC2"
        case .redshift: return "Redshift"
        case .sts: return "STS"
        }
    }

    /// Options the signer needs for this service.
    var signingOptions: SigV4Signer.Options { self == .s3 ? .s3 : .query }
}
