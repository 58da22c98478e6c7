import AWS
import ArgumentParser
import Config
import Foundation
import Runbook
import Synchronization

/// `sparkify iac up|status|down`: runbook steps 1–3 and 5 headless. The decisions live in
/// AWS/Provisioning (pure, unit-tested); this file parses flags, loads the config and prints.
struct IaCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iac",
        abstract: "Create (up), show (status) or remove (down) the IAM role, Redshift cluster and ingress rule.",
        subcommands: [Up.self, Status.self, Down.self])

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Steps 1–3: IAM role with S3 read access, Redshift cluster (waits until available), port 5439 opened to your address.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Who may reach port 5439 (default: your own address /32; 127.0.0.1/32 against a loopback endpoint).")
        var cidr: String?

        @Flag(help: "Allow 0.0.0.0/0 (the whole internet). Needed for --cidr 0.0.0.0/0; alone it means 0.0.0.0/0.")
        var allowAnywhere = false

        @OptionGroup var wait: IaCWaitOptions

        func run() async throws {
            let context = try IaCContext(global)
            let choice: IngressCIDR.Choice
            do {
                choice = try await IngressCIDR.choose(explicit: cidr, allowAnywhere: allowAnywhere,
                                                      endpoint: context.settings.endpoint,
                                                      discover: PublicAddress.checkIP)
            } catch { throw context.fail(error) }
            if let warning = choice.warning { context.output.warn(warning) }

            let provisioner = context.provisioner(pollInterval: wait.pollInterval, timeout: wait.timeout)
            let observed: ObservedResources
            do {
                try await context.printIdentity(provisioner)
                observed = try await provisioner.up(context.target, cidr: choice.cidr, events: context.output.event)
            } catch { throw context.fail(error) }

            let role = observed.role?.arn ?? ""
            let endpoint = observed.cluster?.endpoint
            context.output.result(
                IaCUpResult(roleArn: role, host: endpoint?.address ?? "", port: endpoint?.port ?? context.target.port,
                            cidr: choice.cidr),
                lines: ["role ARN  \(role)",
                        "endpoint  \(endpoint.map { "\($0.address):\($0.port)" } ?? "-")",
                        "ingress   tcp \(endpoint?.port ?? context.target.port) from \(choice.cidr)"]
                    + (context.config.sandboxState != nil
                        ? ["sandbox: this profile's [CLUSTER] HOST already points at the sandbox's PostgreSQL"]
                        : ProvisioningStatus.configHint(observed)))
            if context.settings.endpoint == nil, let cluster = observed.cluster {
                let cost = ClusterMoney(cluster, emulated: false, now: Date()).estimate.map { " at about $\(String(format: "%.2f", $0.perHour))/h" } ?? ""
                context.output.warn("warning: cluster \(cluster.identifier) is running\(cost) until `sparkify iac down --yes` removes it")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the role ARN, the cluster's status, endpoint and nodes, and the ingress rules on its port.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try IaCContext(global)
            let provisioner = context.provisioner(pollInterval: nil, timeout: 0)
            do {
                let identity = try await provisioner.callerIdentity()
                let observed = try await provisioner.observe(context.target)
                let status = ProvisioningStatus(target: context.target, observed: observed, identity: identity,
                                                region: context.settings.region, endpoint: context.settings.endpoint)
                let money = ClusterMoney(observed.cluster, emulated: context.settings.endpoint != nil, now: Date())
                context.output.result(IaCStatusResult(status: status, cost: money.estimate),
                                      lines: status.lines + money.lines)
            } catch { throw context.fail(error) }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Step 5: delete the cluster (no final snapshot unless --snapshot), revoke the ingress rule, detach and delete the role.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Confirm: deleting the cluster destroys its data (unless --snapshot).")
        var yes = false

        @Option(help: "Take a final snapshot with this identifier before deleting the cluster.")
        var snapshot: String?

        @Option(help: "Also revoke a rule on the cluster port from this CIDR (rules `iac up` added are found without it).")
        var cidr: String?

        @OptionGroup var wait: IaCWaitOptions

        func run() async throws {
            let context = try IaCContext(global)
            guard yes else {
                context.output.error("iac down deletes cluster \(context.target.clusterIdentifier) "
                    + (snapshot.map { "(after a final snapshot \($0))" } ?? "and its data (no final snapshot)")
                    + ", the ingress rule and role \(context.target.roleName): pass --yes to confirm")
                throw ExitCode(ExitStatus.usage)
            }
            var revoke: [String] = []
            do { if let cidr { revoke.append(try IngressCIDR.normalize(cidr)) } } catch { throw context.fail(error) }
            let provisioner = context.provisioner(pollInterval: wait.pollInterval, timeout: wait.timeout)
            do {
                try await context.printIdentity(provisioner)
                _ = try await provisioner.down(context.target, finalSnapshot: snapshot, revokeCIDRs: revoke,
                                               events: context.output.event)
            } catch { throw context.fail(error) }
            context.output.result(IaCDownResult(cluster: context.target.clusterIdentifier, role: context.target.roleName),
                                  lines: ["nothing of \(context.target.clusterIdentifier) / \(context.target.roleName) remains"])
        }
    }
}

