import AWS

/// The plan with what its cluster costs: `iac plan`'s cost line and step 2's question on real AWS.
extension ProvisioningPreview {
    /// "$1.00/h, $730.00 a month (dc2.large × 4 on demand, …)", or why there is no figure.
    public var costText: String { PlannedCost.text(nodeType: nodeType, nodes: nodes) }

    /// Step 2's question: what it creates and what that costs while the cluster runs.
    public var clusterPrompt: String {
        let parts = resources.filter { !$0.exists }.map { resource -> String in
            switch resource.kind {
            case .role: return "create role \(resource.name)"
            case .policy: return "attach \(resource.name.split(separator: "/").last.map(String.init) ?? resource.name)"
            case .cluster: return "create cluster \(resource.name) (\(resource.detail))"
            case .ingress: return "open \(resource.name)"
            }
        }
        return "Step 2 will " + RunbookEngine.sentence(parts) + ". It costs " + costText
            + " until step 5 removes it."
    }
}
