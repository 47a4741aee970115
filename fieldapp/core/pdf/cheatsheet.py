"""Meeting cheat-sheet: one or two dense pages summarising the mandate.

Default content: key numbers (op16, op17, op3), strategic priorities (op19), priority tasks
(op28 (a)–(f): heading + one-line summary), other tasks (op29), and the priority measures
(op3, op14) with their current status — "not yet assessed" when no assessment exists.
Summaries are data (data/summaries.json, EN/FR), each printed with its paragraph citation.
Optionally limited to chosen themes.
"""
from __future__ import annotations

import datetime as dt
import re

from fieldapp.core.errors import NotFound
from fieldapp.core.pdf.labels import label
from fieldapp.core.pdf.measures import (STATUS_COLOURS, measure_citation, measures_as_of,
                                        short_citation)
from fieldapp.core.pdf.styles import check_lang, corpus_markup, make_styles
from fieldapp.core.pdf.templates import Marking, Progress, build_to_file, translation_note

_STRENGTH = re.compile(r"up to ([\d,]+) military personnel and ([\d,]+) police personnel")


def key_numbers(store) -> list[dict]:
    """Troop and police ceilings (op17) and dates (op16, op3), read from the data."""
    out = []
    m = _STRENGTH.search(store.unit("op17")["text"]["en"] or "")
    if m:
        out.append({"value": int(m.group(1).replace(",", "")), "label": "military", "unit": "op17"})
        out.append({"value": int(m.group(2).replace(",", "")), "label": "police", "unit": "op17"})
    for d in store.reference("deadlines.json") or []:
        if d["id"] == "dl-op16-mandate-end":
            out.append({"date": d["date"], "label": "mandate_end", "unit": "op16"})
        if d["id"] == "dl-op3-priority-measures":
            out.append({"date": d["date"], "label": "measures_deadline", "unit": "op3"})
    return out


def _related(uid: str, wanted: set[str]) -> bool:
    """True when `uid`, one of its ancestors or one of its descendants is in `wanted`."""
    return any(w == uid or w.startswith(uid + ".") or uid.startswith(w + ".") for w in wanted)


def theme_filter(store, themes: list[str]) -> set[str] | None:
    """Unit IDs of the chosen themes (None: no filter). Unknown theme → NotFound."""
    if not themes:
        return None
    wanted: set[str] = set()
    for theme in themes:
        wanted.update(store.theme_units(theme))
    return wanted


