import Foundation

/// A destructive step waiting for the operator's word (PRODUCT §1): step 5 asks for the cluster id to be
/// typed; C over tables that hold rows asks yes or no. Headless, `--yes` answers in advance.
public struct Confirmation: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        /// The operator types exactly this (the cluster id).
        case type(String)
        /// y or yes.
        case yes
    }

    public var step: RunbookStep
    /// The question, saying what would be destroyed.
    public var prompt: String
    public var answer: Answer
    /// Step 5 in the console: the prompt for when the operator also types a final snapshot's id, with
    /// ``snapshotPlaceholder`` where the id goes; nil when the question offers none.
    public var snapshotPrompt: String?

    public static let snapshotPlaceholder = "\u{1}"

    public init(step: RunbookStep, prompt: String, answer: Answer, snapshotPrompt: String? = nil) {
        self.step = step
        self.prompt = prompt
        self.answer = answer
        self.snapshotPrompt = snapshotPrompt
    }

    /// The question as it reads with `finalSnapshot` typed (none: ``prompt``).
    public func prompt(finalSnapshot: String) -> String {
        guard !finalSnapshot.isEmpty, let snapshotPrompt else { return prompt }
        return snapshotPrompt.replacingOccurrences(of: Self.snapshotPlaceholder, with: finalSnapshot)
    }

    /// Whether `reply` confirms (surrounding spaces ignored; "y"/"yes" in any case).
    public func accepts(_ reply: String) -> Bool {
        let reply = reply.trimmingCharacters(in: .whitespaces)
        switch answer {
        case .type(let expected): return reply == expected
        case .yes: return ["y", "yes"].contains(reply.lowercased())
        }
    }

    /// What the face tells the operator to do: "type dwhcluster to confirm", "y to confirm".
    public var instruction: String {
        switch answer {
        case .type(let expected): return "type \(expected) to confirm"
        case .yes: return "y to confirm"
        }
    }
}
