/// The Python source of ``FaultProxy`` (bench/faults.sh extracts it from this file, between the two
/// marker lines). Kept as a string so the test target needs no resource files.
public let faultProxyScript = #"""
# A loopback HTTP proxy in front of moto_server that behaves like real S3 on a bad day. argv: the
# upstream URL and a JSON object of settings (all optional):
#   seed, slowdown, reset, truncate, delay (probabilities 0..1), delay_seconds (default 1),
#   bucket_region (answer 301 + x-amz-bucket-region to S3 requests signed for any other region),
#   region_style ("301" PermanentRedirect, or "400" AuthorizationHeaderMalformed), skew_seconds
#   (answer RequestTimeTooSkewed with a ServerTime that far from the request's X-Amz-Date),
#   refuse_ranges (answer every ranged GET 503 SlowDown: a resumed download that cannot finish),
#   corrupt (probability that a GET's body has one byte changed, length and headers intact).
# Only S3 requests (SigV4 credential scope .../s3/aws4_request) meet faults; others pass through.
# Each fault is drawn from (seed, method, path, how many times this request was seen), so a seed
# gives every object the same fate whatever the order of the requests. GET /__faults/counters answers
# {"requests", "s3_requests", "ranged", "faults": {kind: n}}. Prints its port, serves until stdin closes.
import http.client, json, random, socket, struct, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse
from datetime import datetime, timedelta, timezone

UPSTREAM = urlparse(sys.argv[1])
SETTINGS = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
SEED = SETTINGS.get("seed", 0)
lock = threading.Lock()
seen = {}
counters = {"requests": 0, "s3_requests": 0, "ranged": 0,
            "faults": {"slowdown": 0, "reset": 0, "truncate": 0, "delay": 0, "redirect": 0, "skew": 0, "corrupt": 0}}
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}

def count(kind):
    with lock:
        counters["faults"][kind] += 1

def scope(headers):
    auth = headers.get("Authorization") or ""
    marker = "Credential="
    if marker not in auth:
        return None, None
    parts = auth.split(marker, 1)[1].split(",", 1)[0].split("/")
    return (parts[3], parts[2]) if len(parts) >= 5 else (None, None)

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def finish(self):
        try:
            super().finish()
        except (OSError, ValueError):
            pass  # the connection was reset on purpose

    def do_GET(self): self.handle_any()
    def do_POST(self): self.handle_any()
    def do_PUT(self): self.handle_any()
    def do_HEAD(self): self.handle_any()
    def do_DELETE(self): self.handle_any()

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def error_xml(self, status, code, message, extra=""):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message>%s"
                "<RequestId>FAULTPROXY</RequestId></Error>" % (code, message, extra)).encode()
        return status, [("Content-Type", "application/xml"), ("x-amz-request-id", "FAULTPROXY")], body

    def reset(self):
        # RST, not FIN: what a middlebox dropping the connection looks like.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass

    def handle_any(self):
        if self.path == "/__faults/counters":
            with lock:
                body = json.dumps(counters).encode()
            return self.answer(200, [("Content-Type", "application/json")], body)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        service, region = scope(self.headers)
        with lock:
            counters["requests"] += 1
            if service == "s3":
                counters["s3_requests"] += 1
                if self.headers.get("Range"):
                    counters["ranged"] += 1
            key = (self.command, self.path)
            n = seen.get(key, 0)
            seen[key] = n + 1
        if service != "s3":
            return self.forward(body, None)
        want = SETTINGS.get("bucket_region")
        bucket = urlparse(self.path).path.lstrip("/").split("/", 1)[0]
        if want and bucket and region != want:
            count("redirect")
            if SETTINGS.get("region_style", "301") == "400":
                status, headers, xml = self.error_xml(400, "AuthorizationHeaderMalformed",
                    "The authorization header is malformed; the region '%s' is wrong; expecting '%s'" % (region, want),
                    "<Region>%s</Region>" % want)
            else:
                status, headers, xml = self.error_xml(301, "PermanentRedirect",
                    "The bucket you are attempting to access must be addressed using the specified endpoint.",
                    "<Endpoint>%s.s3.%s.amazonaws.com</Endpoint><Bucket>%s</Bucket>" % (bucket, want, bucket))
            return self.answer(status, headers + [("x-amz-bucket-region", want)], xml)
        if "skew_seconds" in SETTINGS:
            count("skew")
            sent = datetime.strptime(self.headers.get("X-Amz-Date"), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            server = sent + timedelta(seconds=SETTINGS["skew_seconds"])
            return self.answer(*self.error_xml(403, "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.",
                "<RequestTime>%s</RequestTime><ServerTime>%s</ServerTime>" % (self.headers.get("X-Amz-Date"),
                                                                            server.strftime("%Y-%m-%dT%H:%M:%SZ"))))
        if SETTINGS.get("refuse_ranges") and self.headers.get("Range"):
            count("slowdown")
            return self.answer(*self.error_xml(503, "SlowDown", "Please reduce your request rate."))
        draw = random.Random("%s|%s|%s|%d" % (SEED, self.command, self.path, n))
        if draw.random() < SETTINGS.get("delay", 0):
            count("delay")
            time.sleep(SETTINGS.get("delay_seconds", 1))
        r = draw.random()
        p_slow, p_reset, p_cut = SETTINGS.get("slowdown", 0), SETTINGS.get("reset", 0), SETTINGS.get("truncate", 0)
        if r < p_slow:
            count("slowdown")
            return self.answer(*self.error_xml(503, "SlowDown", "Please reduce your request rate."))
        if r < p_slow + p_reset:
            count("reset")
            return self.reset()
        if r < p_slow + p_reset + p_cut:
            return self.forward(body, "truncate")
        self.forward(body, "corrupt" if draw.random() < SETTINGS.get("corrupt", 0) else None)

    def forward(self, body, fault):
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        passed = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP]
        if fault == "truncate" and self.command == "GET" and len(data) >= 2:
            # The whole Content-Length promised, half the body sent, then the connection dropped.
            count("truncate")
            self.send_response(response.status)
            for name, value in passed:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            # A clean close (FIN), so exactly the bytes sent arrive: the client sees a short body.
            self.close_connection = True
            return
        if fault == "corrupt" and self.command == "GET" and data:
            count("corrupt")
            data = bytes([data[0] ^ 0x20]) + data[1:]
        self.answer(response.status, passed, data)

class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # resets and clients that hang up are the point here

server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
"""#
