/// One side of an ``Observation``: not looked at yet, looked at but unreachable (with why), or what it said.
public enum Observed<Value: Sendable & Equatable>: Sendable, Equatable {
    case unknown
    case unavailable(String)
    case known(Value)

    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }
}
