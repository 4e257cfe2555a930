#!/usr/bin/env python3
"""A loopback HTTP server of files, for the discovery and --check-media tests.

usage: server.py PORTFILE DIR [--lifetime SECONDS] [--bind ADDRESS]
                 [--keep-alive]

Binds 127.0.0.1 (or ADDRESS, another loopback address) port 0 and, once
listening, writes its port to PORTFILE (aside, then renamed).  It serves
the files of DIR, read on each request (the tests write feeds naming the
port after the server is up):

    /f/NAME             the file, with byte ranges (206, Content-Range)
    /noranges/NAME      the file, Range ignored: 200 and the whole body
    /as/TYPE/NAME       the file with Content-Type TYPE ("_" for "/")
    /status/CODE[...]   an empty answer with that status
    /count/NAME         how many requests NAME has had (text/plain)
    /to/URL             302 to URL (percent-decoded: /to/http%3A%2F%2Fx%2F)

The Content-Type comes from the extension.  --keep-alive answers in
HTTP/1.1 and keeps connections open.  Exits after --lifetime seconds
(default 120) and on SIGTERM.  Python standard library only.
"""

import os
import re
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STOP = threading.Event()
LOCK = threading.Lock()
COUNTS = {}
TYPES = {
    ".mp3": "audio/mpeg", ".m4a": "audio/x-m4a", ".mp4": "video/mp4",
    ".jpg": "image/jpeg", ".png": "image/png", ".xml": "application/rss+xml",
    ".atom": "application/atom+xml", ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
}


class Handler(BaseHTTPRequestHandler):
    server_version = "mediatest/1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        try:
            self.route(self.path.partition("?")[0])
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_HEAD = do_GET

    def route(self, path):
        m = re.match(r"^/(f|noranges|as/([^/]+)|status|count|to)/(.+)$", path)
        if not m:
            return self.reply(404, [("Content-Type", "text/plain")], b"no such case\n")
        kind, name = m.group(1), m.group(3)
        if kind == "to":
            with LOCK:
                COUNTS["to"] = COUNTS.get("to", 0) + 1
            return self.reply(302, [("Location", urllib.parse.unquote(name))], b"")
        if kind == "status":
            code = name.split("/")[0].split(".")[0]
            return self.reply(int(code), [("Content-Type", "text/plain")], b"")
        if kind == "count":
            with LOCK:
                n = COUNTS.get(name, 0)
            return self.reply(200, [("Content-Type", "text/plain")], b"%d\n" % n)
        with LOCK:
            COUNTS[name] = COUNTS.get(name, 0) + 1
        fpath = os.path.join(DIR, os.path.basename(name))
        try:
            with open(fpath, "rb") as f:
                body = f.read()
        except OSError:
            return self.reply(404, [("Content-Type", "text/plain")], b"no such file\n")
        ctype = TYPES.get(os.path.splitext(name)[1], "application/octet-stream")
        if kind.startswith("as/"):
            ctype = m.group(2).replace("_", "/")
        headers = [("Content-Type", ctype)]
        rng = self.headers.get("Range", "")
        r = re.match(r"^bytes=(\d+)-(\d*)$", rng)
        if kind != "noranges" and r and body:
            a = int(r.group(1))
            b = int(r.group(2)) if r.group(2) else len(body) - 1
            b = min(b, len(body) - 1)
            if a > b:
                return self.reply(416, [("Content-Range", "bytes */%d" % len(body))], b"")
            headers.append(("Content-Range", "bytes %d-%d/%d" % (a, b, len(body))))
            headers.append(("Accept-Ranges", "bytes"))
            return self.reply(206, headers, body[a:b + 1])
        return self.reply(200, headers, body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global DIR
    if len(sys.argv) < 3:
        sys.stderr.write("usage: server.py PORTFILE DIR [--lifetime SECONDS]\n")
        return 2
    portfile, DIR = sys.argv[1], sys.argv[2]
    lifetime, bind = 120.0, "127.0.0.1"
    args = sys.argv[3:]
    while args:
        if args[0] == "--lifetime" and len(args) > 1:
            lifetime = float(args[1])
            args = args[2:]
        elif args[0] == "--bind" and len(args) > 1:
            bind = args[1]
            args = args[2:]
        elif args[0] == "--keep-alive":
            Handler.protocol_version = "HTTP/1.1"
            args = args[1:]
        else:
            sys.stderr.write("server.py: unknown argument %s\n" % args[0])
            return 2
    srv = Server((bind, 0), Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2},
                     daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: STOP.set())
    signal.signal(signal.SIGINT, lambda *_: STOP.set())
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(portfile + ".tmp", portfile)
    STOP.wait(lifetime)
    srv.shutdown()
    srv.server_close()
    return 0


DIR = "."

if __name__ == "__main__":
    sys.exit(main())
