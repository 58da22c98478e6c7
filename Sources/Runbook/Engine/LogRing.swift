/// The log panel's lines: the newest `capacity` kept, the oldest dropped (and counted).
public struct LogRing: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// One look at AWS and the database (its calls and statements in ``detail``).
            case aws, sql, observe, step, stage, warning, error
        }

        public var kind: Kind
        public var text: String
        /// Lines the log shows below this one when asked (an observation's calls and statements).
        public var detail: [String]

        public init(_ kind: Kind, _ text: String, detail: [String] = []) {
            self.kind = kind
            self.text = text
            self.detail = detail
        }
    }

    public let capacity: Int
    public private(set) var entries: [Entry] = []
    /// How many entries fell off the front.
    public private(set) var dropped = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public mutating func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count > capacity {
            entries.removeFirst(entries.count - capacity)
            dropped += 1
        }
    }
}
