import Foundation

/// Which JSON elements feed which columns: a tree of member names and array indexes, built once from
/// the mapping (`'auto'`: one top-level member per column; JSONPaths: each expression's path) and
/// flattened into plain tables so that scanning a record finds members without allocating.
///
/// Not thread-safe: the member-order guesses are updated while scanning. One locator per parser.
final class FieldLocator {
    struct Node {
        var firstMember: Int
        var memberCount: Int
        var firstElement: Int
        var elementCount: Int
        var firstColumn: Int
        var columnCount: Int
        var parent: Int
        var isElement: Bool
        var hasChildren: Bool { memberCount > 0 || elementCount > 0 }
    }

    struct Member {
        var keyOffset: Int
        var keyLength: Int
        var node: Int
    }

    struct Element {
        var index: Int
        var node: Int
    }

    /// An array element a JSONPath names: Redshift fails the load when its parent exists but is not an
    /// array or is too short.
    struct ElementPath {
        var node: Int
        var parent: Int
        var path: String
    }

    let tables: LocatorTables
    let elementPaths: [ElementPath]
    let nodeCount: Int
    private let storage: [UnsafeMutableRawPointer]

    /// - Parameters:
    ///   - columns: target column names in COPY order.
    ///   - format: `.auto` matches lower-cased column names exactly (Redshift's column names are
    ///     lower case); `.autoIgnoreCase` ignores case; `.paths` maps expression i to column i.
    init(columns: [String], format: JSONFormat) {
        final class Draft {
            var members: [(key: [UInt8], node: Draft)] = []
            var elements: [(index: Int, node: Draft)] = []
            var columns: [Int] = []
            var path = ""
        }
        let root = Draft()
        let ignoreCase: Bool
        switch format {
        case .auto, .autoIgnoreCase:
            ignoreCase = format == .autoIgnoreCase
            for (column, name) in columns.enumerated() {
                let key = Array(name.lowercased().utf8)
                if let existing = root.members.first(where: { $0.key == key }) {
                    existing.node.columns.append(column)
                } else {
                    let node = Draft()
                    node.columns = [column]
                    root.members.append((key, node))
                }
            }
        case .paths(let paths):
            ignoreCase = false
            for (column, path) in paths.enumerated() {
                var node = root
                for component in path.components {
                    switch component {
                    case .member(let name):
                        let key = Array(name.utf8)
                        if let next = node.members.first(where: { $0.key == key }) {
                            node = next.node
                        } else {
                            let next = Draft()
                            node.members.append((key, next))
                            node = next
                        }
                    case .index(let index):
                        if let next = node.elements.first(where: { $0.index == index }) {
                            node = next.node
                        } else {
                            let next = Draft()
                            node.elements.append((index, next))
                            node = next
                        }
                    }
                    node.path = path.description
                }
                node.columns.append(column)
            }
        }

        // Flatten breadth-first: node 0 is the root.
        var order: [Draft] = [root]
        var parents: [Int] = [-1]
        var isElement: [Bool] = [false]
        var next = 0
        while next < order.count {
            let draft = order[next]
            for (_, child) in draft.members { order.append(child); parents.append(next); isElement.append(false) }
            for (_, child) in draft.elements { order.append(child); parents.append(next); isElement.append(true) }
            next += 1
        }
        let identity = Dictionary(uniqueKeysWithValues: order.enumerated().map { (ObjectIdentifier($0.element), $0.offset) })
        let memberTotal = order.reduce(0) { $0 + $1.members.count }
        let elementTotal = order.reduce(0) { $0 + $1.elements.count }
        let columnTotal = order.reduce(0) { $0 + $1.columns.count }
        let keyTotal = order.reduce(0) { $0 + $1.members.reduce(0) { $0 + $1.key.count } }

        let nodes = UnsafeMutablePointer<Node>.allocate(capacity: order.count)
        let members = UnsafeMutablePointer<Member>.allocate(capacity: max(memberTotal, 1))
        let elements = UnsafeMutablePointer<Element>.allocate(capacity: max(elementTotal, 1))
        let nodeColumns = UnsafeMutablePointer<Int>.allocate(capacity: max(columnTotal, 1))
        let keyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(keyTotal, 1))
        let guesses = UnsafeMutablePointer<Int>.allocate(capacity: order.count)
        guesses.initialize(repeating: 0, count: order.count)
        var memberAt = 0, elementAt = 0, columnAt = 0, keyAt = 0
        var elementPaths: [ElementPath] = []
        for (id, draft) in order.enumerated() {
            nodes[id] = Node(firstMember: memberAt, memberCount: draft.members.count,
                             firstElement: elementAt, elementCount: draft.elements.count,
                             firstColumn: columnAt, columnCount: draft.columns.count,
                             parent: parents[id], isElement: isElement[id])
            for (key, child) in draft.members {
                let stored = ignoreCase ? key.map(asciiLowercase) : key
                (keyBytes + keyAt).initialize(from: stored, count: stored.count)
                members[memberAt] = Member(keyOffset: keyAt, keyLength: key.count, node: identity[ObjectIdentifier(child)]!)
                keyAt += key.count
                memberAt += 1
            }
            for (index, child) in draft.elements {
                let childID = identity[ObjectIdentifier(child)]!
                elements[elementAt] = Element(index: index, node: childID)
                elementPaths.append(ElementPath(node: childID, parent: id, path: child.path))
                elementAt += 1
            }
            for column in draft.columns {
                nodeColumns[columnAt] = column
                columnAt += 1
            }
        }
        tables = LocatorTables(nodes: nodes, members: members, elements: elements, nodeColumns: nodeColumns,
                               keyBytes: keyBytes, guesses: guesses, ignoreCase: ignoreCase)
        self.elementPaths = elementPaths
        nodeCount = order.count
        storage = [UnsafeMutableRawPointer(nodes), UnsafeMutableRawPointer(members), UnsafeMutableRawPointer(elements),
                   UnsafeMutableRawPointer(nodeColumns), UnsafeMutableRawPointer(keyBytes), UnsafeMutableRawPointer(guesses)]
    }

    deinit {
        for pointer in storage { pointer.deallocate() }
    }
}

