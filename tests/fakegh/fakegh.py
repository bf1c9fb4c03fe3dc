#!/usr/bin/python3
"""fakegh.py - a fake GitHub on 127.0.0.1 for awtrack's network tests.

HTTPS only (python3 stdlib http.server + ssl), certificates made at start
with openssl in DIR: a CA (ca.crt), a server certificate for localhost and
127.0.0.1 signed by it, a certificate for another host name (the "badhost"
listener) and a second CA that signed nothing the servers present (ca2.crt,
for the untrusted-CA test).

Listeners (their ports go to DIR/ports as shell assignments):
  github   /<owner>/<repo>/commits/<branch>/<file>.atom   per-file commit feed
           /feeds/rss.xml, /feeds/atom.xml                 plain RSS 2.0 / Atom 1.0
  raw      /<owner>/<repo>/<sha>/<file>                    file at a commit
  api      /repos/<owner>/<repo>                           stargazers_count + X-RateLimit-*
  badhost  as github, but its certificate names wrong.example

Repositories: --repo OWNER/REPO=PATH (a git bundle or a repository),
cloned bare into DIR/repos. The "current head" of each repository and the
fault mode are read from DIR/ctl.json on every request (the tests rewrite
it atomically):
  {"heads": {"OWNER/REPO": "<sha>"},      default: the bundle's HEAD
   "fault": "none", "fault_role": "any", "fault_match": "",
   "stall_seconds": 30, "feed_n": 10, "stars": {"OWNER/REPO": 58},
   "ratelimit": 60, "big_bytes": 67108864, "message_pad": 0, "one_write": false}
"message_pad": N makes every commit message in the commit feeds N bytes
longer (a long body, as squash merges have: a feed of 20 such commits
spans several TLS records); "one_write": true sends each reply's head and
body in one write (the TLS records then as full as they can be).
"rel_links": true makes the links of /feeds/rss.xml relative to its URL
("/posts/i") and those of /feeds/atom.xml relative to an xml:base
("../posts/i" under xml:base="https://example.org/base/").
REST API (role api): "stars" gives counts per OWNER/REPO; "stars_default":
"hash" answers every other name with a count derived from it (sha1 of the
name, 0..199999); unknown names get 404. The budget: "ratelimit" requests
per window (X-RateLimit-Remaining counts down, 403 once spent);
"reset_in" seconds until X-RateLimit-Reset (default 3600); a new value of
"rate_epoch" starts a new window. "api_redirect": BASE answers every API
request with a 302 to BASE + the path (the token must not follow it).
Faults: reset (RST mid-body), chunked_trunc, stall, 404, 500, 429 (with
Retry-After), redirect_loop, malformed (broken XML; cut JSON from the
api role), billion (billion
laughs entities), bigraw (a huge body), json (answers JSON whatever the
Accept header says).

Every request is logged as one JSON line to DIR/requests.log (role, method,
path, status, request and response bytes, whether Authorization was sent,
the conditional headers).
"""
import argparse, datetime, email.utils, hashlib, json, os, socket, ssl, struct
import subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ATOM_NS = "http://www.w3.org/2005/Atom"
D = None
REPOS = {}          # "owner/repo" -> bare git dir
LOCK = threading.Lock()
CTL = {"mtime": None, "data": {}}
API_USED = {"n": 0, "epoch": None}


def sh(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, **kw).stdout


def make_certs(d):
    def ossl(*a):
        subprocess.run(("openssl",) + a, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    def ca(name):
        ossl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", f"{d}/{name}.key", "-out", f"{d}/{name}.crt", "-days", "2",
             "-subj", f"/CN=awtrack test {name}",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    def leaf(name, cakey, san):
        ossl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", f"{d}/{name}.key", "-out", f"{d}/{name}.csr", "-subj", f"/CN={name}")
        with open(f"{d}/{name}.ext", "w") as f:
            f.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\n"
                    "extendedKeyUsage=serverAuth\n")
        ossl("x509", "-req", "-in", f"{d}/{name}.csr", "-CA", f"{d}/{cakey}.crt", "-CAkey",
             f"{d}/{cakey}.key", "-CAcreateserial", "-out", f"{d}/{name}.crt", "-days", "2",
             "-extfile", f"{d}/{name}.ext")
    ca("ca")
    ca("ca2")
    leaf("srv", "ca", "DNS:localhost,IP:127.0.0.1")
    leaf("bad", "ca", "DNS:wrong.example")


