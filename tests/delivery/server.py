#!/usr/bin/env python3
"""A loopback HTTP and HTTPS server for tests/delivery.sh and bench/cache.sh:
feeds served well and badly (validators ignored, stale 304s, never
compressed, Cache-Control that forbids caching, https redirected to http)
and the challenge pages of bot-protection services.

usage: server.py PORTFILE LOGFILE [--lifetime SECONDS] [--no-tls] [--big N]

Binds 127.0.0.1 port 0 (HTTP) and, with openssl and without --no-tls, a
second port with TLS (a self-signed certificate made at startup).  Writes
PORTFILE atomically once listening: HTTP_PORT, HTTPS_PORT (0 without TLS),
CERT_PATH.  Appends one line per request to LOGFILE: the time (seconds,
time.time()), the path, If-None-Match, If-Modified-Since and
Accept-Encoding (tab-separated, "-" when absent).  --big N: the feeds of
/good and /feeds/ have N items (default 60: over 10 KB).
Python standard library only.
"""

import gzip
import os
import signal
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from server import tls_server  # noqa: E402  (the same throwaway certificate)

STOP = threading.Event()
LOCK = threading.Lock()
LOG = None
LM = "Thu, 01 Jan 2026 00:00:00 GMT"
HTTP_PORT = [0]


def feed(items, title="Delivery", bad=False):
    head = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:atom="http://www.w3.org/2005/Atom"><channel>')
    head += "" if bad else "<title>%s</title>" % title
    head += ('<link>http://example.com/</link><description>d</description>'
             '<atom:link href="http://example.com/feed.xml" rel="self" '
             'type="application/rss+xml"/>')
    body = "".join('<item><title>Item %d</title><link>http://example.com/%d</link>'
                   '<guid>http://example.com/%d</guid>'
                   '<pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate>'
                   '<description>The text of item %d, long enough to make the '
                   'feed worth compressing, as real feeds are.</description></item>\n'
                   % (i, i, i, i) for i in range(items))
    return (head + body + "</channel></rss>\n").encode("utf-8")


SMALL = feed(3)
BIG = feed(60)
BAD = feed(3, bad=True)
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


def page(title, text=""):
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body>%s</body></html>"
            % (title, text)).encode("utf-8")


# path -> (status, headers, body): the challenge and block pages, after the
# research's table (docs: feedcheck.1, DELIVERY AUDIT)
CHALLENGES = {
    "/ch/cloudflare": (403, [("Content-Type", HTML), ("cf-mitigated", "challenge"),
                             ("Server", "cloudflare"), ("CF-RAY", "8a1b2c3d4e5f-FRA")],
                       page("Just a moment...", '<div id="challenge-spinner"></div>')),
    "/ch/cloudflare-page": (503, [("Content-Type", HTML), ("Server", "cloudflare")],
                            page("Just a moment...",
                                 '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>')),
    "/ch/cloudflare-weak": (403, [("Content-Type", HTML), ("Server", "cloudflare"),
                                  ("CF-RAY", "8a1b2c3d4e5f-FRA")], page("Forbidden", "no")),
    "/ch/aws": (202, [("Content-Type", HTML), ("x-amzn-waf-action", "challenge")],
                page("", "<script>AwsWafIntegration</script>")),
    "/ch/aws-captcha": (405, [("Content-Type", HTML), ("x-amzn-waf-action", "captcha")],
                        page("Human Verification")),
    "/ch/vercel": (429, [("Content-Type", HTML), ("x-vercel-mitigated", "challenge")],
                   page("Vercel Security Checkpoint")),
    "/ch/akamai": (403, [("Content-Type", HTML), ("Server", "AkamaiGHost")],
                   b'<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n'
                   b'<H1>Access Denied</H1>\nYou don\'t have permission to access '
                   b'"http&#58;&#47;&#47;example&#46;com&#47;feed" on this server.<P>\n'
                   b'Reference&#32;&#35;18&#46;6f2e3217&#46;1700000000&#46;1a2b3c\n</BODY>\n</HTML>\n'),
    "/ch/sucuri": (403, [("Content-Type", HTML), ("X-Sucuri-ID", "11005")],
                   page("Sucuri WebSite Firewall - Access Denied",
                        '<link rel="stylesheet" href="https://cdn.sucuri.net/sucuri-firewall-block.css">')),
    "/ch/sucuri-header": (403, [("Content-Type", HTML), ("X-Sucuri-Block", "BL001")],
                          page("Access Denied")),
    "/ch/incapsula": (403, [("Content-Type", HTML), ("X-Iinfo", "1-2-3")],
                      b'<html><body>Request unsuccessful. Incapsula incident ID: '
                      b'123000000000-456</body></html>'),
    "/ch/datadome": (403, [("Content-Type", HTML), ("X-DataDome", "protected"),
                           ("Set-Cookie", "datadome=abc; Max-Age=31536000; Path=/")],
                     page("", '<script src="https://geo.captcha-delivery.com/captcha/"></script>')),
    "/ch/perimeterx": (403, [("Content-Type", HTML)],
                       page("Access to this page has been denied.",
                            '<a href="https://www.perimeterx.com/whywasiblocked">why</a>')),
    "/ch/ddosguard": (403, [("Content-Type", HTML), ("Server", "ddos-guard")],
                      page("DDoS-Guard", '<a id="link-ddg" href="#">ddg</a>')),
    # not challenges: a plain 403 page, and a feed through Cloudflare
    "/ch/plain403": (403, [("Content-Type", HTML)], page("Forbidden", "go away")),
    "/ch/cf-feed": (200, [("Content-Type", RSS), ("Server", "cloudflare"),
                          ("CF-RAY", "8a1b2c3d4e5f-FRA"), ("ETag", '"cf"')], SMALL),
}


