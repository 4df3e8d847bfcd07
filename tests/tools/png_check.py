#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# png_check.py FILE.png: prints "WIDTH HEIGHT INK BBOX" for an 8-bit RGB or
# RGBA PNG (what Chromium's --screenshot writes): its size, the share of its
# pixels that are not near-white (0..1), and the bounding box of those pixels
# as x0,y0,x1,y1. Only the standard library: no imaging package needed.
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = ihdr
    if depth != 8 or color not in (2, 6) or interlace:
        raise SystemExit(f"{path}: not 8-bit RGB/RGBA non-interlaced")
    return width, height, 3 if color == 2 else 4, zlib.decompress(idat)


def unfilter(width, height, bpp, raw):
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return rows


def main():
    width, height, bpp, raw = read_png(sys.argv[1])
    rows = unfilter(width, height, bpp, raw)
    ink, x0, y0, x1, y1 = 0, width, height, -1, -1
    for y, line in enumerate(rows):
        for x in range(width):
            r, g, b = line[x * bpp:x * bpp + 3]
            if r + g + b < 600:
                ink += 1
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    print(f"{width} {height} {ink / (width * height):.4f} {x0},{y0},{x1},{y1}")


main()
