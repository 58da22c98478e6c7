/// The Python source of the tests' loopback HTTP server (see ``LoopbackServer``), kept as a string so
/// the test target needs no resource files.
let loopbackServerScript = #"""
# A tiny HTTP/1.1 server for the AWS module's tests. argv: MODE (routes | tls | script); tls serves the
# routes over TLS with a fresh self-signed certificate (clients must refuse it); for script mode, a
# file the requests are recorded to (one JSON object per line) and a JSON file of canned answers
# [[status, [[name, value]...], body]...] used in order. Prints its port, then serves until its stdin
# closes (so it never outlives the test process).
import json, os, ssl, subprocess, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

MODE = sys.argv[1]
RECORD = sys.argv[2] if len(sys.argv) > 2 else None
progress = {}
# Slow requests (/sleep, /slow/) in flight now, and the most at once: proves overlap without a clock.
inflight = {"now": 0, "peak": 0}
script = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else []
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Client-Port", str(self.client_address[1]))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def request_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self): self.route()
    def do_POST(self): self.route()
    def do_PUT(self): self.route()
    def do_HEAD(self): self.route()
    def do_DELETE(self): self.route()

    def route(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if MODE == "script":
            return self.scripted(url)
        if url.path == "/hello":
            self.answer(200, b"hello")
        elif url.path == "/echo":
            body = self.request_body()
            headers = json.dumps([[k, v] for k, v in self.headers.items()])
            self.answer(200, body, [("X-Method", self.command), ("X-Headers", headers)])
        elif url.path == "/big":
            size, ident = int(query["n"][0]), query["id"][0]
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"x" * 65536
            sent = 0
            try:
                while sent < size:
                    part = chunk[: min(65536, size - sent)]
                    self.wfile.write(part)
                    sent += len(part)
                    progress[ident] = sent
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
        elif url.path == "/progress":
            self.answer(200, str(progress.get(query["id"][0], 0)).encode())
        elif url.path == "/peak":
            self.answer(200, str(inflight["peak"]).encode())
        elif url.path == "/sleep":
            self.slowly(int(query["ms"][0]) / 1000)
            self.answer(200, b"slept")
        elif url.path.startswith("/slow/"):
            self.slowly(1.0)
            self.answer(200, url.path.encode())
        elif url.path.startswith("/status/"):
            self.answer(int(url.path.split("/")[2]), query.get("body", [""])[0].encode())
        else:
            self.answer(404, b"no route")

    def slowly(self, seconds):
        with lock:
            inflight["now"] += 1
            inflight["peak"] = max(inflight["peak"], inflight["now"])
        try:
            time.sleep(seconds)
        finally:
            with lock:
                inflight["now"] -= 1

    def scripted(self, url):
        body = self.request_body()
        with open(RECORD, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                                "headers": [[k, v] for k, v in self.headers.items()],
                                "body": body.decode("latin-1")}) + "\n")
        with lock:
            status, headers, text = script.pop(0) if script else (200, [], "<Ok/>")
        self.answer(status, text.encode(), headers)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if MODE == "tls":
    key, cert = RECORD + ".key", RECORD + ".crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    os.remove(key)
    os.remove(cert)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
os._exit(0)
"""#
