import AWS
import ArgumentParser
import Config
import Foundation
import Runbook
import Warehouse

/// `sparkify etl [--stage NAME]...`: staging, transforms and checks headless (PRODUCT §3, §5). The run
/// itself is Runbook's `ETLRunner`; this file parses flags, connects, prints and maps exit codes.
struct ETLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Load staging_events and staging_songs, build songplays, users, songs, artists and time, run the checks.",
        discussion: """
            Stages run in this order, each in its own transaction (a failed or cancelled stage leaves its table \
            as it was and stops the run): \(ETLStage.allCases.map(\.rawValue).joined(separator: ", ")). \
            Ctrl-C cancels the running stage cleanly (exit 130).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("stage"), help: ArgumentHelp("Run only this stage; repeat for several.", valueName: "NAME"))
    var stages: [String] = []

    @Option(help: "MAXERROR for the staging loads: the load fails once it has this many bad records (0 or 1: at the first); bad records go to load_errors.")
    var maxError = 0

    func validate() throws {
        let known = Set(ETLStage.allCases.map(\.rawValue))
        for stage in stages where !known.contains(stage) {
            throw ValidationError("unknown stage '\(stage)': use one of \(ETLStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (0...CopyOptions.maxErrorLimit).contains(maxError) else {
            throw ValidationError("--max-error must be between 0 and \(CopyOptions.maxErrorLimit)")
        }
    }

    func run() async throws {
        let output = ETLOutput(json: global.json, quiet: global.quiet)
        let context = try DatabaseContext(global)
        let aws: AWSSettings
        do {
            aws = try AWSSettings.resolve(config: context.config)
        } catch {
            output.error("\(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let connection = try await context.connect(dialect: nil)
        let s3 = aws.credentials == nil ? nil : S3Client(client: AWSClient(settings: aws))
        let runner = ETLRunner(connection: connection, config: context.config, source: ObjectSource(s3: s3),
                               maxError: maxError, settings: context.settings, onEvent: output.event)
        let selected = Set(stages.compactMap(ETLStage.init(rawValue:)))
        let work = Task { try await runner.run(stages: selected) }
        let interrupt = CancelOnInterrupt { work.cancel() }
        defer { interrupt.stop() }
        let result = await work.result
        await connection.close()
        switch result {
        case .success(let summary):
            output.finished(summary)
        case .failure(let error as ETLError):
            output.error(error.description)
            if case .config = error { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(error.isCancellation ? ExitStatus.cancelled : ExitStatus.failed)
        case .failure(let error):
            output.error("\(error)")
            throw ExitCode(ExitStatus.failed)
        }
    }
}

/// Ctrl-C cancels the run instead of killing the process, so the running stage rolls back.
/// The dispatch source is only touched in `init` and `stop`, by the command's task.
final class CancelOnInterrupt: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(_ cancel: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: cancel)
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
