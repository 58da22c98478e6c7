import Foundation
import Testing
@testable import Warehouse

@Suite("COPY FROM STDIN against PostgreSQL")
struct CopyInTests {
    @Test func rowsStreamInManyBuffers() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int, label text)")
            let copy = try await connection.copyIn("COPY t (id, label) FROM STDIN")
            let rows = 20_000
            var expectedBytes = 0
            for id in 1...rows {
                let line = Array("\(id)\t\(String(repeating: "x", count: 40))\\tand a tab\n".utf8)
                expectedBytes += line.count
                try await copy.send(line)
            }
            #expect(copy.bytesSent == expectedBytes)
            #expect(expectedBytes > 3 * CopyIn.bufferSize)
            #expect(try await copy.finish() == rows)
            let summary = try await connection.execute(
                "SELECT count(*), sum(id), min(label) = repeat('x', 40) || E'\\tand a tab' FROM t")
            #expect(summary.rows == [["20000", "200010000", "t"]])
        }
    }

    @Test func aBadValueFailsTheCopyWithItsSQLStateAndTheConnectionRecovers() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            let copy = try await connection.copyIn("COPY t (id) FROM STDIN")
            try await copy.send(Array("1\n2\nthree\n4\n".utf8))
            let error = await #expect(throws: DatabaseError.self) { try await copy.finish() }
            #expect(error?.sqlState == "22P02")
            #expect(error?.message == #"invalid input syntax for type integer: "three""#)
            #expect(error?.statement == "COPY t (id) FROM STDIN")
            #expect(try await connection.execute("SELECT count(*) FROM t").scalar == "0")
        }
    }

    /// The server's error arrives while the client still writes: a later write (or finish) reports it,
    /// instead of every buffer being sent into a COPY that has already failed.
    @Test func anEarlyBadValueFailsTheCopyAtALaterWriteOrAtFinish() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            let copy = try await connection.copyIn("COPY t (id) FROM STDIN")
            try await copy.send(Array("x\n".utf8))
            let lines = Array(String(repeating: "1\n", count: 50_000).utf8)
            let error = await #expect(throws: DatabaseError.self) {
                for _ in 0..<20 { try await copy.send(lines) }
                _ = try await copy.finish()
            }
            #expect(error?.sqlState == "22P02")
            #expect(try await connection.execute("SELECT 7").scalar == "7")
        }
    }

    @Test func abortDiscardsEverythingSent() async throws {
        let records = Collected<StatementRecord>()
        try await TestDatabase.withSchema(observer: { records.append($0) }) { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            let copy = try await connection.copyIn("COPY t (id) FROM STDIN")
            for id in 0..<100_000 { try await copy.send(Array("\(id)\n".utf8)) }
            await copy.abort(message: "operator cancelled")
            #expect(try await connection.execute("SELECT count(*) FROM t").scalar == "0")
            let copyRecords = records.all.filter { $0.firstLine.hasPrefix("COPY") }
            #expect(copyRecords.map(\.error?.message) == ["COPY aborted: operator cancelled"])
        }
    }

    @Test func anAbandonedCopyIsEndedSoTheConnectionStaysUsable() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            do {
                let copy = try await connection.copyIn("COPY t (id) FROM STDIN")
                try await copy.send(Array("1\n".utf8))
            }
            #expect(try await connection.execute("SELECT count(*) FROM t").scalar == "0")
        }
    }

    @Test func aCopyOutlivingItsClosedConnectionFailsCleanly() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TEMPORARY TABLE t (id int)")
        let copy = try await connection.copyIn("COPY t (id) FROM STDIN")
        try await copy.send(Array("1\n".utf8))
        await connection.close()
        let error = await #expect(throws: DatabaseError.self) {
            try await copy.send(Array(repeating: UInt8(ascii: "\n"), count: CopyIn.bufferSize))
            _ = try await copy.finish()
        }
        #expect(error?.message == "the connection is closed")
    }

    @Test func copyInsideATransactionRollsBack() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            try await connection.execute("INSERT INTO t VALUES (99)")
            struct Invalid: Error {}
            await #expect(throws: Invalid.self) {
                try await connection.transaction { connection in
                    try await connection.execute("DELETE FROM t")
                    let copy = try await connection.copyIn("COPY t FROM STDIN")
                    try await copy.send(Array("1\n2\n".utf8))
                    #expect(try await copy.finish() == 2)
                    throw Invalid()
                }
            }
            #expect(try await connection.execute("SELECT array_agg(id)::text FROM t").scalar == "{99}")
        }
    }

    @Test func aStatementThatIsNotACopyIsRefused() async throws {
        let connection = try await TestDatabase.connect()
        let error = await #expect(throws: DatabaseError.self) { try await connection.copyIn("COPY nowhere FROM STDIN") }
        #expect(error?.sqlState == "42P01")
        #expect(try await connection.execute("SELECT 3").scalar == "3")
        await connection.close()
    }
}
