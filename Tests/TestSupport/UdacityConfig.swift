/// dwh.cfg lines for Redshift staging from the Udacity bucket, as after `iac up` (a role ARN is set).
public enum UdacityConfig {
    public static let roleAndSources = """
        [IAM_ROLE]
        ARN=arn:aws:iam::123456789012:role/dwhRole
        [S3]
        LOG_DATA=s3://udacity-dend/log_data
        LOG_JSONPATH=s3://udacity-dend/log_json_path.json
        SONG_DATA=s3://udacity-dend/song_data
        """
}
