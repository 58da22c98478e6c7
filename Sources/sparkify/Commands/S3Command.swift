import AWS
import ArgumentParser
import Config
import Foundation

/// `sparkify s3 ls|get|presign`: look at (and fetch) what staging will read, with the config's AWS
/// settings — real S3 or the sandbox's moto. The work is ``S3Client``'s; this file parses and prints.
struct S3Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3",
        abstract: "List, download or presign the objects under an s3:// URI.",
        subcommands: [List.self, Get.self, Presign.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "Print every key under s3://bucket/prefix, one per line (all pages, all depths).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "s3://bucket or s3://bucket/prefix") var uri: String
        @Flag(help: "Finish with the number of objects and their total size in bytes.") var summarize = false

        func run() async throws {
            let context = try S3Context(global, uri: uri)
            var count = 0
            var bytes = 0
            try await context.perform {
                for try await object in context.s3.listObjects(bucket: context.bucket, prefix: context.prefix) {
                    print(S3Listing.line(object, json: global.json))
                    count += 1
                    bytes += object.size
                }
            }
            if summarize { S3Listing.summary(objects: count, bytes: bytes, json: global.json).forEach { print($0) } }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download every object under s3://bucket/prefix into DIR/<key>, many at a time.",
            discussion: "Keys ending in / (folder markers) are skipped.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "s3://bucket/prefix") var uri: String
        @Option(name: .customLong("to"), help: ArgumentHelp("Directory to write into (created).", valueName: "DIR"))
        var directory: String
        @Option(help: "Downloads in flight at once.") var concurrency = 16
        @Option(name: .customLong("keys-from"),
                help: ArgumentHelp("Fetch the keys listed in FILE (one per line, `-`: stdin) instead of listing the prefix.",
                                   valueName: "FILE"))
        var keysFile: String?

        func validate() throws {
            guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1-256") }
        }

        func run() async throws {
            let context = try S3Context(global, uri: uri)
            let started = ContinuousClock.now
            var written: (objects: Int, bytes: Int) = (0, 0)
            try await context.perform {
                let writer = try S3Download(directory: directory)
                defer {
                    // A failed download leaves no partial file behind.
                    writer.abandon()
                    written = (writer.objects, writer.bytes)
                }
                var keys: [String] = []
                if let keysFile {
                    keys = try S3Download.keys(from: keysFile)
                } else {
                    for try await object in context.s3.listObjects(bucket: context.bucket, prefix: context.prefix) {
                        keys.append(object.key)
                    }
                }
                keys.removeAll { $0.hasSuffix("/") }
                for try await chunk in context.s3.fetchAll(bucket: context.bucket, keys: keys, concurrency: concurrency) {
                    try writer.write(chunk)
                }
            }
            let seconds = (ContinuousClock.now - started).seconds
            if global.json {
                print(#"{"objects":\#(written.objects),"bytes":\#(written.bytes),"seconds":\#(seconds.rounded(places: 3))}"#)
            } else if !global.quiet {
                print("\(written.objects) objects, \(written.bytes) bytes in \(seconds.rounded(places: 2)) s → \(directory)")
            }
        }
    }

    struct Presign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a URL that fetches the object without credentials until it expires.",
            discussion: "With --recursive, one URL per object under the prefix (--json: {\"key\", \"url\"} per line).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "s3://bucket/key (with --recursive: s3://bucket/prefix)") var uri: String
        @Option(help: "Seconds the URL stays valid (at most 604800, 7 days).") var expires = 3600
        @Flag(help: "Presign every object under the prefix.") var recursive = false

        func validate() throws {
            guard (1...604_800).contains(expires) else { throw ValidationError("--expires must be 1-604800 seconds") }
        }

        func run() async throws {
            let context = try S3Context(global, uri: uri)
            try await context.perform {
                if !recursive {
                    print(try await context.s3.presignedURL(bucket: context.bucket, key: context.prefix, expires: expires))
                    return
                }
                for try await object in context.s3.listObjects(bucket: context.bucket, prefix: context.prefix) {
                    let url = try await context.s3.presignedURL(bucket: context.bucket, key: object.key, expires: expires)
                    print(global.json ? S3Listing.json(["key": object.key, "url": url], order: ["key", "url"]) : url)
                }
            }
        }
    }
}

/// What every `s3` subcommand needs: the config's AWS settings, the client and the URI's parts.
struct S3Context {
    let s3: S3Client
    let bucket: String
    let prefix: String

    /// Reads the config in force (``ConfigSource``) and the `AWS_*` environment; a bad URI or
    /// config is a usage error (exit 2).
    init(_ global: GlobalOptions, uri: String) throws {
        do {
            guard case .s3(let bucket, let key) = try DataLocation(parsing: uri, location: "URI") else {
                throw ConfigError.invalid(location: "URI", value: uri, reason: "expected s3://bucket/prefix")
            }
            let config = try global.loadConfig()
            let settings = try AWSSettings.resolve(config: config)
            _ = try settings.requireCredentials()
            s3 = S3Client(client: AWSClient(settings: settings))
            self.bucket = bucket
            self.prefix = key
        } catch {
            S3Context.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Runs the S3 work; an AWS failure is printed with its code and request id (exit 1, 130 when cancelled).
    func perform(_ work: () async throws -> Void) async throws {
        do { try await work() } catch let error as AWSError {
            S3Context.stderr("error: \(error)")
            throw ExitCode(error.isCancellation ? ExitStatus.cancelled : ExitStatus.failed)
        } catch let error as S3DownloadError {
            S3Context.stderr("error: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
    }

    static func stderr(_ line: String) { Output.stderr(line) }
}

/// How `s3 ls` prints (pure).
enum S3Listing {
    /// The key, or with `json` `{"key":…,"size":…,"etag":…,"last_modified":…}`.
    static func line(_ object: S3Object, json: Bool) -> String {
        guard json else { return object.key }
        var fields: [String: Any] = ["key": object.key, "size": object.size, "etag": object.eTag]
        fields["last_modified"] = object.lastModified.map { $0.formatted(.iso8601) } ?? NSNull()
        return self.json(fields, order: ["key", "size", "etag", "last_modified"])
    }

    /// The `--summarize` lines.
    static func summary(objects: Int, bytes: Int, json: Bool) -> [String] {
        json ? [self.json(["total_objects": objects, "total_size": bytes], order: ["total_objects", "total_size"])]
            : ["", "Total Objects: \(objects)", "   Total Size: \(bytes)"]
    }

    /// One JSON object with its keys in the given order.
    static func json(_ fields: [String: Any], order: [String]) -> String {
        let members = order.map { key -> String in
            let value = fields[key] ?? NSNull()
            let encoded = (try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes]))
                .map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "null"
            return "\"\(key)\":\(encoded)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Double {
    func rounded(places: Int) -> Double {
        let scale = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * scale).rounded() / scale
    }
}
