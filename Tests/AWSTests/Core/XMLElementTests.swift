import Foundation
import Testing
@testable import AWS

@Suite struct XMLElementTests {
    func parse(_ text: String) throws -> XMLElement { try XMLElement.parse(Data(text.utf8)) }

    @Test func readsAnAWSResponse() throws {
        let root = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
              <DescribeClustersResult>
                <Clusters>
                  <Cluster><ClusterIdentifier>a</ClusterIdentifier><Endpoint><Port>5439</Port></Endpoint></Cluster>
                  <Cluster><ClusterIdentifier>b</ClusterIdentifier><Empty/></Cluster>
                </Clusters>
              </DescribeClustersResult>
            </DescribeClustersResponse>
            """)
        #expect(root.name == "DescribeClustersResponse")
        let clusters = try #require(root.path("DescribeClustersResult", "Clusters")).children("Cluster")
        #expect(clusters.map { $0.child("ClusterIdentifier")?.text } == ["a", "b"])
        #expect(clusters[0].path("Endpoint", "Port")?.text == "5439")
        #expect(clusters[1].child("Empty") == XMLElement(name: "Empty"))
        #expect(root.first("Port")?.text == "5439")
        #expect(root.path("DescribeClustersResult", "Nope") == nil)
    }

    @Test func decodesEntitiesAndCDATAAndKeepsSpaces() throws {
        let root = try parse("<K a=\"x>y\"> a&amp;b &lt;&gt;&quot;&apos; &#233;&#x1F600;<![CDATA[<raw>&amp;]]> </K>")
        #expect(root.text == " a&b <>\"' é😀<raw>&amp; ")
        #expect(root.description == "<K> a&amp;b &lt;&gt;\"' é😀&lt;raw&gt;&amp;amp; </K>")
    }

    @Test(arguments: [
        ("<a><b></a>", "malformed XML at byte 6: </a> closes <b>"),
        ("<a>", "malformed XML at byte 3: missing </a>"),
        ("text", "malformed XML at byte 0: expected the root element"),
        ("<a/><b/>", "malformed XML at byte 4: content after the root element"),
        ("<a>&bogus;</a>", "malformed XML at byte 3: unknown entity &bogus;"),
    ]) func reportsWhereItIsMalformed(_ text: String, _ message: String) {
        #expect(throws: XMLParseError.self) { try parse(text) }
        do { _ = try parse(text) } catch let error as XMLParseError { #expect(error.description == message) } catch {}
    }
}
