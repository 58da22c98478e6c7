/// The Python source of ``ControlPlaneProxy``, kept as a string so the test target needs no resources.
let controlPlaneProxyScript = #"""
# A loopback proxy in front of moto_server that behaves like real AWS's control plane where moto forgives:
# IAM is eventually consistent, DescribeClusters is throttled, clusters take a while to create and delete,
# a bad clock is refused. argv: UPSTREAM (http://127.0.0.1:PORT), BEHAVIOURS (a JSON file, re-read on
# every request so a test can change it), COUNTERS (a JSON file rewritten after every request: how often
# each behaviour struck). Every request no behaviour handles goes to moto unchanged. Prints its port, then
# serves until its stdin closes (so it never outlives the test process).
import http.client, json, os, re, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

UPSTREAM = urlparse(sys.argv[1])
BEHAVIOURS, COUNTERS = sys.argv[2], sys.argv[3]
lock = threading.Lock()
counters = {"requests": 0, "passed": 0}
state = {"role_created": {}, "policy_detached": {}, "creating_left": {}, "deleting_left": {},
         "deleted_cluster": {}, "describes": 0, "alive": set()}

def count(name):
    counters[name] = counters.get(name, 0) + 1

def behaviours():
    try:
        with open(BEHAVIOURS) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}

def save_counters():
    temporary = COUNTERS + ".tmp"
    with open(temporary, "w") as f:
        json.dump(counters, f)
    os.replace(temporary, COUNTERS)

def error_xml(service, code, message):
    if service == "ec2":
        return f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>proxy</RequestID></Response>"
    return (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
            f"<RequestId>proxy-{code}</RequestId></ErrorResponse>")

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self): self.route()
    def do_POST(self): self.route()
    def do_PUT(self): self.route()
    def do_HEAD(self): self.route()
    def do_DELETE(self): self.route()

    def route(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request", self.headers.get("Authorization", ""))
        service = scope.group(1) if scope else ""
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()} if service != "s3" else {}
        action = form.get("Action", "")
        with lock:
            count("requests")
            canned = self.decide(service, action, form, behaviours())
            if canned is None:
                count("passed")
            save_counters()
        if canned is not None:
            return self.answer(*canned)
        status, headers, answer = self.forward(body)
        with lock:
            answer = self.after(action, form, status, answer)
            save_counters()
        self.answer(status, answer, headers)

    def decide(self, service, action, form, b):
        """A canned answer (status, body, headers) standing in for moto's, or None to forward."""
        now = time.monotonic()
        if action in b.get("skewed_actions", []):
            count("skewed")
            return (403, error_xml(service, "RequestTimeTooSkewed",
                                   "The difference between the request time and the current time is too large."), [])
        lag = b.get("iam_lag", {})
        role = form.get("RoleName", "")
        struck = state.setdefault("struck", set())

        def lagging(kind, name, since, window):
            # Within the window after the change, and always the first call after it: a loaded machine
            # may take longer than the window to get there, and the behaviour must still show.
            if window <= 0 or name not in since:
                return False
            first = (kind, name, since[name]) not in struck
            if first or now - since[name] < window:
                struck.add((kind, name, since[name]))
                return True
            return False

        if action == "AttachRolePolicy" and lagging("attach", role, state["role_created"], lag.get("attach", 0)):
            count("iam_lag_attach")
            return (404, error_xml(service, "NoSuchEntity", f"The role with name {role} cannot be found."), [])
        if action == "CreateCluster":
            arn = form.get("IamRoles.IamRoleArn.1", "")
            name = arn.rsplit("/", 1)[-1]
            if lagging("create_cluster", name, state["role_created"], lag.get("create_cluster", 0)):
                count("iam_lag_create_cluster")
                return (400, error_xml(service, "InvalidParameterValue",
                                       f"The IAM role {name} is not valid. The IAM role must delegate access to an Amazon Redshift account."), [])
        if action == "DeleteRole" and lagging("delete", role, state["policy_detached"], b.get("delete_conflict", 0)):
            count("delete_conflict")
            return (409, error_xml(service, "DeleteConflict", "Cannot delete entity, must detach all policies first."), [])
        if action == "DescribeClusters":
            throttle = b.get("throttle_describes")
            cluster = form.get("ClusterIdentifier", "").lower()
            # Polls are throttled while the cluster lives (from CreateCluster to its last "deleting").
            if throttle and cluster in state["alive"]:
                i = state["describes"]
                state["describes"] += 1
                fraction = throttle.get("fraction", 0)
                # Deterministic: a fraction of the describes, spread evenly (0.8: four of every five).
                if int((i + 1) * fraction) > int(i * fraction):
                    count("throttled")
                    headers = []
                    if throttle.get("retry_after_ms") is not None:
                        headers.append(("x-amz-retry-after", str(throttle["retry_after_ms"])))
                    return (400, error_xml(service, "Throttling", "Rate exceeded"), headers)
            if state["deleting_left"].get(cluster, 0) > 0:
                state["deleting_left"][cluster] -= 1
                if state["deleting_left"][cluster] == 0:
                    state["alive"].discard(cluster)
                count("deleting_polls")
                xml = re.sub(r"<ClusterStatus>[^<]*</ClusterStatus>", "<ClusterStatus>deleting</ClusterStatus>",
                             state["deleted_cluster"][cluster])
                return (200, "<DescribeClustersResponse><DescribeClustersResult><Clusters>" + xml
                        + "</Clusters></DescribeClustersResult><ResponseMetadata><RequestId>proxy-deleting</RequestId>"
                        + "</ResponseMetadata></DescribeClustersResponse>", [])
        return None

    def after(self, action, form, status, answer):
        """Remembers what later answers depend on; rewrites moto's answer where AWS would differ."""
        b = behaviours()
        now = time.monotonic()
        if status >= 300:
            return answer
        if action == "CreateRole":
            state["role_created"][form.get("RoleName", "")] = now
        elif action == "DetachRolePolicy":
            state["policy_detached"][form.get("RoleName", "")] = now
        elif action == "CreateCluster":
            state["creating_left"][form.get("ClusterIdentifier", "").lower()] = b.get("creating_polls", 0)
            state["alive"].add(form.get("ClusterIdentifier", "").lower())
        elif action == "DeleteCluster":
            cluster = form.get("ClusterIdentifier", "").lower()
            found = re.search(rb"<Cluster>.*</Cluster>", answer, re.S)
            if found and b.get("deleting_polls", 0) > 0:
                state["deleted_cluster"][cluster] = found.group(0).decode()
                state["deleting_left"][cluster] = b["deleting_polls"]
            else:
                state["alive"].discard(cluster)
        elif action == "DescribeClusters":
            cluster = form.get("ClusterIdentifier", "").lower()
            if state["creating_left"].get(cluster, 0) > 0:
                state["creating_left"][cluster] -= 1
                count("creating_polls")
                # Real Redshift: creating, and no endpoint until it is available.
                answer = re.sub(rb"<ClusterStatus>[^<]*</ClusterStatus>", b"<ClusterStatus>creating</ClusterStatus>", answer)
                answer = re.sub(rb"<Endpoint>.*?</Endpoint>", b"", answer, flags=re.S)
        return answer

    def forward(self, body):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "content-length")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        kept = [(k, v) for k, v in response.getheaders()
                if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date")]
        connection.close()
        return response.status, kept, answer

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
save_counters()
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
"""#
