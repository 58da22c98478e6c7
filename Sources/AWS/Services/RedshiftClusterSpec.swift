import Config

/// What step 2 asks Redshift to create: the `[DWH]` section of dwh.cfg plus the role from step 1.
public struct RedshiftClusterSpec: Sendable {
    public var identifier: String
    public var clusterType: String
    public var nodeType: String
    public var numberOfNodes: Int
    public var database: String
    public var masterUsername: String
    public var masterPassword: Secret
    public var port: Int
    public var iamRoleARNs: [String]

    public init(identifier: String, clusterType: String, nodeType: String, numberOfNodes: Int, database: String,
                masterUsername: String, masterPassword: Secret, port: Int, iamRoleARNs: [String]) {
        self.identifier = identifier
        self.clusterType = clusterType
        self.nodeType = nodeType
        self.numberOfNodes = numberOfNodes
        self.database = database
        self.masterUsername = masterUsername
        self.masterPassword = masterPassword
        self.port = port
        self.iamRoleARNs = iamRoleARNs
    }

    /// Why Redshift would refuse this master password, or nil when it meets the rules (8–64
    /// characters, an upper-case letter, a lower-case letter and a digit, printable ASCII without
    /// `'`, `"`, `\`, `/`, `@` or space). Checked before the call so the message can name the config key;
    /// the reason never contains the password.
    public static func passwordProblem(_ password: Secret) -> String? {
        let value = password.reveal()
        if value.count < 8 || value.count > 64 { return "must be 8 to 64 characters long" }
        if !value.contains(where: \.isUppercase) { return "needs an upper-case letter" }
        if !value.contains(where: \.isLowercase) { return "needs a lower-case letter" }
        if !value.contains(where: \.isNumber) { return "needs a digit" }
        let forbidden: Set<Character> = ["'", "\"", "\\", "/", "@", " "]
        if value.contains(where: { forbidden.contains($0) || !$0.isASCII || $0.asciiValue! < 33 || $0.asciiValue! > 126 }) {
            return "may only hold printable ASCII other than ' \" \\ / @ and space"
        }
        return nil
    }
}
