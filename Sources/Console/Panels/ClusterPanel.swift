import Foundation
import Runbook

/// The cluster's facts, label and value per line. When the panel is short (80×24) related facts share a
/// line and the least needed ones (the role ARN and ingress rule, which the Runbook's steps 1 and 3 also
/// show) go first: uptime and cost stay, because a forgotten cluster must be visible in dollars.
public enum ClusterPanel {
    public static func render(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let inner = PanelFrame.draw(.cluster, model: model, in: rect, into: &grid)
        for (row, line) in lines(model, height: inner.height).enumerated() {
            let y = inner.y + row
            // A line without a label (a notice) starts at the edge.
            let x = line.label.isEmpty ? inner.x
                : grid.put(line.label.padded(to: labelWidth), x: inner.x, y: y, style: .dim, clip: inner)
            grid.put(line.value.fitted(to: inner.maxX - x), x: x, y: y, style: line.style, clip: inner)
        }
        if let hint = pauseHint(model) { PanelFrame.footnote(hint, in: rect, into: &grid, style: Style(color: .cyan, bold: true)) }
    }

    /// "p pause" on an available cluster, "u resume" on a paused one, in the bottom edge.
    static func pauseHint(_ model: ConsoleModel) -> String? {
        let glyphs = Glyphs(model.borders)
        switch model.snapshot.cluster?.status {
        case .available?: return model.keys.key(for: .request(.pause), glyphs: glyphs).map { "\($0) pause" }
        case .paused?: return model.keys.key(for: .request(.resume), glyphs: glyphs).map { "\($0) resume" }
        default: return nil
        }
    }

    struct Line: Equatable {
        var label: String
        var value: String
        var style: Style = .plain
    }

    static let labelWidth = 9

    /// The lines that fit in `height`: all nine facts, or the compact form cut by priority.
    static func lines(_ model: ConsoleModel, height: Int) -> [Line] {
        guard let cluster = model.snapshot.cluster else {
            return [Line(label: "", value: "not observed yet", style: .dim)]
        }
        let sandbox = cluster.target == .sandbox
        let noCluster = cluster.status == nil
        var head = [Line(label: "id", value: cluster.identifier)]
        if noCluster {
            head = [Line(label: "", value: "no cluster \(cluster.identifier)", style: .bold)]
        }
        if sandbox { head.append(Line(label: "sandbox", value: "moto + local PostgreSQL", style: Style(color: .green))) }
        let noCost = sandbox ? [Line(label: "cost", value: "none (sandbox)", style: Style(color: .green))] : []
        if noCluster { return Array((head + noCost + regionOnly(cluster)).prefix(height)) }

        let status = Line(label: "status", value: cluster.statusText ?? "", style: statusStyle(cluster.status))
        let nodes = cluster.nodeType.map { type in type + (cluster.nodes.map { " × \($0)" } ?? "") } ?? "—"
        let uptime = cluster.uptime(at: model.now).map(PanelText.duration) ?? "—"
        let cost = sandbox ? nil : cluster.emulated ? "none (an emulator, not AWS)"
            : cluster.isPaused ? "compute not billed while paused (storage is)"
            : cluster.cost(at: model.now).map(costText) ?? "unknown for this node type"
        let full: [Line] = head + [
            status,
            Line(label: "nodes", value: nodes),
            Line(label: "region", value: cluster.region ?? "—"),
            Line(label: "endpoint", value: cluster.endpoint?.text ?? "—"),
            Line(label: "role", value: cluster.roleARN ?? "—"),
            Line(label: "ingress", value: cluster.ingress ?? "—"),
            Line(label: "uptime", value: uptime),
        ] + (cost.map { [Line(label: "cost", value: $0, style: Style(color: .yellow))] } ?? noCost)
        if full.count <= height { return full }

        let dot = Glyphs(model.borders).dot
        // Compact: (line, priority) in display order; the highest priorities are kept.
        let compact: [(Line, Int)] = [
            (Line(label: "cluster", value: cluster.identifier + " " + dot + " " + (cluster.statusText ?? ""), style: statusStyle(cluster.status)), 0),
            (sandbox ? head[1] : Line(label: "nodes", value: nodes + " " + dot + " " + (cluster.region ?? "")), 2),
            (Line(label: "endpoint", value: cluster.endpoint?.text ?? "—"), 4),
            (Line(label: "role", value: cluster.roleARN ?? "—"), 6),
            (Line(label: "ingress", value: cluster.ingress ?? "—"), 5),
            (Line(label: "uptime", value: uptime), 3),
        ] + (cost.map { [(Line(label: "cost", value: $0, style: Style(color: .yellow)), 1)] } ?? noCost.map { ($0, 1) })
        let kept = Set(compact.map(\.1).sorted().prefix(height))
        return compact.filter { kept.contains($0.1) }.map(\.0)
    }

    /// "$2.50 so far at $1.00/h": what it has cost first, as that is what a forgotten cluster is about.
    static func costText(_ cost: CostEstimate) -> String {
        String(format: "$%.2f so far at $%.2f/h", cost.soFar, cost.perHour)
    }

    private static func regionOnly(_ cluster: ClusterSummary) -> [Line] {
        cluster.region.map { [Line(label: "region", value: $0)] } ?? []
    }

    private static func statusStyle(_ status: ClusterPhase?) -> Style {
        switch status {
        case .available?: return Style(color: .green)
        case nil: return .dim
        default: return Style(color: .yellow)
        }
    }
}
