"""Paper sizes, paragraph styles and the only two ways text enters a reportlab Paragraph.

reportlab's Paragraph parses markup: unescaped `<` or `&` in data breaks the document or
injects tags (`<img src=…>` reads local files, lessons.md). So every string goes through
`plain()` (user text: printed literally) or `corpus_markup()` (resolution text: escaped,
then its *emphasis* becomes <i>); nothing else builds Paragraph markup from data.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from fieldapp.core.errors import InvalidInput

PAPERS = ("a4", "letter")
LANGS = ("en", "fr", "both")
SENSITIVITIES = ("unclassified", "confidential", "strictly-confidential")
MARKING_COLOURS = {"unclassified": "#1d5e20", "confidential": "#9a5b00",
                   "strictly-confidential": "#b00020"}
# C0/C1 controls, lone surrogates and non-characters would corrupt the PDF text; shown as U+FFFD.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_EMPH = re.compile(r"\*([^*\n]+)\*")


def page_size(paper: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, LETTER

    sizes = {"a4": A4, "letter": LETTER}
    if paper not in sizes:
        raise InvalidInput(f"unknown paper size {paper!r} (use a4 or letter)")
    return sizes[paper]


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InvalidInput(f"unknown language {lang!r} (use en, fr or both)")
    return lang


def highest_sensitivity(values) -> str:
    """The most restrictive of the given sensitivities ('unclassified' when empty)."""
    rank = {s: i for i, s in enumerate(SENSITIVITIES)}
    best = 0
    for value in values:
        best = max(best, rank.get(value, len(SENSITIVITIES) - 1))  # unknown: assume the worst
    return SENSITIVITIES[best]


def _clean(text: str) -> str:
    return _BAD_CHARS.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")


def plain(text: str | None) -> str:
    """User text as Paragraph markup that prints every character literally (no tags)."""
    return escape(_clean(text or "")).replace("\t", " ").replace("\n", "<br/>")


def corpus_markup(text: str | None) -> str:
    """Resolution text: escaped first, then *emphasis* rendered in italics."""
    return _EMPH.sub(r"<i>\1</i>", escape(_clean(text or ""))).replace("\n", " ")


def make_styles(base: float = 10.0) -> dict:
    """The paragraph styles of every document (DejaVu; fonts registered here)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    from fieldapp.core.pdf.fonts import register_fonts

    sans, serif = register_fonts()
    lead = base * 1.28
    body = ParagraphStyle("body", fontName=serif, fontSize=base, leading=lead,
                          alignment=TA_JUSTIFY, spaceAfter=base * 0.45, splitLongWords=1,
                          allowWidows=0, allowOrphans=0)
    grey = colors.HexColor("#555555")
    return {
        "body": body,
        "body_left": ParagraphStyle("body_left", parent=body, alignment=TA_LEFT),
        "sans": ParagraphStyle("sans", parent=body, fontName=sans, alignment=TA_LEFT),
        "title": ParagraphStyle("title", fontName=f"{sans}-Bold", fontSize=base * 1.6,
                                leading=base * 2.0, alignment=TA_CENTER,
                                spaceAfter=base * 0.5),
        "subtitle": ParagraphStyle("subtitle", fontName=sans, fontSize=base * 1.05,
                                   leading=base * 1.4, alignment=TA_CENTER, textColor=grey,
                                   spaceAfter=base * 0.3),
        "h1": ParagraphStyle("h1", fontName=f"{sans}-Bold", fontSize=base * 1.25,
                             leading=base * 1.6, spaceBefore=base * 0.9, spaceAfter=base * 0.45,
                             keepWithNext=1, textColor=colors.HexColor("#1a3a5c")),
        "h2": ParagraphStyle("h2", fontName=f"{sans}-Bold", fontSize=base * 1.05,
                             leading=base * 1.4, spaceBefore=base * 0.7, spaceAfter=base * 0.35,
                             keepWithNext=1),
        "h3": ParagraphStyle("h3", fontName=f"{sans}-Bold", fontSize=base * 0.95,
                             leading=base * 1.25, spaceBefore=base * 0.5,
                             spaceAfter=base * 0.2, keepWithNext=1),
        "small": ParagraphStyle("small", fontName=sans, fontSize=base * 0.8,
                                leading=base * 1.0, textColor=grey, splitLongWords=1),
        "meta": ParagraphStyle("meta", fontName=f"{sans}-Bold", fontSize=base * 0.8,
                               leading=base * 1.05, textColor=grey, spaceBefore=base * 0.5,
                               keepWithNext=1, splitLongWords=1),
        "note": ParagraphStyle("note", fontName=sans, fontSize=base * 0.9,
                               leading=base * 1.18, spaceAfter=base * 0.2, splitLongWords=1),
        "cell": ParagraphStyle("cell", fontName=sans, fontSize=base * 0.82,
                               leading=base * 1.02, splitLongWords=1),
        "cell_bold": ParagraphStyle("cell_bold", fontName=f"{sans}-Bold",
                                    fontSize=base * 0.82, leading=base * 1.02,
                                    splitLongWords=1),
        "notice": ParagraphStyle("notice", fontName=f"{sans}-Italic", fontSize=base * 0.85,
                                 leading=base * 1.1, alignment=TA_CENTER, textColor=grey,
                                 spaceAfter=base * 0.6),
    }
