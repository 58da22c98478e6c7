import Foundation
@testable import Console
import Runbook
import Synchronization
import Testing

/// The console's loop on an in-memory screen with a clock the test moves: how often it draws.
@Suite struct ConsoleAppTests {
    /// Time that moves 10 ms each time the loop looks at it (once per turn).
    final class TestClock: Sendable {
        private let now = Mutex(Date(timeIntervalSince1970: 1_543_537_327))
        @Sendable func tick() -> Date {
            now.withLock { now in
                now = now.addingTimeInterval(0.01)
                return now
            }
        }
    }

    /// A session on a world with nothing to look at (no AWS credentials, no database).
    static func app(_ screen: MemoryScreen, inbox: EventInbox, clock: TestClock) throws -> ConsoleApp {
        let session = RunbookSession(work: StepWork(world: try RunbookWorld.offline()), onEvent: inbox.post)
        return ConsoleApp(screen: screen, session: session, inbox: inbox,
                          model: ConsoleModel(target: "test", now: Date(timeIntervalSince1970: 0)), clock: clock.tick)
    }

    @Test func aFloodOfEventsIsDrawnAtMostTenTimesASecond() throws {
        let screen = MemoryScreen(size: Size(width: 80, height: 24))
        let inbox = EventInbox()
        let app = try Self.app(screen, inbox: inbox, clock: TestClock())
        var turns = 0
        // 300 turns of 10 ms: three seconds, with 50 events each turn.
        app.run { _ in
            turns += 1
            for n in 0..<50 { inbox.post(.warning("event \(turns).\(n)")) }
            return turns == 300
        }
        #expect(screen.presentCount >= 29 && screen.presentCount <= 31, "\(screen.presentCount) frames in 3 s")
        #expect(app.current.snapshot.log.entries.last?.text == "warning: event 299.49")
    }

    @Test func anIdleConsoleRedrawsOnlyItsClockOnceASecond() throws {
        let screen = MemoryScreen(size: Size(width: 80, height: 24))
        let app = try Self.app(screen, inbox: EventInbox(), clock: TestClock())
        var turns = 0
        app.run { _ in
            turns += 1
            return turns == 1000   // ten seconds
        }
        // The first frame, the session's first events, then one a second.
        #expect(screen.presentCount <= 13, "\(screen.presentCount) frames in 10 s")
    }

    /// Events are paced; a key is drawn on the very next turn.
    @Test func aKeyIsOnScreenAtTheNextTurn() throws {
        let screen = MemoryScreen(size: Size(width: 80, height: 24))
        let app = try Self.app(screen, inbox: EventInbox(), clock: TestClock())
        var turns = 0, pressedAt = 0
        app.run { model in
            turns += 1
            if turns == 50 {
                screen.press(.character("?"))
                pressedAt = turns
            }
            return turns > 50 && screen.shown?.text.contains("any key closes this help") == true || turns == 200
        }
        #expect(turns - pressedAt == 1, "drawn \(turns - pressedAt) turns (10 ms each) after the key")
    }
}
