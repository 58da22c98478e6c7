import Foundation

/// Which addresses step 3 lets in. Default: the operator's own address as a /32 — 127.0.0.1/32 when the
/// AWS endpoint is on loopback (the sandbox), else the public address that `discover` finds. `--cidr`
/// overrides; 0.0.0.0/0 only with `--allow-anywhere`, and then with a warning.
public enum IngressCIDR {
    public static let anywhere = "0.0.0.0/0"

    /// Finds the caller's public IPv4 address (real AWS). Injected so tests and offline machines can
    /// replace it.
    public typealias Discovery = @Sendable () async throws -> String

    public struct Choice: Sendable, Equatable {
        public var cidr: String
        /// Shown before the port is opened (0.0.0.0/0).
        public var warning: String?
    }

    public static func choose(explicit: String?, allowAnywhere: Bool, endpoint: String?,
                              discover: Discovery) async throws(ProvisioningError) -> Choice {
        if let explicit {
            let cidr = try normalize(explicit)
            if isAnywhere(cidr) {
                guard allowAnywhere else { throw .anywhereNotAllowed }
                return Choice(cidr: cidr, warning: anywhereWarning)
            }
            return Choice(cidr: cidr, warning: nil)
        }
        if allowAnywhere { return Choice(cidr: anywhere, warning: anywhereWarning) }
        if isLoopback(endpoint: endpoint) { return Choice(cidr: "127.0.0.1/32", warning: nil) }
        let found: String
        do { found = try await discover() } catch {
            throw .addressDiscoveryFailed(reason: "\(error)")
        }
        let address = found.trimmingCharacters(in: .whitespacesAndNewlines)
        guard parseIPv4(address) != nil else {
            throw .addressDiscoveryFailed(reason: "the answer '\(address.prefix(40))' is not an IPv4 address")
        }
        return Choice(cidr: address + "/32", warning: nil)
    }

    static let anywhereWarning =
        "warning: opening port 5439 to 0.0.0.0/0 — anyone on the internet can try to log in to the cluster"

    /// `a.b.c.d/n` checked; a bare address becomes `/32`.
    public static func normalize(_ text: String) throws(ProvisioningError) -> String {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = parseIPv4(String(parts[0])) else {
            throw .invalidCIDR(text, reason: "not an IPv4 address or CIDR")
        }
        let bits = parts.count == 2 ? Int(parts[1]) : 32
        guard let bits, (0...32).contains(bits) else {
            throw .invalidCIDR(text, reason: "the prefix length must be 0 to 32")
        }
        return "\(address.map(String.init).joined(separator: "."))/\(bits)"
    }

    public static func isAnywhere(_ cidr: String) -> Bool { cidr.hasSuffix("/0") }

    /// An endpoint such as `http://127.0.0.1:5000` or `http://localhost:5000`.
    public static func isLoopback(endpoint: String?) -> Bool {
        guard let endpoint, let schemeEnd = endpoint.range(of: "://") else { return false }
        var host = endpoint[schemeEnd.upperBound...].prefix { $0 != "/" }
        if host.hasPrefix("[") { return host.hasPrefix("[::1]") }
        host = host.prefix { $0 != ":" }
        return host == "localhost" || host.hasPrefix("127.")
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        let values = octets.compactMap { $0.count <= 3 && $0.allSatisfy(\.isASCII) ? UInt8($0) : nil }
        return values.count == 4 ? values : nil
    }
}
