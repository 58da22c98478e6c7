/// `sandbox seed --data DIR`: more objects for a running sandbox's bucket, for an incremental run to
/// find (e.g. the days `sparkify generate --days 21..25` wrote).
extension SandboxControl {
    /// Uploads every file of `directory` at its path relative to it (`log_data/…`, `song_data/…`) into
    /// the running sandbox's bucket, beside what is there; a file at an existing key replaces it.
    public func seed(directory: String,
                     events: @escaping @Sendable (Event) -> Void = { _ in }) async throws(SandboxError) -> SeedProgress {
        let data = try DataDirectory(directory, additions: true)
        let status = try status()
        guard let state = status.state, status.motoRunning else {
            throw .state(path: paths.state, reason: "the sandbox is not running: start it with `sparkify sandbox up`")
        }
        events(.step("adding \(data.files.count) files from \(data.root) to s3://\(Self.bucket)"))
        let seeder = Seeder(store: makeStore(state.awsSettings), bucket: Self.bucket)
        return try await seeder.seed(data.files, count: data.files.count) { events(.seeding($0)) }
    }
}
