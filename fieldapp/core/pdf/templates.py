"""Page frame shared by every document: markings, page numbers, outline, progress.

Every page carries, top and bottom, the highest sensitivity of the content included, the
document symbol, the "status as of" date and (when French text is printed) the label of the
French text; the footer numbers pages "Page N / M" (M is drawn through a PDF form defined
when the document is saved, so one pass is enough).
"""
from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass, field
from typing import Callable

from fieldapp.core import corpus
from fieldapp.core.errors import FieldappError
from fieldapp.core.pdf.labels import label
from fieldapp.core.pdf.styles import MARKING_COLOURS, page_size

Progress = Callable[[float, str], None]
MM = 72 / 25.4
# UN documents write dates day first in English too ("29 June 2020"): British English locale.
DATE_LOCALES = {"en": "en_GB", "fr": "fr"}


class Cancelled(FieldappError):
    """Generation stopped by the user (nothing was written)."""


@dataclass
class Marking:
    """What the header and footer of every page say."""

    title: str
    lang: str
    sensitivity: str = "unclassified"
    as_of: dt.date = field(default_factory=dt.date.today)
    translation_note: str | None = None
    symbol: str = corpus.SYMBOL
    author: str = ""

    def sensitivity_text(self) -> str:
        return label(self.sensitivity, self.lang).upper()

    def as_of_text(self) -> str:
        from fieldapp.core.i18n import format_date

        dates = {lg: format_date(self.as_of, "long", lang=DATE_LOCALES[lg]) for lg in ("en", "fr")}
        return label("status_as_of", self.lang, date=dates)


def anchor_class():
    """An invisible flowable that drops a bookmark, an outline entry and a TOC entry."""
    from reportlab.platypus.flowables import Flowable

    class Anchor(Flowable):
        _ZEROSIZE = 1

        def __init__(self, key: str, title: str, level: int, toc: bool = False):
            super().__init__()
            self.key, self.title, self.level, self.toc = key, title, level, toc
            self.keepWithNext = True
            self.width = self.height = 0

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            doc = getattr(self.canv, "_fieldapp_doc", None)
            level = self.level if doc is None else doc.outline_level(self.level)
            self.canv.bookmarkHorizontal(self.key, 0, 0)
            self.canv.addOutlineEntry(self.title, self.key, level=level, closed=level >= 1)

    return Anchor


def contents_table(entries: list[tuple[str, str, int]], styles: list, width: float):
    """A table of contents laid out in ONE pass: titles now, page numbers at save time.

    `entries` are (anchor key, title, level) of Anchors with toc=True further on; each page
    number is a PDF form filled in when the document is saved (so no second layout pass).
    """
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.platypus.flowables import Flowable

    from fieldapp.core.pdf.styles import plain

    class PageRef(Flowable):
        def __init__(self, key: str):
            super().__init__()
            self.key = key

        def wrap(self, aw, ah):
            self.width, self.height = aw, 10
            return aw, 10

        def draw(self):
            doc = getattr(self.canv, "_fieldapp_doc", None)
            form = f"fieldapp_toc_{len(doc.toc_forms)}"
            form = doc.toc_forms.setdefault(self.key, form)
            self.canv.saveState()
            self.canv.translate(self.width, 1.5)
            self.canv.doForm(form)
            self.canv.restoreState()

    rows = [[Paragraph(plain(title), styles[min(level, len(styles) - 1)]), PageRef(key)]
            for key, title, level in entries]
    table = Table(rows, colWidths=[width - 40, 40])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.2, "#dddddd")]))
    return table


class _Helpers:
    """Lazy class holders (reportlab is imported only when a document is built)."""

    anchor = None
    doc = None


def Anchor(key: str, title: str, level: int, toc: bool = False):
    if _Helpers.anchor is None:
        _Helpers.anchor = anchor_class()
    return _Helpers.anchor(key, title, level, toc)


