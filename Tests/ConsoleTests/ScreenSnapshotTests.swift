import Testing
@testable import Console
import Runbook

/// The whole console, as the operator sees it, at the sizes that matter: the minimum (80×24), a laptop
/// (160×48) and a big screen (200×60), with Unicode and ASCII frames. The files under `Snapshots/` are
/// the review copy: open them to see the console.
@Suite("Console: whole screens")
struct ScreenSnapshotTests {
    typealias F = ConsoleFixtures

    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48), Size(width: 200, height: 60)]

    @Test("mid-ETL on AWS", arguments: sizes)
    func busy(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(F.busy(), size: size), named: "busy-\(size.width)x\(size.height).txt")
    }

    @Test("mid-ETL on AWS in ASCII", arguments: sizes)
    func busyASCII(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(F.busy(borders: .ascii), size: size),
                       named: "busy-ascii-\(size.width)x\(size.height).txt")
    }

    @Test func aFreshSandboxSaysWhatIsMissing() {
        ScreenSnapshot.check(ConsoleRenderer.render(F.fresh(), size: Size(width: 80, height: 24)), named: "fresh-80x24.txt")
    }

    @Test func aLoadedSandbox() {
        ScreenSnapshot.check(ConsoleRenderer.render(F.sandbox(), size: Size(width: 80, height: 24)), named: "sandbox-80x24.txt")
    }

    @Test func aFailedRunWithTheLogFocused() {
        var model = F.failed()
        model.focus = .log
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "failed-80x24.txt")
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 160, height: 48)), named: "failed-160x48.txt")
    }

    @Test func theHelpOverlay() {
        var model = F.busy()
        model.showsHelp = true
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "help-80x24.txt")
        model.borders = .ascii
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "help-ascii-80x24.txt")
    }

    @Test func theCleanUpConfirmation() {
        var model = F.busy()
        let question = Confirmation(step: .cleanUp,
                                    prompt: "Delete cluster dwhcluster (dc2.large × 4, 6,813 rows in time) and its IAM role "
                                        + "dwhRole, and close port 5439? This cannot be undone.",
                                    answer: .type("dwhcluster"))
        model.dialog = .confirm(question, typed: "dwhclu")
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "confirm-80x24.txt")
        model.borders = .ascii
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "confirm-ascii-80x24.txt")
    }

    @Test func theQuitQuestion() {
        var model = F.busy()
        model.dialog = .quit(reason: "E Run ETL is running and cluster dwhcluster is up ($1.00/h). Quitting cancels the run.")
        ScreenSnapshot.check(ConsoleRenderer.render(model, size: Size(width: 80, height: 24)), named: "quit-80x24.txt")
    }
}
