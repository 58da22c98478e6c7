// The AWS module: SigV4, HTTP over libcurl, and the S3 / IAM / EC2 / Redshift / STS clients.
import CCurl
import Config
