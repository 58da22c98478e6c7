// Starts a private PostgreSQL and moto_server on free loopback ports for the tests.
import Sandbox
