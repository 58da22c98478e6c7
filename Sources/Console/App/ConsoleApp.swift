import Foundation
import Runbook

/// The console's loop: keys in, intents to the session, events from the inbox into the model, the
/// model rendered at most ten times a second — and not at all while nothing changes, so an idle console
/// costs next to no CPU. Runs on one thread, the only one that touches the screen.
public final class ConsoleApp {
    private let screen: Screen
    private let session: RunbookSession
    private let inbox: EventInbox
    private var model: ConsoleModel
    private let clock: () -> Date
    private let answers = AnswerInbox()
    /// The SQL view's running statement; cancelling it cancels the statement on the server (PQcancel).
    private var query: Task<Void, Never>?

    /// Shortest time between two frames (≤ 10 redraws a second).
    static let frameInterval = 0.1
    /// How long to wait for a key before looking at the inbox again: keys are answered at once, events
    /// within this.
    static let tick = 50

    /// Where the SQL prompt's statements are kept between runs (one per line); nil keeps them in memory.
    private let sqlHistoryFile: String?

    public init(screen: Screen, session: RunbookSession, inbox: EventInbox, model: ConsoleModel,
                clock: @escaping () -> Date = Date.init, sqlHistoryFile: String? = nil) {
        self.screen = screen
        self.session = session
        self.inbox = inbox
        self.model = model
        self.clock = clock
        self.sqlHistoryFile = sqlHistoryFile
        if let sqlHistoryFile { self.model.sql.history = SQLHistoryFile.read(sqlHistoryFile) }
    }

    /// The model as last drawn (tests read it).
    public var current: ConsoleModel { model }

    /// Runs until the operator quits. `until`: stop earlier (tests: when the scripted keys are used up).
    public func run(until done: ((ConsoleModel) -> Bool)? = nil) {
        session.start()
        var dirty = true
        // A key's effect is drawn at once; only the flow of events is paced to ten frames a second.
        var keyed = false
        var lastFrame = Date.distantPast
        var shownSecond = -1
        while true {
            if let key = screen.nextKey(timeoutMilliseconds: Self.tick) {
                if key == .resize { dirty = true }
                let before = model
                for intent in model.handle(key, size: screen.size) {
                    switch intent {
                    // An ETL asks first whether to load only new objects, when a run recorded what it loaded.
                    case .request(let step): session.request(step, offeringChoice: true)
                    case .answer(let reply): session.answer(reply)
                    case .choose(let mode): session.choose(mode)
                    case .answerKeeping(let reply, let snapshot): session.answer(reply, finalSnapshot: snapshot)
                    case .cancel: session.cancel()
                    case .quit:
                        if model.isBusy { session.cancel() }
                        return
                    }
                }
                if model != before { dirty = true; keyed = true }
            }
            let events = inbox.drain()
            if !events.isEmpty {
                events.forEach { model.apply($0) }
                dirty = true
            }
            // The views' questions run on the session off this thread; their answers come back here.
            for request in model.analysis.takePendingLoads() {
                Task.detached { [session, answers] in answers.post(.analysis(await session.answer(request))) }
            }
            for pending in model.sql.takePending() { carryOut(pending) }
            let answered = answers.drain()
            if !answered.isEmpty {
                for answer in answered {
                    switch answer {
                    case .analysis(let analysis): model.analysis.receive(analysis)
                    case .query(let outcome): model.receive(query: outcome)
                    }
                }
                dirty = true
            }
            let now = clock()
            // The header clock, uptime and cost move once a second.
            let second = Int(now.timeIntervalSince1970)
            if second != shownSecond { dirty = true }
            if dirty, keyed || now.timeIntervalSince(lastFrame) >= Self.frameInterval - 0.001 {
                model.now = now
                screen.present(ConsoleRenderer.render(model, size: screen.size))
                lastFrame = now
                shownSecond = second
                dirty = false
                keyed = false
            }
            if let done, done(model) { return }
        }
    }

    /// What the SQL prompt asked for: run a statement on the session, cancel it, export its result.
    private func carryOut(_ pending: SQLPrompt.Pending) {
        switch pending {
        case .run(let statement, let write):
            if let sqlHistoryFile { SQLHistoryFile.append(statement, to: sqlHistoryFile) }
            query = Task.detached { [session, answers] in answers.post(.query(await session.query(statement, write: write))) }
        case .cancel:
            query?.cancel()
        case .export(let grid):
            let path = FileManager.default.currentDirectoryPath + "/sparkify-query-\(Int(clock().timeIntervalSince1970)).csv"
            do {
                try grid.csv.write(toFile: path, atomically: true, encoding: .utf8)
                model.sql.notice = "exported \(grid.rows.count) rows to \(path)"
            } catch {
                model.sql.notice = "cannot write \(path): \(error.localizedDescription)"
            }
        }
    }
}
