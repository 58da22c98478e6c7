import Foundation

/// One call of an AWS Query-protocol API (IAM, EC2, Redshift, STS), built by a pure function so tests
/// can check the exact parameters without a network. Parameters named in `secretParameters` carry a
/// revealed ``Config/Secret`` and are never shown by `description`.
public struct QueryRequest: Sendable, CustomStringConvertible {
    public var service: AWSService
    public var action: String
    public var version: String
    public var parameters: [(String, String)]
    public var secretParameters: Set<String>

    public init(service: AWSService, action: String, version: String, parameters: [(String, String)] = [],
                secretParameters: Set<String> = []) {
        self.service = service
        self.action = action
        self.version = version
        self.parameters = parameters
        self.secretParameters = secretParameters
    }

    /// The value of one parameter (nil when absent): for tests and checks.
    public subscript(name: String) -> String? { parameters.first { $0.0 == name }?.1 }

    public var description: String {
        let shown = parameters.map { "\($0.0)=\(secretParameters.contains($0.0) ? "<redacted>" : $0.1)" }
        return "\(service) \(action) " + shown.joined(separator: " ")
    }
}

extension AWSClient {
    /// Sends `request` and returns its `<ActionResult>` element (EC2 has none: the response root).
    func perform(_ request: QueryRequest) async throws(AWSError) -> XMLElement {
        let root = try await query(service: request.service, action: request.action, version: request.version,
                                   parameters: request.parameters)
        return root.queryResult(request.action)
    }
}

extension XMLElement {
    /// `<ActionResult>` under `<ActionResponse>`, or the element itself when there is no wrapper.
    func queryResult(_ action: String) -> XMLElement {
        if name == action + "Result" { return self }
        return child(action + "Result") ?? self
    }

    /// The trimmed text of a child, nil when there is no such child (pretty-printed samples indent text).
    func value(_ name: String) -> String? {
        child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The trimmed text of a required child, or an error that names what was missing.
    func required(_ name: String, _ service: AWSService, _ action: String) throws(AWSError) -> String {
        let value = value(name) ?? ""
        guard !value.isEmpty else { throw AWSError.incomplete(service, action, missing: name) }
        return value
    }
}

extension AWSError {
    /// A response that parsed as XML but lacks what the API reference promises.
    static func incomplete(_ service: AWSService, _ action: String, missing: String) -> AWSError {
        AWSError(code: AWSError.malformedResponse, message: "the response has no \(missing)", service: service,
                 action: action)
    }
}
