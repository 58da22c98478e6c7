import Config
import Foundation
import TestSupport
import Testing
@testable import Warehouse

/// One run at a time per warehouse (#9). Advisory locks are per database, so each test has its own.
@Suite("Run lock on PostgreSQL")
struct RunLockTests {
    static let start = Date(timeIntervalSince1970: 1_543_537_327)  // 2018-11-30 00:22:07 UTC
    static let ann = RunLock.Holder(work: "20181130T002207Z-aaaa", user: "ann", host: "laptop", startedAt: start)
    static let bob = RunLock.Holder(work: "20181130T002208Z-bbbb", user: "bob", host: "desk", startedAt: start + 1)

    static func withDatabase(_ body: (DatabaseSettings) async throws -> Void) async throws {
        var settings = try await TestServers.postgres()
        let name = "lock_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try await Connection.open(settings)
        try await admin.execute("CREATE DATABASE \(name)")
        settings.database = name
        do { try await body(settings) } catch {
            _ = try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
        _ = try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
        await admin.close()
    }

    /// Waits until the server no longer lists `connection`'s backend (closing is asynchronous on its side).
    static func waitGone(_ backend: Int, watcher: Connection) async throws {
        for _ in 0..<250 where try await Backends.isAlive(backend, on: watcher) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await !Backends.isAlive(backend, on: watcher))
    }

    @Test func theHolderIsNamedTheWayTheRefusalSaysIt() {
        let holder = RunLock.Holder(work: "20181130T002207Z-1a2b", user: "ann", host: "laptop", startedAt: Self.start)
        #expect(holder.description == "run 20181130T002207Z-1a2b started 00:22:07 UTC by ann@laptop")
        #expect(RunLock.Failure.held(holder).description
                == "run 20181130T002207Z-1a2b started 00:22:07 UTC by ann@laptop is in progress — wait, or cancel it there")
        let tables = RunLock.Holder(work: "create-tables", user: "bob", host: "ci", startedAt: Self.start)
        #expect(tables.description == "create-tables started 00:22:07 UTC by bob@ci")
        #expect(RunLock.mechanism(for: .redshift) == .lockRow)
        #expect(RunLock.mechanism(for: .postgres) == .advisory)
    }

    @Test(arguments: [RunLock.Mechanism.advisory, .lockRow])
    func aSecondClaimIsRefusedNamingTheFirstUntilItIsReleased(_ mechanism: RunLock.Mechanism) async throws {
        try await Self.withDatabase { settings in
            let first = try await Connection.open(settings)
            let second = try await Connection.open(settings)
            let lock = try await RunLock.acquire(on: first, for: Self.ann, mechanism: mechanism)
            #expect(lock.holder.backend == first.backendPID)
            #expect(lock.tookOver == nil)

            var recorded = Self.ann
            recorded.backend = first.backendPID
            await #expect(throws: RunLock.Failure.held(recorded)) {
                try await RunLock.acquire(on: second, for: Self.bob, mechanism: mechanism)
            }
            #expect(await RunLock.holder(on: second, includingThisProcess: true) == recorded)
            // This process's own run is not "someone else's run" to its console.
            #expect(await RunLock.holder(on: second) == nil)

            await lock.release()
            #expect(await RunLock.holder(on: second, includingThisProcess: true) == nil)
            let next = try await RunLock.acquire(on: second, for: Self.bob, mechanism: mechanism)
            #expect(next.tookOver == nil)
            await next.release()
            await first.close()
            await second.close()
        }
    }

    @Test(arguments: [RunLock.Mechanism.advisory, .lockRow])
    func aLockWhoseSessionDiedIsTakenOverAndSaysFromWhom(_ mechanism: RunLock.Mechanism) async throws {
        try await Self.withDatabase { settings in
            let dying = try await Connection.open(settings)
            let watcher = try await Connection.open(settings)
            let lost = try await RunLock.acquire(on: dying, for: Self.ann, mechanism: mechanism)
            // The process is killed: its session ends without releasing anything.
            await dying.close()
            try await Self.waitGone(lost.holder.backend, watcher: watcher)
            #expect(await RunLock.holder(on: watcher, includingThisProcess: true) == nil)

            let lock = try await RunLock.acquire(on: watcher, for: Self.bob, mechanism: mechanism)
            #expect(lock.tookOver == lost.holder)
            #expect(lock.takeOverNote == "took over the run lock from run 20181130T002207Z-aaaa started 00:22:07 UTC "
                    + "by ann@laptop: its database session is gone")
            #expect(try await watcher.execute("SELECT work FROM etl_lock").rows == [["20181130T002208Z-bbbb"]])
            await lock.release()
            await watcher.close()
        }
    }

    @Test func anAdvisoryLockEndsWithItsSessionEvenBeforeTheRowIsCleared() async throws {
        try await Self.withDatabase { settings in
            let holder = try await Connection.open(settings)
            let other = try await Connection.open(settings)
            _ = try await RunLock.acquire(on: holder, for: .current("create-tables"))
            await #expect(throws: RunLock.Failure.self) {
                try await RunLock.acquire(on: other, for: .current("create-tables"))
            }
            let backend = holder.backendPID
            await holder.close()
            try await Self.waitGone(backend, watcher: other)
            let lock = try await RunLock.acquire(on: other, for: .current("create-tables"))
            #expect(lock.tookOver?.work == "create-tables")
            await lock.release()
            await other.close()
        }
    }
}