def _doc_class():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from fieldapp.core.pdf.fonts import register_fonts

    sans, _serif = register_fonts()

    class PagedCanvas(Canvas):
        """Defines the page-count form (used on every page) once the last page is done."""

        def __init__(self, *args, **kw):
            kw["initialFontName"] = kw.get("initialFontName") or sans  # no stray Helvetica
            super().__init__(*args, **kw)

        def save(self):
            self.beginForm("fieldapp_page_count")
            self.setFont(sans, 7.5)
            self.drawString(0, 0, str(self._pageNumber - 1))
            self.endForm()
            doc = getattr(self, "_fieldapp_doc", None)
            for key, form in getattr(doc, "toc_forms", {}).items():
                self.beginForm(form)
                self.setFont(sans, 8.5)
                self.drawRightString(0, 0, str(doc.toc_pages.get(key, "?")))
                self.endForm()
            super().save()

    class MarkedDoc(BaseDocTemplate):
        def __init__(self, target, *, paper: str, marking: Marking,
                     progress: Progress | None = None, total: int = 0, **kw):
            width, height = page_size(paper)
            margin = 17 * MM
            super().__init__(target, pagesize=(width, height), leftMargin=margin,
                             rightMargin=margin, topMargin=21 * MM, bottomMargin=20 * MM,
                             title=marking.title, author=marking.author or "fieldapp",
                             subject=f"{marking.symbol} — {marking.sensitivity_text()}",
                             creator="fieldapp", invariant=1, **kw)
            self.marking = marking
            self.progress = progress
            self.total = max(1, total)
            self.done = 0
            self.passes = 0
            self.multi = False
            self.toc_forms: dict[str, str] = {}  # anchor key -> form name (Contents)
            self.toc_pages: dict[str, int] = {}
            self._last_report = 0.0
            self._last_level = -1
            frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                          id="body", leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0)
            self.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                                onPage=self._decorate)])

        # -- outline levels must not jump by more than one (reportlab raises) ----------
        def outline_level(self, wanted: int) -> int:
            level = max(0, min(wanted, self._last_level + 1))
            self._last_level = level
            return level

        def handle_documentBegin(self):
            self.passes += 1
            self.done = 0
            self._last_level = -1
            super().handle_documentBegin()

        def beforePage(self):
            self.canv._fieldapp_doc = self

        def afterFlowable(self, flowable):
            if getattr(flowable, "toc", False):
                self.toc_pages.setdefault(flowable.key, self.page)
            self.done += 1
            if self.progress is not None:
                now = time.monotonic()
                if now - self._last_report > 0.1:
                    self._last_report = now
                    frac = min(1.0, self.done / self.total)
                    if self.multi:  # table of contents: usually two passes
                        frac = min(0.99, (self.passes - 1 + frac) / 2)
                    self.progress(frac, "layout")

        # -- header and footer -------------------------------------------------------------
        def _decorate(self, canv, doc):
            m = self.marking
            w, h = self.pagesize
            left, right = self.leftMargin, w - self.rightMargin
            top_y, foot_y = h - 12 * MM, 11 * MM
            mark, bold = m.sensitivity_text(), f"{sans}-Bold"
            mark_w = stringWidth(mark, bold, 8.5)
            canv.saveState()
            canv.setStrokeColor("#999999")
            canv.setLineWidth(0.4)
            canv.line(left, top_y - 2.5 * MM, right, top_y - 2.5 * MM)
            canv.line(left, foot_y + 3.5 * MM, right, foot_y + 3.5 * MM)
            # header: symbol and title on the left, the marking on the right
            canv.setFillColor("#444444")
            canv.setFont(sans, 7.5)
            canv.drawString(left, top_y, _fit(f"{m.symbol} · {m.title}", sans, 7.5,
                                              right - left - mark_w - 12))
            # footer: the marking, then "status as of"; page N / M on the right
            count_x = right - stringWidth("000", sans, 7.5)
            page_text = f"Page {doc.page} / "
            canv.drawRightString(count_x, foot_y, page_text)
            canv.saveState()
            canv.translate(count_x, foot_y)
            canv.doForm("fieldapp_page_count")
            canv.restoreState()
            room = count_x - stringWidth(page_text, sans, 7.5) - left - mark_w - 20
            canv.drawString(left + mark_w + 8, foot_y, _fit(m.as_of_text(), sans, 7.5, room))
            if m.translation_note:
                canv.setFont(f"{sans}-Italic", 6.8)
                canv.drawString(left, foot_y - 3.3 * MM,
                                _fit(m.translation_note, f"{sans}-Italic", 6.8, right - left))
            canv.setFillColor(MARKING_COLOURS.get(m.sensitivity, "#b00020"))
            canv.setFont(bold, 8.5)
            canv.drawRightString(right, top_y, mark)
            canv.drawString(left, foot_y, mark)
            canv.restoreState()

    MarkedDoc.paged_canvas = PagedCanvas
    return MarkedDoc


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten `text` with an ellipsis so that it fits `width` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def new_doc(target, *, paper: str, marking: Marking, progress: Progress | None = None,
            total: int = 0):
    """A MarkedDoc writing to `target` (a path or a binary file object)."""
    if _Helpers.doc is None:
        _Helpers.doc = _doc_class()
    return _Helpers.doc(target, paper=paper, marking=marking, progress=progress, total=total)


def build_to_file(story: list, out, *, paper: str, marking: Marking,
                  progress: Progress | None = None, multi: bool = False) -> dict:
    """Lay out `story` into memory, then write `out` atomically; return facts about it."""
    from pathlib import Path

    from fieldapp.core.atomic import write_bytes_atomic

    buffer = io.BytesIO()
    doc = new_doc(buffer, paper=paper, marking=marking, progress=progress, total=len(story))
    if multi:
        doc.multi = True
        doc.multiBuild(story, canvasmaker=doc.paged_canvas)
    else:
        doc.build(story, canvasmaker=doc.paged_canvas)
    data = buffer.getvalue()
    if progress is not None:
        progress(1.0, "write")
    path = write_bytes_atomic(Path(out), data)
    return {"out": str(path), "pages": doc.page, "bytes": len(data),
            "sensitivity": marking.sensitivity, "lang": marking.lang}


def translation_note(store, lang: str) -> str | None:
    """How the French text is labelled wherever it is printed (None for English only)."""
    if lang == "en":
        return None
    prov = store.provenance().get("fr", {})
    if prov.get("status") == "imported":
        return label("fr_imported", lang, description=prov.get("description") or "?")
    return label("fr_unofficial", lang)
