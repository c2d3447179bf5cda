#!/usr/bin/env python3
"""Builds assets/fonts/BurdenSans.ttf, the one font compiled into burden's charts.

Latin, Greek and the symbols the charts use come from DejaVu Sans (as before, so
Latin text keeps its look and widths); Hangul comes from Nanum Gothic (OFL 1.1,
Debian's fonts-nanum), so that Korean place names do not render as boxes. Both are
subset to what the charts need, DejaVu is scaled to Nanum's 1000 units per em, and
the two are merged. The result is renamed "Burden Sans": the OFL reserves the name
Nanum for unmodified fonts. Licences: LICENSE-DejaVu.txt and LICENSE-Nanum.txt.

Needs fonttools (pip install fonttools==4.*). Run from the repository root:
    python3 assets/fonts/build-font.py /usr/share/fonts/truetype/nanum/NanumGothic.ttf
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

HERE = Path(__file__).resolve().parent
DEJAVU = HERE / "DejaVuSans.ttf"
OUT = HERE / "BurdenSans.ttf"

# Basic Latin, Latin-1, Latin Extended-A (McCune-Reischauer ŏ ŭ), Greek (σ μ Σ),
# general punctuation (– — … ‰), super/subscripts, currency (₩ €), arrows, maths
# operators (− ± × ≥ ≤ ≈ √), ⌊ ⌋, box drawing and block elements.
LATIN = "U+0020-007E,U+00A0-017F,U+0370-03FF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2190-21FF,U+2200-22FF,U+2308-230B,U+2500-259F"
# Hangul Jamo, CJK symbols and punctuation, compatibility Jamo, syllables.
HANGUL = "U+1100-11FF,U+3000-303F,U+3130-318F,U+AC00-D7A3"


def subset_font(path, unicodes, out):
    options = subset.Options()
    options.layout_features = []  # plotters draws glyph by glyph: no shaping tables
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # charts are rasterised by ab_glyph, which ignores hints
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    for table in ("GSUB", "GPOS", "GDEF", "kern"):
        if table in font:
            del font[table]
    font.save(out)


def main():
    nanum = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    tmp = HERE / "tmp"
    tmp.mkdir(exist_ok=True)
    subset_font(DEJAVU, LATIN, tmp / "latin.ttf")
    subset_font(nanum, HANGUL, tmp / "hangul.ttf")
    latin = TTFont(tmp / "latin.ttf")
    scale_upem(latin, 1000)
    latin.save(tmp / "latin1000.ttf")
    # The first font wins where both have a character, so Latin stays DejaVu's; the
    # vertical metrics (ascent 928, descent 236 per 1000) are DejaVu's too and hold
    # Nanum's Hangul (920 and 230).
    merged = Merger().merge([str(tmp / "latin1000.ttf"), str(tmp / "hangul.ttf")])
    names = merged["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    names.setName("Burden Sans", 1, 3, 1, 0x409)
    names.setName("Regular", 2, 3, 1, 0x409)
    names.setName("Burden Sans Regular; DejaVu Sans subset + Nanum Gothic Hangul subset", 3, 3, 1, 0x409)
    names.setName("Burden Sans", 4, 3, 1, 0x409)
    names.setName("BurdenSans-Regular", 6, 3, 1, 0x409)
    names.setName(
        "Copyright (c) 2003 Bitstream, Inc. (DejaVu changes are in the public domain); "
        "Copyright (c) 2010, NAVER Corporation, with Reserved Font Name Nanum, Naver Nanum, "
        "NanumGothic, Naver NanumGothic, NanumMyeongjo, Naver NanumMyeongjo, NanumBrush, "
        "Naver NanumBrush, NanumPen, Naver NanumPen",
        0, 3, 1, 0x409,
    )
    merged.save(OUT)
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    print(f"{OUT}: {OUT.stat().st_size} bytes, {merged['maxp'].numGlyphs} glyphs")


if __name__ == "__main__":
    main()
