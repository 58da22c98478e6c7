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

    /// US dollars per node-hour, on-demand, US East (N. Virginia), from https://aws.amazon.com/redshift/pricing/
    /// ("start small at $0.25 per hour" is dc2.large), as listed there when this table was written
    /// (2026-11-24). Other regions cost more; update the table when AWS changes its prices.
    public static let onDemandPricePerNodeHour: [String: Double] = [
        "dc2.large": 0.25,
        "dc2.8xlarge": 4.80,
        "ra3.large": 0.543,
        "ra3.xlplus": 1.086,
        "ra3.4xlarge": 3.26,
        "ra3.16xlarge": 13.04,
        "ds2.xlarge": 0.85,
        "ds2.8xlarge": 6.80,
    ]
}
