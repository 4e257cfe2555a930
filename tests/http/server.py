#!/usr/bin/env python3
"""A loopback HTTP and HTTPS server of crafted feed responses for the fetch tests.

usage: server.py PORTFILE [--lifetime SECONDS]

Binds 127.0.0.1 port 0 (plain HTTP) and, when openssl is installed, a second
port 0 with TLS and a self-signed certificate made at startup.  Once both are
listening it writes PORTFILE atomically (written aside, then renamed), three
lines:
    HTTP_PORT
    HTTPS_PORT          (0 when there is no openssl)
    CERT_PATH           (the certificate, for --cacert; empty without openssl)
It exits by itself after --lifetime seconds (default 120) and on SIGTERM.
Python standard library only.
"""

import gzip
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STOP = threading.Event()

LAST_MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT"


def rss(title, decl="utf-8"):
    """An RSS 2.0 document around title (a str), declaration decl (or None)."""
    head = '<?xml version="1.0" encoding="%s"?>\n' % decl if decl else ""
    return (head + "<rss version=\"2.0\"><channel><title>%s</title>"
            "<link>http://example.com/</link><description>d</description>"
            "<item><title>%s</title><guid isPermaLink=\"false\">urn:x:1</guid></item>"
            "</channel></rss>\n") % (title, title)


FEED = rss("Café €").encode("utf-8")

# a feed of 20 items, for the benchmark
BENCH_FEED = ('<?xml version="1.0" encoding="utf-8"?>\n'
              '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
              '<title>Bench</title><link>http://example.com/</link>'
              '<description>d</description>'
              '<atom:link href="http://example.com/feed.xml" rel="self" '
              'type="application/rss+xml"/>' +
              "".join('<item><title>Item %d café</title><link>http://example.com/%d</link>'
                      '<guid>http://example.com/%d</guid>'
                      '<pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate>'
                      '<description>&lt;p&gt;Text of item %d.&lt;/p&gt;</description></item>\n'
                      % (i, i, i, i) for i in range(20)) +
              '</channel></rss>\n').encode("utf-8")

# path -> (status, [(header, value)], body bytes)
STATIC = {
    "/feed/utf8": (200, [("Content-Type", "application/rss+xml; charset=utf-8"),
                         ("ETag", '"v1"'), ("Last-Modified", LAST_MODIFIED)], FEED),
    "/feed/quoted": (200, [("Content-Type", 'Application/RSS+XML ; Charset="UTF-8"'),
                           ("ETag", '"v1"')], FEED),
    "/feed/novalidators": (200, [("Content-Type", "application/rss+xml")], FEED),
    "/feed/html": (200, [("Content-Type", "text/html; charset=utf-8"),
                         ("ETag", '"h"')], FEED),
    "/feed/notype": (200, [("ETag", '"n"')], FEED),
    # encodings (issue 4, ENCODING-RULES.md section 5)
    "/enc/utf8-as-gbk": (200, [("Content-Type", "application/rss+xml; charset=gbk"),
                               ("ETag", '"e1"')], rss("中文 Café", "utf-8").encode("utf-8")),
    # U+9555 is in GBK but not in GB2312
    "/enc/gb2312-label-gbk": (200, [("Content-Type", "application/xml; charset=gb2312"),
                                    ("ETag", '"e2"')], rss("朱镕基", "gb2312").encode("gbk")),
    "/enc/cp1252-as-latin1": (200, [("Content-Type", "application/rss+xml; charset=iso-8859-1"),
                                    ("ETag", '"e3"')],
                              rss("\u201cquoted\u201d", "iso-8859-1").encode("cp1252")),
    "/enc/double-utf8": (200, [("Content-Type", "application/rss+xml; charset=utf-8"),
                               ("ETag", '"e4"')],
                         rss("Café".encode("utf-8").decode("latin-1")).encode("utf-8")),
    "/enc/textxml-nocharset": (200, [("Content-Type", "text/xml"), ("ETag", '"e5"')], FEED),
    "/enc/bom-conflict": (200, [("Content-Type", "application/rss+xml; charset=iso-8859-1"),
                                ("ETag", '"e6"')],
                          b"\xef\xbb\xbf" + rss("Café", "iso-8859-1").encode("utf-8")),
    # ASCII bytes: decode either way, the labels still disagree
    "/enc/http-decl-mismatch": (200, [("Content-Type", "application/rss+xml; charset=iso-8859-1"),
                                      ("ETag", '"e7"')], rss("plain", "utf-8").encode("utf-8")),
    "/enc/unknown-label": (200, [("Content-Type", "application/rss+xml; charset=x-klingon"),
                                 ("ETag", '"e8"')], FEED),
    # U+0001 is not an XML character (XML 1.0 §2.2)
    "/enc/forbidden-char": (200, [("Content-Type", "application/rss+xml; charset=utf-8"),
                                  ("ETag", '"e9"')], rss("bad \x01 char").encode("utf-8")),
    # UTF-8 truncated inside a character: E4 B8 (of E4 B8 AD)
    "/enc/truncated": (200, [("Content-Type", "application/rss+xml; charset=utf-8"),
                             ("ETag", '"e10"')], rss("中").encode("utf-8")[:-40] + b"\xe4\xb8"),
    # redirects
    "/redir/a": (302, [("Location", "/redir/b")], b"moved\n"),
    "/redir/b": (301, [("Location", "/redir/c")], b"moved\n"),
    "/redir/c": (200, [("Content-Type", "application/rss+xml"), ("ETag", '"r"')], FEED),
    "/redir/perm308": (308, [("Location", "/feed/utf8")], b""),
    "/redir/nolocation": (302, [], b""),
    "/redir/tofile": (302, [("Location", "file:///etc/passwd")], b""),
    "/loop/a": (302, [("Location", "/loop/b")], b""),
    "/loop/b": (302, [("Location", "/loop/a")], b""),
    "/status/404": (404, [("Content-Type", "text/html")], b"<h1>not found</h1>\n"),
    "/status/500": (500, [("Content-Type", "text/html")], b"<h1>oops</h1>\n"),
}

