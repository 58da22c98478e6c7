import Testing
@testable import Warehouse

@Suite("COPY manifests")
struct LoaderManifestTests {
    @Test func entriesWithOptionalMandatoryFlagsAndIgnoredMeta() throws {
        let text = """
            {"entries": [
              {"url": "s3://mybucket-alpha/2013-10-04-custdata", "mandatory": true},
              {"url": "s3://mybucket/unload/manifest_0000_part_00", "meta": {"content_length": 5956875}}
            ]}
            """
        #expect(try Manifest.parse(Array(text.utf8), source: "cust.manifest") == Manifest(entries: [
            .init(url: "s3://mybucket-alpha/2013-10-04-custdata", mandatory: true),
            .init(url: "s3://mybucket/unload/manifest_0000_part_00", mandatory: false),
        ]))
    }

    @Test(arguments: [
        (#"{"entries": [{"url": "s3://bucket"}]}"#, "manifest m: entry 1: s3://bucket is not the full path of an object (error 8001)"),
        (#"{"entries": [{"url": "s3://bucket/prefix/"}]}"#, "manifest m: entry 1: s3://bucket/prefix/ is not the full path of an object (error 8001)"),
        (#"{"entries": [{"mandatory": true}]}"#, "manifest m: entry 1 has no \"url\" string"),
        (#"{"entries": [{"url": "s3://b/k", "mandatory": "yes"}]}"#, "manifest m: entry 1: \"mandatory\" must be true or false"),
        (#"{"files": []}"#, "manifest m: \"entries\" must be an array"),
        ("not json", "manifest m: not a JSON object like {\"entries\": [{\"url\": \"s3://bucket/key\", \"mandatory\": true}]}"),
    ])
    func invalidManifests(text: String, message: String) {
        do {
            _ = try Manifest.parse(Array(text.utf8), source: "m")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }
}
