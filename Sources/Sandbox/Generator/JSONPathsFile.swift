/// `log_json_path.json`: the Redshift JSONPaths file mapping event keys to `staging_events` columns by
/// position, laid out as the real file (four-space indents, no trailing newline).
enum JSONPathsFile {
    static let path = "log_json_path.json"

    static var contents: [UInt8] {
        var text = "{\n    \"jsonpaths\": [\n"
        text += LogEventEncoder.fieldNames.map { "        \"$['\($0)']\"" }.joined(separator: ",\n")
        text += "\n    ]\n}"
        return Array(text.utf8)
    }
}