class _Sheet:
    def __init__(self, store, lang: str, paper: str, themes: list[str], as_of: dt.date):
        from reportlab.lib.styles import ParagraphStyle

        self.store, self.lang, self.as_of = store, lang, as_of
        self.langs = ["en", "fr"] if lang == "both" else [lang]
        self.s = make_styles(8.2)
        self.s["item"] = ParagraphStyle("item", parent=self.s["sans"], fontSize=8.2,
                                        leading=10.2, spaceAfter=2.2)
        self.s["h1"].spaceBefore = 6
        self.s["big"] = ParagraphStyle("big", parent=self.s["sans"], fontSize=11.5, leading=14,
                                       spaceAfter=0)
        self.s["h1_loose"] = ParagraphStyle("h1_loose", parent=self.s["h1"], keepWithNext=0)
        self.wanted = theme_filter(store, themes)
        self.themes = themes
        self.summaries = store.reference("summaries.json") or []

    def fmt_number(self, value: int, lg: str) -> str:
        from fieldapp.core.i18n import format_number

        return format_number(value, lang=lg)

    def fmt_date(self, iso: str, lg: str) -> str:
        from fieldapp.core.i18n import format_date
        from fieldapp.core.pdf.templates import DATE_LOCALES

        return format_date(iso, "long", lang=DATE_LOCALES[lg])

    def pair(self, make) -> list:
        """`make(lang)` → list of flowables; English | French columns when bilingual."""
        from fieldapp.core.pdf.flowables import Parallel

        if len(self.langs) == 2:
            return [Parallel(make("en"), make("fr"), gap=12, rule=False)]
        return make(self.lang)

    def heading(self, key: str, keep: bool = True) -> list:
        from reportlab.platypus import CondPageBreak, Paragraph

        if keep:
            return [Paragraph(label(key, self.lang), self.s["h1"])]
        # a long table may start under its heading and continue overleaf
        return [CondPageBreak(90), Paragraph(label(key, self.lang), self.s["h1_loose"])]

    # -- sections ------------------------------------------------------------------------
    def numbers(self) -> list:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        cells = []
        for k in key_numbers(self.store):
            cell = []
            for lg in self.langs:
                big = (self.fmt_number(k["value"], lg) if "value" in k
                       else self.fmt_date(k["date"], lg))
                cell.append(Paragraph(f"<b>{corpus_markup(big)}</b>", self.s["big"]))
                cell.append(Paragraph(corpus_markup(label(k["label"], lg)), self.s["cell"]))
            cite = " / ".join(short_citation(k["unit"], lg) for lg in self.langs)
            cell.append(Paragraph(corpus_markup(cite), self.s["small"]))
            cells.append(cell)
        if not cells:
            return []
        table = Table([cells], colWidths="*")
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
            ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6fa")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5)]))
        return self.heading("key_numbers") + [table]

    def summary_items(self, key: str, units: list[str]) -> list:
        from reportlab.platypus import Paragraph

        by_unit = {s["unit"]: s["summary"] for s in self.summaries if "unit" in s}
        chosen = [u for u in units if u in by_unit
                  and (self.wanted is None or _related(u, self.wanted))]
        if not chosen:
            return []
        details = {u["id"]: u for u in self.store.units(chosen)}

        def make(lg: str) -> list:
            out = []
            for uid in chosen:
                title = (details[uid]["title"] or {}).get(lg)
                lead = f"<b>{corpus_markup(details[uid]['label'])} {corpus_markup(title)}</b> — " \
                    if title else ""
                out.append(Paragraph(
                    f"{lead}{corpus_markup(by_unit[uid][lg])} <font color='#666666'>"
                    f"[{corpus_markup(short_citation(uid, lg))}]</font>", self.s["item"]))
            return out

        return self.heading(key) + self.pair(make)

    def measures(self) -> list:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        by_measure = {s["measure"]: s["summary"] for s in self.summaries if "measure" in s}
        rows = [m for m in measures_as_of(self.store, self.as_of)
                if self.wanted is None or _related(m["unit"], self.wanted)]
        if not rows:
            return []
        s = self.s
        two = len(self.langs) == 2  # bilingual: English | French columns side by side
        head = ([Paragraph(label("measure", lg), s["cell_bold"]) for lg in self.langs]
                + [Paragraph(label(k, self.lang), s["cell_bold"])
                   for k in ("status", "assessed")])
        data, style = [head], [
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        for i, m in enumerate(rows, start=1):
            parts = []
            for lg in self.langs:
                summary = (by_measure.get(m["id"]) or {}).get(lg) or m["title"].get(lg) or ""
                parts.append(f"<b>{corpus_markup(m['title'].get(lg) or m['title']['en'])}"
                             f"</b> <font color='#666666'>"
                             f"[{corpus_markup(measure_citation(m, lg))}]</font><br/>"
                             f"{corpus_markup(summary)}")
            status = m["status"]
            status_text = (label(f"status_{status}", self.lang) if status is not None
                           else label("not_assessed", self.lang))
            last = m["last"]["date"] if m["last"] else ""
            if m["parent"]:  # op3.2 (i)–(v) under op3.2
                style.append(("LEFTPADDING", (0, i), (1 if two else 0, i), 16))
            texts = parts if two else ["<br/>".join(parts)]
            data.append([Paragraph(t, s["cell"]) for t in texts] + [
                         Paragraph(f"<b>{corpus_markup(status_text)}</b>", s["cell"]),
                         Paragraph(corpus_markup(" / ".join(self.fmt_date(last, lg)
                                                            for lg in self.langs)
                                                 if last else "—"), s["cell"])])
            col = 2 if two else 1
            style.append(("BACKGROUND", (col, i), (col, i),
                          colors.HexColor(STATUS_COLOURS[status])))
        widths = ["37%", "37%", "14%", "12%"] if two else ["66%", "18%", "16%"]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        legend = " · ".join(label(f"status_{n}", self.lang) for n in range(5))
        return self.heading("priority_measures", keep=False) + [table, Paragraph(
            corpus_markup(legend), s["small"])]

    def story(self) -> list:
        from reportlab.platypus import Paragraph

        s = self.s
        story = [Paragraph(corpus_markup(label("title_cheatsheet", self.lang)), s["title"])]
        note = translation_note(self.store, self.lang)
        if note:
            story.append(Paragraph(corpus_markup(note), s["notice"]))
        if self.themes:
            names = {t["id"]: t["name"] for t in self.store.themes()}
            text = {lg: ", ".join(names[t].get(lg) or names[t]["en"] for t in self.themes)
                    for lg in ("en", "fr")}
            story.append(Paragraph(corpus_markup(label("themes_only", self.lang, themes=text)),
                                   s["notice"]))
        story += self.numbers()
        body = (self.summary_items("strategic_priorities", ["op19"])
                + self.summary_items("priority_tasks", [f"op28.{x}" for x in "abcdef"])
                + self.summary_items("other_tasks", ["op29.a", "op29.b"])
                + self.measures())
        if not body:
            body = [Paragraph(label("nothing_selected", self.lang), s["body_left"])]
        return story + body


def build_cheatsheet(store, out, *, lang: str = "en", paper: str = "a4",
                     themes: list[str] | None = None, as_of: dt.date | None = None,
                     progress: Progress | None = None) -> dict:
    """Write the cheat-sheet; returns {"out", "pages", "bytes", …}."""
    check_lang(lang)
    as_of = as_of or dt.date.today()
    themes = list(themes or [])
    try:
        sheet = _Sheet(store, lang, paper, themes, as_of)
    except NotFound:
        raise
    marking = Marking(title=label("title_cheatsheet", lang), lang=lang, as_of=as_of,
                      translation_note=translation_note(store, lang))
    return build_to_file(sheet.story(), out, paper=paper, marking=marking, progress=progress)
