#!/usr/bin/env python3
"""Writes the hostile-input corpus of scripts/hostile.sh into a folder: files made to cost gigabytes or minutes
(decompression bombs, lying headers, huge dimensions and tiles, thousands of pieces of ink), degenerate ones (1x1,
empty, truncated, not an image) and unusual but valid ones (16-bit, palette, grey+alpha, interlaced). Standard
library only; the same files every run."""
import os
import random
import struct
import sys
import zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, rows, depth=8, colour=0, extra=b"", palette=None, interlace=0):
    """rows: raw scanlines (filter byte included), joined."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    body = chunk(b"IHDR", ihdr) + extra
    if palette:
        body += chunk(b"PLTE", palette)
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def grey(width, height, ink):
    """8-bit grey scanlines: white paper, black where ink(x, y)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        rows.extend(0 if ink(x, y) else 255 for x in range(width))
    return bytes(rows)


def one(x, y, w=60, h=80):
    """A '1': a vertical bar in the middle of a w x h canvas."""
    return w // 2 - 4 <= x < w // 2 + 4 and 10 <= y < h - 10


def bomb(megabytes):
    z = zlib.compressobj(9)
    block = bytes(1 << 20)
    data = b"".join(z.compress(block) for _ in range(megabytes)) + z.flush()
    return data


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


digit = grey(60, 80, one)
write("plain-one.png", png(60, 80, digit))
text_bomb = bomb(8192)  # 8 GB of zeros, about 8 MB deflated
write("png-ztxt-bomb.png", png(60, 80, digit, extra=chunk(b"zTXt", b"Comment\x00\x00" + text_bomb)))
write("png-itxt-bomb.png", png(60, 80, digit, extra=chunk(b"iTXt", b"Comment\x00\x01\x00\x00\x00" + text_bomb)))
del text_bomb
# IDAT that inflates far past what the header announces (10 x 10 pixels, 1 GB of data)
write("png-idat-bomb.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 0, 0, 0, 0))
      + chunk(b"IDAT", bomb(1024)) + chunk(b"IEND", b""))
write("png-huge-dimensions.png", png(100000, 100000, b"\x00" * 10))
write("png-wide-strip.png", png(40000, 1, b"\x00" + b"\xff" * 40000))
write("png-1x1.png", png(1, 1, b"\x00\x00"))
full = png(60, 80, digit)
write("png-truncated.png", full[: len(full) // 2])
write("png-lying-chunk-length.png", full[:33] + struct.pack(">I", 0x7FFFFFF0) + b"IDAT" + full[41:80])
rows16 = bytearray()
for y in range(80):
    rows16.append(0)
    for x in range(60):
        rows16 += b"\x00\x00" if one(x, y) else b"\xff\xff"
write("png-16bit.png", png(60, 80, bytes(rows16), depth=16))
rowsp = bytearray()
for y in range(80):
    rowsp.append(0)
    rowsp.extend(1 if one(x, y) else 0 for x in range(60))
write("png-palette.png", png(60, 80, bytes(rowsp), colour=3, palette=b"\xff\xff\xff\x10\x10\x60"))
rowsa = bytearray()
for y in range(80):
    rowsa.append(0)
    for x in range(60):
        rowsa += b"\x00\xff" if one(x, y) else b"\xff\x00"
write("png-grey-alpha.png", png(60, 80, bytes(rowsa), colour=4))
# many small blobs of ink: segmentation and search must not grow without bound
for side, count in ((500, 600), (1000, 2500), (2000, 10000)):
    rnd = random.Random(side)
    dots = set()
    for _ in range(count):
        cx, cy = rnd.randrange(4, side - 4), rnd.randrange(6, side - 6)
        for dy in range(-4, 5):
            for dx in range(-2, 3):
                dots.add((cx + dx, cy + dy))
    rows = bytearray()
    for y in range(side):
        rows.append(0)
        rows.extend(0 if (x, y) in dots else 255 for x in range(side))
    write(f"png-{count}-blobs-{side}.png", png(side, side, bytes(rows)))
# BMP: a 54-byte header that announces an embedded 2 GB PNG; and one announcing 2 billion pixels
bmp = bytearray(54)
bmp[0:2] = b"BM"
struct.pack_into("<IiiHHIIiiII", bmp, 14, 40, 16, 16, 1, 0, 5, 0x7FFFFFF0, 0, 0, 0, 0)
write("bmp-embedded-png.bmp", bytes(bmp))
bmp = bytearray(54)
bmp[0:2] = b"BM"
struct.pack_into("<IiiHHIIiiII", bmp, 14, 40, 50000, 50000, 1, 24, 0, 0, 0, 0, 0, 0)
write("bmp-huge-dimensions.bmp", bytes(bmp))
# TIFF: 64 x 64 pixels in one 32768 x 32768 tile
entries = [(256, 3, 1, 64), (257, 3, 1, 64), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1), (277, 3, 1, 1),
           (322, 3, 1, 32768), (323, 3, 1, 32768), (324, 4, 1, 200), (325, 4, 1, 4096)]
ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + struct.pack("<I", 0)
tiff = b"II*\x00" + struct.pack("<I", 8) + ifd
write("tiff-huge-tile.tif", tiff + bytes(200 - len(tiff)) + bytes(4096))
write("tiff-truncated.tif", b"II*\x00" + struct.pack("<I", 8) + ifd[:20])
# GIF: 2 frames, and a logical screen of 65535 x 65535 around a 2 x 2 frame
def gif(width, height, frames):
    g = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\xff\xff\xff\x00\x00\x00"
    g += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for _ in range(frames):
        g += b"\x21\xf9\x04\x00\x0a\x00\x00\x00"
        g += b"\x2c" + struct.pack("<HHHHB", 0, 0, 2, 2, 0) + b"\x02\x02\x44\x01\x00"
    return g + b"\x3b"
write("gif-animated.gif", gif(2, 2, 50))
write("gif-huge-screen.gif", gif(65535, 65535, 1))
write("gif-truncated.gif", gif(2, 2, 3)[:30])
write("jpeg-truncated.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb")
# JPEG whose header says 65500 x 65500
sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 65500, 65500, 1) + b"\x01\x11\x00"
write("jpeg-huge-dimensions.jpg", b"\xff\xd8" + sof + b"\xff\xd9")
write("empty.png", b"")
write("text-named-png.png", b"this is not an image\n" * 10)
write("random-bytes.jpg", random.Random(7).randbytes(5000))
# for the server: a JSON body of 2.5 million numbers, and one nested 100,000 deep
write("json-huge-array.json", b'{"pixels": [' + b"0," * 2_500_000 + b'0]}')
write("json-deep-nesting.json", b'{"pixels": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
print(out)
