extension LoadPlan {
    /// The plan for loading a table of the schema model: its columns, in the model's order, as COPY
    /// columns.
    public init(table: TableDefinition, options: CopyOptions) {
        self.init(table: table.name, columns: table.columns.map(LoadColumn.init), options: options)
    }
}

extension LoadColumn {
    public init(_ column: ColumnDefinition) {
        let type: LoadColumnType
        switch column.type {
        case .varchar(let maxBytes): type = .varchar(maxBytes: maxBytes)
        case .smallint: type = .smallint
        case .integer: type = .integer
        case .bigint: type = .bigint
        case .doublePrecision: type = .double
        case .timestamp: type = .timestamp
        }
        self.init(name: column.name, type: type)
    }
}
