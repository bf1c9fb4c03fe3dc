#!/usr/bin/env python3
"""textcheck.py OUT COLS ROWS utf8|ascii EXPECTED-WEEK-BODY.md

Checks one `awtrack display --cols --rows` output independently of our
width tables: Python's unicodedata gives the columns (East Asian Wide /
Fullwidth 2, combining marks and format characters 0). Then, against
trackawesomelist's real page, the newest week's item count and its first
item's link text (the status row shows "N new" / "+N"; the first item row
starts with that title, as far as it fits)."""
import re
import sys
import unicodedata

out, cols, rows, mode, page = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
data = open(out, "rb").read()
text = data.decode("utf-8")  # raises on invalid UTF-8


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


lines = text.split("\n")
assert lines[-1] == "", "output does not end with a newline"
lines = lines[:-1]
assert len(lines) == rows, "%d lines, expected %d" % (len(lines), rows)
for n, l in enumerate(lines):
    for ch in l:
        o = ord(ch)
        assert o >= 0x20 and not (0x7f <= o < 0xa0), "control U+%04X in line %d" % (o, n)
        if mode == "ascii":
            assert o < 0x7f, "non-ASCII U+%04X in line %d (--ascii)" % (o, n)
    assert width(l) == cols, "line %d is %d columns wide, not %d: %r" % (n, width(l), cols, l)

# the real page: first "## [" section = the newest week
body = open(page, encoding="utf-8").read()
sec = body.split("\n## [")[1].split("\n## [")[0]
# items: list / table entries ("- ...", "*   ..."), or headings with a link (heading
# mode: "### [Name](url)"; category headings have no link)
items = [l for l in sec.split("\n") if re.match(r"([-*+] +|#+ \[)", l)]
count = len(items)
first = re.search(r"\[([^\]]*)\]\(", items[0]).group(1)
first = re.sub(r"\\(.)", r"\1", first)
if mode == "ascii":
    first = first.replace("\u2b50", "*")
    first = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
if rows >= 4:
    status = lines[1].strip()
    assert re.search(r"(^|\s)(%d new|\+%d)$" % (count, count), status), \
        "status %r, the real page has %d new" % (status, count)
    item = lines[2]
else:
    assert lines[0].rstrip().endswith("+%d" % count) or cols < 12, \
        "first row %r does not end with +%d" % (lines[0], count)
    item = lines[1] if rows >= 2 else None
if item is not None:
    shown = item[2:].rstrip()
    for cut in ("\u2026", ".."):
        if shown.endswith(cut) and not first.startswith(shown):
            shown = shown[:-len(cut)]
            break
    # star badges: "⭐" is "*" in ASCII mode
    want = first.replace("\u2b50", "*") if mode == "ascii" else first
    assert item.startswith("- ") and want.startswith(shown.rstrip()) and len(shown) > 0, \
        "first item %r is not the real page's first title %r" % (item, want)
print("ok")
