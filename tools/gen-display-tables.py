#!/usr/bin/env python3
"""gen-display-tables.py - core/aw_display_tab.c: the column-width and
ASCII-fold tables of the character-display renderer (core/aw_display.c).

Input: the Unicode Character Database as Debian's package unicode-data
installs it (/usr/share/unicode/EastAsianWidth.txt, UnicodeData.txt,
PropList.txt;
Unicode License, see tests/data/LICENSES.md). Run from the repository top:

    python3 tools/gen-display-tables.py [UCD_DIR] > core/aw_display_tab.c

Width classes (what a terminal or a character display gives a code point):
  0  general category Mn, Me, Cf (except the visible
     Prepended_Concatenation_Mark ones, PropList.txt), and Hangul
     medial/final jamo U+1160..11FF, U+D7B0..D7FF
  2  East_Asian_Width W or F, and the blocks EastAsianWidth.txt declares W
     by default (CJK A, CJK, CJK compatibility, planes 2 and 3)
  1  everything else (controls are never emitted, so they need no class)
Ranges are packed as (start << 11) | (length - 1) in one uint32_t, long
ranges split, sorted, so a lookup is one binary search per table.

Fold: for U+00A0..U+024F, the general punctuation block and the stars
U+2605, U+2606, U+2B50 (the pages' star badges), the ASCII text
a display without the glyph shows: the canonical/compatibility
decomposition's first ASCII letter (e -> e for U+00E9), else a short list of
letters with no decomposition (ae, o, ss, d, l, oe, th), else nothing
(the renderer shows its fallback mark).
"""
import os
import sys

ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"

names = {}
cat = {}
decomp = {}
with open(os.path.join(ucd, "UnicodeData.txt"), encoding="utf-8") as f:
    first = None
    for line in f:
        p = line.rstrip("\n").split(";")
        cp = int(p[0], 16)
        if p[1].endswith(", First>"):
            first = cp
            continue
        if p[1].endswith(", Last>"):
            for c in range(first, cp + 1):
                cat[c] = p[2]
            continue
        cat[cp] = p[2]
        names[cp] = p[1]
        if p[5]:
            d = p[5].split()
            if d[0].startswith("<"):
                d = d[1:]
            decomp[cp] = [int(x, 16) for x in d]

wide = set()
with open(os.path.join(ucd, "EastAsianWidth.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#")[0].strip()
        if not line:
            continue
        r, w = line.split(";")
        w = w.strip()
        if w not in ("W", "F"):
            continue
        if ".." in r:
            a, b = r.split("..")
            wide.update(range(int(a, 16), int(b, 16) + 1))
        else:
            wide.add(int(r, 16))
for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
             (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)):
    for c in range(a, b + 1):
        if cat.get(c) not in ("Mn", "Me", "Cf"):
            wide.add(c)

