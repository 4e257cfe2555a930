"""feedcheck: RSS, Atom and JSON Feed validation, from Python.

The rules of the feedcheck program (feedtools) as a library: bytes in,
findings out, the same findings as ``feedcheck --format json`` gives for
the same bytes.  The checking is libfeedcheck's C, called through cffi; the
GIL is released while a document is checked, so threads check in parallel.

    import feedcheck

    with open("feed.xml", "rb") as f:
        report = feedcheck.check(f.read())
    if not report.valid:
        for d in report:
            print(f"feed.xml:{d['line']}:{d['column']}: {d['severity']}: "
                  f"{d['message']} [{d['rule']}]")

check() never fetches: fetch the feed with what you trust and hand over
its bytes, its Content-Type and its final URL.  Bad arguments raise
TypeError or ValueError; a check the library could not run (it ran out of
memory) raises feedcheck.Error.  rules() lists the rules.
"""
from __future__ import annotations

import codecs
import os
import threading
from typing import (Any, Dict, Iterable, List, Optional, Tuple, TypedDict,
                    Union)

from . import _content_type
from ._feedcheck import ffi, lib

__all__ = ["check", "rules", "Report", "Diagnostic", "Rule", "RuleSource", "Encoding",
           "Summary", "Error", "PROFILES", "__version__", "library_version"]

__version__ = "0.1.0"

# The directories a profile names, as feedcheck --profile takes them.
PROFILES: Dict[str, int] = {
    "apple": lib.FC_PROFILE_APPLE,
    "spotify": lib.FC_PROFILE_SPOTIFY,
    "podcastindex": lib.FC_PROFILE_PODCASTINDEX,
    "readers": lib.FC_PROFILE_READERS,
}

Data = Union[bytes, bytearray, memoryview]
"""What check() takes: bytes or any other C-contiguous bytes-like object."""


class Error(Exception):
    """The library could not check the document: it ran out of memory.

    Nothing about the document is known then.  A document that is not a
    feed, not XML, not JSON or in an unknown encoding is no error: its
    findings say so.
    """


class Diagnostic(TypedDict):
    """One finding, with the members of ``feedcheck --format json``'s
    diagnostics, in that order."""
    severity: str           # "error", "warning" or "info"
    rule: str               # stable id: "invalid-rfc822-date"
    message: str            # lower case, no final full stop
    line: Optional[int]     # from 1; None when unknown
    column: Optional[int]   # from 1, in characters; None when unknown
    path: Optional[str]     # a JSON Pointer (JSON Feed), else None
    element: Optional[str]  # the element concerned, or None


class Encoding(TypedDict):
    """How the bytes were decoded (RFC 7303 section 3.2): the encoding
    named by the byte order mark, the transport's charset, the XML
    declaration, and the one used; each None when absent."""
    bom: Optional[str]
    http: Optional[str]
    declared: Optional[str]
    used: Optional[str]


class Summary(TypedDict):
    """How many findings of each severity."""
    errors: int
    warnings: int
    infos: int


class RuleSource(TypedDict):
    """A document a platform or reader rule follows."""
    platform: str           # "apple", "spotify", "podcastindex", a reader
    url: str
    checked: str            # the day its text was last read, YYYY-MM-DD
    note: str               # how it was read, what it could not confirm


class _RuleBase(TypedDict):
    id: str
    severity: str           # its default severity
    summary: str            # one line
    explain: str            # what it means and how to fix it


class Rule(_RuleBase, total=False):
    """A rule, as ``feedcheck --list-rules --format json`` lists it; a
    platform rule (Apple, Spotify, Podcast Index) or a readers- rule has
    its sources too."""
    sources: List[RuleSource]


class Report(List[Diagnostic]):
    """The findings of one document, sorted by position: a list of
    Diagnostic dicts, with what was learnt about the document.

    Attributes:
        format: "rss2.0", "rss0.91", "rss1.0", "atom1.0", "atom0.3",
            "jsonfeed", ... or "unknown" when it is not a feed
            (feedcheck --format json's "format").
        version: the version the document declares ("2.0", "1.1"), or None.
        encoding: an Encoding.
        summary: a Summary: the counts of errors, warnings and infos.
        dropped: how many findings were over the library's ceiling of
            10,000 (counted in summary, not in the list).
        strict: whether check() was asked to be strict.
    """

    format: str
    version: Optional[str]
    encoding: Encoding
    summary: Summary
    dropped: int
    strict: bool

    @property
    def valid(self) -> bool:
        """No error; under strict, no warning either (feedcheck's exit
        status 0, with --strict)."""
        if self.summary["errors"]:
            return False
        return not (self.strict and self.summary["warnings"])

    def to_json(self, source: str = "-") -> Dict[str, Any]:
        """The object ``feedcheck --format json`` prints for a file of
        these bytes named ``source`` (its "http" is null, as a file's):
        json.dumps() of it is one of ``--format jsonl``'s lines."""
        return {
            "source": _clean(source),
            "format": self.format,
            "encoding": dict(self.encoding),
            "http": None,
            "diagnostics": [dict(d) for d in self],
            "summary": dict(self.summary),
        }


