"""What the package's tests share: where the tree, the feedcheck program
and ../shared are, the program run over files or URLs, and a loopback
HTTP server.  tests/python.sh sets the environment:

    FEEDTOOLS_TOP     the tree (default: two folders up)
    FEEDCHECK_BIN     the feedcheck program (default: TOP/bin/feedcheck)
    FEEDTOOLS_SHARED  ../shared (default: beside the tree)
"""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import threading
from typing import Any, Dict, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get("FEEDTOOLS_TOP") or os.path.dirname(os.path.dirname(HERE))
FC = os.environ.get("FEEDCHECK_BIN") or os.path.join(TOP, "bin", "feedcheck")
SHARED = os.environ.get("FEEDTOOLS_SHARED") or \
    os.path.join(os.path.dirname(TOP), "shared")
W3C = os.path.join(SHARED, "conformance", "w3c", "testcases")


def files_under(folder: str, skip: Tuple[str, ...] = ()) -> List[str]:
    """The regular files below folder, sorted, but those ending in skip."""
    out = []
    for d, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(d, n)
            if os.path.isfile(p) and not n.endswith(skip):
                out.append(p)
    return sorted(out)


def tree_feeds() -> List[str]:
    """The feeds the tree's tests use as files: tests/feedcheck/, the
    podcast cases and the catalogue's case per rule (not its raw HTTP
    responses)."""
    t = os.path.join(TOP, "tests")
    v = files_under(os.path.join(t, "feedcheck"))
    v += [p for p in files_under(os.path.join(t, "podcast"))
          if p.endswith(".xml")]
    v += files_under(os.path.join(t, "catalogue", "cases"),
                     (".http", ".https"))
    return v


def run_feedcheck(args: Sequence[str], stdin: Optional[str] = None
                  ) -> Tuple[int, str]:
    """The program's exit status and output (no .feedcheckrc read)."""
    p = subprocess.run([FC, "--no-config", *args], input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       encoding="utf-8")
    return p.returncode, p.stdout


def jsonl(args: Sequence[str], sources: Sequence[str]) -> List[Dict[str, Any]]:
    """feedcheck --format jsonl ARGS -- SOURCES: one object per source."""
    st, out = run_feedcheck(["--format", "jsonl", *args, "--", *sources])
    if st not in (0, 1, 3):
        raise AssertionError(f"feedcheck exited {st}")
    return [json.loads(ln) for ln in out.splitlines()]


# A response: status, [(header, value)], body
Response = Tuple[int, List[Tuple[str, str]], bytes]


class Server:
    """A loopback HTTP/1.1 server of fixed responses, on a port of its
    own, in a thread; a context manager."""

    def __init__(self, routes: Dict[str, Response]) -> None:
        routes = dict(routes)

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, headers, body = routes.get(
                    self.path, (404, [("Content-Type", "text/plain")], b"no\n"))
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
