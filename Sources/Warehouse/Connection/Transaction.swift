extension Connection {
    /// Runs `body` between BEGIN and COMMIT; any error (or cancellation) rolls back and is rethrown,
    /// so the tables keep their previous contents. Not reentrant: `body` must not start another one.
    public func transaction<T>(isolation: isolated (any Actor)? = #isolation,
                               _ body: (Connection) async throws -> T) async throws -> T {
        try await execute("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            await rollback()
            throw error
        }
        do {
            try await executeUncancellable("COMMIT")
        } catch {
            await rollback()
            throw error
        }
        return value
    }

    /// ROLLBACK that runs even in a cancelled task. Errors are dropped: the body's error is the one to
    /// report, and a broken connection has no transaction left anyway.
    private func rollback() async {
        _ = try? await executeUncancellable("ROLLBACK")
    }
}
