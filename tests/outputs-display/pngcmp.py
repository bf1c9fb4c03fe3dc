#!/usr/bin/env python3
"""pngcmp.py PNG PBM - decode the PNG with zlib (any valid PNG of bit depth
1, grayscale, filter 0..4 rows are accepted: this is an independent
reader, not our encoder run backwards), check every chunk CRC, and compare
its pixels with the PBM P4 (1 = black; PNG gray 0 = black)."""
import struct
import sys
import zlib

png = open(sys.argv[1], "rb").read()
pbm = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "no PNG signature"
i, idat, ihdr, end = 8, b"", None, False
while i < len(png):
    n, = struct.unpack(">I", png[i:i + 4])
    t, c = png[i + 4:i + 8], png[i + 8:i + 8 + n]
    crc, = struct.unpack(">I", png[i + 8 + n:i + 12 + n])
    assert zlib.crc32(t + c) == crc, "bad CRC in %r" % t
    if t == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", c)
    elif t == b"IDAT":
        idat += c
    elif t == b"IEND":
        end = True
    i += 12 + n
assert end and i == len(png), "no IEND or trailing bytes"
w, h, depth, color, comp, filt, inter = ihdr
assert (depth, color, comp, filt, inter) == (1, 0, 0, 0, 0), ihdr
raw = zlib.decompress(idat)
stride = (w + 7) // 8
assert len(raw) == h * (stride + 1), "image data length"
rows, prev = [], bytes(stride)
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - 1] if x else 0
        b = prev[x]
        cc = prev[x - 1] if x else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - cc
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - cc)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else cc)) & 255
    rows.append(bytes(line))
    prev = line
# PBM P4 header: "P4", whitespace, width, whitespace, height, one whitespace
parts, j = [], 2
while len(parts) < 2:
    while pbm[j:j + 1].isspace():
        j += 1
    k = j
    while not pbm[k:k + 1].isspace():
        k += 1
    parts.append(int(pbm[j:k]))
    j = k
j += 1
assert pbm[:2] == b"P4" and parts == [w, h], "PBM size %r, PNG %dx%d" % (parts, w, h)
bits = pbm[j:]
assert len(bits) == stride * h, "PBM data length"
diff = 0
for y in range(h):
    for x in range(w):
        ink = bits[y * stride + x // 8] >> (7 - x % 8) & 1
        gray = rows[y][x // 8] >> (7 - x % 8) & 1
        diff += ink == gray
assert diff == 0, "%d pixels differ" % diff
black = sum(bin(b).count("1") for b in bits)
assert 0 < black < w * h // 2, "implausible ink: %d of %d pixels" % (black, w * h)
print("ok %dx%d, %d black pixels" % (w, h, black))
