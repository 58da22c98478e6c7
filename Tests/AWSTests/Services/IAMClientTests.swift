@testable import AWS
import Foundation
import Testing

/// Parses a literal response the way the core parses a real one.
func parseXML(_ text: String) throws -> XMLElement {
    try XMLElement.parse(Data(text.utf8))
}

@Suite struct IAMClientTests {
    // Sample response of GetRole in the IAM API Reference (API_GetRole.html, "Examples").
    static let getRoleSample = """
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
        <GetRoleResult>
          <Role>
            <Path>/application_abc/component_xyz/</Path>
            <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
            <RoleName>S3Access</RoleName>
            <AssumeRolePolicyDocument>
              {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"Service":["ec2.amazonaws.com"]},"Action":["sts:AssumeRole"]}]}
            </AssumeRolePolicyDocument>
            <CreateDate>2012-05-08T23:34:01Z</CreateDate>
            <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
            <RoleLastUsed>
              <LastUsedDate>2019-11-20T17:09:20Z</LastUsedDate>
              <Region>us-east-1</Region>
            </RoleLastUsed>
          </Role>
        </GetRoleResult>
        <ResponseMetadata>
          <RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId>
        </ResponseMetadata>
        </GetRoleResponse>
        """

    // Sample response of CreateRole in the IAM API Reference (API_CreateRole.html, "Examples").
    static let createRoleSample = """
        <CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <CreateRoleResult>
            <Role>
              <Path>/application_abc/component_xyz/</Path>
              <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
              <RoleName>S3Access</RoleName>
              <AssumeRolePolicyDocument>
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                "Principal":{"Service":["ec2.amazonaws.com"]},"Action":["sts:AssumeRole"]}]}
              </AssumeRolePolicyDocument>
              <CreateDate>2012-05-08T23:34:01.495Z</CreateDate>
              <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
            </Role>
          </CreateRoleResult>
          <ResponseMetadata>
            <RequestId>4a93ceee-9966-11e1-b624-b1aEXAMPLE7c</RequestId>
          </ResponseMetadata>
        </CreateRoleResponse>
        """

    @Test func createRoleSendsTheRedshiftTrustPolicy() {
        let request = IAMClient.createRoleRequest(name: "dwhRole")
        #expect(request.service == .iam)
        #expect(request.action == "CreateRole")
        #expect(request.version == "2010-05-08")
        #expect(request.parameters.map(\.0) == ["RoleName", "AssumeRolePolicyDocument", "Description"])
        #expect(request["RoleName"] == "dwhRole")
        #expect(request["AssumeRolePolicyDocument"]
            == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
    }

    @Test func trustPolicyIsValidJSONThatNamesRedshift() throws {
        let policy = try JSONSerialization.jsonObject(with: Data(IAMClient.redshiftTrustPolicy.utf8)) as? [String: Any]
        let statement = (policy?["Statement"] as? [[String: Any]])?.first
        #expect((statement?["Principal"] as? [String: String])?["Service"] == "redshift.amazonaws.com")
        #expect(statement?["Action"] as? String == "sts:AssumeRole")
    }

    @Test func policyRequestsNameRoleAndPolicy() {
        let attach = IAMClient.attachRolePolicyRequest(role: "dwhRole", policyARN: IAMClient.s3ReadOnlyPolicyARN)
        #expect(attach.action == "AttachRolePolicy")
        #expect(attach.parameters.map { "\($0.0)=\($0.1)" }
            == ["RoleName=dwhRole", "PolicyArn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
        let detach = IAMClient.detachRolePolicyRequest(role: "dwhRole", policyARN: IAMClient.s3ReadOnlyPolicyARN)
        #expect(detach.action == "DetachRolePolicy")
        #expect(detach.parameters.map { "\($0.0)=\($0.1)" } == attach.parameters.map { "\($0.0)=\($0.1)" })
        #expect(IAMClient.listAttachedRolePoliciesRequest(role: "r").parameters.map { "\($0.0)=\($0.1)" } == ["RoleName=r"])
        #expect(IAMClient.listAttachedRolePoliciesRequest(role: "r", marker: "m1").parameters.map { "\($0.0)=\($0.1)" }
            == ["RoleName=r", "Marker=m1"])
        #expect(IAMClient.getRoleRequest(name: "r").action == "GetRole")
        #expect(IAMClient.deleteRoleRequest(name: "r").parameters.map { "\($0.0)=\($0.1)" } == ["RoleName=r"])
    }

    @Test func parsesTheAPIReferenceGetRoleSample() throws {
        let result = try parseXML(Self.getRoleSample).queryResult("GetRole")
        let role = try IAMClient.role(in: result, action: "GetRole")
        #expect(role.name == "S3Access")
        #expect(role.arn == "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access")
        #expect(role.roleID == "AROADBQP57FF2AEXAMPLE")
        #expect(role.created == Date(timeIntervalSince1970: 1_336_520_041))
        #expect(role.trustPolicy?.contains(#""Service":["ec2.amazonaws.com"]"#) == true)
    }

    @Test func parsesTheAPIReferenceCreateRoleSample() throws {
        let role = try IAMClient.role(in: try parseXML(Self.createRoleSample).queryResult("CreateRole"),
                                      action: "CreateRole")
        #expect(role.name == "S3Access")
        #expect(role.created.map { ($0.timeIntervalSince1970 * 1000).rounded() } == 1_336_520_041_495)
    }

    @Test func decodesAPercentEncodedTrustPolicy() throws {
        // moto (like IAM itself) returns the policy URL-encoded.
        let xml = """
            <GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>r1</RoleName>\
            <Arn>arn:aws:iam::123456789012:role/r1</Arn>\
            <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>\
            </Role></GetRoleResult></GetRoleResponse>
            """
        let role = try IAMClient.role(in: try parseXML(xml).queryResult("GetRole"), action: "GetRole")
        #expect(role.trustPolicy == #"{"Version":"2012-10-17"}"#)
    }

    @Test func aRoleWithoutAnARNIsAMalformedResponse() throws {
        let xml = "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName></Role></GetRoleResult></GetRoleResponse>"
        let error = #expect(throws: AWSError.self) {
            try IAMClient.role(in: try parseXML(xml).queryResult("GetRole"), action: "GetRole")
        }
        #expect(error?.code == "MalformedResponse")
        #expect(error?.message == "the response has no Arn")
        #expect(error?.service == .iam)
        #expect(error?.action == "GetRole")
    }

    @Test func parsesAttachedPoliciesAndTheNextPageMarker() throws {
        // As moto 5.2 answers ListAttachedRolePolicies, with IsTruncated set to exercise paging.
        let xml = """
            <ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\
            <ListAttachedRolePoliciesResult><AttachedPolicies><member>\
            <PolicyName>AmazonS3ReadOnlyAccess</PolicyName>\
            <PolicyArn>arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess</PolicyArn>\
            </member></AttachedPolicies><IsTruncated>true</IsTruncated><Marker>page2</Marker>\
            </ListAttachedRolePoliciesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\
            </ListAttachedRolePoliciesResponse>
            """
        let page = try IAMClient.attachedPolicies(in: try parseXML(xml).queryResult("ListAttachedRolePolicies"))
        #expect(page.policies == [IAMAttachedPolicy(name: "AmazonS3ReadOnlyAccess",
                                                    arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")])
        #expect(page.marker == "page2")

        let last = "<ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult>"
        let empty = try IAMClient.attachedPolicies(in: try parseXML(last))
        #expect(empty.policies.isEmpty)
        #expect(empty.marker == nil)
    }
}
