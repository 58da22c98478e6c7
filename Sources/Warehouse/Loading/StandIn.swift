// TEMPORARY stand-in for the db helper's Connection types until they land in main; delete on merge.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
