import Foundation
import Synchronization
import Testing
@testable import Warehouse

/// The bounded queue between fetching, parsing and sending: back-pressure and failure. A broken channel
/// hangs rather than fails, so the suite has a time limit.
@Suite("Loader channels", .timeLimit(.minutes(5)))
struct LoaderChannelTests {
    @Test func aFullChannelHoldsTheSenderUntilTheReceiverTakes() async throws {
        let channel = BoundedChannel<Int>(capacity: 2)
        let sent = Mutex(0)
        let producer = Thread {
            for value in 1...5 {
                try? channel.sendBlocking(value)
                sent.withLock { $0 = value }
            }
            channel.finish()
        }
        producer.start()
        try await Task.sleep(for: .milliseconds(200))
        #expect(sent.withLock { $0 } == 2)
        var received: [Int] = []
        while let value = try await channel.receive() { received.append(value) }
        #expect(received == [1, 2, 3, 4, 5])
    }

    @Test func failingWakesBlockedSendersAndReceiversWithTheError() async throws {
        struct Broken: Error {}
        let full = BoundedChannel<Int>(capacity: 1)
        try full.sendBlocking(1)
        let empty = BoundedChannel<Int>(capacity: 1)
        let sending = Task { try await full.send(2) }
        let receiving = Task { try await empty.receive() }
        try await Task.sleep(for: .milliseconds(100))
        full.fail(Broken())
        empty.fail(Broken())
        await #expect(throws: Broken.self) { try await sending.value }
        await #expect(throws: Broken.self) { try await receiving.value }
        #expect(throws: Broken.self) { try full.receiveBlocking() }
    }

    @Test func cancellingAWaitingTaskWhoseHandlerFailsTheChannelDoesNotDeadlock() async throws {
        // The deadlock this guards against: a cancellation handler (holding the task's lock) failing the
        // channel while another thread resumes that task's continuation under the channel's lock.
        for _ in 0..<200 {
            let channel = BoundedChannel<Int>(capacity: 1)
            let task = Task {
                try await withTaskCancellationHandler {
                    while try await channel.receive() != nil {}
                } onCancel: {
                    channel.fail(CancellationError())
                }
            }
            let feeder = Thread { for value in 0..<50 { try? channel.sendBlocking(value) } }
            feeder.start()
            task.cancel()
            _ = await task.result
        }
    }
}
