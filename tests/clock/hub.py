"""A WebSub hub on the loopback for tests/clock.sh.

usage: hub.py PORTFILE PORT LOG MODE

Listens on 127.0.0.1:PORT (0: any), writes the port to PORTFILE, and
appends each request's body (hub.mode=publish&hub.url=...) to LOG.  It
answers with the HTTP status the file MODE holds (204 when it is missing or
empty): a hub that is up but does not take the ping answers 503.
"""

import http.server
import os
import sys

portfile, port, logname, modefile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


class Hub(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        try:
            with open(modefile) as f:
                status = int(f.read().strip() or 204)
        except (OSError, ValueError):
            status = 204
        with open(logname, "a") as log:
            log.write("%d %s\n" % (status, body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", port), Hub)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
