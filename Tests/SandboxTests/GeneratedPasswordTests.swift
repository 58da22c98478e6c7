import AWS
import Sandbox
import Testing

@Suite struct GeneratedPasswordTests {
    /// The sandbox's password becomes the cluster's master password in `iac up`: every draw must pass
    /// Redshift's rules (a draw without a digit, one in forty, failed `iac up` before).
    @Test func everyPasswordMeetsRedshiftsRules() {
        for _ in 0..<2_000 {
            let password = GeneratedPassword.make()
            #expect(RedshiftClusterSpec.passwordProblem(password) == nil)
            #expect(password.reveal().count == 24)
        }
    }

    @Test func passwordsDiffer() {
        #expect(Set((0..<100).map { _ in GeneratedPassword.make().reveal() }).count == 100)
    }
}
