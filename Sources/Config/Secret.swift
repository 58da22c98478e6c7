/// A value that must never be printed, logged, shown on screen or put on a command line: an AWS secret
/// key, a database password, a session token. Its description is always `<redacted>`; code that needs
/// the value asks for it by name with ``reveal()`` so every use is easy to find.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself. Only for signing, connecting, or writing a 0600 file — never for display.
    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
