import Testing
@testable import AWS

@Suite struct AWSEndpointTests {
    func resolve(_ service: AWSService, _ region: String = "us-west-2", custom: String? = nil,
                 bucket: String? = nil) throws -> AWSEndpoint {
        try AWSEndpoint.resolve(service: service, region: region, custom: custom, bucket: bucket)
    }

    @Test func realAWS() throws {
        #expect(try resolve(.iam) == AWSEndpoint(scheme: "https", host: "iam.amazonaws.com", signingRegion: "us-east-1", pathStyle: false))
        #expect(try resolve(.redshift).host == "redshift.us-west-2.amazonaws.com")
        #expect(try resolve(.ec2).host == "ec2.us-west-2.amazonaws.com")
        #expect(try resolve(.sts, "eu-west-1").host == "sts.eu-west-1.amazonaws.com")
        #expect(try resolve(.s3, bucket: "udacity-dend") == AWSEndpoint(scheme: "https", host: "udacity-dend.s3.us-west-2.amazonaws.com", signingRegion: "us-west-2", pathStyle: false))
        // Dots break TLS name matching under virtual hosting: path style instead.
        #expect(try resolve(.s3, bucket: "my.bucket") == AWSEndpoint(scheme: "https", host: "s3.us-west-2.amazonaws.com", signingRegion: "us-west-2", pathStyle: true))
        #expect(try resolve(.ec2, "cn-north-1").host == "ec2.cn-north-1.amazonaws.com.cn")
    }

    @Test func oneCustomEndpointForEveryService() throws {
        for service in AWSService.allCases {
            let endpoint = try resolve(service, "us-east-1", custom: "http://127.0.0.1:5000", bucket: "udacity-dend")
            #expect(endpoint == AWSEndpoint(scheme: "http", host: "127.0.0.1", port: 5000, signingRegion: "us-east-1", pathStyle: true))
            #expect(endpoint.hostHeader == "127.0.0.1:5000")
        }
        #expect(try resolve(.s3, custom: "https://minio.local:443/").hostHeader == "minio.local")
    }

    @Test func unusableCustomEndpoint() {
        #expect(throws: AWSError.self) { try resolve(.s3, custom: "127.0.0.1:5000") }
    }
}
