#!/usr/bin/env python3
"""A loopback HTTP client for tests/serve.sh (Python standard library only).

usage: req.py OUTDIR METHOD URL [-H 'Name: value']... [--data FILE] [--chunked]
           writes OUTDIR/status, OUTDIR/headers (lower-case "name: value"
           lines) and OUTDIR/body; prints the status
       req.py --hold HOST PORT READYFILE GATEFILE
           POST /check announcing 64 bytes with Expect: 100-continue;
           once the service says 100 Continue (its handler has taken a
           place among --max-checks) writes READYFILE, then waits for
           GATEFILE to exist, sends the 64 bytes and prints the status
"""
import http.client
import os
import socket
import sys
import time
import urllib.parse


def hold(host, port, ready, gate):
    s = socket.create_connection((host, int(port)), timeout=60)
    s.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/rss+xml\r\n"
              b"Content-Length: 64\r\nExpect: 100-continue\r\n\r\n")
    got = b""
    while b"\r\n\r\n" not in got:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += chunk
    if not got.startswith(b"HTTP/1.1 100"):
        print("no 100 Continue: %r" % got[:200])
        return 1
    with open(ready, "w") as f:
        f.write("held\n")
    deadline = time.time() + 60
    while not os.path.exists(gate) and time.time() < deadline:
        time.sleep(0.05)          # the test's own gate, not a race
    s.sendall(b"<rss version='2.0'><channel></channel></rss>".ljust(64))
    got = b""
    while b"\r\n" not in got:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += chunk
    print(got.split(b"\r\n")[0].decode())
    return 0


def main():
    if sys.argv[1] == "--hold":
        return hold(*sys.argv[2:6])
    out, method, url = sys.argv[1:4]
    headers, data, args, chunked = {}, None, sys.argv[4:], False
    while args:
        if args[0] == "--chunked":
            chunked, args = True, args[1:]
            continue
        if args[0] == "-H":
            k, _, v = args[1].partition(":")
            headers[k.strip()] = v.strip()
        elif args[0] == "--data":
            with open(args[1], "rb") as f:
                data = f.read()
        args = args[2:]
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    if chunked:
        data = iter([data[i:i + 8192] for i in range(0, len(data), 8192)])
    try:
        c.request(method, u.path + ("?" + u.query if u.query else ""), body=data,
                  headers=headers, encode_chunked=chunked)
    except (BrokenPipeError, ConnectionResetError):
        pass                      # answered before the body was all sent
    r = c.getresponse()
    body = r.read()
    with open(os.path.join(out, "status"), "w") as f:
        f.write("%d\n" % r.status)
    with open(os.path.join(out, "headers"), "w") as f:
        for k, v in r.getheaders():
            f.write("%s: %s\n" % (k.lower(), v))
    with open(os.path.join(out, "body"), "wb") as f:
        f.write(body)
    print(r.status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
