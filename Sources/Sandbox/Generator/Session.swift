/// One listening session in progress: its next event and what it needs to produce the ones after.
struct Session {
    let id: Int
    let listener: Int
    let stayProbability: Double
    var random: SplitMix64
    var item = 0
    /// Unix seconds of the pending event.
    var time: Int
    var page: Page
    var loggedIn: Bool
    var level: Level
    var song: PlayedSong?

    /// Events carry milliseconds; every timestamp in the real logs ends in 796 ms.
    var timestamp: Int { time * 1000 + 796 }
}
