#!/usr/bin/env python3
"""Serve the .http cases of tests/catalogue on 127.0.0.1: GET /PATH sends
the bytes of DIR/PATH as they are (status line, headers, blank line,
body: a raw HTTP response, so that a malformed one can be a case too) and
closes the connection (@PORT@ in the body: the port).  Binds port 0 and writes the port to PORTFILE once
listening; ends after --lifetime seconds.

    serve.py DIR PORTFILE [--lifetime S] [--tls CERT KEY]

With --tls, a second listener speaks TLS with CERT and KEY (a throwaway
self-signed pair: the .https cases show what an untrusted certificate
gives); its port is the second line of PORTFILE."""
import os
import socketserver
import sys
import threading


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(8192).decode('latin-1')
        while self.rfile.readline(8192) not in (b'\r\n', b'\n', b''):
            pass
        parts = line.split()
        path = parts[1] if len(parts) > 1 else '/'
        name = os.path.normpath(path.split('?')[0].lstrip('/'))
        f = os.path.join(ROOT, name)
        if name.startswith('..') or not os.path.isfile(f):
            self.wfile.write(b'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n'
                             b'Connection: close\r\n\r\n')
            return
        data = open(f, 'rb').read()
        # the case files are written with \n line ends; HTTP wants \r\n in
        # the head, and the body stays as it is
        head, sep, body = data.partition(b'\n\n')
        head = head.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
        # @PORT@ in a body is the port it is served on (a self link that
        # names the URL fetched)
        body = body.replace(b'@PORT@', b'%d' % self.server.server_address[1])
        if b'content-length' not in head.lower():
            head += b'\r\nContent-Length: %d' % len(body)
        self.wfile.write(head + b'\r\nConnection: close\r\n\r\n' + body)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


ROOT = sys.argv[1]
life = 300
if '--lifetime' in sys.argv:
    life = float(sys.argv[sys.argv.index('--lifetime') + 1])
srv = Server(('127.0.0.1', 0), Handler)
threading.Timer(life, srv.shutdown).start()
ports = [srv.server_address[1]]
if '--tls' in sys.argv:
    import ssl
    i = sys.argv.index('--tls')
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[i + 1], sys.argv[i + 2])
    tls = Server(('127.0.0.1', 0), Handler)
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True,
                                 do_handshake_on_connect=False)
    threading.Timer(life, tls.shutdown).start()
    threading.Thread(target=tls.serve_forever, daemon=True).start()
    ports.append(tls.server_address[1])
with open(sys.argv[2] + '.tmp', 'w') as p:
    p.write(''.join('%d\n' % n for n in ports))
os.rename(sys.argv[2] + '.tmp', sys.argv[2])
srv.serve_forever()
