import Foundation

/// A page of the app, with the HTTP method and status its events carry.
enum Page: CaseIterable, Sendable {
    case nextSong, home, login, logout, settings, saveSettings, help, about
    case upgrade, submitUpgrade, downgrade, submitDowngrade, error

    var name: StaticString {
        switch self {
        case .nextSong: "NextSong"
        case .home: "Home"
        case .login: "Login"
        case .logout: "Logout"
        case .settings: "Settings"
        case .saveSettings: "Save Settings"
        case .help: "Help"
        case .about: "About"
        case .upgrade: "Upgrade"
        case .submitUpgrade: "Submit Upgrade"
        case .downgrade: "Downgrade"
        case .submitDowngrade: "Submit Downgrade"
        case .error: "Error"
        }
    }

    /// `"method":"…","page":"…"` fragments are built from these.
    var method: StaticString {
        switch self {
        case .nextSong, .login, .logout, .saveSettings, .submitUpgrade, .submitDowngrade: "PUT"
        default: "GET"
        }
    }

    var status: Int {
        switch self {
        case .login, .logout, .saveSettings, .submitUpgrade, .submitDowngrade: 307
        case .error: 404
        default: 200
        }
    }
}

/// Where a session goes next: a Markov chain over pages fitted to the transitions in the real logs
/// (after a song another song 94% of the time; Upgrade → Submit Upgrade 44%; Logout → logged-out Home →
/// Login → Home ...). Pure: given the state and random numbers it returns the next page and the pause
/// before it, or nil when the session ends.
enum SessionModel {
    /// First page of a session and whether it starts logged in.
    static func firstPage(random: inout SplitMix64) -> (page: Page, loggedIn: Bool) {
        let roll = random.unit()
        switch roll {
        case ..<0.058: return (.home, false)
        case ..<0.085: return (.login, false)
        case ..<0.615: return (.nextSong, true)
        case ..<0.995: return (.home, true)
        case ..<0.997: return (.about, true)
        case ..<0.999: return (.help, true)
        default: return (.error, true)
        }
    }

    /// The page after `page`, or nil to end the session. `stayProbability` is the session's engagement:
    /// the chance that a logged-in session goes on after any page.
    static func nextPage(
        after page: Page, loggedIn: Bool, level: Level, stayProbability: Double, random: inout SplitMix64
    ) -> Page? {
        // Paid listeners look at Downgrade a little more often than free ones at Upgrade.
        let plan: (Page, Double) = level == .paid ? (.downgrade, 0.0095) : (.upgrade, 0.011)
        if !loggedIn {
            // Logged out: look around, log back in (Login → logged-in Home), or leave.
            if page == .login { return .home }
            if random.chance(0.38) { return nil }
            return weighted([(.login, 0.58), (.home, 0.24), (.about, 0.12), (.help, 0.06)], random: &random)
        }
        switch page {
        case .saveSettings, .submitUpgrade, .submitDowngrade, .logout:
            return .home  // a logged-out Home after Logout
        default:
            break
        }
        if !random.chance(stayProbability) { return nil }
        switch page {
        case .nextSong:
            return weighted([
                (.nextSong, 0.936), (.home, 0.024), (.logout, 0.013), plan, (.settings, 0.005),
                (.help, 0.005), (.about, 0.002), (.error, 0.0013),
            ], random: &random)
        case .home:
            return weighted([
                (.nextSong, 0.905), (.settings, 0.04), (.logout, 0.019), (.home, 0.011), (plan.0, plan.1 * 1.7),
                (.about, 0.003), (.error, 0.001),
            ], random: &random)
        case .settings:
            return weighted([
                (.nextSong, 0.55), (.saveSettings, 0.18), (.settings, 0.07), (.home, 0.07), (.help, 0.07),
                (.logout, 0.06),
            ], random: &random)
        case .downgrade:
            return weighted([(.nextSong, 0.70), (.home, 0.20), (.downgrade, 0.06), (.submitDowngrade, 0.02)], random: &random)
        case .upgrade:
            return weighted([(.submitUpgrade, 0.4), (.home, 0.3), (.nextSong, 0.19), (.upgrade, 0.11)], random: &random)
        case .help:
            return weighted([(.nextSong, 0.86), (.home, 0.06), (plan.0, plan.1 * 4.5), (.help, 0.03)], random: &random)
        case .about:
            return weighted([(.home, 0.4), (.about, 0.2), (.nextSong, 0.4)], random: &random)
        default:  // error
            return weighted([(.nextSong, 0.67), (.home, 0.33)], random: &random)
        }
    }

    /// Seconds between an event and the next one of the session. A song plays to its end (whole seconds)
    /// unless skipped; clicks around the app are seconds to minutes apart.
    static func pause(after page: Page, songLength: Int?, next: Page, random: inout SplitMix64) -> Int {
        if page == .nextSong, let songLength {
            let seconds = songLength / 100_000
            if next == .nextSong {
                return random.chance(0.93) ? seconds : random.between(1, max(1, seconds))
            }
            return min(seconds, Int(random.logNormal(median: 25, sigma: 1.3)))
        }
        if page == .logout || page == .login || next == .logout { return Int(random.logNormal(median: 8, sigma: 1.2)) }
        return min(3_000, Int(random.logNormal(median: 70, sigma: 1.3)))
    }

    /// Engagement of a new session: the expected length is log-uniform between 0.17 and 50 more events, so
    /// most sessions are one or two events, the mean is about 8.6 and a few run past a hundred.
    static func stayProbability(random: inout SplitMix64) -> Double {
        let meanLength = 0.17 * exp(random.unit() * log(294.0))
        return 1 - 1 / (1 + meanLength)
    }

    private static func weighted(_ choices: [(Page, Double)], random: inout SplitMix64) -> Page {
        let total = choices.reduce(0) { $0 + $1.1 }
        var roll = random.unit() * total
        for (page, weight) in choices {
            if roll < weight { return page }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }
}
