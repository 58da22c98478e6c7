import CNcurses
import Foundation

/// The real terminal, through ncursesw. Only the console's own thread calls it.
public final class NcursesScreen: Screen {
    public enum StartError: Error, CustomStringConvertible {
        case unusableTerminal(String)
        public var description: String {
            switch self {
            case .unusableTerminal(let term):
                return "cannot drive the terminal '\(term)': set TERM (e.g. xterm-256color) or use the headless commands (sparkify --help)"
            }
        }
    }

    public private(set) var size: Size
    /// Unicode box drawing unless the locale is not UTF-8 or SPARKIFY_ASCII is set.
    public let borders: BorderSet
    /// False when NO_COLOR is set or the terminal has no colours.
    public let usesColor: Bool
    private var last: Grid?
    private let terminal: OpaquePointer

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if setlocale(LC_ALL, "") == nil { setlocale(LC_ALL, "C.UTF-8") }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        borders = (codeset == "UTF-8" && environment["SPARKIFY_ASCII"] == nil) ? .unicode : .ascii
        // newterm, unlike initscr, returns nil instead of exiting when TERM is unusable.
        guard let screen = newterm(nil, sparkify_stdout(), sparkify_stdin()) else {
            throw StartError.unusableTerminal(environment["TERM"] ?? "")
        }
        terminal = screen
        set_term(screen)
        raw()      // Ctrl-C arrives as a key (cancel the stage), not as SIGINT killing the console
        noecho()
        nonl()
        keypad(sparkify_stdscr(), true)
        curs_set(0)
        set_escdelay(25)   // Esc cancels: do not wait a second to tell it from an escape sequence
        usesColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true ? has_colors() : false
        if usesColor {
            start_color()
            use_default_colors()
            let colours: [(Color, Int16)] = [(.red, Int16(COLOR_RED)), (.green, Int16(COLOR_GREEN)),
                                             (.yellow, Int16(COLOR_YELLOW)), (.blue, Int16(COLOR_BLUE)),
                                             (.magenta, Int16(COLOR_MAGENTA)), (.cyan, Int16(COLOR_CYAN))]
            for (colour, code) in colours { init_pair(Int16(colour.rawValue), code, -1) }
        }
        size = Size(width: Int(sparkify_cols()), height: Int(sparkify_lines()))
    }

    deinit { close() }

    /// Gives the terminal back (idempotent).
    public func close() {
        if isendwin() == false { endwin() }
    }

    public func present(_ grid: Grid) {
        let window = sparkify_stdscr()
        let full = last?.size != grid.size
        if full { werase(window) }
        for y in 0..<grid.size.height {
            for x in 0..<grid.size.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let last, last[x, y] == cell { continue }
                draw(cell, x: x, y: y, in: window)
            }
        }
        last = grid
        wnoutrefresh(window)
        doupdate()
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        let window = sparkify_stdscr()
        wtimeout(window, Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let kind = wget_wch(window, &character)
        if kind == ERR { return Self.terminalIsGone() ? .hangup : nil }
        if kind == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_RESIZE:
                size = Size(width: Int(sparkify_cols()), height: Int(sparkify_lines()))
                last = nil
                return .resize
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_ENTER: return .enter
            case KEY_F0 + 1 ... KEY_F0 + 12: return .function(Int(character) - Int(KEY_F0))
            default: return nil
            }
        }
        switch character {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// The terminal hung up (its window closed, tmux killed): stdin reports it at once.
    private static func terminalIsGone() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func draw(_ cell: Cell, x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>?) {
        var attributes: attr_t = 0
        if cell.style.bold { attributes |= sparkify_a_bold() }
        if cell.style.reverse { attributes |= sparkify_a_reverse() }
        if cell.style.dim { attributes |= sparkify_a_dim() }
        let pair = usesColor ? Int16(cell.style.color.rawValue) : 0
        var wide = Array(String(cell.character).unicodeScalars.map { wchar_t(bitPattern: $0.value) }.prefix(4))
        wide.append(0)
        var complex = cchar_t()
        setcchar(&complex, wide, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }
}
