import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The caller's public IPv4 address as AWS sees it, for the default ingress CIDR on real AWS.
public enum PublicAddress {
    public static let checkIPURL = URL(string: "https://checkip.amazonaws.com/")!

    /// Asks checkip.amazonaws.com (5 s timeout). Fails without internet access: the caller then tells
    /// the operator to pass --cidr.
    public static let checkIP: IngressCIDR.Discovery = {
        var request = URLRequest(url: checkIPURL)
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, status == 200 else {
            throw DiscoveryError(reason: "\(checkIPURL) answered HTTP \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct DiscoveryError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }
}
