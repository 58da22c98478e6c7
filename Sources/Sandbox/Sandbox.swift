// The Sandbox module: private PostgreSQL and moto_server lifecycle, seeding, the data generator.
import AWS
import Config
