"""Rebuild matchplan/fonts/NotoSansCJKsc-Subset.ttf from Debian's fonts-noto-cjk.

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x
    python tools/build_cjk_font.py x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Keeps the characters of GB 2312, JIS X 0208 and KS X 1001 plus CJK punctuation
and full-width forms, and converts the CFF outlines to TrueType (quadratic)
ones, after fontTools' Snippets/otf2ttf.py.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

OUT = Path(__file__).resolve().parents[1] / "matchplan" / "fonts" / "NotoSansCJKsc-Subset.ttf"
SC_INDEX = 2  # Noto Sans CJK SC in the collection


def characters() -> set[int]:
    found: set[str] = set()
    for encoding in ("gb2312", "shift_jis", "euc_kr"):
        for high in range(0x80, 0x100):
            for low in range(0x40, 0x100):
                with contextlib.suppress(UnicodeDecodeError):
                    found.update(bytes([high, low]).decode(encoding))
    codes = {ord(c) for c in found if ord(c) >= 0x2E80}
    return codes | set(range(0x3000, 0x3100)) | set(range(0xFF00, 0xFFF0))


def to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_set:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in [
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ]:
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def main(collection: str) -> None:
    font = TTCollection(collection).fonts[SC_INDEX]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters()))
    subsetter.subset(font)
    to_truetype(font)
    font.save(OUT)


if __name__ == "__main__":
    main(sys.argv[1])
