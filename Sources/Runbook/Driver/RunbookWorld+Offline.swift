import AWS
import Config

extension RunbookWorld {
    /// A world with nothing to act on — no AWS credentials, no database — for a face that wants a session
    /// without a target (the console's loop tests): every step is blocked and says why.
    public static func offline() throws(ConfigError) -> RunbookWorld {
        let config = try DWHConfig()
        return RunbookWorld(config: config, provisioning: ProvisioningTarget(config: config), region: "us-west-2",
                            provisioner: nil, awsUnavailable: "no AWS credentials", configuredDatabase: nil, s3: nil,
                            ingressCIDR: { () async throws(ProvisioningError) in
                                try await IngressCIDR.choose(explicit: "127.0.0.1/32", allowAnywhere: false, endpoint: nil,
                                                             discover: { "" })
                            }, statements: nil)
    }
}
