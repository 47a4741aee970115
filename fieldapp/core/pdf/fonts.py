"""DejaVu fonts for reportlab (embedded subsets), and one reportlab line-breaking fix.

Built-in Helvetica draws a black box for U+202F (lessons.md); the bundled DejaVu draws every
character of both texts. Registration is idempotent and happens on first use (lazy import).
"""
from __future__ import annotations

import re
from functools import lru_cache

from fieldapp.core.paths import resources_dir

SANS = "FieldSans"
SERIF = "FieldSerif"
NNBSP = "\u202f"

_FILES = {
    SANS: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    SERIF: ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register both DejaVu families (normal, bold, italic, bold italic); return their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for family, files in _FILES.items():
        names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
        for name, stem in zip(names, files):
            pdfmetrics.registerFont(TTFont(name, str(folder / f"{stem}.ttf")))
        pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1],
                                      italic=names[2], boldItalic=names[3])
    keep_narrow_no_break_space()
    return SANS, SERIF


def keep_narrow_no_break_space() -> None:
    """Make reportlab treat U+202F as part of a word, as Unicode says it is.

    reportlab's Paragraph lists U+202F NARROW NO-BREAK SPACE among the characters it splits
    words on, so French text ("13 289", "« les parties »", "30 %") could break a line at it,
    and its parser even replaces it by a plain space, so the character never reaches the
    PDF. We patch the module's whitespace set and its `split` (same behaviour otherwise);
    tests/core/test_pdf_mandate.py checks that U+202F survives in the PDF text.
    """
    from reportlab.platypus import paragraph as rl_paragraph

    if getattr(rl_paragraph, "_fieldapp_nnbsp", False):
        return
    wsc = rl_paragraph._wsc.replace(NNBSP, "")
    splitter = re.compile("[%s]+" % re.escape(wsc)).split

    def split(text, delim=None):
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if isinstance(delim, bytes):
            delim = delim.decode("utf8")
        if delim is not None:
            return text.split(delim)
        if "\xa0" in text:  # reportlab's own branch: keeps empty strings at the ends
            return splitter(text)
        return [w for w in splitter(text) if w]

    rl_paragraph._wsc = wsc
    rl_paragraph._wsc_re_split = splitter
    rl_paragraph._wsc_end_search = re.compile("[%s]+$" % re.escape(wsc)).search
    rl_paragraph.split = split
    rl_paragraph._fieldapp_nnbsp = True