/// Config, AWS settings and output shared by the three subcommands.
struct IaCContext {
    /// The file's values, or the notebook's defaults when there is no file.
    let config: DWHConfig
    let settings: AWSSettings
    let target: ProvisioningTarget
    let output: IaCOutput

    init(_ global: GlobalOptions) throws {
        output = IaCOutput(json: global.json, quiet: global.quiet)
        do {
            let output = output
            config = try global.loadConfig(warn: { output.warn($0) }).config ?? DWHConfig()
            settings = try AWSSettings.resolve(config: config)
            _ = try settings.requireCredentials()
        } catch {
            output.error("\(error)")
            throw ExitCode(ExitStatus.usage)
        }
        target = ProvisioningTarget(config: config)
    }

    /// Polls fast against an emulator (moto answers at once), every 15 s against AWS.
    func provisioner(pollInterval: Double?, timeout: Double) -> Provisioner {
        let output = output
        let aws = AWSClient(settings: settings, observer: { output.call($0) })
        let emulated = settings.endpoint != nil
        return Provisioner(aws: aws, pollInterval: pollInterval ?? (emulated ? 0.2 : 15), timeout: timeout,
                           retry: ProvisioningRetry(config: config))
    }

    func printIdentity(_ provisioner: Provisioner) async throws(ProvisioningError) {
        let identity = try await provisioner.callerIdentity()
        output.note("account \(identity.account) (\(identity.arn)), region \(settings.region)"
            + (settings.endpoint.map { ", endpoint \($0)" } ?? ""))
    }

    /// Prints the error and returns the exit code to throw: 2 for what the operator asked, 1 for what happened.
    func fail(_ error: ProvisioningError) -> ExitCode {
        output.error(error.description)
        if error == .cancelled { return ExitCode(ExitStatus.cancelled) }
        return ExitCode(error.isUsageError ? ExitStatus.usage : ExitStatus.failed)
    }
}

/// How long `up` / `down` wait for the cluster to change.
struct IaCWaitOptions: ParsableArguments {
    @Option(help: "Seconds to wait for the cluster to become available (up) or gone (down).")
    var timeout: Double = 1800

    @Option(help: .hidden)
    var pollInterval: Double?
}

/// `iac status`'s cost line: on-demand price × nodes × hours since the cluster was created.
struct ClusterMoney {
    var estimate: CostEstimate?
    var lines: [String]

    init(_ cluster: RedshiftCluster?, emulated: Bool, now: Date) {
        estimate = nil
        guard let cluster else {
            lines = []
            return
        }
        if emulated {
            lines = ["cost     none (an emulator, not AWS)"]
        } else if let created = cluster.created,
                  let cost = CostEstimate(nodeType: cluster.nodeType, nodes: cluster.numberOfNodes, since: created, now: now) {
            estimate = cost
            lines = ["cost     about \(cost.text) — on-demand \(cluster.nodeType) × \(cluster.numberOfNodes), US East prices"]
        } else {
            lines = ["cost     unknown: no price for \(cluster.nodeType) in sparkify's table (see the AWS console)"]
        }
    }
}

