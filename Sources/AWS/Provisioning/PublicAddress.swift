/// The caller's public IPv4 address as AWS sees it, for the default ingress CIDR on real AWS.
public enum PublicAddress {
    public static let checkIPURL = "https://checkip.amazonaws.com/"

    /// Asks checkip.amazonaws.com over the AWS module's HTTP client (5 s to connect, 10 s in all).
    /// Fails without internet access: the caller then tells the operator to pass --cidr.
    public static let checkIP: IngressCIDR.Discovery = {
        let http = HTTPClient(configuration: .init(connectTimeout: .seconds(5)))
        let response = try await http.execute(HTTPRequest(method: "GET", url: checkIPURL, timeout: .seconds(10)),
                                              bodyLimit: 1024)
        guard response.head.status == 200 else {
            throw HTTPError(kind: .transport, message: "\(checkIPURL) answered HTTP \(response.head.status)")
        }
        return String(decoding: response.body, as: UTF8.self)
    }
}