# Legacy encodings (issue 4): /enc/legacy/CODEC serves an RSS feed in CODEC,
# labelled so in Content-Type and the declaration; /enc/legacy/CODEC/bad has
# a bad pubDate too, to show that the rest of the feed is checked after
# decoding.  The text is one each codec can encode.
LEGACY = {
    "gb18030": "中文标题 \U0001f600",
    "gbk": "朱镕基 中文",
    "big5": "繁體中文",
    "shift_jis": "日本語のフィード",
    "euc-jp": "日本語のフィード",
    "euc-kr": "한국어 피드",
    "koi8-r": "Русская лента",
    "windows-1250": "Zażółć gęślą jaźń",
    "windows-1251": "Русская лента",
    "windows-1252": "\u201cquoted\u201d caf\u00e9 \u20ac",
    "windows-1253": "Ελληνικά",
    "windows-1254": "Türkçe",
    "windows-1255": "עברית",
    "windows-1256": "العربية",
    "windows-1257": "Lietuvių",
    "windows-1258": "Đông",
    "iso-8859-1": "Café",
    "iso-8859-2": "Zażółć",
    "iso-8859-5": "Русская",
    "iso-8859-7": "Ελληνικά",
    "iso-8859-9": "Türkçe",
    "iso-8859-15": "€uro",
    "utf-16": "UTF-16 Café",
}


def legacy(codec, bad):
    text = LEGACY[codec]
    doc = rss(text, codec)
    if bad:
        doc = doc.replace("<guid ", "<pubDate>yesterday</pubDate><guid ")
    return doc.encode(codec)


LOCK = threading.Lock()
RETRIES = {}            # key -> requests seen
CONC = {"now": 0, "max": 0}
BOMB = []               # the gzip bomb, built once


def bomb():
    with LOCK:
        if not BOMB:
            # 64 MiB of spaces inside an rss element: about 64 KiB compressed
            z = zlib.compressobj(9, zlib.DEFLATED, 31)
            parts = [z.compress(b"<rss>")]
            chunk = b" " * (1 << 20)
            for _ in range(64):
                parts.append(z.compress(chunk))
            parts.append(z.compress(b"</rss>"))
            parts.append(z.flush())
            BOMB.append(b"".join(parts))
        return BOMB[0]