def ctl():
    p = os.path.join(D, "ctl.json")
    with LOCK:
        try:
            m = os.stat(p).st_mtime_ns
        except FileNotFoundError:
            return {}
        if m != CTL["mtime"]:
            try:
                with open(p) as f:
                    CTL["data"] = json.load(f)
                CTL["mtime"] = m
            except (ValueError, OSError):
                pass  # a half-written file: keep the previous one
        return CTL["data"]


def head_of(key):
    h = ctl().get("heads", {}).get(key)
    return h or sh("git", "--git-dir", REPOS[key], "rev-parse", "HEAD").decode().strip()


def xesc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def rfc3339(t):
    return datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


FEED_CACHE = {}


def commit_feed(key, branch, path, base):
    """(body, newest time) of the per-file commit feed at the current head."""
    head = head_of(key)
    pad = int(ctl().get("message_pad", 0))
    ck = (key, branch, path, head, base, pad)
    if ck in FEED_CACHE:
        return FEED_CACHE[ck]
    owner, repo = key.split("/")
    out = sh("git", "--git-dir", REPOS[key], "log", "-n", "20",
             "--format=%H%x00%ct%x00%an%x00%s%x00%b%x1e", head, "--", path).decode(
                 "utf-8", "replace")
    entries = []
    newest = 0
    for rec in out.split("\x1e"):
        rec = rec.strip("\n")
        if not rec:
            continue
        sha, ct, an, subj, body = rec.split("\x00", 4)
        newest = max(newest, int(ct))
        login = "".join(c for c in an if c.isalnum() or c == "-") or "ghost"
        msg = subj + ("\n\n" + body.strip() if body.strip() else "")
        if pad:
            # a long message body (as a squash merge's list of commits)
            msg += "\n\n" + ("* " + sha[:7] + " long message line\n") * (pad // 27 + 1)
        entries.append(f"""  <entry>
    <id>tag:github.com,2008:Grit::Commit/{sha}</id>
    <link type="text/html" rel="alternate" href="{base}/{owner}/{repo}/commit/{sha}"/>
    <title>
        {xesc(subj)}
    </title>
    <updated>{rfc3339(ct)}</updated>
    <media:thumbnail height="30" width="30" url="https://avatars.githubusercontent.com/u/1?s=30&amp;v=4"/>
    <author>
      <name>{xesc(login)}</name>
      <uri>https://github.com/{xesc(login)}</uri>
    </author>
    <content type="html">
      {xesc("<pre style='white-space:pre-wrap;width:81ex'>" + xesc(msg) + "</pre>")}
    </content>
  </entry>
""")
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="{ATOM_NS}" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-US">
  <id>tag:github.com,2008:/{owner}/{repo}/commits/{branch}/{path}</id>
  <link type="text/html" rel="alternate" href="{base}/{owner}/{repo}/commits/{branch}/{path}"/>
  <link type="application/atom+xml" rel="self" href="{base}/{owner}/{repo}/commits/{branch}/{path}.atom"/>
  <title>Recent Commits to {repo}:{branch}</title>
  <updated>{rfc3339(newest)}</updated>
{"".join(entries)}</feed>
""".encode()
    FEED_CACHE[ck] = (body, newest)
    return FEED_CACHE[ck]


GEN_BASE = 1764547200  # 2025-12-01T00:00:00Z


def gen_items(n):
    """Entry i of the generic feeds: every 5th has no date, every 7th no guid."""
    items = []
    for i in range(n, 0, -1):
        items.append({"i": i, "guid": None if i % 7 == 0 else f"urn:fakegh:item:{i}",
                      "link": f"https://example.org/posts/{i}",
                      "title": f"Post {i} <b>&amp; more</b>",
                      "t": None if i % 5 == 0 else GEN_BASE + i * 26 * 3600})
    return items


def rel_link(link, rss):
    """"rel_links": the RSS links relative to the feed's URL ("/posts/i"),
    the Atom links relative to the xml:base of <feed> ("../posts/i")."""
    if not ctl().get("rel_links"):
        return link
    path = link.split("https://example.org", 1)[1]
    return path if rss else ".." + path


def rss_feed(n):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
           '<title>Fake blog</title>\n<link>https://example.org/</link>\n'
           '<description>fakegh RSS 2.0</description>\n<ttl>60</ttl>\n']
    for it in gen_items(n):
        out.append("<item>\n")
        out.append(f"  <title>{xesc(it['title'])}</title>\n  <link>{rel_link(it['link'], 1)}</link>\n")
        if it["guid"]:
            out.append(f'  <guid isPermaLink="false">{it["guid"]}</guid>\n')
        if it["t"] is not None:
            out.append(f"  <pubDate>{email.utils.formatdate(it['t'], usegmt=True)}</pubDate>\n")
        out.append(f"  <description>{xesc('<p>Summary of post ' + str(it['i']) + '</p>')}"
                   "</description>\n</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def atom_feed(n):
    items = gen_items(n)
    newest = max([it["t"] for it in items if it["t"]] or [GEN_BASE])
    xb = ' xml:base="https://example.org/base/"' if ctl().get("rel_links") else ""
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}"{xb}>\n'
           f'<title>Fake releases</title>\n<id>urn:fakegh:atom</id>\n'
           f'<updated>{rfc3339(newest)}</updated>\n'
           '<link rel="alternate" href="https://example.org/"/>\n']
    for it in items:
        out.append("<entry>\n")
        out.append(f"  <id>{it['guid'] or 'urn:fakegh:atom:' + str(it['i'])}</id>\n")
        out.append(f'  <title type="text">{xesc(it["title"])}</title>\n')
        out.append(f'  <link rel="alternate" href="{rel_link(it["link"], 0)}"/>\n')
        if it["t"] is not None:
            out.append(f"  <published>{rfc3339(it['t'])}</published>\n"
                       f"  <updated>{rfc3339(it['t'] + 60)}</updated>\n")
        out.append(f"  <summary>Release {it['i']}</summary>\n</entry>\n")
    out.append("</feed>\n")
    return "".join(out).encode(), newest


MALFORMED = (b'<?xml version="1.0"?>\n<feed xmlns="' + ATOM_NS.encode() +
             b'">\n<entry><id>tag:github.com,2008:Grit::Commit/' + b"0" * 40 +
             b"</id><title>a & b</title></entry>\n")
BILLION = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' +
           b"".join(b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                    for i in range(1, 10)) +
           b']>\n<feed xmlns="' + ATOM_NS.encode() + b'"><title>&lol9;</title></feed>\n')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fakegh/1"
    sys_version = ""
    role = "github"

    def setup(self):
        self.sent = 0
        self.tls_ok = False
        try:
            self.request.settimeout(10)
            self.request.do_handshake()
            self.tls_ok = True
        except (ssl.SSLError, OSError) as e:
            self.log({"role": self.role, "tls_error": str(e)[:120]})
        super().setup()

    def handle(self):
        if self.tls_ok:
            try:
                super().handle()
            except (ConnectionError, ssl.SSLError, socket.timeout, BrokenPipeError):
                pass

    def log_message(self, *a):
        pass

    def log(self, rec):
        with LOCK:
            with open(os.path.join(D, "requests.log"), "a") as f:
                f.write(json.dumps(rec) + "\n")

    def out(self, b):
        self.wfile.write(b)
        self.sent += len(b)

    def head_bytes(self, status, headers):
        reason = {200: "OK", 302: "Found", 304: "Not Modified", 403: "Forbidden",
                  404: "Not Found", 406: "Not Acceptable", 429: "Too Many Requests",
                  500: "Internal Server Error"}.get(status, "Status")
        h = [f"HTTP/1.1 {status} {reason}",
             "Date: " + email.utils.formatdate(usegmt=True), "Server: fakegh"]
        h += [f"{k}: {v}" for k, v in headers]
        return ("\r\n".join(h) + "\r\n\r\n").encode()

    def reply(self, status, body=b"", headers=(), ctype="text/plain; charset=utf-8"):
        hs = list(headers)
        if status != 304:
            hs.append(("Content-Type", ctype))
            hs.append(("Content-Length", str(len(body))))
        if self.close_connection:
            hs.append(("Connection", "close"))
        head = self.head_bytes(status, hs)
        if status == 304 or self.command == "HEAD":
            body = b""
        if ctl().get("one_write"):
            # head and body in one write: TLS records as full as they go
            self.out(head + body)
        else:
            self.out(head)
            if body:
                self.out(body)
        self.status = status

    def fault(self):
        c = ctl()
        f = c.get("fault", "none")
        if f == "none":
            return None
        role = c.get("fault_role", "any")
        if role not in ("any", self.role):
            return None
        if c.get("fault_match", "") not in self.path:
            return None
        return f

    def conditional(self, etag, lastmod):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [x.strip() for x in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return email.utils.parsedate_to_datetime(ims).timestamp() >= lastmod
            except (TypeError, ValueError):
                return False
        return False

    def cacheable(self, body, lastmod, ctype):
        etag = 'W/"' + hashlib.sha1(body).hexdigest()[:32] + '"'
        hs = [("ETag", etag), ("Last-Modified", email.utils.formatdate(lastmod, usegmt=True)),
              ("Cache-Control", "max-age=300, private")]
        if self.conditional(etag, lastmod):
            self.reply(304, headers=hs)
        else:
            self.reply(200, body, hs, ctype)

    def do_GET(self):
        self.status = 0
        self.close_connection = self.headers.get("Connection", "").lower() == "close"
        try:
            self.route()
        finally:
            req = len(self.raw_requestline) + len(str(self.headers).encode())
            self.log({"role": self.role, "method": self.command, "path": self.path,
                      "status": self.status, "req_bytes": req, "resp_bytes": self.sent,
                      "auth": "Authorization" in self.headers,
                      "inm": self.headers.get("If-None-Match"),
                      "ims": self.headers.get("If-Modified-Since"),
                      "accept": self.headers.get("Accept"),
                      "ua": self.headers.get("User-Agent"),
                      "fault": self.fault() or ""})

    do_HEAD = do_GET

    def route(self):
        f = self.fault()
        path = self.path.split("?", 1)[0]
        if f in ("404", "500", "429"):
            code = int(f)
            hs = [("Retry-After", "120")] if code == 429 else []
            return self.reply(code, b'{"message":"fault %s"}' % f.encode(), hs,
                              "application/json")
        if f == "redirect_loop":
            return self.reply(302, b"", [("Location", self.path)])
        if f == "stall":
            self.out(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
            self.wfile.flush()
            time.sleep(float(ctl().get("stall_seconds", 30)))
            self.close_connection = True
            self.status = -1
            return
        if self.role in ("github", "badhost"):
            return self.github(path, f)
        if self.role == "raw":
            return self.raw(path, f)
        return self.api(path, f)

    def send_faulty(self, body, f, ctype):
        """Bodies for the faults that need one: reset, chunked_trunc, bigraw."""
        if f == "reset":
            self.out(self.head_bytes(200, [("Content-Type", ctype),
                                           ("Content-Length", str(len(body)))]))
            self.out(body[:len(body) // 2])
            self.wfile.flush()
            self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
            self.status = -2
            self.close_connection = True
            raw = self.request.detach() if hasattr(self.request, "detach") else None
            if raw is not None:
                s = socket.socket(fileno=raw)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
            return True
        if f == "chunked_trunc":
            self.out(self.head_bytes(200, [("Content-Type", ctype),
                                           ("Transfer-Encoding", "chunked")]))
            half = body[:len(body) // 2]
            self.out(b"%x\r\n%s\r\n" % (len(half), half))
            self.close_connection = True
            self.status = -3
            return True
        if f == "bigraw":
            n = int(ctl().get("big_bytes", 64 << 20))
            self.out(self.head_bytes(200, [("Content-Type", ctype),
                                           ("Content-Length", str(n))]))
            chunk = (b"- [x](https://example.org/x) padding\n" * 2000)[:65536]
            left = n
            try:
                while left > 0:
                    k = min(left, len(chunk))
                    self.out(chunk[:k])
                    left -= k
            except (ConnectionError, ssl.SSLError, OSError):
                pass
            self.status = -4
            self.close_connection = True
            return True
        return False

    def github(self, path, f):
        atom = "application/atom+xml; charset=utf-8"
        if path in ("/feeds/rss.xml", "/feeds/atom.xml"):
            n = int(ctl().get("feed_n", 10))
            if path.endswith("rss.xml"):
                body, lm, ct = rss_feed(n), GEN_BASE + n * 26 * 3600, "application/rss+xml; charset=utf-8"
            else:
                (body, lm), ct = atom_feed(n), atom
            if f == "malformed":
                body = MALFORMED
            elif f == "billion":
                body = BILLION
            if self.send_faulty(body, f, ct):
                return
            return self.cacheable(body, lm, ct)
        parts = path.lstrip("/").split("/")
        # owner/repo/commits/<branch>/<file...>.atom
        if len(parts) >= 5 and parts[2] == "commits" and path.endswith(".atom"):
            key = parts[0] + "/" + parts[1]
            if key not in REPOS:
                return self.reply(404, b"Not Found")
            accept = self.headers.get("Accept", "")
            if "atom" not in accept or f == "json":
                # what github.com did in January 2024 without an Accept for Atom
                return self.reply(200, b'{"payload":{"commits":[]}}', [],
                                  "application/json; charset=utf-8")
            branch = parts[3]
            fpath = "/".join(parts[4:])[:-5]
            base = f"https://{self.headers.get('Host', 'github.com')}"
            body, newest = commit_feed(key, branch, fpath, base)
            if f == "malformed":
                body = MALFORMED
            elif f == "billion":
                body = BILLION
            if self.send_faulty(body, f, atom):
                return
            return self.cacheable(body, newest, atom)
        return self.reply(404, b"Not Found")

    def raw(self, path, f):
        parts = path.lstrip("/").split("/")
        if len(parts) < 4:
            return self.reply(404, b"404: Not Found")
        key = parts[0] + "/" + parts[1]
        sha, fpath = parts[2], "/".join(parts[3:])
        if key not in REPOS:
            return self.reply(404, b"404: Not Found")
        try:
            body = sh("git", "--git-dir", REPOS[key], "cat-file", "blob", f"{sha}:{fpath}",
                      stderr=subprocess.DEVNULL)
        except subprocess.CalledProcessError:
            return self.reply(404, b"404: Not Found")
        ct = "text/plain; charset=utf-8"
        if self.send_faulty(body, f, ct):
            return
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        self.reply(200, body, [("ETag", etag), ("Cache-Control", "max-age=300")], ct)

    def api(self, path, f):
        c = ctl()
        limit = int(c.get("ratelimit", 60))
        reset = int(time.time()) + int(c.get("reset_in", 3600))
        parts = path.lstrip("/").split("/")
        if not self.headers.get("User-Agent"):
            return self.reply(403, b'{"message":"Request forbidden by administrative rules. '
                              b'Please make sure your request has a User-Agent header"}', [],
                              "application/json")
        if c.get("api_redirect"):
            return self.reply(302, b"", [("Location", c["api_redirect"] + self.path)])
        with LOCK:
            if c.get("rate_epoch") != API_USED["epoch"]:
                API_USED["epoch"] = c.get("rate_epoch")
                API_USED["n"] = 0
            API_USED["n"] += 1
            remaining = max(0, limit - API_USED["n"])
        rl = [("X-RateLimit-Limit", str(limit)), ("X-RateLimit-Remaining", str(remaining)),
              ("X-RateLimit-Reset", str(reset)), ("X-RateLimit-Used", str(API_USED["n"]))]
        if API_USED["n"] > limit:
            return self.reply(403, b'{"message":"API rate limit exceeded"}', rl,
                              "application/json; charset=utf-8")
        if f == "malformed":
            return self.reply(200, b'{"id": 1, "stargazers_count": 5, "owner": {"login": "x"',
                              rl, "application/json; charset=utf-8")
        if len(parts) != 3 or parts[0] != "repos":
            return self.reply(404, b'{"message":"Not Found"}', rl, "application/json")
        key = parts[1] + "/" + parts[2]
        stars = c.get("stars", {}).get(key)
        if stars is None and c.get("stars_default") == "hash":
            stars = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 200000
        if stars is None:
            return self.reply(404, b'{"message":"Not Found"}', rl, "application/json")
        body = json.dumps({"id": 1, "name": parts[2], "full_name": key,
                           "owner": {"login": parts[1]}, "stargazers_count": stars,
                           "watchers_count": stars, "default_branch": "master"},
                          indent=2).encode()
        self.reply(200, body, rl, "application/json; charset=utf-8")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, role, ctx):
        self.ctx = ctx
        handler = type("H_" + role, (Handler,), {"role": role})
        super().__init__(("127.0.0.1", 0), handler)

    def get_request(self):
        s, a = self.socket.accept()
        return self.ctx.wrap_socket(s, server_side=True, do_handshake_on_connect=False), a

    def handle_error(self, request, client_address):
        pass


def main():
    global D
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--repo", action="append", default=[], help="OWNER/REPO=BUNDLE")
    a = ap.parse_args()
    D = os.path.abspath(a.dir)
    os.makedirs(D, exist_ok=True)
    if not os.path.exists(os.path.join(D, "srv.crt")):
        make_certs(D)
    cloned = {}  # one bare clone per source file, shared by aliases
    for spec in a.repo:
        key, src = spec.split("=", 1)
        src = os.path.abspath(src)
        if src in cloned:
            REPOS[key] = cloned[src]
            continue
        dst = os.path.join(D, "repos", key + ".git")
        if not os.path.isdir(dst):
            sh("git", "clone", "-q", "--bare", src, dst, stderr=subprocess.DEVNULL)
        REPOS[key] = cloned[src] = dst
    servers = {}
    for role, cert in (("github", "srv"), ("raw", "srv"), ("api", "srv"), ("badhost", "bad")):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(f"{D}/{cert}.crt", f"{D}/{cert}.key")
        servers[role] = Server(role, ctx)
        threading.Thread(target=servers[role].serve_forever, daemon=True).start()
    tmp = os.path.join(D, "ports.tmp")
    with open(tmp, "w") as f:
        for role, s in servers.items():
            f.write(f"{role.upper()}_PORT={s.server_address[1]}\n")
    os.rename(tmp, os.path.join(D, "ports"))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