# visible format characters (Arabic number signs, ...) keep their column
pcm = set()
with open(os.path.join(ucd, "PropList.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#")[0].strip()
        if line.endswith("Prepended_Concatenation_Mark"):
            r = line.split(";")[0].strip()
            a, b = (r.split("..") + [r])[:2]
            pcm.update(range(int(a, 16), int(b, 16) + 1))
zero = set(c for c, k in cat.items() if k in ("Mn", "Me", "Cf")) - pcm
# Hangul medial vowels and final consonants join the syllable before them
zero.update(range(0x1160, 0x1200))
zero.update(range(0xD7B0, 0xD800))
wide -= zero


def ranges(s):
    out = []
    for c in sorted(s):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    packed = []
    for a, b in out:
        while a <= b:
            n = min(b - a + 1, 2048)
            packed.append((a << 11) | (n - 1))
            a += n
    return packed


def fold(cp):
    """ASCII text of cp, or None."""
    special = {0xC6: "AE", 0xE6: "ae", 0xD8: "O", 0xF8: "o", 0xDF: "ss",
               0xD0: "D", 0xF0: "d", 0xDE: "Th", 0xFE: "th", 0x110: "D",
               0x111: "d", 0x141: "L", 0x142: "l", 0x152: "OE", 0x153: "oe",
               0x131: "i", 0x138: "k", 0x14A: "N", 0x14B: "n", 0x166: "T",
               0x167: "t", 0x126: "H", 0x127: "h", 0x180: "b", 0x181: "B",
               0xA0: " ", 0xAB: "<<", 0xBB: ">>", 0xB7: ".", 0xD7: "x",
               0xA9: "(c)", 0xAE: "(R)", 0xB0: "o", 0xA6: "|", 0xAD: "-",
               0xF7: "/", 0xBF: "?", 0xA1: "!",
               0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-",
               0x2015: "-", 0x2018: "'", 0x2019: "'", 0x201A: ",", 0x201B: "'",
               0x201C: '"', 0x201D: '"', 0x201E: '"', 0x201F: '"',
               0x2020: "+", 0x2022: "*", 0x2026: "...", 0x2032: "'",
               0x2033: '"', 0x2039: "<", 0x203A: ">",
               # stars: the star badges of the pages ("⭐1.2k")
               0x2605: "*", 0x2606: "*", 0x2B50: "*"}
    if cp in special:
        return special[cp]
    seen = 0
    while cp in decomp and seen < 4:
        cp = decomp[cp][0]
        seen += 1
    if cp < 0x7F and cp >= 0x20:
        return chr(cp)
    return None


folds = []
for cp in list(range(0xA0, 0x250)) + list(range(0x2010, 0x2040)) + [0x2605, 0x2606, 0x2B50]:
    t = fold(cp)
    if t is not None:
        folds.append((cp, t))

w = sys.stdout.write
w("/*\n * aw_display_tab.c - GENERATED by tools/gen-display-tables.py from the\n"
  " * Unicode Character Database 15.0 (Debian package unicode-data:\n"
  " * EastAsianWidth.txt, UnicodeData.txt, PropList.txt). Copyright (c) 1991-2022 Unicode,\n"
  " * Inc.; distributed under the Unicode License (notice in\n"
  " * tests/data/LICENSES.md). Do not edit: run the script again.\n *\n"
  " * Column widths of code points (0: combining marks and format\n"
  " * characters, 2: East Asian Wide/Fullwidth) and the ASCII folds used when\n"
  " * a display lacks a glyph. Ranges are (start << 11) | (length - 1).\n */\n")
w('#include "aw_display.h"\n\n')
for name, s in (("zero", zero), ("wide", wide)):
    p = ranges(s)
    w("const uint32_t aw_disp_%s_tab[%d] = {\n" % (name, len(p)))
    for i in range(0, len(p), 6):
        w("\t" + " ".join("0x%08xu," % x for x in p[i:i + 6]) + "\n")
    w("};\nconst size_t aw_disp_%s_n = %d;\n\n" % (name, len(p)))
# folds: code points (uint16) + NUL-separated texts, index by offset (uint16)
w("/* folded text of each code point: offset into aw_disp_fold_text */\n")
w("const uint16_t aw_disp_fold_cp[%d] = {\n" % len(folds))
for i in range(0, len(folds), 10):
    w("\t" + " ".join("0x%04x," % c for c, _ in folds[i:i + 10]) + "\n")
w("};\n")
text = ""
offs = []
for _, t in folds:
    offs.append(len(text))
    text += t
offs.append(len(text))
w("/* text of fold i: aw_disp_fold_text[off[i] .. off[i + 1]) */\n")
w("const uint16_t aw_disp_fold_off[%d] = {\n" % len(offs))
for i in range(0, len(offs), 12):
    w("\t" + " ".join("%d," % o for o in offs[i:i + 12]) + "\n")
w("};\nconst size_t aw_disp_fold_n = %d;\n" % len(folds))
toks = [c.replace("\\", "\\\\").replace('"', '\\"') for c in text]
w("const char aw_disp_fold_text[] =\n")
for i in range(0, len(toks), 64):
    w('\t"%s"\n' % "".join(toks[i:i + 64]))
w(";\n")
