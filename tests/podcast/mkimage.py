#!/usr/bin/env python3
"""Write a test image: mkimage.py OUT FORMAT WIDTH HEIGHT MODE

FORMAT png (Python's zlib and struct: the standard library) or jpeg
(Pillow, Debian's python3-pil); MODE rgb, gray or cmyk (cmyk: jpeg only),
rgba (an alpha channel) or rgbt (RGB with a tRNS chunk), png only.
The images are one colour, so even a 4000 px PNG is a few KB.  Exit
status 77 when Pillow is needed and missing.
"""

import struct
import sys
import zlib


def png(out, w, h, mode):
    color, ch = {"rgb": (2, 3), "rgbt": (2, 3), "rgba": (6, 4)}.get(mode, (0, 1))
    row = b"\0" + bytes([200, 30, 30, 128][:ch]) * w
    z = zlib.compressobj(9)
    data = b"".join(z.compress(row) for _ in range(h)) + z.flush()

    def chunk(kind, body):
        c = kind + body
        return struct.pack(">I", len(body)) + c + struct.pack(">I", zlib.crc32(c))

    with open(out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0)))
        if mode == "rgbt":   # white is transparent
            f.write(chunk(b"tRNS", struct.pack(">HHH", 255, 255, 255)))
        f.write(chunk(b"IDAT", data))
        f.write(chunk(b"IEND", b""))


def jpeg(out, w, h, mode):
    try:
        from PIL import Image
    except ImportError:
        sys.exit(77)
    pil_mode = {"rgb": "RGB", "gray": "L", "cmyk": "CMYK"}[mode]
    fill = {"rgb": (200, 30, 30), "gray": 128, "cmyk": (0, 200, 200, 20)}[mode]
    Image.new(pil_mode, (w, h), fill).save(out, "JPEG", quality=50)


def main():
    out, fmt, w, h, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4]), sys.argv[5]
    (png if fmt == "png" else jpeg)(out, w, h, mode)


if __name__ == "__main__":
    main()
