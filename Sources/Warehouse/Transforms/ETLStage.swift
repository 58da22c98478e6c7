/// The stages of an ETL run, in the order they run (`sparkify etl --stage NAME`, the console's ETL panel).
public enum ETLStage: String, Sendable, CaseIterable, Codable {
    case stagingEvents = "staging_events"
    case stagingSongs = "staging_songs"
    case songplays
    case users
    case songs
    case artists
    case time
    case checks

    /// The stages that load a staging table from the source files.
    public var isStaging: Bool { self == .stagingEvents || self == .stagingSongs }

    /// The table the stage fills; nil for `checks`.
    public var table: TableDefinition? {
        switch self {
        case .stagingEvents: return WarehouseSchema.stagingEvents
        case .stagingSongs: return WarehouseSchema.stagingSongs
        case .songplays: return WarehouseSchema.songplays
        case .users: return WarehouseSchema.users
        case .songs: return WarehouseSchema.songs
        case .artists: return WarehouseSchema.artists
        case .time: return WarehouseSchema.time
        case .checks: return nil
        }
    }
}