class Handler(BaseHTTPRequestHandler):
    server_version = "deliverytest/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self, path):
        h = self.headers
        with LOCK:
            LOG.write("%.6f\t%s\t%s\t%s\t%s\n" % (
                time.time(), path, h.get("If-None-Match", "-"),
                h.get("If-Modified-Since", "-"), h.get("Accept-Encoding", "-")))
            LOG.flush()

    def send(self, status, headers, body=b""):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304 and self.command != "HEAD":
            self.wfile.write(body)

    def matches(self, etag, lm):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag is not None and any(
                t.strip().removeprefix("W/") == etag.removeprefix("W/")
                for t in inm.split(","))
        ims = self.headers.get("If-Modified-Since")
        return ims is not None and lm is not None and ims == lm

    def gzip_ok(self):
        return "gzip" in self.headers.get("Accept-Encoding", "")

    def feed_well(self, body, etag, extra=(), compress=True, honour=True):
        """A feed with validators: 304 when they match (with the same ETag)."""
        hs = [("Content-Type", RSS), ("ETag", etag), ("Last-Modified", LM),
              ("Cache-Control", "max-age=300")] + list(extra)
        if honour and self.matches(etag, LM):
            return self.send(304, [(k, v) for k, v in hs if k != "Content-Type"])
        if compress and self.gzip_ok():
            return self.send(200, hs + [("Content-Encoding", "gzip"),
                                        ("Vary", "Accept-Encoding")], gzip.compress(body))
        return self.send(200, hs, body)

    def do_GET(self):
        path = self.path.partition("?")[0]
        self.log_request_line(self.path)
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path):
        if path == "/good" or path.startswith("/feeds/"):
            return self.feed_well(BIG, '"g1"')
        if path == "/small":
            return self.feed_well(SMALL, '"s1"')
        if path == "/bad":
            return self.feed_well(BAD, '"b1"')
        if path == "/ignores":
            return self.feed_well(BIG, '"i1"', honour=False)
        if path == "/lm-only":
            hs = [("Content-Type", RSS), ("Last-Modified", LM)]
            if self.matches(None, LM):
                return self.send(304, [("Last-Modified", LM)])
            return self.send(200, hs, SMALL)
        if path == "/stale304":
            # a 200 with the feed's new tag, a 304 with the old one
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                return self.send(304, [("ETag", '"v1"'), ("Last-Modified", LM)])
            return self.send(200, [("Content-Type", RSS), ("ETag", '"v2"'),
                                   ("Last-Modified", LM)], SMALL)
        if path == "/noetag304":
            if self.headers.get("If-None-Match"):
                return self.send(304, [])
            return self.send(200, [("Content-Type", RSS), ("ETag", '"n1"')], SMALL)
        if path == "/plain":
            return self.feed_well(BIG, '"p1"', compress=False)
        if path == "/nostore":
            return self.feed_well(SMALL, '"ns"', extra=[("Cache-Control", "no-store")])
        if path == "/maxage0":
            return self.feed_well(SMALL, '"m0"', extra=[("Cache-Control", "private, max-age=0")])
        if path == "/down":
            return self.send(302, [("Location", "http://127.0.0.1:%d/good" % HTTP_PORT[0]),
                                   ("Content-Type", HTML)], b"")
        if path == "/hang":
            STOP.wait(60)
            return self.send(200, [("Content-Type", RSS)], SMALL)
        if path in CHALLENGES:
            status, hs, body = CHALLENGES[path]
            return self.send(status, hs, body)
        return self.send(404, [("Content-Type", HTML)], page("Not found"))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    global LOG, BIG
    args = sys.argv[1:]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    portfile, logfile = args[0], args[1]
    lifetime, tls = 300.0, True
    i = 2
    while i < len(args):
        if args[i] == "--lifetime":
            lifetime = float(args[i + 1])
            i += 1
        elif args[i] == "--no-tls":
            tls = False
        elif args[i] == "--big":
            BIG = feed(int(args[i + 1]))
            i += 1
        i += 1
    LOG = open(logfile, "a")
    tmp = tempfile.mkdtemp(prefix="deliverytest-")
    http = Server(("127.0.0.1", 0), Handler)
    HTTP_PORT[0] = http.server_address[1]
    servers = [http]
    https_port = 0
    https, cert = tls_server(Server, Handler, tmp) if tls else (None, "")
    if https:
        servers.append(https)
        https_port = https.server_address[1]
    for s in servers:
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2},
                         daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: STOP.set())
    signal.signal(signal.SIGINT, lambda *_: STOP.set())
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n%d\n%s\n" % (http.server_address[1], https_port, cert))
    os.rename(portfile + ".tmp", portfile)
    STOP.wait(lifetime)
    STOP.set()
    for s in servers:
        s.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
