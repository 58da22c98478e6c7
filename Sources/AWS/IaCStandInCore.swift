// THROWAWAY stand-in for the AWS core (written by the aws helper) so the iac clients compile and run
// against moto before the real core lands. Deleted when `git merge main` brings the real one.
import Config
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public enum AWSService: String, Sendable {
    case s3, iam, ec2, redshift, sts
}

public struct AWSCallRecord: Sendable {
    public var service: AWSService
    public var action: String
    public var httpStatus: Int?
    public var requestID: String?
    public var latency: Double
    public var attempt: Int
    public var errorCode: String?
}

public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var requestID: String?
    public var httpStatus: Int?
    public var service: AWSService
    public var action: String
    public var resource: String?
    public init(code: String, message: String, requestID: String? = nil, httpStatus: Int? = nil,
                service: AWSService, action: String, resource: String? = nil) {
        self.code = code; self.message = message; self.requestID = requestID; self.httpStatus = httpStatus
        self.service = service; self.action = action; self.resource = resource
    }
    public static let malformedResponse = "MalformedResponse"
    public var description: String { "\(service) \(action) failed: \(code): \(message) (request id \(requestID ?? "none"))" }
}

public struct XMLParseError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLElement]

    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
    public func path(_ names: String...) -> XMLElement? {
        var node: XMLElement? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// Minimal parser: elements, text, entities; ignores attributes, declarations, comments.
    public static func parse(_ data: Data) throws(XMLParseError) -> XMLElement {
        var scanner = Substring(String(decoding: data, as: UTF8.self))
        var stack: [XMLElement] = [XMLElement(name: "#document", text: "", children: [])]
        while !scanner.isEmpty {
            if scanner.hasPrefix("<") {
                guard let end = scanner.firstIndex(of: ">") else { break }
                let tag = scanner[scanner.index(after: scanner.startIndex)..<end]
                scanner = scanner[scanner.index(after: end)...]
                if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") {
                    let done = stack.removeLast()
                    stack[stack.count - 1].children.append(done)
                    continue
                }
                let selfClosing = tag.hasSuffix("/")
                let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" })
                let element = XMLElement(name: name, text: "", children: [])
                if selfClosing { stack[stack.count - 1].children.append(element) } else { stack.append(element) }
            } else {
                let end = scanner.firstIndex(of: "<") ?? scanner.endIndex
                stack[stack.count - 1].text += unescape(String(scanner[..<end]))
                scanner = scanner[end...]
            }
        }
        guard stack.count == 1, let root = stack[0].children.first else {
            throw XMLParseError(reason: "unbalanced XML")
        }
        return root.trimmed()
    }

    private func trimmed() -> XMLElement {
        XMLElement(name: name, text: children.isEmpty ? text : text.trimmingCharacters(in: .whitespacesAndNewlines),
                   children: children.map { $0.trimmed() })
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

public final class AWSClient: Sendable {
    let settings: AWSSettings
    let observer: @Sendable (AWSCallRecord) -> Void

    public init(settings: AWSSettings, observer: @escaping @Sendable (AWSCallRecord) -> Void = { _ in }) {
        self.settings = settings
        self.observer = observer
    }

    public func query(service: AWSService, action: String, version: String,
                      parameters: [(String, String)]) async throws(AWSError) -> XMLElement {
        let region = service == .iam ? "us-east-1" : settings.region
        let host: String
        let base: String
        if let endpoint = settings.endpoint {
            base = endpoint
            host = URL(string: endpoint)!.host! + (URL(string: endpoint)!.port.map { ":\($0)" } ?? "")
        } else {
            host = service == .iam ? "iam.amazonaws.com" : "\(service.rawValue).\(region).amazonaws.com"
            base = "https://\(host)"
        }
        let all = [("Action", action), ("Version", version)] + parameters
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let date = Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let amzDate = formatter.string(from: date)
        let day = String(amzDate.prefix(8))
        let contentType = "application/x-www-form-urlencoded; charset=utf-8"
        let payloadHash = SHA256.hash(data: Data(body.utf8)).hex
        guard let credentials = settings.credentials else {
            throw AWSError(code: "MissingCredentials", message: "no credentials", service: service, action: action)
        }
        var headers = [("content-type", contentType), ("host", host), ("x-amz-date", amzDate)]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token.reveal())) }
        let signed = headers.map(\.0).joined(separator: ";")
        let canonical = ["POST", "/", "", headers.map { "\($0.0):\($0.1)\n" }.joined(), signed, payloadHash]
            .joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service.rawValue)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(SHA256.hash(data: Data(canonical.utf8)).hex)"
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey.reveal()).utf8))
        for part in [day, region, service.rawValue, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key)).hex
        var request = URLRequest(url: URL(string: base + "/")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (name, value) in headers where name != "host" { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue("AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signed), Signature=\(signature)",
                         forHTTPHeaderField: "Authorization")
        let started = Date()
        let data: Data
        let response: URLResponse
        do { (data, response) = try await URLSession.shared.data(for: request) } catch {
            throw AWSError(code: "NetworkFailure", message: "\(error)", service: service, action: action)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let root: XMLElement
        do { root = try XMLElement.parse(data) } catch {
            throw AWSError(code: "MalformedResponse", message: "\(error)", service: service, action: action)
        }
        let requestID = root.path("ResponseMetadata", "RequestId")?.text ?? root.child("RequestId")?.text
            ?? root.child("RequestID")?.text ?? root.child("requestId")?.text
        let errorNode = root.path("Error") ?? root.path("Errors", "Error")
        observer(AWSCallRecord(service: service, action: action, httpStatus: status, requestID: requestID,
                               latency: Date().timeIntervalSince(started), attempt: 1,
                               errorCode: errorNode?.child("Code")?.text))
        if status >= 300 || errorNode != nil {
            throw AWSError(code: errorNode?.child("Code")?.text ?? "HTTP\(status)",
                           message: errorNode?.child("Message")?.text ?? "", requestID: requestID, httpStatus: status,
                           service: service, action: action)
        }
        return root
    }

    private static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}

extension Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension Data {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