class Handler(BaseHTTPRequestHandler):
    server_version = "feedtest/1"

    def log_message(self, fmt, *args):     # quiet: the test prints TAP
        pass

    def not_modified(self, status, headers):
        """True when a conditional GET matches (RFC 9110 section 13.1.2, 13.1.3):
        this server honours validators, as a feed's server should."""
        if status != 200:
            return False
        have = dict((k.lower(), v) for k, v in headers)
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tag = have.get("etag", "").removeprefix("W/")
            return bool(tag) and any(t.strip().removeprefix("W/") in (tag, "*")
                                     for t in inm.split(","))
        ims = self.headers.get("If-Modified-Since")
        return ims is not None and ims == have.get("last-modified")

    def reply(self, status, headers, body, send_length=True):
        if self.not_modified(status, headers):
            self.send_response(304)
            for k, v in headers:
                if k.lower() in ("etag", "last-modified", "cache-control"):
                    self.send_header(k, v)
            self.end_headers()
            return
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if send_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def sleep(self, seconds):
        """Sleep, but give up at shutdown; False when stopping."""
        return not STOP.wait(seconds)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        try:
            self.route(path, query)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path, query):
        if path in STATIC:
            status, headers, body = STATIC[path]
            return self.reply(status, headers, body)
        if path.startswith("/enc/legacy/"):
            codec, _, bad = path[len("/enc/legacy/"):].partition("/")
            if codec in LEGACY:
                return self.reply(200, [("Content-Type",
                                         "application/rss+xml; charset=%s" % codec),
                                        ("ETag", '"l"')], legacy(codec, bad == "bad"))
        if path.startswith("/feeds/"):
            # the bench: the same feed under any number of paths
            return self.reply(200, [("Content-Type", "application/rss+xml; charset=utf-8"),
                                    ("ETag", '"b"'), ("Last-Modified", LAST_MODIFIED)],
                              BENCH_FEED)
        if path == "/gzip":
            return self.reply(200, [("Content-Type", "application/rss+xml"),
                                    ("Content-Encoding", "gzip"),
                                    ("ETag", '"g"')], gzip.compress(FEED))
        if path == "/gzip2":
            # gzip inside gzip: compressed once more than Content-Encoding says
            return self.reply(200, [("Content-Type", "application/rss+xml"),
                                    ("Content-Encoding", "gzip"),
                                    ("ETag", '"g2"')], gzip.compress(gzip.compress(FEED)))
        if path == "/echo":
            lines = ["%s: %s" % (k, v) for k, v in self.headers.items()]
            return self.reply(200, [("Content-Type", "text/plain")],
                              ("\n".join(lines) + "\n").encode("utf-8"))
        if path.startswith("/many/"):
            # /many/N redirects to /many/N+1 for ever
            n = int(path[6:] or 0)
            return self.reply(302, [("Location", "/many/%d" % (n + 1))], b"")
        if path.startswith("/retry/"):
            # 429 (or 503 for /retry/503-*) with Retry-After: 1, then 200
            key = path[7:]
            with LOCK:
                RETRIES[key] = RETRIES.get(key, 0) + 1
                seen = RETRIES[key]
            if seen == 1:
                code = 503 if key.startswith("503") else 429
                return self.reply(code, [("Retry-After", "1"),
                                         ("Content-Type", "text/plain")], b"later\n")
            return self.reply(200, [("Content-Type", "application/rss+xml"),
                                    ("ETag", '"t"')], FEED)
        if path == "/retry-forever":
            return self.reply(429, [("Retry-After", "1")], b"later\n")
        if path == "/retry-long":
            return self.reply(503, [("Retry-After", "3600")], b"later\n")
        if path == "/stall":
            # headers and a few bytes, then nothing (the connection stays open)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<rss>")
            self.wfile.flush()
            self.sleep(60)
            return
        if path == "/drip":
            # one byte every 0.5 s: never stalls, never ends in time
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            for _ in range(240):
                self.wfile.write(b" ")
                self.wfile.flush()
                if not self.sleep(0.5):
                    break
            return
        if path == "/endless":
            # no Content-Length, bytes for ever (until the client hangs up)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            chunk = b"<item>endless</item>\n" * 3000
            deadline = time.monotonic() + 60
            while not STOP.is_set() and time.monotonic() < deadline:
                self.wfile.write(chunk)
            return
        if path == "/big-announced":
            body = b" " * (4 << 20)
            return self.reply(200, [("Content-Type", "application/rss+xml")], body)
        if path == "/bomb":
            return self.reply(200, [("Content-Type", "application/rss+xml"),
                                    ("Content-Encoding", "gzip")], bomb())
        if path == "/badlength":
            # announces 5000 bytes, sends fewer and closes (RFC 9112 §6.3)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(FEED)
            self.wfile.flush()
            self.close_connection = True
            return
        if path == "/conc":
            # counts requests in flight, for the per-host limit
            with LOCK:
                CONC["now"] += 1
                CONC["max"] = max(CONC["max"], CONC["now"])
            try:
                self.sleep(0.1)
            finally:
                with LOCK:
                    CONC["now"] -= 1
            return self.reply(200, [("Content-Type", "application/rss+xml"),
                                    ("ETag", '"c"')], FEED)
        if path == "/conc-stats":
            with LOCK:
                body = ("%d\n" % CONC["max"]).encode()
                if query == "reset":
                    CONC["max"] = 0
            return self.reply(200, [("Content-Type", "text/plain")], body)
        if path.startswith("/fault/"):
            return self.fault(path[7:])
        return self.reply(404, [("Content-Type", "text/plain")], b"no such case\n")

    def raw(self, data):
        """Bytes as they are, no status line of the server's own."""
        self.wfile.write(data)
        self.wfile.flush()
        self.close_connection = True

    def fault(self, name):
        """Responses that break HTTP in one way each (issue 16's table)."""
        if name == "slow-headers":
            # a header line a second for 6 s, then a body: data keeps coming
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n")
            for i in range(6):
                if not self.sleep(1):
                    return
                self.raw(b"X-Slow-%d: yes\r\n" % i)
            return self.raw(b"Content-Length: %d\r\n\r\n" % len(FEED) + FEED)
        if name == "slow-body":
            # a byte a second, for ever (until the client hangs up)
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n")
            for _ in range(120):
                self.raw(b" ")
                if not self.sleep(1):
                    return
            return
        if name == "huge-header":
            # a 100 MB header line, sent until the client gives up
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Big: ")
            chunk = b"a" * (1 << 20)
            for _ in range(100):
                self.wfile.write(chunk)
            return self.raw(b"\r\n\r\n" + FEED)
        if name == "http09":
            return self.raw(FEED)
        if name == "binary-status":
            return self.raw(b"\x00\x01\xfe\xff\x7fELF garbage\r\n\r\n" + FEED)
        if name == "two-lengths":
            return self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                            b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n"
                            % (len(FEED), len(FEED) - 20) + FEED)
        if name.startswith("retry-after-"):
            # 503 with Retry-After as named: none, huge, text, zero, past
            value = {"none": None, "huge": "99999999999999999999",
                     "text": "soon", "zero": "0", "hour": "3600",
                     "past": "Thu, 01 Jan 1970 00:00:00 GMT"}.get(name[12:])
            with LOCK:
                RETRIES[name] = RETRIES.get(name, 0) + 1
            headers = [("Content-Type", "text/plain")]
            if value is not None:
                headers.append(("Retry-After", value))
            return self.reply(503, headers, b"later\n")
        if name.startswith("retry-count-"):
            with LOCK:
                seen = RETRIES.get("retry-after-" + name[12:], 0)
            return self.reply(200, [("Content-Type", "text/plain")], b"%d\n" % seen)
        return self.reply(404, [("Content-Type", "text/plain")], b"no such fault\n")

    do_HEAD = do_GET


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def make_cert(tmp):
    """A self-signed certificate for 127.0.0.1, or None without openssl."""
    openssl = shutil.which("openssl")
    if not openssl:
        return None
    key, cert = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
    r = subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1",
                        "-keyout", key, "-out", cert],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60, check=False)
    if r.returncode != 0:
        return None
    return key, cert


