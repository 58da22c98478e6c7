// The Runbook module: the operator's steps, the ETL orchestration, and the wiring of S3 or local objects into the loader.
