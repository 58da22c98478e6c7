/// Subscription level, as events carry it.
enum Level: Sendable {
    case free, paid
}

/// A listener and the parts of an event that describe them, encoded once as JSON fragments because every
/// one of the listener's events repeats them.
struct Listener: Sendable {
    var userID: String
    var level: Level
    /// `"firstName":…,"gender":…` (the keys are adjacent in the events' alphabetical order).
    var firstNameAndGender: [UInt8]
    var lastName: [UInt8]
    var location: [UInt8]
    var registration: [UInt8]
    /// `"userAgent":…,"userId":…`.
    var userAgentAndID: [UInt8]
}

/// The month's listeners: a fifth are regulars who make most of the events and mostly pay, the rest are
/// occasional and free, so most events are paid although most users start free (as in the real logs:
/// median user ~20 events, the top ones hundreds).
struct Listeners: Sendable {
    private(set) var all: [Listener]
    private let cumulativeActivity: [Double]
    /// Unix seconds at which the month starts; registrations fall in the two weeks before it.
    static let monthStart = 1_541_030_400

    init(seed: UInt64, count: Int) {
        var listeners: [Listener] = []
        listeners.reserveCapacity(count)
        var cumulative: [Double] = []
        cumulative.reserveCapacity(count)
        var total = 0.0
        let agentWeights = Vocabulary.userAgents.reduce(0) { $0 + $1.weight }
        var population = SplitMix64(seed: seed, .population)
        let dealOffsets = (
            regular: (level: population.unit(), agent: population.unit()),
            casual: (level: population.unit(), agent: population.unit()))
        for index in 0..<count {
            var random = SplitMix64(seed: seed, .user, UInt64(index))
            let female = random.chance(0.55)
            let firstName = random.pick(female ? Vocabulary.femaleFirstNames : Vocabulary.maleFirstNames)
            let lastName = random.pick(Vocabulary.lastNames)
            let location = random.pick(Vocabulary.metroAreas)
            let registeredSecondsBefore = random.between(3_600, 14 * 86_400)
            // One listener in five is a regular (most of the month's events, mostly paid); the rest drop by.
            let regular = index % 5 == 2
            let activity = regular ? random.logNormal(median: 16, sigma: 0.55) : random.logNormal(median: 0.9, sigma: 0.6)
            // Levels and browsers are dealt along golden-ratio sequences within each class rather than drawn,
            // so even among the few regulars the shares are close to the intended ones.
            let classIndex = regular ? index / 5 : index - (index + 2) / 5
            let offsets = regular ? dealOffsets.regular : dealOffsets.casual
            let paid = Listeners.deal(classIndex, offset: offsets.level) < (regular ? 0.9 : 0.03)
            var agentRoll = Int(Listeners.deal(classIndex, offset: offsets.agent) * Double(agentWeights))
            var agent = Vocabulary.userAgents[0].agent
            for candidate in Vocabulary.userAgents {
                if agentRoll < candidate.weight {
                    agent = candidate.agent
                    break
                }
                agentRoll -= candidate.weight
            }
            // The app wraps a user agent in literal quotes when it contains a comma.
            if agent.contains(",") { agent = "\"" + agent + "\"" }

            var text = JSONText()
            text.raw("\"firstName\":")
            text.string(firstName)
            text.raw(",\"gender\":")
            text.string(female ? "F" : "M")
            let firstNameAndGender = text.bytes
            text.removeAll()
            text.raw("\"lastName\":")
            text.string(lastName)
            let lastNameBytes = text.bytes
            text.removeAll()
            text.raw("\"location\":")
            text.string(location)
            let locationBytes = text.bytes
            text.removeAll()
            text.raw("\"registration\":")
            text.integer((Listeners.monthStart - registeredSecondsBefore) * 1000 + 796)
            text.raw(".0")
            let registration = text.bytes
            let userID = String(index + 2)
            text.removeAll()
            text.raw("\"userAgent\":")
            text.string(agent)
            text.raw(",\"userId\":")
            text.string(userID)
            listeners.append(Listener(
                userID: userID, level: paid ? .paid : .free,
                firstNameAndGender: firstNameAndGender, lastName: lastNameBytes, location: locationBytes,
                registration: registration, userAgentAndID: text.bytes))
            total += activity
            cumulative.append(total)
        }
        all = listeners
        cumulativeActivity = cumulative
    }

    var count: Int { all.count }

    /// The `index`-th point of a golden-ratio (low-discrepancy) sequence in [0, 1).
    private static func deal(_ index: Int, offset: Double) -> Double {
        (offset + Double(index) * 0.618_033_988_749_894_9).truncatingRemainder(dividingBy: 1)
    }

    /// A listener drawn in proportion to activity.
    func pick(random: inout SplitMix64) -> Int {
        let target = random.unit() * (cumulativeActivity.last ?? 0)
        var low = 0, high = cumulativeActivity.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeActivity[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    mutating func setLevel(_ level: Level, of index: Int) {
        all[index].level = level
    }
}
