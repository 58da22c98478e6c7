import Runbook

/// An answer a view waits for: not asked yet, on its way, there, or refused with the reason.
public enum Loadable<Value: Sendable & Equatable>: Sendable, Equatable {
    case notLoaded, loading, loaded(Value), failed(String)

    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }
}

/// What the Insights and History views and the SQL view's catalog show and where they are, as part of the console's model. The
/// model asks (``pendingLoads``); the console loop sends the requests to the session and hands the
/// answers back (``receive(_:)``), so the views stay pure.
public struct AnalysisState: Sendable, Equatable {
    public var insights: Loadable<InsightsPicture> = .notLoaded
    public var history: Loadable<RunHistory> = .notLoaded
    /// The SQL view's catalog, from the live database.
    public var catalog: Loadable<SQLCatalog> = .notLoaded
    /// Requests sent and not answered yet: a view keeps showing its last answer meanwhile.
    public var refreshing: Set<AnalysisRequest> = []
    /// The run the History view details.
    public var selectedRun = 0
    /// Lines the open view's body is scrolled down.
    public var scroll = 0
    /// Requests the console loop has still to send.
    public private(set) var pendingLoads: [AnalysisRequest] = []

    public init() {}

    /// Asks for `request` once (a request already on its way is not sent twice).
    public mutating func ask(_ request: AnalysisRequest) {
        guard !refreshing.contains(request) else { return }
        refreshing.insert(request)
        pendingLoads.append(request)
        switch request {
        case .insights: if insights.value == nil { insights = .loading }
        case .history: if history.value == nil { history = .loading }
        case .catalog: if catalog.value == nil { catalog = .loading }
        }
    }

    /// The requests to send now; they are no longer pending.
    public mutating func takePendingLoads() -> [AnalysisRequest] {
        defer { pendingLoads = [] }
        return pendingLoads
    }

    public mutating func receive(_ answer: AnalysisAnswer) {
        refreshing.remove(answer.request)
        switch answer {
        case .insights(let picture): insights = .loaded(picture)
        case .history(let runs):
            history = .loaded(runs)
            selectedRun = min(selectedRun, max(0, runs.count - 1))
        case .catalog(let tables): catalog = .loaded(tables)
        case .failed(.insights, let reason): insights = .failed(reason)
        case .failed(.history, let reason): history = .failed(reason)
        case .failed(.catalog, let reason): catalog = .failed(reason)
        }
    }

    /// What was shown is out of date (an ETL or create-tables finished, a statement wrote): ask again
    /// what was asked before.
    public mutating func invalidate() {
        if insights != .notLoaded { ask(.insights) }
        if history != .notLoaded { ask(.history) }
        if catalog != .notLoaded { ask(.catalog) }
    }
}
