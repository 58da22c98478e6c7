/// Where everything goes on a screen of a given size: a header line, the five panels, a footer line.
/// One rule for every size, so the operator always finds a panel in the same place:
/// - a left column (Runbook above Cluster) and a right column (Tables above ETL progress), the right one
///   exactly tall enough for its 7 tables and 9 stages;
/// - the Log across the bottom when at least 3 log lines fit there (29 rows and up); on shorter screens
///   (80×24) the right column takes the full height and the Log sits under Cluster in the left column.
/// Extra width goes to both columns (2 : 3), extra height to the Log.
public struct ConsoleLayout: Sendable, Equatable {
    /// Below this the console shows a notice instead of panels.
    public static let minimum = Size(width: 80, height: 24)

    public var header: Rect
    public var footer: Rect
    public var panels: [PanelID: Rect]

    /// The rectangle of `panel` (every panel has one).
    public subscript(panel: PanelID) -> Rect { panels[panel] ?? Rect(x: 0, y: 0, width: 0, height: 0) }

    /// nil below ``minimum``.
    public init?(_ size: Size) {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { return nil }
        let (header, rest) = Rect(size).splitTop(1)
        let (body, footer) = rest.splitTop(rest.height - 1)
        // Tables: header + 7 tables + the time of the count; ETL: list S3 + 8 stages; each framed.
        let tablesRows = 11, etlRows = 11, runbookRows = 10, fullClusterRows = 11, logMinimum = 5
        let upperRows = tablesRows + etlRows
        let logAcross = body.height - upperRows >= logMinimum
        let (upper, bottom) = body.splitTop(logAcross ? upperRows : body.height)
        let (left, right) = upper.splitLeft(max(38, size.width * 2 / 5))
        let (tables, etl) = right.splitTop(tablesRows)
        let (runbook, belowRunbook) = left.splitTop(runbookRows)
        let cluster: Rect, log: Rect
        if logAcross {
            (cluster, log) = (belowRunbook, bottom)
        } else {
            (cluster, log) = belowRunbook.splitTop(min(fullClusterRows, belowRunbook.height - logMinimum))
        }
        self.header = header
        self.footer = footer
        panels = [.runbook: runbook, .cluster: cluster, .tables: tables, .etl: etl, .log: log]
    }
}
