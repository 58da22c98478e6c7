import AWS
import ArgumentParser
import Config
import Foundation
import Runbook
import Synchronization

/// `sparkify iac up|status|down|pause|resume`: runbook steps 1–3 and 5 headless, on the runbook engine like
/// every other step — `up` requests steps 1, 2 and 3 in turn, `status` prints one observation, `down` is
/// step 5, `pause` / `resume` stop and restart the cluster's compute.
/// This file parses flags and prints; the decisions are the engine's and the provisioner's.
struct IaCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iac",
        abstract: "Create (up), show (status) or remove (down) the IAM role, Redshift cluster and ingress rule; pause or resume the cluster; plan what up would do.",
        subcommands: [Up.self, Plan.self, Status.self, Down.self, Pause.self, Resume.self])

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Steps 1–3: IAM role with S3 read access, Redshift cluster (waits until available), port 5439 opened to your address.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Who may reach port 5439 (default: your own address /32; 127.0.0.1/32 against a loopback endpoint).")
        var cidr: String?

        @Flag(help: "Allow 0.0.0.0/0 (the whole internet). Needed for --cidr 0.0.0.0/0; alone it means 0.0.0.0/0.")
        var allowAnywhere = false

        @Option(name: .customLong("from-snapshot"),
                help: "Step 2 restores this snapshot of the cluster (RestoreFromClusterSnapshot) instead of creating an empty one.")
        var fromSnapshot: String?

        @OptionGroup var wait: IaCWaitOptions

        func validate() throws {
            try IaCCommand.validateSnapshot(fromSnapshot, option: "--from-snapshot")
            try IaCCommand.validate(cidr: cidr, allowAnywhere: allowAnywhere)
        }

        func run() async throws {
            let printer = Printer(global, describe: IaCLines().line)
            var world = try IaCCommand.world(global, printer: printer, wait: wait, cidr: cidr, allowAnywhere: allowAnywhere)
            world.provisioning.restoreSnapshot = fromSnapshot
            let engine = try await HeadlessRun(global: global)
                .run([.iamRole, .cluster, .openPort], work: StepWork(world: world), printer: printer, confirmed: true)
            if !global.json, !global.quiet {
                IaCLines.summary(engine.observation, sandbox: world.config.sandboxState != nil).forEach { print($0) }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show steps 1–3 and 5, the role ARN, the cluster's status, endpoint and nodes, the ingress rule and the cost so far.",
            discussion: #"--json prints the engine's events, then {"event": "result", "step": "status", "outcome": …, "cluster": {…}, "cost": {…}}."#)

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let printer = Printer(global)
            var world = try IaCCommand.world(global, printer: printer, wait: nil)
            world.listsSnapshots = true
            let engine = try await HeadlessRun(global: global).observe(work: StepWork(world: world), printer: printer, scope: .aws)
            var failure: String?
            if case .unavailable(let reason) = engine.observation.aws { failure = reason }
            if global.json {
                print(printer.statusLine(failure: failure))
            } else {
                IaCLines.status(engine, at: Date()).forEach { print($0) }
            }
            if let failure {
                printer.stderr("error: " + failure)
                throw ExitCode(ExitStatus.failed)
            }
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

        func validate() throws {
            try IaCCommand.validateSnapshot(snapshot, option: "--snapshot")
            guard let cidr else { return }
            do throws(ProvisioningError) { _ = try IngressCIDR.normalize(cidr) } catch { throw ValidationError(error.description) }
        }

        func run() async throws {
            let printer = Printer(global, describe: IaCLines().line)
            var work = StepWork(world: try IaCCommand.world(global, printer: printer, wait: wait))
            work.finalSnapshot = snapshot
            // validate() checked it.
            work.revokeCIDRs = cidr.map { [(try? IngressCIDR.normalize($0)) ?? $0] } ?? []
            try await HeadlessRun(global: global).run([.cleanUp], work: work, printer: printer, confirmed: yes)
        }
    }

    /// `iac pause`: the cluster's compute stops (and is no longer billed); its storage and data stay.
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause the cluster (PauseCluster): compute is not billed while paused, storage still is; waits until paused.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var wait: IaCWaitOptions

        func run() async throws { try await IaCCommand.run(.pause, global: global, wait: wait) }
    }

    /// `iac resume`: the paused cluster back, with its data.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume the paused cluster (ResumeCluster); waits until it is available again.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var wait: IaCWaitOptions

        func run() async throws { try await IaCCommand.run(.resume, global: global, wait: wait) }
    }

    /// Pause or resume on the engine, like the other steps.
    static func run(_ step: RunbookStep, global: GlobalOptions, wait: IaCWaitOptions) async throws {
        let printer = Printer(global, describe: IaCLines().line)
        let world = try IaCCommand.world(global, printer: printer, wait: wait)
        try await HeadlessRun(global: global).run([step], work: StepWork(world: world), printer: printer, confirmed: true)
    }

    /// A snapshot name Redshift would refuse is a usage error before anything is deleted or created.
    static func validateSnapshot(_ identifier: String?, option: String) throws {
        guard let identifier, let problem = RedshiftClusterSnapshot.identifierProblem(identifier) else { return }
        throw ValidationError("\(option) '\(identifier)': a snapshot identifier \(problem)")
    }

    /// The steps' world from the config in force, or the notebook's defaults when there is none; without
    /// AWS credentials there is nothing to do (exit 2).
    static func world(_ global: GlobalOptions, printer: Printer, wait: IaCWaitOptions?,
                      cidr: String? = nil, allowAnywhere: Bool = false) throws -> RunbookWorld {
        let config: DWHConfig
        do { config = try global.loadConfig() ?? DWHConfig() } catch { throw Output.fail(error, status: ExitStatus.usage) }
        let world = try HeadlessRun.world(global, printer: printer, config: config, pollInterval: wait?.pollInterval,
                                          timeout: wait?.timeout, cidr: cidr, allowAnywhere: allowAnywhere)
        guard world.provisioner != nil else {
            printer.stderr("error: " + world.awsUnavailable)
            throw ExitCode(ExitStatus.usage)
        }
        return world
    }
}

/// How long `up` / `down` wait for the cluster to change.
struct IaCWaitOptions: ParsableArguments {
    @Option(help: "Seconds to wait for the cluster to become available (up) or gone (down).")
    var timeout: Double = 1800

    @Option(help: .hidden)
    var pollInterval: Double?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a number of seconds above 0") }
        if let pollInterval, pollInterval <= 0 { throw ValidationError("--poll-interval must be above 0") }
    }
}