# ---- C strings as feedcheck's JSON has them ------------------------------

def _one_fffd(e: UnicodeError) -> Tuple[str, int]:
    """Each byte that is not part of well-formed UTF-8 becomes one U+FFFD,
    as the JSON reporter writes it (RFC 8259 section 8.1)."""
    if not isinstance(e, UnicodeDecodeError):
        raise e
    return "\ufffd", e.start + 1


codecs.register_error("feedcheck.fffd", _one_fffd)


def _text(p: Any) -> str:
    b: bytes = ffi.string(p)
    return b.decode("utf-8", "feedcheck.fffd")


def _text_or_none(p: Any) -> Optional[str]:
    return None if p == ffi.NULL else _text(p)


def _clean(name: str) -> str:
    """A name from the file system (undecodable bytes as surrogates)
    with those bytes as U+FFFD."""
    return os.fsencode(name).decode("utf-8", "feedcheck.fffd") \
        if any("\udc80" <= c <= "\udcff" for c in name) else name


# ---- arguments -------------------------------------------------------------

def _c_string(value: Union[str, bytes], what: str) -> bytes:
    if isinstance(value, str):
        try:
            b = value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(f"{what} cannot be encoded as UTF-8: {e}") from None
    elif isinstance(value, bytes):
        b = value
    else:
        raise TypeError(f"{what} must be str, bytes or None, not "
                        f"{type(value).__name__}")
    if b"\0" in b:
        raise ValueError(f"{what} must not contain a NUL character")
    return b


def _header_bytes(value: Union[str, bytes]) -> bytes:
    """A header value as it came on the wire: http.client, urllib and
    requests decode headers as ISO 8859-1, so encoding back gives the
    bytes; characters past U+00FF (which no header decoded so holds) as
    UTF-8."""
    if isinstance(value, str):
        try:
            value = value.encode("latin-1")
        except UnicodeEncodeError:
            pass
    return _c_string(value, "content_type")


def _profiles(profile: Union[None, str, Iterable[str]]) -> int:
    """feedcheck --profile's names: "apple", "spotify", "podcastindex",
    "readers", a comma-separated list of them, or an iterable of names."""
    if profile is None:
        return 0
    if isinstance(profile, str):
        # as feedcheck --profile reads its value: names separated by
        # commas, one after the last allowed ("apple,"), none empty
        names: List[str] = []
        rest = profile
        while rest:
            name, _, rest = rest.partition(",")
            names.append(name)
    elif isinstance(profile, (bytes, bytearray)):
        raise TypeError("profile must be str or an iterable of str, not bytes")
    else:
        try:
            names = list(profile)
        except TypeError:
            raise TypeError("profile must be None, a str or an iterable of "
                            f"str, not {type(profile).__name__}") from None
    bits = 0
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"a profile name must be str, not {type(n).__name__}")
        if n not in PROFILES:
            raise ValueError(f"unknown profile {n!r}: the profiles are "
                             + ", ".join(PROFILES))
        bits |= PROFILES[n]
    if not bits:
        raise ValueError("profile names no profile")
    return bits


def _buffer(data: Data) -> Tuple[Any, int]:
    if isinstance(data, str):
        raise TypeError("data must be bytes, not str: pass the bytes as "
                        "read or fetched (the encoding is part of what is "
                        "checked)")
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError("data must be bytes or a bytes-like object, not "
                        f"{type(data).__name__}") from None
    with view:
        if not view.c_contiguous:
            raise ValueError("data must be a C-contiguous buffer")
        n = view.nbytes
    if n == 0:
        # a pointer to one NUL byte, as the program passes for nothing read
        return ffi.new("unsigned char[1]"), 0
    return ffi.from_buffer("unsigned char[]", data), n


# ---- the library -------------------------------------------------------------

_init_lock = threading.Lock()
_initialised = False


def _init() -> None:
    """fc_init() once, before the first check: after it, several threads
    may check at once (feedcheck(3))."""
    global _initialised
    if _initialised:
        return
    with _init_lock:
        if not _initialised:
            lib.fc_init()
            _initialised = True


