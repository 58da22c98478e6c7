extension Connection {
    /// Whether `table` exists in the current schema: asked first where a missing bookkeeping table is
    /// normal (nothing recorded yet), so the statement log shows no failed query for it.
    func hasTable(_ table: String) async -> Bool {
        (try? await execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1",
                            [table]).scalar) == "1"
    }
}

extension Connection {
    /// The names of `table`'s columns in the current schema (none when it does not exist): what an
    /// older sparkify created may lack columns the model has since gained.
    func columnNames(of table: String) async throws(DatabaseError) -> Set<String> {
        Set(try await execute("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
            """, [table]).rows.compactMap { $0.first ?? nil })
    }
}
