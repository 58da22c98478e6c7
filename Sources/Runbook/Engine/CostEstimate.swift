import Foundation

/// What a cluster has cost so far at on-demand prices: price per node-hour × nodes × hours since it was
/// created. An estimate (Redshift bills per second, prices vary by region, reserved nodes cost less):
/// the point is that a forgotten cluster is visible in dollars.
public struct CostEstimate: Sendable, Equatable {
    public var nodeType: String
    public var nodes: Int
    public var pricePerNodeHour: Double
    public var hours: Double

    /// nil for a node type without a price in ``onDemandPricePerNodeHour`` — better no figure than a guess.
    public init?(nodeType: String, nodes: Int, since: Date, now: Date) {
        guard let price = Self.onDemandPricePerNodeHour[nodeType.lowercased()] else { return nil }
        self.nodeType = nodeType
        self.nodes = nodes
        pricePerNodeHour = price
        hours = max(0, now.timeIntervalSince(since)) / 3600
    }

    public var perHour: Double { pricePerNodeHour * Double(nodes) }

    public var soFar: Double { perHour * hours }

    /// "$1.00/h, $2.50 so far (2.5 h)"
    public var text: String {
        String(format: "$%.2f/h, $%.2f so far (%.1f h)", perHour, soFar, hours)
    }

    /// US dollars per node-hour, on-demand — only prices confirmed from a page that states them.
    ///
    /// - dc2.large $0.25: https://aws.amazon.com/redshift/pricing/ — "start small at $0.25 per hour"
    ///   (the smallest node, dc2.large, on demand in US East (N. Virginia) and US West (Oregon)); read
    ///   2026-12-01.
    ///
    /// Not confirmed, so not priced (a cluster of these shows "unknown" rather than a guess): dc2.8xlarge,
    /// ra3.large, ra3.xlplus, ra3.4xlarge, ra3.16xlarge, in us-east-1 and us-west-2. The pricing page renders
    /// its per-node table from regional data that the stored copy does not hold; a transcript of the page
    /// (api-evangelist/amazon-redshift, plans/amazon-redshift-plans-pricing.yml, 2026-10-07) quotes
    /// "$0.543 per hour" for provisioned on-demand without naming the node type. Add a node type here with
    /// the page that states its price.
    public static let onDemandPricePerNodeHour: [String: Double] = [
        "dc2.large": 0.25,
    ]

    /// AWS's pricing pages reckon a month as 730 hours (365 × 24 / 12).
    public static let hoursPerMonth = 730.0
}

/// What a cluster would cost per hour and per month if it ran all the time, at on-demand prices
/// (`iac plan`, step 2's confirmation). Compute only: paused clusters and storage are billed differently.
public struct PlannedCost: Sendable, Equatable {
    public var nodeType: String
    public var nodes: Int
    public var pricePerNodeHour: Double

    /// nil for a node type without a confirmed price in ``CostEstimate/onDemandPricePerNodeHour``.
    public init?(nodeType: String, nodes: Int) {
        guard let price = CostEstimate.onDemandPricePerNodeHour[nodeType.lowercased()] else { return nil }
        self.nodeType = nodeType
        self.nodes = nodes
        pricePerNodeHour = price
    }

    public var perHour: Double { pricePerNodeHour * Double(nodes) }

    public var perMonth: Double { perHour * CostEstimate.hoursPerMonth }

    /// "$1.00/h, $730.00 a month (dc2.large × 4 on demand, US East / US West prices)"
    public var text: String {
        String(format: "$%.2f/h, $%.2f a month", perHour, perMonth)
            + " (\(nodeType) × \(nodes) on demand, US East / US West prices)"
    }

    /// The cost line of a plan: the figure, or why there is none.
    public static func text(nodeType: String, nodes: Int) -> String {
        PlannedCost(nodeType: nodeType, nodes: nodes)?.text
            ?? "unknown: no confirmed on-demand price for \(nodeType) in sparkify's table (see https://aws.amazon.com/redshift/pricing/)"
    }
}
