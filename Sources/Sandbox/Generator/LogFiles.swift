/// The daily log files `log_data/2018/11/2018-11-DD-events.json`: the event stream cut at UTC midnight,
/// events separated by newlines, no trailing newline. Read a day in chunks of any size: the stream never
/// holds more than the events it has not yet produced.
struct LogFiles {
    private var stream: LogEventStream
    private var day = -1
    private var firstInFile = true

    init(stream: LogEventStream) {
        self.stream = stream
    }

    static func path(ofDay day: Int) -> String {
        let date = day + 1 < 10 ? "0\(day + 1)" : "\(day + 1)"
        return "log_data/2018/11/2018-11-\(date)-events.json"
    }

    var eventCount: Int { stream.eventCount }

    /// Moves to the next day and returns its file's path; nil after the 30th.
    mutating func nextFile() -> String? {
        guard day + 1 < Arrivals.days else { return nil }
        day += 1
        firstInFile = true
        return LogFiles.path(ofDay: day)
    }

    /// Appends the current day's events until `text` holds at least `limit` bytes or the day is done.
    /// Returns true while the day has more events.
    mutating func appendEvents(to text: inout JSONText, limit: Int) -> Bool {
        let dayEnd = Arrivals.monthStart + (day + 1) * 86_400
        while text.bytes.count < limit {
            guard let time = stream.nextTime(), time < dayEnd else { return false }
            if !firstInFile { text.byte(UInt8(ascii: "\n")) }
            firstInFile = false
            stream.appendNext(to: &text)
        }
        guard let time = stream.nextTime() else { return false }
        return time < dayEnd
    }
}
