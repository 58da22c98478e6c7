import AWS
import ArgumentParser
import Foundation
import Runbook

extension IaCCommand {
    /// `sparkify iac plan`: what `iac up` would call and create, from one observation on the runbook
    /// session (read-only: IAM, Redshift and EC2 are only asked), and what the cluster costs. The plan is
    /// ``ProvisioningPreview``, made of the provisioning plan's own decisions.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what `iac up` would call and create (role, policy, cluster, ingress rule), what exists already, and the cluster's cost per hour and month. Changes nothing.",
            discussion: #"--json prints the engine's events, then {"event": "result", "step": "plan", "outcome": …, "resources": [{"kind", "name", "exists", "detail"}, …], "calls": […], "cost": {…}}."#)

        @OptionGroup var global: GlobalOptions

        @Option(help: "The CIDR `iac up --cidr` would open port 5439 to (default: your own address /32, as `iac up`).")
        var cidr: String?

        @Flag(help: "As `iac up --allow-anywhere`.")
        var allowAnywhere = false

        func validate() throws { try IaCCommand.validate(cidr: cidr, allowAnywhere: allowAnywhere) }

        func run() async throws {
            let printer = Printer(global)
            let world = try IaCCommand.world(global, printer: printer, wait: nil, cidr: cidr, allowAnywhere: allowAnywhere)
            let engine = try await HeadlessRun(global: global).observe(work: StepWork(world: world), printer: printer, scope: .aws)
            let observation = engine.observation
            guard let resources = observation.aws.value?.resources else {
                let reason: String
                if case .unavailable(let why) = observation.aws { reason = why } else { reason = "AWS was not asked" }
                if global.json { print(PlanLine(failure: reason).json) }
                printer.stderr("error: " + reason)
                throw ExitCode(ExitStatus.failed)
            }
            // Step 3's rule as `iac up` would choose it (a look-up of your address, never a change).
            let rule: String
            do {
                let choice = try await world.ingressCIDR()
                if let warning = choice.warning { printer.stderr("warning: " + warning) }
                rule = choice.cidr
            } catch {
                printer.stderr("warning: \(error.description); the plan shows <your address>/32")
                rule = "<your address>/32"
            }
            let plan = ProvisioningPreview(world.provisioning, cidr: rule, observed: resources)
            if global.json {
                print(PlanLine(plan, region: world.region, emulated: world.emulated || observation.target == .sandbox).json)
            } else {
                IaCPlanLines.text(plan, region: world.region, observation: observation).forEach { print($0) }
            }
        }
    }
}

extension IaCCommand {
    /// `up` and `plan`'s `--cidr`: an IPv4 range, and 0.0.0.0/0 only with `--allow-anywhere`.
    static func validate(cidr: String?, allowAnywhere: Bool) throws {
        guard let cidr else { return }
        do throws(ProvisioningError) {
            let normalized = try IngressCIDR.normalize(cidr)
            if IngressCIDR.isAnywhere(normalized), !allowAnywhere { throw .anywhereNotAllowed }
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `iac plan`'s text: where, the plan's lines with the cost, and that nothing changed.
enum IaCPlanLines {
    static func text(_ plan: ProvisioningPreview, region: String, observation: Observation) -> [String] {
        let free = observation.target == .sandbox ? "the sandbox" : observation.emulated ? "an emulator" : nil
        var lines = ["plan for \(observation.clusterIdentifier) in \(region)" + (free.map { " (\($0), not AWS)" } ?? "")]
        lines += plan.lines
        lines.append("cost     " + plan.costText + (free.map { " on real AWS; \($0) costs nothing" } ?? ""))
        lines.append(plan.isNoChange ? "nothing to do: `sparkify iac up` would find everything in place"
                                     : "nothing was changed; `sparkify iac up` makes these calls")
        return lines
    }
}

/// `iac plan --json`'s result line.
struct PlanLine: Encodable {
    struct Resource: Encodable {
        var kind: String
        var name: String
        var exists: Bool
        var detail: String
    }

    struct Cost: Encodable {
        var nodeType: String
        var nodes: Int
        /// Absent: no confirmed price for the node type.
        var perHour: Double?
        var perMonth: Double?
    }

    var event = "result"
    var step = "plan"
    var outcome: String
    var detail: String?
    var region: String?
    /// An emulator or the sandbox: the cost is what the same cluster would cost on AWS.
    var emulated: Bool?
    var resources: [Resource]?
    var calls: [String]?
    /// What would stop `iac up` (absent: nothing).
    var stops: String?
    var cost: Cost?

    init(_ plan: ProvisioningPreview, region: String, emulated: Bool) {
        outcome = "succeeded"
        let missing = plan.resources.filter { !$0.exists }.count
        detail = "\(missing) to create, \(plan.resources.count - missing) existing"
        self.region = region
        self.emulated = emulated
        resources = plan.resources.map { Resource(kind: $0.kind.rawValue, name: $0.name, exists: $0.exists, detail: $0.detail) }
        calls = plan.calls.map(\.description)
        stops = plan.blocker?.description
        let price = PlannedCost(nodeType: plan.nodeType, nodes: plan.nodes)
        cost = Cost(nodeType: plan.nodeType, nodes: plan.nodes,
                    perHour: price.map { Self.cents($0.perHour) }, perMonth: price.map { Self.cents($0.perMonth) })
    }

    init(failure: String) {
        outcome = "failed"
        detail = failure
    }

    static func cents(_ dollars: Double) -> Double { (dollars * 100).rounded() / 100 }

    var json: String { RunbookEvent.jsonLine(self) }
}