def tls_server(server_class, handler, tmp):
    """A server_class on 127.0.0.1 port 0 that speaks TLS with a throwaway
    certificate made in tmp, and that certificate's path; (None, "") without
    openssl."""
    kc = make_cert(tmp)
    if not kc:
        return None, ""
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(kc[1], kc[0])
    https = server_class(("127.0.0.1", 0), handler)
    https.socket = ctx.wrap_socket(https.socket, server_side=True)
    return https, kc[1]


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: server.py PORTFILE [--lifetime SECONDS]\n")
        return 2
    portfile = sys.argv[1]
    lifetime = 120.0
    if len(sys.argv) >= 4 and sys.argv[2] == "--lifetime":
        lifetime = float(sys.argv[3])

    tmp = tempfile.mkdtemp(prefix="feedtest-")
    servers = []
    try:
        http = Server(("127.0.0.1", 0), Handler)
        servers.append(http)
        https_port = 0
        https, cert_path = tls_server(Server, Handler, tmp)
        if https:
            servers.append(https)
            https_port = https.server_address[1]

        for s in servers:
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2},
                             daemon=True).start()

        def stop(*_):
            STOP.set()
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

        # listening since the constructors returned: publish the ports
        aside = portfile + ".tmp"
        with open(aside, "w") as f:
            f.write("%d\n%d\n%s\n" % (http.server_address[1], https_port, cert_path))
        os.rename(aside, portfile)

        STOP.wait(lifetime)
        STOP.set()
        for s in servers:
            s.shutdown()
            s.server_close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
