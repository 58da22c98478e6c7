import Foundation

/// A Redshift JSONPaths file: one JSON object whose `"jsonpaths"` member is an array of JSONPath
/// expressions, one per target column in column order.
public enum JSONPathsFile {
    /// Parses the file with Redshift's rules: malformed JSON, more than one object, anything but white
    /// space around it, or an expression that is empty or not a string fail the load; an object whose
    /// key is not `"jsonpaths"` means `'auto'` (Redshift ignores the file then, without an error);
    /// bracket and dot notation cannot be mixed across the array.
    /// - Parameter source: the file's name for messages.
    public static func parse(_ bytes: [UInt8], source: String) throws(StagingError) -> JSONFormat {
        func fail(_ reason: String) -> StagingError { .invalidJSONPaths(source: source, reason: reason) }
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw fail("not one well-formed JSON object (it must hold a single {\"jsonpaths\": [...]} object and nothing else but white space)")
        }
        guard let object = top as? [String: Any] else {
            throw fail("the file must hold a JSON object, not an array or a scalar")
        }
        guard let value = object["jsonpaths"] else { return .auto }
        guard let expressions = value as? [Any] else { throw fail("\"jsonpaths\" must be an array of strings") }
        var paths: [JSONPath] = []
        var notation: JSONPath.Notation?
        for (position, element) in expressions.enumerated() {
            guard let text = element as? String, !(element is NSNumber) else {
                throw fail("element \(position + 1) is not a string")
            }
            guard !text.isEmpty else { throw fail("element \(position + 1) is an empty string") }
            let path: JSONPath
            do { path = try JSONPath(parsing: text) } catch { throw fail(error.description) }
            if let kind = path.notation {
                if let notation, notation != kind {
                    throw fail("bracket and dot notation cannot be mixed in one jsonpaths array (\(text))")
                }
                notation = kind
            }
            paths.append(path)
        }
        return .paths(paths)
    }
}
