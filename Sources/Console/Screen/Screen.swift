/// A key the operator pressed, decoded from whatever the terminal sent.
public enum Key: Sendable, Hashable {
    case character(Character)
    case enter, escape, tab, backTab, backspace
    case up, down, left, right, pageUp, pageDown, home, end
    case interrupt          // Ctrl-C
    case function(Int)      // F1 … F12: keys that work while text is typed (F1: the help)
    case resize             // the terminal changed size: redraw at the new size
    case hangup             // the terminal is gone: nobody is left to answer questions
}

/// Where the console's picture goes and its keys come from (ratatui's backend): ncurses on a real
/// terminal, an in-memory grid in tests. Called from the console's one thread only.
public protocol Screen: AnyObject {
    /// The current size; changes after a `.resize` key.
    var size: Size { get }
    /// Shows `grid` (the same size as `size`), changing only what differs from the last one shown.
    func present(_ grid: Grid)
    /// The next key, or nil when none arrives within `milliseconds` (a tick for redraws).
    func nextKey(timeoutMilliseconds: Int) -> Key?
}

/// A screen that keeps what it was shown and replays scripted keys: the console's test double.
public final class MemoryScreen: Screen {
    public var size: Size
    public private(set) var shown: Grid?
    public private(set) var presentCount = 0
    private var pending: [Key]

    public init(size: Size, keys: [Key] = []) {
        self.size = size
        self.pending = keys
    }

    public func present(_ grid: Grid) {
        shown = grid
        presentCount += 1
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        pending.isEmpty ? nil : pending.removeFirst()
    }

    public func press(_ keys: Key...) { pending.append(contentsOf: keys) }

    /// Changes the size and queues the `.resize` key a terminal would send.
    public func resize(to size: Size) {
        self.size = size
        pending.append(.resize)
    }
}
