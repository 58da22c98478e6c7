import Testing
@testable import Config

@Suite struct SecretTests {
    @Test func neverPrintsItsValue() {
        let secret = Secret("wJalrXUtnFEMI")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: secret, source: "test")
        #expect(!String(describing: credentials).contains("wJalrXUtnFEMI"))
        #expect(!String(reflecting: credentials).contains("wJalrXUtnFEMI"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("wJalrXUtnFEMI"))
        #expect(secret.reveal() == "wJalrXUtnFEMI")
    }
}
