/// The active sessions, ordered by their next event: time, then session id, so equal times still sort
/// deterministically. Sessions stay in a slot array; the heap moves only small keys.
struct ActiveSessions {
    private struct Key {
        var time: Int
        var id: Int
        var slot: Int

        func precedes(_ other: Key) -> Bool {
            time != other.time ? time < other.time : id < other.id
        }
    }

    private var heap: [Key] = []
    private var slots: [Session?] = []
    private var freeSlots: [Int] = []

    /// Time of the earliest pending event.
    var firstTime: Int? { heap.first?.time }

    mutating func insert(_ session: Session) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = session
        } else {
            slot = slots.count
            slots.append(session)
        }
        push(Key(time: session.time, id: session.id, slot: slot))
    }

    /// Removes the session with the earliest pending event.
    mutating func removeFirst() -> Session? {
        guard let key = popKey() else { return nil }
        let session = slots[key.slot]
        slots[key.slot] = nil
        freeSlots.append(key.slot)
        return session
    }

    private mutating func push(_ key: Key) {
        heap.append(key)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popKey() -> Key? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
