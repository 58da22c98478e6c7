/// The schema as a graphviz `dot` graph (`sparkify schema --format dot`; schema.png is rendered from it).
/// Tables are boxes listing columns and types (keys underlined); solid arrows are the references the
/// checks verify, dashed grey arrows show which staging table feeds which final table.
public enum SchemaDiagram {
    /// Which tables each transform reads, drawn as lineage.
    static let lineage: [(from: String, to: String)] = [
        ("staging_events", "songplays"), ("staging_songs", "songplays"), ("staging_events", "users"),
        ("staging_songs", "songs"), ("staging_songs", "artists"), ("songplays", "time"),
    ]

    public static func dot() -> String {
        var lines = [
            "// sparkify warehouse schema, rendered from the schema model (WarehouseSchema).",
            "// Re-render schema.png and schema.dot: SPARKIFY_RECORD=1 swift test --filter SchemaPictureTests",
            "digraph sparkify {",
            #"  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=1.0, labelloc=t, label="sparkify warehouse"];"#,
            #"  node [shape=plain, fontname="Helvetica", fontsize=10];"#,
            #"  edge [fontname="Helvetica", fontsize=9];"#,
        ]
        let groups: [(name: String, label: String, tables: [TableDefinition], colour: String)] = [
            ("staging", "staging (COPY, source order)", WarehouseSchema.staging, "#f3e2c7"),
            ("star", "star schema", WarehouseSchema.star, "#cfe2f3"),
            ("bookkeeping", "ETL bookkeeping", WarehouseSchema.bookkeeping, "#e6e6e6"),
        ]
        for group in groups {
            lines.append("  subgraph cluster_\(group.name) {")
            lines.append(##"    label="\##(group.label)"; style=rounded; color="#999999";"##)
            for table in group.tables {
                lines.append("    \(table.name) [label=<\(label(table, colour: group.colour))>];")
            }
            lines.append("  }")
        }
        for table in WarehouseSchema.all {
            for column in table.columns {
                guard let target = column.references else { continue }
                lines.append("  \(table.name):\(column.name)_out:e -> \(target.table):\(target.column)_in:w;")
            }
        }
        for edge in lineage {
            lines.append(##"  \##(edge.from) -> \##(edge.to) [style=dashed, color="#888888", arrowhead=open];"##)
        }
        // Bookkeeping is not fed by the star schema; an invisible edge only places it to the right.
        lines.append("  time -> etl_runs [style=invis];")
        lines.append("  artists -> load_errors [style=invis];")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func label(_ table: TableDefinition, colour: String) -> String {
        var rows = [#"<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">"#,
                    ##"<TR><TD BGCOLOR="\##(colour)" COLSPAN="2"><B>\##(table.name)</B></TD></TR>"##]
        for column in table.columns {
            var name = column.name
            if table.primaryKey.contains(column.name) { name = "<U>\(name)</U>" }
            var type = column.type.sql.lowercased()
            if column.identity { type += " identity" }
            if !column.nullable && !column.identity { type += " not null" }
            rows.append(##"<TR><TD ALIGN="LEFT" PORT="\##(column.name)_in">\##(name)</TD><TD ALIGN="LEFT" PORT="\##(column.name)_out"><FONT COLOR="#555555">\##(type)</FONT></TD></TR>"##)
        }
        rows.append("</TABLE>")
        return rows.joined()
    }
}
