#!/usr/bin/env python3
"""Renders every golden HTML report in a real browser (Debian's headless
chromium) and fails unless each page

  - logs nothing to the console: Chromium's `--enable-logging=stderr --v=0`
    prints every console message as an `INFO:CONSOLE` line, and our pages run
    no script, so any such line is a Content-Security-Policy violation, a
    blocked load (an external URL, font or image) or a parse-time error;
  - draws something: the screenshot (a PNG, decoded here with the standard
    library's zlib) has more than a handful of distinct colours and more than
    1% of its pixels differ from the background;
each in the light and in the dark colour scheme.

  dev/check_html_reports.py [--chromium chromium] [--screenshots DIR] [PAGE.html ...]

Without pages, every *.html under Tests/Fixtures/golden/. With --screenshots,
the screenshots are kept there (dev/screenshots.sh uses this for the README).
"""
import argparse
import glob
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def png_pixels(path):
    """(width, height, rows of pixel tuples) of an 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        filt, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([bytes(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return width, height, rows


def check(page, chromium, shot, dark=False):
    problems = []
    url = "file://" + os.path.abspath(page)
    # preferredColorScheme=0 is dark: the page's prefers-color-scheme styles.
    scheme = ["--blink-settings=preferredColorScheme=0"] if dark else []
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
         f"--screenshot={shot}", "--window-size=1100,1400"] + scheme + [url],
        capture_output=True, text=True, timeout=120)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    problems += [f"console: {line}" for line in console]
    if run.returncode != 0 or not os.path.exists(shot):
        return problems + [f"chromium exited {run.returncode}: {run.stderr[-500:]}"]
    width, height, rows = png_pixels(shot)
    counts = {}
    for row in rows:
        for px in row:
            counts[px] = counts.get(px, 0) + 1
    background = max(counts, key=counts.get)
    drawn = 1 - counts[background] / (width * height)
    if len(counts) < 16 or drawn < 0.01:
        problems.append(f"blank screenshot: {len(counts)} distinct colours, {drawn:.2%} drawn")
    print(f"  {page}{' (dark)' if dark else ''}: {len(counts)} colours, {drawn:.1%} drawn, {len(console)} console messages")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", default="chromium")
    ap.add_argument("--screenshots")
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args()
    pages = args.pages or sorted(glob.glob("Tests/Fixtures/golden/**/*.html", recursive=True))
    if not pages:
        sys.exit("no HTML pages to check")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            name = os.path.splitext(os.path.basename(page))[0]
            folder = os.path.basename(os.path.dirname(page))
            shot = os.path.join(args.screenshots or tmp, f"{folder}-{name}.png")
            dark = os.path.join(tmp, f"{folder}-{name}-dark.png")
            for problem in check(page, args.chromium, shot) + check(page, args.chromium, dark, dark=True):
                print(f"FAIL {page}: {problem}")
                failures += 1
    print(f"{len(pages)} pages rendered, {failures} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
