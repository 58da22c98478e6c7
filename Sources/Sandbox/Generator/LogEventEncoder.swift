/// Writes one event with the keys in the real files' (alphabetical) order, which is also the order of
/// the JSONPaths file.
enum LogEventEncoder {
    static let fieldNames = [
        "artist", "auth", "firstName", "gender", "itemInSession", "lastName", "length", "level", "location",
        "method", "page", "registration", "sessionId", "song", "status", "ts", "userAgent", "userId",
    ]

    static func encode(_ session: Session, listeners: Listeners, into text: inout JSONText) {
        let listener = session.listener
        let song = session.song
        text.raw("{\"artist\":")
        text.optionalString(song?.artist)
        text.raw(session.loggedIn ? ",\"auth\":\"Logged In\"," : ",\"auth\":\"Logged Out\",")
        if session.loggedIn {
            text.append(listeners.all[listener].firstNameAndGender)
        } else {
            text.raw("\"firstName\":null,\"gender\":null")
        }
        text.raw(",\"itemInSession\":")
        text.integer(session.item)
        text.byte(UInt8(ascii: ","))
        if session.loggedIn { text.append(listeners.all[listener].lastName) } else { text.raw("\"lastName\":null") }
        text.raw(",\"length\":")
        if let song { text.decimal(song.length, scale: 5) } else { text.null() }
        text.raw(session.level == .paid ? ",\"level\":\"paid\"," : ",\"level\":\"free\",")
        if session.loggedIn { text.append(listeners.all[listener].location) } else { text.raw("\"location\":null") }
        text.raw(",\"method\":\"")
        text.raw(session.page.method)
        text.raw("\",\"page\":\"")
        text.raw(session.page.name)
        text.raw("\",")
        if session.loggedIn { text.append(listeners.all[listener].registration) } else { text.raw("\"registration\":null") }
        text.raw(",\"sessionId\":")
        text.integer(session.id)
        text.raw(",\"song\":")
        text.optionalString(song?.title)
        text.raw(",\"status\":")
        text.integer(session.page.status)
        text.raw(",\"ts\":")
        text.integer(session.timestamp)
        text.byte(UInt8(ascii: ","))
        if session.loggedIn { text.append(listeners.all[listener].userAgentAndID) } else { text.raw("\"userAgent\":null,\"userId\":\"\"") }
        text.byte(UInt8(ascii: "}"))
    }
}
