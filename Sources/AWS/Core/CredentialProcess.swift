import Config
import Foundation

/// A profile's `credential_process`, run as the AWS CLI runs it: the command line split into words
/// (quotes and backslashes as a POSIX shell reads them) and started without a shell; the credentials
/// arrive on its standard output as JSON (`Version: 1`, `AccessKeyId`, `SecretAccessKey`, optional
/// `SessionToken` and `Expiration`) and never on a command line. Its output is never echoed in errors.
public struct CredentialProcess: Sendable {
    public var command: String
    public var profile: String

    public init(command: String, profile: String) {
        self.command = command
        self.profile = profile
    }

    /// Runs the command (on a thread of its own: the wait blocks) and reads its credentials.
    public func credentials() async throws(AWSError) -> AWSCredentials {
        let words = try Self.words(command, profile: profile)
        let output = try await Self.run(words, profile: profile)
        return try Self.credentials(from: output, profile: profile)
    }

    /// The command line's words: single quotes keep everything, double quotes keep all but `\"` and
    /// `\\`, a backslash outside quotes keeps the next character.
    static func words(_ command: String, profile: String) throws(AWSError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                if quote == "\"", character != "\"", character != "\\" { word.append("\\") }
                word.append(character); escaped = false; continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"): escaped = true; inWord = true
            case (nil, "'"), (nil, "\""): quote = character; inWord = true
            case ("'", "'"), ("\"", "\""): quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""; inWord = false
            default: word.append(character); inWord = true
            }
        }
        guard quote == nil, !escaped else { throw failure(profile, "its command line has an unclosed quote") }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw failure(profile, "its command line is empty") }
        return words
    }

    /// The credentials in the process's output; errors name the field, never a value.
    static func credentials(from output: Data, profile: String) throws(AWSError) -> AWSCredentials {
        guard let object = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] else {
            throw failure(profile, "its output is not a JSON object (expected {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …})")
        }
        guard (object["Version"] as? NSNumber)?.intValue == 1 else {
            throw failure(profile, "its output's Version is not 1 (the only version the AWS CLI defines)")
        }
        func text(_ field: String) -> String? { (object[field] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        guard let key = text("AccessKeyId") else { throw failure(profile, "its output has no AccessKeyId") }
        guard let secret = text("SecretAccessKey") else { throw failure(profile, "its output has no SecretAccessKey") }
        var expiration: Date?
        if let value = text("Expiration") {
            guard let date = ExpirationTime.parse(value) else {
                throw failure(profile, "its output's Expiration '\(value)' is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret), sessionToken: text("SessionToken").map(Secret.init),
                              source: CredentialSource.process(command: "", profile: profile).label, expiration: expiration)
    }

    static func failure(_ profile: String, _ reason: String) -> AWSError {
        AWSError(code: "CredentialProcessFailed", message: "profile \(profile)'s credential_process: \(reason)",
                 service: .sts, action: "credential_process")
    }

    /// Starts `words` (the first found on PATH, as a shell would) and collects its standard output;
    /// standard error is kept for the message when it fails (never shown on success).
    private static func run(_ words: [String], profile: String) async throws(AWSError) -> Data {
        let result: Result<Data, AWSError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["--"] + words
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                do { try process.run() } catch {
                    continuation.resume(returning: .failure(failure(profile, "could not start \(words[0]): \(error.localizedDescription)")))
                    return
                }
                // Read both pipes before waiting, so a chatty process cannot fill one and block.
                let errorText = StandardError()
                let drained = DispatchSemaphore(value: 0)
                Thread {
                    errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
                    drained.signal()
                }.start()
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                drained.wait()
                guard process.terminationStatus == 0 else {
                    let said = String(decoding: errorText.data.prefix(300), as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    let status = process.terminationReason == .uncaughtSignal ? "was killed by signal \(process.terminationStatus)"
                        : "exited with status \(process.terminationStatus)"
                    continuation.resume(returning: .failure(failure(profile, "\(words[0]) \(status)" + (said.isEmpty ? "" : ": \(said)"))))
                    return
                }
                continuation.resume(returning: .success(data))
            }
            thread.start()
        }
        return try result.get()
    }
}

/// What the process wrote on standard error, handed from the draining thread (the semaphore orders it).
private final class StandardError: @unchecked Sendable {
    var data = Data()
}
