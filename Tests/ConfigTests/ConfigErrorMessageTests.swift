import Foundation
import Testing
@testable import Config

/// Config mistakes name the file and the line or section, and say what to do (issue #9, item 6).
@Suite struct ConfigErrorMessageTests {
    @Test func anUnterminatedQuoteNamesItsLineAndKeyButNotTheValue() {
        let text = "[CLUSTER]\nHOST=127.0.0.1\nDB_PASSWORD='Passw0rd\n"
        #expect(throws: ConfigError.malformed(source: "dwh.cfg", line: 3,
                                              reason: "the value of DB_PASSWORD opens a ' quote that is not closed on this line")) {
            try INIFile(parsing: text, source: "dwh.cfg")
        }
        do {
            _ = try INIFile(parsing: text, source: "dwh.cfg")
            Issue.record("an unterminated quote was read")
        } catch {
            #expect(error.description.hasPrefix("dwh.cfg line 3: "))
            #expect(!error.description.contains("Passw0rd"))
        }
        #expect(throws: ConfigError.malformed(source: "dwh.cfg", line: 2,
                                              reason: "the value of DB_NAME opens a \" quote that is not closed on this line")) {
            try INIFile(parsing: "[CLUSTER]\nDB_NAME=\"dwh\n", source: "dwh.cfg")
        }
    }

    @Test func quotedAndBareValuesStillRead() throws {
        let file = try INIFile(parsing: "[CLUSTER]\nDB_NAME='dwh'\nDB_USER=\"u\"\nHOST=''\nDB_PORT=5439\n", source: "dwh.cfg")
        #expect(file["CLUSTER", "DB_NAME"] == "dwh")
        #expect(file["CLUSTER", "DB_USER"] == "u")
        #expect(file["CLUSTER", "HOST"] == "")
        #expect(file["CLUSTER", "DB_PORT"] == "5439")
    }

    @Test func aDirectoryIsCalledOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sparkify-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: ConfigError.unreadable(path: directory,
                                               reason: "is a directory: pass the config file itself, e.g. --config \(directory)/dwh.cfg")) {
            try DWHConfig.load(path: directory)
        }
    }

    @Test func noClusterSectionAndNoWayToCreateOneNamesTheSection() throws {
        let config = try DWHConfig(file: INIFile(parsing: "[S3]\nLOG_DATA=/data/log_data\n", source: "dwh.cfg"))
        #expect(throws: ConfigError.missingSection(
            source: "dwh.cfg", section: "CLUSTER",
            hint: "add [CLUSTER] with HOST, DB_NAME, DB_USER, DB_PASSWORD and DB_PORT, or AWS credentials so `sparkify iac up` can create a cluster")) {
            try DatabaseSettings.configured(in: config, canProvision: false)
        }
        #expect(ConfigError.missingSection(source: "dwh.cfg", section: "CLUSTER", hint: "add it").description
                == "dwh.cfg has no [CLUSTER] section: add it")
        // With AWS, steps 1–3 give the database; an empty [CLUSTER] HOST means the same.
        #expect(try DatabaseSettings.configured(in: config, canProvision: true) == nil)
        let empty = try DWHConfig(file: INIFile(parsing: "[CLUSTER]\nHOST=''\n", source: "dwh.cfg"))
        #expect(try DatabaseSettings.configured(in: empty, canProvision: false) == nil)
    }
}
