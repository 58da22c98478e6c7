/// A result column: its name and its type as the server describes it (`PQftype`), so a grid can
/// right-align numbers and a catalog can say what a column holds.
public struct QueryColumn: Sendable, Equatable {
    public var name: String
    /// `int8`, `varchar`, `timestamp`, … (PostgreSQL's type names; Redshift reports the same OIDs);
    /// `oid 1234` for a type this table does not name.
    public var type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }

    /// Numbers: shown right-aligned, written unquoted in JSON.
    public var isNumeric: Bool { Self.numericTypes.contains(type) }

    static let numericTypes: Set<String> = ["int2", "int4", "int8", "float4", "float8", "numeric", "oid"]

    /// The built-in types of `pg_type` that the warehouse's tables and their expressions produce.
    static let typeNames: [UInt32: String] = [
        16: "bool", 18: "char", 19: "name", 20: "int8", 21: "int2", 23: "int4", 25: "text", 26: "oid",
        114: "json", 700: "float4", 701: "float8", 1042: "bpchar", 1043: "varchar", 1082: "date", 1083: "time",
        1114: "timestamp", 1184: "timestamptz", 1186: "interval", 1266: "timetz", 1700: "numeric", 2950: "uuid",
        3802: "jsonb", 705: "unknown",
    ]

    /// The name for a type OID.
    public static func typeName(oid: UInt32) -> String {
        typeNames[oid] ?? "oid \(oid)"
    }
}
