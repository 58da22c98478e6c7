/// The month's app events in timestamp order, generated on the fly: sessions are started by `Arrivals`,
/// each active session holds only its next event, and a heap merges them. Memory is the listeners plus
/// the sessions active at one moment, whatever the scale.
struct LogEventStream {
    private var listeners: Listeners
    private let playlist: Playlist
    private let seed: UInt64
    private var arrivals: Arrivals
    private var pendingArrival: (time: Int, id: Int)?
    private var active = ActiveSessions()
    /// Active sessions per listener, so one listener rarely has two sessions at once.
    private var busy: [UInt8]
    private var sessionCount: UInt64 = 0
    private(set) var eventCount = 0

    init(seed: UInt64, listeners: Listeners, playlist: Playlist, expectedSessions: Double) {
        self.seed = seed
        self.listeners = listeners
        self.playlist = playlist
        arrivals = Arrivals(seed: seed, expectedSessions: expectedSessions)
        pendingArrival = arrivals.next()
        busy = [UInt8](repeating: 0, count: listeners.count)
    }

    /// Unix seconds of the next event, or nil when the month is done.
    mutating func nextTime() -> Int? {
        while let arrival = pendingArrival, active.firstTime.map({ arrival.time <= $0 }) ?? true {
            start(arrival)
            pendingArrival = arrivals.next()
        }
        return active.firstTime
    }

    /// Appends the next event (compact JSON, no newline) and advances its session.
    mutating func appendNext(to text: inout JSONText) {
        guard nextTime() != nil, var session = active.removeFirst() else { return }
        LogEventEncoder.encode(session, listeners: listeners, into: &text)
        eventCount += 1
        if advance(&session) {
            active.insert(session)
        } else {
            busy[session.listener] -= 1
        }
    }

    private mutating func start(_ arrival: (time: Int, id: Int)) {
        var random = SplitMix64(seed: seed, .session, sessionCount)
        sessionCount += 1
        var listener = listeners.pick(random: &random)
        for _ in 0..<8 where busy[listener] > 0 {
            listener = listeners.pick(random: &random)
        }
        let stay = SessionModel.stayProbability(random: &random)
        let first = SessionModel.firstPage(random: &random)
        var session = Session(
            id: arrival.id, listener: listener, stayProbability: stay, random: random, time: arrival.time,
            page: first.page, loggedIn: first.loggedIn, level: listeners.all[listener].level)
        if session.page == .nextSong {
            session.song = playlist.choose(random: &session.random)
        }
        busy[listener] += 1
        active.insert(session)
    }

    /// Moves the session to its next event; false when the session is over.
    private mutating func advance(_ session: inout Session) -> Bool {
        let page = session.page
        guard let next = SessionModel.nextPage(
            after: page, loggedIn: session.loggedIn, level: session.level,
            stayProbability: session.stayProbability, random: &session.random)
        else { return false }
        let pause = SessionModel.pause(after: page, songLength: session.song?.length, next: next, random: &session.random)
        switch page {
        case .login: session.loggedIn = true
        case .logout: session.loggedIn = false
        case .submitUpgrade:
            session.level = .paid
            listeners.setLevel(.paid, of: session.listener)
        case .submitDowngrade:
            session.level = .free
            listeners.setLevel(.free, of: session.listener)
        default: break
        }
        // A listener's level is shared by all their sessions (one may upgrade while another plays).
        session.level = listeners.all[session.listener].level
        session.time += pause
        guard session.time < Arrivals.monthEnd else { return false }
        session.item += 1
        session.page = next
        session.song = next == .nextSong ? playlist.choose(random: &session.random) : nil
        return true
    }
}
