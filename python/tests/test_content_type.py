"""content_type= and url= against the program fetching the same bytes,
served with that Content-Type over loopback HTTP."""
from __future__ import annotations

import unittest
from typing import Any, Dict, List

import feedcheck
from feedcheck import _content_type
from support import Response, Server, jsonl

# An RSS feed in ISO 8859-1 with no XML declaration: its charset decides
# whether 'é' is read right; one in UTF-8 that declares it; one in GB18030
# that declares UTF-8; a JSON Feed; an Atom feed whose self link is not
# where it is served, with a relative link (the URL is its base).
LATIN1 = ('<rss version="2.0"><channel><title>Caf\u00e9</title>'
          '<link>http://example.com/</link><description>d</description>'
          '</channel></rss>').encode("latin-1")
UTF8 = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        '<title>江州日报</title><link>http://example.com/</link>'
        '<description>d</description></channel></rss>').encode("utf-8")
GB = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
      '<title>江州日报</title><link>http://example.com/</link>'
      '<description>d</description></channel></rss>').encode("gb18030")
JSON = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "t", '
        b'"items": [{"id": "1", "content_text": "x", "url": "a/b.html"}]}')
ATOM = (b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b'<id>urn:x:1</id><updated>2022-07-16T00:00:00Z</updated>'
        b'<author><name>a</name></author>'
        b'<link rel="self" href="http://example.com/other.xml"/>'
        b'<link href="page.html"/></feed>')
BODIES = {"latin1": LATIN1, "utf8": UTF8, "gb": GB, "json": JSON,
          "atom": ATOM}

# Content-Type values: well-formed, odd and malformed, as servers send them
TYPES: List[Any] = [
    None,                                   # no Content-Type at all
    "application/rss+xml",
    "application/rss+xml; charset=utf-8",
    "text/xml",
    "text/xml; charset=ISO-8859-1",
    'text/xml; charset="iso-8859-1"',
    "TEXT/XML;CHARSET=Windows-1252",
    "text/xml ; charset = utf-8",
    "text/xml;charset=utf-8;charset=iso-8859-1",
    'text/xml; foo="a\\"b;charset=gbk"; charset=gb18030',
    "text/xml; charset=utf-8 ; x",
    "text/xml;;; charset=gb2312",
    "\t text/xml\t;\tcharset=utf-16",
    "text/xml; charset=",
    'text/xml; charset=""',
    "text/xml; charset=" + "x" * 1100,
    'text/xml; charset="' + "b" * 1030 + '"',
    'text/xml; charset="' + "c" * 1023 + '\\"",x',
    "application/" + "a" * 1030,
    "text/html; charset=iso-8859-1",
    "application/json",
    "application/feed+json; charset=utf-8",
    "text/plain",
    "garbage",
    "text/",
    "/xml",
    'text/xml; charset="utf-8\u00e9"',
    "",
]


class TestContentType(unittest.TestCase):
    def test_against_program(self) -> None:
        """each Content-Type with each body: the program's findings for the URL, but the response's own (http-*)"""
        routes: Dict[str, Response] = {}
        cases = []
        for i, ct in enumerate(TYPES):
            for name, body in BODIES.items():
                path = f"/{i}/{name}"
                headers = [] if ct is None else [("Content-Type", ct)]
                routes[path] = (200, headers, body)
                cases.append((path, ct, body))
        with Server(routes) as srv:
            urls = [srv.base + p for p, _, _ in cases]
            want = jsonl([], urls)
        self.assertEqual(len(want), len(cases))
        for (path, ct, body), url, w in zip(cases, urls, want):
            with self.subTest(content_type=ct, body=path.rsplit("/", 1)[1]):
                self.assertEqual(w["http"]["status"], 200)
                self.assertEqual(w["http"]["final_url"], url)
                got = feedcheck.check(body, content_type=ct, url=url)
                doc = [d for d in w["diagnostics"]
                       if not d["rule"].startswith("http-")]
                self.assertEqual(list(got), doc)
                self.assertEqual(got.encoding, w["encoding"])
                self.assertEqual(got.format, w["format"])
                # the response's findings are the fetcher's alone
                self.assertFalse([d for d in got
                                  if d["rule"].startswith("http-")])

    def test_matters(self) -> None:
        """the transport changes the findings, as it must (RFC 7303, self links)"""
        plain = feedcheck.check(LATIN1)
        labelled = feedcheck.check(LATIN1, content_type="text/xml; charset=iso-8859-1")
        self.assertNotEqual(plain, labelled)
        self.assertEqual(labelled.encoding["http"], "iso-8859-1")
        self.assertEqual(labelled.encoding["used"].lower(), "iso-8859-1")
        self.assertNotEqual(feedcheck.check(ATOM),
                            feedcheck.check(ATOM, url="http://example.com/feed.xml"))

    def test_parse(self) -> None:
        """the Content-Type read as feedcheck's fetcher reads it"""
        for value, want in [
                (b"application/rss+xml", (b"application/rss+xml", None, False)),
                (b"Text/XML; Charset=UTF-8", (b"text/xml", b"utf-8", False)),
                (b'text/xml; charset="ISO-8859-1"', (b"text/xml", b"iso-8859-1", False)),
                (b"text/xml; charset=a; charset=b", (b"text/xml", b"a", False)),
                (b"text/xml; charset = utf-8", (b"text/xml", None, True)),
                (b"text/xml; charset=", (b"text/xml", None, True)),
                (b'text/xml; charset=""', (b"text/xml", None, False)),
                (b"text/xml; charset=utf-8 x", (b"text/xml", b"utf-8", True)),
                (b"text", (None, None, True)),
                (b"", (None, None, True))]:
            with self.subTest(value=value):
                self.assertEqual(_content_type.parse(value), want)


if __name__ == "__main__":
    unittest.main()