def check(data: Data, content_type: Union[None, str, bytes] = None,
          url: Optional[str] = None,
          profile: Union[None, str, Iterable[str]] = None,
          strict: bool = False) -> Report:
    """Check one feed document: its findings, as ``feedcheck --format
    json`` gives them for the same bytes.

    Args:
        data: the document's bytes as read or fetched, undecoded (bytes,
            bytearray, memoryview or any C-contiguous bytes-like object;
            only read, and not kept).
        content_type: the Content-Type the document was served with, if it
            was fetched over HTTP ("application/rss+xml; charset=utf-8"),
            read as feedcheck reads a response's: its media type and
            charset go to the checks (the charset decides the encoding
            before the XML declaration does, RFC 7303).  None for a file.
        url: the URL the document was fetched from, after redirects: the
            base of relative references and what a self link is compared
            with.  None for a file.
        profile: feedcheck --profile: "apple", "spotify", "podcastindex",
            "readers", a comma-separated list or an iterable of them; what
            those directories require of a podcast becomes an error, and
            "readers" adds the readers-* rules.
        strict: feedcheck --strict: warnings make the report not valid
            (Report.valid); the findings are the same.

    Returns:
        A Report: the list of Diagnostic dicts, sorted by position.

    The findings about the HTTP response itself (its status, redirects, a
    missing or malformed Content-Type, ETag and Last-Modified: the rules
    http-*, tls-* and fetch-*) are the fetcher's, which here is the caller;
    check() gives the document's.  With neither content_type nor url the
    findings are those of ``feedcheck FILE``.

    Raises:
        TypeError: data is not bytes-like (a str, say), or another
            argument has the wrong type.
        ValueError: an unknown profile, or a NUL in content_type or url.
        Error: the library ran out of memory.

    The GIL is released while the library checks, so several threads may
    call check() at once.
    """
    buf, n = _buffer(data)
    keep: List[Any] = []
    t = ffi.NULL
    if content_type is not None or url is not None:
        t = ffi.new("struct fc_transport *")
        if content_type is not None:
            media, charset, _ = _content_type.parse(_header_bytes(content_type))
            if media is not None:
                keep.append(ffi.new("char[]", media))
                t.media_type = keep[-1]
            if charset is not None:
                keep.append(ffi.new("char[]", charset))
                t.charset = keep[-1]
        if url is not None:
            if not isinstance(url, str):
                raise TypeError(f"url must be str or None, not {type(url).__name__}")
            keep.append(ffi.new("char[]", _c_string(url, "url")))
            t.url = keep[-1]
    opts = ffi.new("struct fc_options *")
    opts.profiles = _profiles(profile)
    _init()
    r = lib.fc_result_new()
    if r == ffi.NULL:
        raise Error("out of memory")
    try:
        # cffi releases the GIL for the call
        if lib.fc_check(buf, n, ffi.NULL, t, opts, r) < 0:
            raise Error("out of memory while checking")
        return _report(r, bool(strict))
    finally:
        lib.fc_result_free(r)


def _report(r: Any, strict: bool) -> Report:
    rep = Report()
    f = ffi.new("struct fc_finding *")
    for i in range(lib.fc_result_count(r)):
        lib.fc_result_finding(r, i, f)
        line = f.line if f.line > 0 else None
        rep.append({
            "severity": _text(lib.fc_severity_name(f.severity)),
            "rule": _text(f.rule),
            "message": _text(f.message),
            "line": line,
            "column": f.column if line is not None and f.column > 0 else None,
            "path": _text_or_none(f.path),
            "element": _text_or_none(f.element),
        })
    rep.format = _text(lib.fc_format_name(lib.fc_result_format(r)))
    rep.version = _text_or_none(lib.fc_result_version(r))
    e = lib.fc_result_encoding(r)
    rep.encoding = {"bom": _text_or_none(e.bom), "http": _text_or_none(e.http),
                    "declared": _text_or_none(e.declared),
                    "used": _text_or_none(e.used)}
    rep.summary = {"errors": lib.fc_result_total(r, lib.FC_ERROR),
                   "warnings": lib.fc_result_total(r, lib.FC_WARNING),
                   "infos": lib.fc_result_total(r, lib.FC_INFO)}
    rep.dropped = lib.fc_result_dropped(r)
    rep.strict = strict
    return rep


def _rule_sources(rid: Any) -> List[RuleSource]:
    out: List[RuleSource] = []
    k = 0
    while True:
        s = lib.fc_rule_source(rid, k)
        if s == ffi.NULL:
            return out
        out.append({"platform": _text(s.platform), "url": _text(s.url),
                    "checked": _text(s.checked), "note": _text(s.note)})
        k += 1


def _rule_table() -> Tuple[Rule, ...]:
    out: List[Rule] = []
    i = 0
    while True:
        p = lib.fc_rule_at(i)
        if p == ffi.NULL:
            break
        r: Rule = {"id": _text(p.id),
                   "severity": _text(lib.fc_severity_name(p.severity)),
                   "summary": _text(p.summary),
                   "explain": _text(p.explain)}
        src = _rule_sources(p.id)
        if src:
            r["sources"] = src
        out.append(r)
        i += 1
    return tuple(out)


_RULES = _rule_table()


def rules() -> List[Rule]:
    """Every rule, as ``feedcheck --list-rules --format json`` lists them
    (document, encoding, transport and source rules), each a Rule dict."""
    out: List[Rule] = []
    for r in _RULES:
        c = r.copy()
        if "sources" in r:
            c["sources"] = [s.copy() for s in r["sources"]]
        out.append(c)
    return out


def library_version() -> str:
    """The version of libfeedcheck in use ("0.1.0")."""
    return _text(lib.fc_version())
