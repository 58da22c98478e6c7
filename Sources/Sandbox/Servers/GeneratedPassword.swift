import Config

/// Passwords sparkify makes for the servers it starts.
public enum GeneratedPassword {
    /// A random password of letters and digits (about 143 bits at the default length), safe in a
    /// connection string and an INI file without quoting.
    public static func make(length: Int = 24) -> Secret {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return Secret(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }
}
