import AWS
import Config

/// Passwords sparkify makes for the servers it starts.
public enum GeneratedPassword {
    /// A random password of letters and digits (about 143 bits at the default length), safe in a
    /// connection string and an INI file without quoting. It also meets Redshift's master-password
    /// rules, which `iac up` checks before it creates the cluster: one in forty draws of 24 characters
    /// holds no digit, so a draw that misses a class is drawn again.
    public static func make(length: Int = 24) -> Secret {
        precondition((8...64).contains(length), "Redshift takes 8 to 64 characters")
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        while true {
            let password = Secret(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            if RedshiftClusterSpec.passwordProblem(password) == nil { return password }
        }
    }
}
