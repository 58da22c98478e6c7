import Config
import Foundation

/// `sparkify query --format table|csv|json` and the console's CSV export. Pure.
extension QueryAnswer {
    /// How a NULL looks in the table: never confused with an empty string, which shows as nothing.
    public static let nullMark = "∅"

    /// RFC 4180 with a header line; as PostgreSQL's COPY … CSV writes it, NULL is an empty field and an
    /// empty string is `""`, so the two stay apart. Lines end with `\n`.
    public var csv: String {
        var lines = [columns.map { Self.csvField($0.name) }.joined(separator: ",")]
        for row in rows {
            lines.append(row.map { $0.map(Self.csvField) ?? "" }.joined(separator: ","))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    static func csvField(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One object: `{"columns": [{"name", "type"}], "rows": [[…]], "more", "command", "seconds"}`; numeric
    /// columns as JSON numbers, NULL as null.
    public var json: String {
        let columnObjects = columns.map { JSONWriting.object([("name", JSONWriting.string($0.name)), ("type", JSONWriting.string($0.type))]) }
        let rowArrays = rows.map { row in
            JSONWriting.array(zip(columns, row).map { column, value in
                column.isNumeric ? JSONWriting.number(value) : JSONWriting.string(value)
            })
        }
        return JSONWriting.object([
            ("columns", JSONWriting.array(columnObjects)), ("rows", JSONWriting.array(rowArrays)),
            ("more", more ? "true" : "false"), ("command", JSONWriting.string(command)),
            ("seconds", String(format: "%.3f", seconds)),
        ])
    }

    /// psql's aligned table: header, a rule, rows (numbers right-aligned, NULL as ``nullMark``), then
    /// `(2 rows)`; a statement without rows prints its command tag.
    public var table: String {
        guard hasRows else { return (command ?? "") + "\n" }
        let cells = rows.map { row in row.map { $0.map(Self.oneLine) ?? Self.nullMark } }
        let widths = columns.indices.map { index in
            max(columns[index].name.count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ values: [String], header: Bool) -> String {
            values.indices.map { index in
                let text = values[index], pad = String(repeating: " ", count: widths[index] - text.count)
                if header { return text + pad }
                return columns[index].isNumeric ? pad + text : text + pad
            }.joined(separator: " | ").trailingSpaceTrimmed
        }
        var lines = [line(columns.map(\.name), header: true), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")]
        lines += cells.map { line($0, header: false) }
        let count = rows.count == 1 ? "1 row" : "\(rows.count) rows"
        lines.append(more ? "(first \(count); more rows were not fetched: raise --limit)" : "(\(count))")
        return lines.map { $0 + "\n" }.joined()
    }

    /// Newlines and tabs inside a value would break the grid: shown as ↵ and a space.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline ? "↵" : $0 == "\t" ? " " : $0 })
    }
}

extension String {
    var trailingSpaceTrimmed: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