/// The locator's tables as plain pointers, copied into the scanner so the hot loop holds no references.
struct LocatorTables {
    let nodes: UnsafeMutablePointer<FieldLocator.Node>
    let members: UnsafeMutablePointer<FieldLocator.Member>
    let elements: UnsafeMutablePointer<FieldLocator.Element>
    let nodeColumns: UnsafeMutablePointer<Int>
    let keyBytes: UnsafeMutablePointer<UInt8>
    /// Per node, the member expected next: keys usually come in the same order in every record.
    let guesses: UnsafeMutablePointer<Int>
    let ignoreCase: Bool

    /// The child node for member `key` of `node`, or -1.
    @inline(__always)
    func member(of node: Int, key: UnsafePointer<UInt8>, length: Int) -> Int {
        let n = nodes[node]
        guard n.memberCount > 0 else { return -1 }
        let guess = guesses[node]
        if matches(n.firstMember + guess, key, length) {
            guesses[node] = guess + 1 == n.memberCount ? 0 : guess + 1
            return members[n.firstMember + guess].node
        }
        for i in 0..<n.memberCount where i != guess && matches(n.firstMember + i, key, length) {
            guesses[node] = i + 1 == n.memberCount ? 0 : i + 1
            return members[n.firstMember + i].node
        }
        return -1
    }

    @inline(__always)
    private func matches(_ member: Int, _ key: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let m = members[member]
        guard m.keyLength == length else { return false }
        let stored = keyBytes + m.keyOffset
        if ignoreCase {
            for i in 0..<length where asciiLowercase(key[i]) != stored[i] { return false }
            return true
        }
        return JSONText.equal(stored, key, length)
    }

    /// The child node for element `index` of `node`, or -1.
    @inline(__always)
    func element(of node: Int, index: Int) -> Int {
        let n = nodes[node]
        for i in 0..<n.elementCount where elements[n.firstElement + i].index == index {
            return elements[n.firstElement + i].node
        }
        return -1
    }
}

@inline(__always)
func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}
