import AWS
import Config
import Foundation
import Warehouse

/// What the runbook's steps act on, built once from the config: AWS (when there are credentials), the
/// database (the configured one, else the cluster's endpoint once it has one), the S3 sources, and
/// where every AWS call and SQL statement is reported (the log panel, `--json` lines).
public struct RunbookWorld: Sendable {
    public var config: DWHConfig
    public var provisioning: ProvisioningTarget
    public var region: String
    /// nil: AWS cannot be asked; `awsUnavailable` says why.
    public var provisioner: Provisioner?
    public var awsUnavailable: String
    /// The configured `[CLUSTER]` database; nil until steps 1–3 give a cluster an endpoint.
    public var configuredDatabase: DatabaseSettings?
    public var s3: S3Client?
    /// Step 3's CIDR, chosen when the step runs (the operator's address /32, 127.0.0.1/32 on loopback).
    public var ingressCIDR: @Sendable () async throws(ProvisioningError) -> IngressCIDR.Choice
    public var statements: StatementObserver?

    public init(config: DWHConfig, provisioning: ProvisioningTarget, region: String, provisioner: Provisioner?,
                awsUnavailable: String, configuredDatabase: DatabaseSettings?, s3: S3Client?,
                ingressCIDR: @escaping @Sendable () async throws(ProvisioningError) -> IngressCIDR.Choice,
                statements: StatementObserver?) {
        self.config = config
        self.provisioning = provisioning
        self.region = region
        self.provisioner = provisioner
        self.awsUnavailable = awsUnavailable
        self.configuredDatabase = configuredDatabase
        self.s3 = s3
        self.ingressCIDR = ingressCIDR
        self.statements = statements
    }

    /// From a loaded config: AWS settings as the CLI resolves them (env, profiles, `[AWS]`), every AWS
    /// call and SQL statement handed to `report`. Fails only for a config that cannot be used at all.
    public static func make(config: DWHConfig, pollInterval: Double? = nil, cidr: String? = nil, allowAnywhere: Bool = false,
                            discover: @escaping IngressCIDR.Discovery = PublicAddress.checkIP,
                            report: @escaping @Sendable (RunbookEvent) -> Void) throws(ConfigError) -> RunbookWorld {
        let settings = try AWSSettings.resolve(config: config)
        let aws = settings.credentials == nil ? nil : AWSClient(settings: settings, observer: { report(.awsCall($0)) })
        // moto answers at once; real Redshift takes minutes and is polled every 15 s.
        let poll = pollInterval ?? (settings.endpoint != nil ? 0.2 : 15)
        let endpoint = settings.endpoint
        return RunbookWorld(
            config: config, provisioning: ProvisioningTarget(config: config), region: settings.region,
            provisioner: aws.map { Provisioner(aws: $0, pollInterval: poll) },
            awsUnavailable: "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, or [AWS] KEY/SECRET",
            configuredDatabase: config.cluster.host == nil ? nil : try DatabaseSettings(config: config),
            s3: aws.map { S3Client(client: $0) },
            ingressCIDR: { () async throws(ProvisioningError) in
                try await IngressCIDR.choose(explicit: cidr, allowAnywhere: allowAnywhere, endpoint: endpoint, discover: discover)
            },
            statements: { report(.sqlStatement($0)) })
    }

    /// The database the steps use: the configured one, else the cluster steps 1–3 built.
    public func database(for observation: Observation) -> DatabaseSettings? {
        if let configuredDatabase { return configuredDatabase }
        guard let endpoint = observation.aws.value?.cluster?.endpoint else { return nil }
        return DatabaseSettings(host: endpoint.host, port: endpoint.port, database: config.provisioning.db,
                                user: config.provisioning.dbUser, password: config.provisioning.dbPassword)
    }

    public func observer(for observation: Observation) -> RunbookObserver {
        RunbookObserver(provisioning: provisioning, region: region, provisioner: provisioner, awsUnavailable: awsUnavailable,
                        database: database(for: observation), statements: statements)
    }
}
