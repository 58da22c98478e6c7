import Config
import Warehouse

/// How one staging table is loaded: from where and with which COPY options — the same options a
/// Redshift COPY of the stage uses, so both targets load the same rows.
public struct StagingSpec: Sendable {
    public var stage: ETLStage
    public var table: TableDefinition
    public var source: DataLocation
    /// The JSONPaths file; nil means JSON 'auto'.
    public var jsonPaths: DataLocation?
    /// `format` is filled in from `jsonPaths` when the stage runs.
    public var options: CopyOptions

    /// From `[S3]`: LOG_DATA with the LOG_JSONPATH file (TIMEFORMAT 'epochmillisecs' for ts) into
    /// staging_events, SONG_DATA with JSON 'auto' into staging_songs.
    public static func specs(config: DWHConfig, maxError: Int = 0) throws(ConfigError) -> [ETLStage: StagingSpec] {
        let logData = try config.require(config.sources.logData, "S3", "LOG_DATA",
                                         hint: "set it to s3://bucket/log_data or a local directory of log files")
        let songData = try config.require(config.sources.songData, "S3", "SONG_DATA",
                                          hint: "set it to s3://bucket/song_data or a local directory of song files")
        let options = CopyOptions(timeFormat: .epochMilliseconds, maxError: maxError)
        return [
            .stagingEvents: StagingSpec(stage: .stagingEvents, table: WarehouseSchema.stagingEvents, source: logData,
                                        jsonPaths: config.sources.logJSONPath, options: options),
            .stagingSongs: StagingSpec(stage: .stagingSongs, table: WarehouseSchema.stagingSongs, source: songData,
                                       jsonPaths: nil, options: options),
        ]
    }
}
