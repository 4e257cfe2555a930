"""A Content-Type field value read as feedcheck's fetcher reads it.

The feedcheck program turns an HTTP response's Content-Type into the media
type and charset of struct fc_transport with fetch_parse_content_type()
(validate/cli/content_type.c), which is part of the program, not of
libfeedcheck.  This is the same reading, step for step, so that
check(data, content_type=...) hands the library what the program would for
a response with that header: the media type and the first charset
parameter, ASCII lower-cased; OWS, quoted strings with quoted pairs, and
ceilings of 1024 bytes as there; from a malformed value what the program
recovers.  tests/test_content_type.py serves each value of a table over
loopback HTTP and compares the program's findings with the package's.
"""
from __future__ import annotations

from typing import Optional, Tuple

# content_type.c's CT_MAX: the ceiling of the media type, of one parameter
# value and of the charset
CT_MAX = 1024

# RFC 9110 section 5.6.2, tchar
_TCHAR = frozenset(b"!#$%&'*+-.^_`|~"
                   b"0123456789"
                   b"abcdefghijklmnopqrstuvwxyz"
                   b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                         b"abcdefghijklmnopqrstuvwxyz")


def _skip_ows(v: bytes, p: int) -> int:
    while p < len(v) and v[p] in b" \t":
        p += 1
    return p


def _tchars(v: bytes, p: int) -> int:
    while p < len(v) and v[p] in _TCHAR:
        p += 1
    return p


def parse(value: bytes) -> Tuple[Optional[bytes], Optional[bytes], bool]:
    """(media type, charset, malformed) of a Content-Type value.

    The media type and the charset are None when absent.  ``value`` holds
    no NUL (check() refuses one, as no C string the program gets has it).
    """
    v = value
    media = b""
    charset = b""
    have_cs = bad = False
    # media-type = type "/" subtype (RFC 9110 section 8.3.1)
    p = _skip_ows(v, 0)
    s = p
    p = _tchars(v, p)
    if p == s or p >= len(v) or v[p] != 0x2F:       # "/"
        bad = True
    else:
        t = p
        p = _tchars(v, p + 1)
        if p == t + 1:
            bad = True
        else:
            # add_lower(): a character at a time up to the ceiling; what
            # fitted stays
            media = v[s:p][:CT_MAX].translate(_LOWER)
            if p - s > CT_MAX:
                bad = True
    # parameters = *( OWS ";" OWS [ parameter ] ) (RFC 9110 section 5.6.6)
    while not bad:
        p = _skip_ows(v, p)
        if p >= len(v):
            break
        if v[p] != 0x3B:                                # ";"
            bad = True
            break
        p = _skip_ows(v, p + 1)
        if p >= len(v) or v[p] == 0x3B:
            continue
        n0 = p
        p = n1 = _tchars(v, p)
        if n0 == n1 or p >= len(v) or v[p] != 0x3D:     # "="
            bad = True
            break
        p += 1
        val = bytearray()
        if p < len(v) and v[p] == 0x22:                 # '"'
            # quoted-string with quoted-pair (RFC 9110 section 5.6.4)
            p += 1
            while p < len(v) and v[p] != 0x22:
                if v[p] == 0x5C and p + 1 < len(v):     # "\\"
                    p += 1
                if len(val) == CT_MAX:
                    break
                val.append(v[p])
                p += 1
            if p >= len(v) or v[p] != 0x22:
                bad = True
                break
            p += 1
        else:
            s = p
            p = _tchars(v, p)
            if p == s or p - s > CT_MAX:
                bad = True
                break
            val += v[s:p]
        if n1 - n0 == 7 and v[n0:n1].translate(_LOWER) == b"charset" \
                and not have_cs:
            have_cs = True
            charset = bytes(val).translate(_LOWER)
    return (media or None, (charset or None) if have_cs else None, bad)
