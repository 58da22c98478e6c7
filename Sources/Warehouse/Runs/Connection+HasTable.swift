extension Connection {
    /// Whether `table` exists in the current schema: asked first where a missing bookkeeping table is
    /// normal (nothing recorded yet), so the statement log shows no failed query for it.
    func hasTable(_ table: String) async -> Bool {
        (try? await execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1",
                            [table]).scalar) == "1"
    }
}
