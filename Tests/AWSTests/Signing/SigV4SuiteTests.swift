import Config
import Foundation
import Testing
import TestSupport
@testable import AWS

/// Every case of the official suite (../shared/aws-sigv4-test-suite/v4), unchanged: canonical request,
/// string to sign, signature and the signed request, in header and query form.
@Suite struct SigV4SuiteTests {
    static let suiteDirectory = SharedFixtures.root.appendingPathComponent("aws-sigv4-test-suite/v4")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.sorted()
    }()

    @Test func theSuiteHasAllThirtyEightCases() throws {
        guard SharedFixtures.directory("aws-sigv4-test-suite/v4") != nil else { return }
        #expect(Self.caseNames.count == 38)
    }

    @Test(arguments: caseNames) func headerForm(_ name: String) throws {
        let vector = try SuiteCase(directory: Self.suiteDirectory.appendingPathComponent(name))
        let signed = vector.signer.signHeaders(vector.request, date: vector.date)
        #expect(signed.canonicalRequest == vector.expected("header-canonical-request.txt"))
        #expect(signed.stringToSign == vector.expected("header-string-to-sign.txt"))
        #expect(signed.signature == vector.expected("header-signature.txt"))
        let signedRequest = vector.expected("header-signed-request.txt")
        #expect(signedRequest.contains("\nAuthorization:\(signed.authorization ?? "-")\n"))
        for header in signed.addedHeaders {
            #expect(signedRequest.lowercased().contains("\n\(header.name.lowercased()):\(header.value.lowercased())\n"),
                    "\(header.name) missing from the expected signed request")
        }
    }

    @Test(arguments: caseNames) func queryForm(_ name: String) throws {
        let vector = try SuiteCase(directory: Self.suiteDirectory.appendingPathComponent(name))
        let signed = vector.signer.presign(vector.request, date: vector.date, expires: vector.expires)
        #expect(signed.canonicalRequest == vector.expected("query-canonical-request.txt"))
        #expect(signed.stringToSign == vector.expected("query-string-to-sign.txt"))
        #expect(signed.signature == vector.expected("query-signature.txt"))
        // The expected request line carries the parameters in an arbitrary order: compare as sets.
        let requestLine = vector.expected("query-signed-request.txt").split(separator: "\n")[0]
        let expectedQuery = SuiteCase.parseTarget(String(requestLine.split(separator: " ")[1...].dropLast()
            .joined(separator: " "))).query
        let sent = signed.query.map { "\($0.name)=\($0.value)" }.sorted()
        #expect(sent == expectedQuery.map { "\($0.name)=\($0.value)" }.sorted())
    }
}

/// One directory of the suite: the request, its context and the expected files.
struct SuiteCase {
    let directory: URL
    let request: SigningRequest
    let signer: SigV4Signer
    let date: Date
    let expires: Int

    init(directory: URL) throws {
        self.directory = directory
        let context = try JSONDecoder().decode(Context.self,
                                               from: Data(contentsOf: directory.appendingPathComponent("context.json")))
        let raw = try String(contentsOf: directory.appendingPathComponent("request.txt"), encoding: .utf8)
        var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        var headers: [(name: String, value: String)] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            if line.first == " " || line.first == "\t" {
                headers[headers.count - 1].value += "\n" + line
            } else {
                let colon = line.firstIndex(of: ":")!
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let body = Data(lines.dropFirst().joined(separator: "\n").utf8)
        let parsed = Self.parseTarget(target)
        request = SigningRequest(method: method, path: parsed.path, query: parsed.query, headers: headers,
                                 payloadHash: SigV4Signer.hexSHA256(body))
        let credentials = AWSCredentials(accessKeyID: context.credentials.access_key_id,
                                         secretAccessKey: Secret(context.credentials.secret_access_key),
                                         sessionToken: context.credentials.token.map(Secret.init), source: "suite")
        signer = SigV4Signer(credentials: credentials, region: context.region, service: context.service,
                             options: .init(normalizePath: context.normalize, contentSHA256Header: context.sign_body,
                                            omitSessionTokenFromSignature: context.omit_session_token ?? false))
        date = ISO8601DateFormatter().date(from: context.timestamp)!
        expires = context.expiration_in_seconds
    }

    func expected(_ file: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? "<missing \(file)>"
    }

    /// `/path?a=b&c` → the decoded path and parameters.
    static func parseTarget(_ target: String) -> (path: String, query: [(name: String, value: String)]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query: [(name: String, value: String)] = parts.count < 2 ? [] : parts[1].split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
        return (String(parts[0]), query)
    }

    private static func decode(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }

    struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }
}