/// `iac status --json`: the status object with `cost` added (absent on an emulator or for an unknown price).
struct IaCStatusResult: Encodable {
    var status: ProvisioningStatus
    var cost: CostEstimate?

    private struct Cost: Encodable {
        var perHour: Double
        var soFar: Double
        var hours: Double
        var nodeType: String
        var nodes: Int
    }

    private enum Keys: String, CodingKey { case cost }

    func encode(to encoder: any Encoder) throws {
        try status.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        if let cost {
            try container.encode(Cost(perHour: (cost.perHour * 100).rounded() / 100, soFar: (cost.soFar * 100).rounded() / 100,
                                      hours: (cost.hours * 100).rounded() / 100, nodeType: cost.nodeType, nodes: cost.nodes),
                                 forKey: .cost)
        }
    }
}

struct IaCUpResult: Encodable {
    var result = "iac up"
    var roleArn: String
    var host: String
    var port: Int
    var cidr: String
}

struct IaCDownResult: Encodable {
    var result = "iac down"
    var cluster: String
    var role: String
}

/// Text for people (stdout: steps and results; stderr: warnings, errors, live wait progress on a
/// terminal) or `--json` (one object per line on stdout: AWS calls, steps, polls, the result).
struct IaCOutput: Sendable {
    let json: Bool
    let quiet: Bool
    /// The wait line on a terminal's stderr, redrawn at each poll; nil when stderr is not a terminal.
    private let waitLine: LiveLine? = isatty(2) == 1 ? LiveLine() : nil

    init(json: Bool, quiet: Bool) {
        self.json = json
        self.quiet = quiet
    }

    func event(_ event: ProvisioningEvent) {
        switch event {
        case .step(let step, let outcome, let detail):
            if json { emit(StepEvent(step: step.rawValue, outcome: outcome.rawValue, detail: detail)) }
            else if !quiet {
                waitLine?.clear()
                print(event.line)
            }
        case .clusterStatus(let identifier, let status, let elapsed):
            if json { emit(PollEvent(cluster: identifier, status: status, elapsedSeconds: elapsed)) }
            else if !quiet { waitLine?.show(event.line) }
        case .retrying:
            if json { print(RunbookEvent.warning(event.retryText!).jsonLine) }
            else if !quiet {
                waitLine?.clear()
                print(event.line)
            }
        }
    }

    /// The same `aws_call` line the runbook engine's commands print.
    func call(_ record: AWSCallRecord) {
        guard json else { return }
        print(RunbookEvent.awsCall(record).jsonLine)
    }

    func note(_ text: String) { if !json && !quiet { print(text) } }

    func warn(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func error(_ text: String) {
        waitLine?.clear()
        if json { emit(ErrorEvent(error: text)) }
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
    }

    func result<T: Encodable>(_ value: T, lines: [String]) {
        if json { emit(value) } else { lines.forEach { print($0) } }
    }

    private func emit<T: Encodable>(_ value: T) { JSONLine.print(value) }

    private struct StepEvent: Encodable {
        var event = "step"
        var step: String
        var outcome: String
        var detail: String
    }

    private struct PollEvent: Encodable {
        var event = "cluster_status"
        var cluster: String
        var status: String
        var elapsedSeconds: Int
    }

    private struct ErrorEvent: Encodable {
        var event = "error"
        var error: String
    }
}

/// One status line on a terminal, overwritten in place and erased before other output.
final class LiveLine: Sendable {
    private let shown = Mutex(false)

    func show(_ text: String) {
        shown.withLock { shown in
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            shown = true
        }
    }

    func clear() {
        shown.withLock { shown in
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
