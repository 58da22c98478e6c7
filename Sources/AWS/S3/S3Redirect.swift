import Foundation

/// Where S3 says a bucket lives when a request went to (or was signed for) the wrong region: a
/// `301 PermanentRedirect` (global or path-style host), a `400 AuthorizationHeaderMalformed` (regional
/// host), each with header `x-amz-bucket-region` — or, when a proxy dropped the header, the body's
/// `<Region>` or `<Endpoint>`. Pure.
enum S3Redirect {
    static func bucketRegion(status: Int, head: HTTPResponseHead, body: Data) -> String? {
        guard [301, 307, 400].contains(status) else { return nil }
        if let region = head.header("x-amz-bucket-region"), isRegion(region) { return region }
        guard !body.isEmpty, let error = (try? XMLElement.parse(body))?.first("Error"),
              let code = error.child("Code")?.text,
              ["PermanentRedirect", "TemporaryRedirect", "AuthorizationHeaderMalformed"].contains(code) else { return nil }
        if let region = error.child("Region")?.text, isRegion(region) { return region }
        return error.child("Endpoint").flatMap { region(ofHost: $0.text) }
    }

    /// `bucket.s3.us-west-2.amazonaws.com`, `s3-us-west-2.amazonaws.com` → us-west-2;
    /// `bucket.s3.amazonaws.com` → us-east-1.
    static func region(ofHost host: String) -> String? {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard let s3 = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }) else { return nil }
        if labels[s3].hasPrefix("s3-") {
            let region = String(labels[s3].dropFirst(3))
            return isRegion(region) ? region : nil
        }
        guard s3 + 1 < labels.count else { return nil }
        if labels[s3 + 1] == "amazonaws" { return "us-east-1" }
        return isRegion(labels[s3 + 1]) ? labels[s3 + 1] : nil
    }

    /// Looks like `us-west-2`, `eu-central-1`, `us-gov-west-1`.
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.last.map { !$0.isEmpty && $0.allSatisfy(\.isNumber) } == true
            && parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) } }
    }
}
