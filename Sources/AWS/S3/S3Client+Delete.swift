extension S3Client {
    /// Deletes the object. S3 answers 204 whether or not it existed, so deleting twice is no error.
    public func deleteObject(bucket: String, key: String) async throws(AWSError) {
        let call = AWSCall(service: .s3, action: "DeleteObject", method: "DELETE", bucket: bucket, path: "/" + key,
                           timeout: .seconds(60), resource: uri(bucket, key))
        _ = try await client.sendReading(call)
    }
}
