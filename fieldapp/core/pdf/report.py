"""Progress report: notes and measure assessments, filtered, grouped, with status table/chart.

Filters: date range, regions, themes, measures, maximum sensitivity. Grouping by theme (each
note once, under the first of its themes in the mandate's theme order) or by measure. The
cover line gives period, author and generation date (babel); a table of contents follows
(two layout passes). Every page is marked with the highest sensitivity of the notes included.
All user text (notes, evidence, sources, authors, tags) is printed literally (styles.plain).
"""
from __future__ import annotations

import datetime as dt

from fieldapp.core.errors import NotFound
from fieldapp.core.pdf.labels import label
from fieldapp.core.pdf.measures import (STATUS_COLOURS, measure_citation, measures_as_of,
                                        short_citation)
from fieldapp.core.pdf.styles import (SENSITIVITIES, MARKING_COLOURS, corpus_markup,
                                      highest_sensitivity, make_styles, plain)
from fieldapp.core.pdf.templates import (DATE_LOCALES, Anchor, Marking, Progress,
                                         build_to_file, contents_table, translation_note)


def _chain(uid: str) -> list[str]:
    """'op28.c.ii' → ['op28.c.ii', 'op28.c', 'op28'] (a unit and its ancestors)."""
    parts = uid.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


class _Report:
    def __init__(self, store, opts, progress: Progress | None):
        self.store, self.opts, self.lang, self.progress = store, opts, opts.lang, progress
        self.s = make_styles(9.0)
        self.toc: list[tuple[str, str, int]] = []  # (key, title, level) for the Contents
        self.width = 0.0
        today = dt.date.today()
        end = dt.date.fromisoformat(opts.date_to) if opts.date_to else today
        self.as_of = opts.as_of or min(end, today)
        self.themes = store.themes()
        self.theme_sets = {t["id"]: set(store.theme_units(t["id"])) for t in self.themes}
        for t in opts.themes:
            if t not in self.theme_sets:
                raise NotFound(f"no such theme: {t}")
        self.all_measures = measures_as_of(store, self.as_of)
        known = {m["id"] for m in self.all_measures}
        for m in opts.measures:
            if m not in known:
                raise NotFound(f"no such priority measure: {m}")
        self.regions = {r["id"]: r for r in store.regions()}
        self.region_ids = [self._region_id(r) for r in opts.regions]
        self.sensitivities = list(SENSITIVITIES[:SENSITIVITIES.index(opts.max_sensitivity) + 1])
        self.unit_themes = {uid: [t["id"] for t in self.themes
                                  if any(c in self.theme_sets[t["id"]] for c in _chain(uid))]
                            for uid in store.unit_ids()}

    def _region_id(self, text: str) -> str:
        from fieldapp.core.records.validate import match_region

        return match_region(list(self.regions.values()), text, None)[0]

    def anchor(self, key: str, title: str, level: int):
        self.toc.append((key, title, level))
        return Anchor(key, title, level, toc=True)

    # -- formatting ------------------------------------------------------------------------
    def date(self, iso: str, fmt: str = "medium") -> str:
        from fieldapp.core.i18n import format_date

        return format_date(iso, fmt, lang=DATE_LOCALES["fr" if self.lang == "fr" else "en"])

    def name(self, names: dict) -> str:
        if self.lang == "both":
            en, fr = names.get("en") or "", names.get("fr") or names.get("en") or ""
            return en if en == fr else f"{en} / {fr}"
        return names.get(self.lang) or names.get("en") or ""

    def region_text(self, note: dict) -> str:
        region = self.regions.get(note["region"] or "")
        parts = [self.name(region["name"]) if region else (note["region"] or "")]
        if note["cercle"]:
            parts.append(note["cercle"])
        return " / ".join(p for p in parts if p)

    # -- data ------------------------------------------------------------------------------
    def query(self) -> list[dict]:
        o = self.opts
        units = None
        if o.themes:
            units = [u for u, ts in self.unit_themes.items() if set(ts) & set(o.themes)]
        return list(self.store.report_notes(
            date_from=o.date_from, date_to=o.date_to, regions=self.region_ids or None,
            units=units, measures=o.measures or None, sensitivities=self.sensitivities))

    def groups(self, notes: list[dict]) -> list[tuple[str, str, list[dict]]]:
        """(key, heading, notes) in document order of themes or measures; unlinked last."""
        buckets: dict[str | None, list[dict]] = {}
        if self.opts.group_by == "measure":
            for n in notes:
                buckets.setdefault(n["measure_id"], []).append(n)
            order = [(m["id"], f"{self.name(m['title'])} ({measure_citation(m, self.lang if self.lang != 'both' else 'en')})")
                     for m in self.all_measures]
            none_label = label("no_measure", self.lang)
        else:
            chosen = set(self.opts.themes)
            for n in notes:
                themes = [t for u in n["units"] for t in self.unit_themes.get(u, [])]
                if chosen:
                    themes = [t for t in themes if t in chosen]
                order_ids = [t["id"] for t in self.themes]
                first = min(themes, key=order_ids.index) if themes else None
                buckets.setdefault(first, []).append(n)
            order = [(t["id"], self.name(t["name"])) for t in self.themes]
            none_label = label("no_theme", self.lang)
        out = [(k, title, buckets[k]) for k, title in order if k in buckets]
        if None in buckets:
            out.append(("none", none_label, buckets[None]))
        return out

    # -- story -----------------------------------------------------------------------------
    def cover(self, notes: list[dict], assessments: list[dict]) -> list:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        from fieldapp.core.records.validate import default_author

        s, o, lg = self.s, self.opts, self.lang
        both = {"en": None, "fr": None}
        story = [Paragraph(corpus_markup(label("title_report", lg)), s["title"]),
                 Paragraph(corpus_markup(f"{o_symbol()} — MINUSMA"), s["subtitle"])]
        if o.date_from or o.date_to:
            dates = {k: {x: self._date_in(v, x) if v else "…" for x in both}
                     for k, v in (("start", o.date_from), ("end", o.date_to))}
            period = label("period", lg, **dates)
        else:
            period = label("period_all", lg)
        generated = {x: self._date_in(dt.date.today().isoformat(), x) for x in both}
        author = o.author or default_author()
        lines = [period, label("author", lg, author=author) if author else None,
                 label("generated", lg, date=generated)]
        filters = self.filter_text()
        if filters:
            lines.append(label("filters", lg, filters=filters))
        lines.append(f"{label('notes', lg)}: {len(notes)} · {label('assessments', lg)}: "
                     f"{len(assessments)}")
        story += [Paragraph(plain(x), s["subtitle"]) for x in lines if x]
        note = translation_note(self.store, lg)
        if note:
            story.append(Paragraph(corpus_markup(note), s["notice"]))
        toc_styles = [ParagraphStyle("toc0", fontName=s["h2"].fontName, fontSize=9.5,
                                     leading=12),
                      ParagraphStyle("toc1", fontName=s["sans"].fontName, fontSize=8.5,
                                     leading=10.5, leftIndent=14)]
        story += [Paragraph(corpus_markup(label("contents", lg)), s["h1"]),
                  contents_table(self.toc, toc_styles, self.width)]
        return story

    def _date_in(self, iso: str, lg: str) -> str:
        from fieldapp.core.i18n import format_date

        return format_date(iso, "long", lang=DATE_LOCALES[lg])

    def filter_text(self) -> str:
        o, parts = self.opts, []
        names = {t["id"]: t["name"] for t in self.themes}
        parts += [self.name(names[t]) for t in o.themes]
        parts += [self.name(self.regions[r]["name"]) for r in self.region_ids if r]
        parts += list(o.measures)
        if o.max_sensitivity != "strictly-confidential":
            parts.append("≤ " + label(o.max_sensitivity, self.lang))
        return ", ".join(parts)

    def status_table(self, notes: list[dict]) -> list:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        s, lg = self.s, self.lang
        cite_lang = "fr" if lg == "fr" else "en"
        counts: dict[str, int] = {}
        for n in notes:
            if n["measure_id"]:
                counts[n["measure_id"]] = counts.get(n["measure_id"], 0) + 1
        rows = [m for m in self.all_measures
                if not self.opts.measures or m["id"] in self.opts.measures]
        head = [Paragraph(corpus_markup(label(k, lg)), s["cell_bold"])
                for k in ("measure", "deadline", "status", "assessed", "notes_col")]
        data, style = [head], [
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for i, m in enumerate(rows, start=1):
            status = m["status"]
            text = (label(f"status_{status}", lg) if status is not None
                    else label("not_assessed", lg))
            data.append([
                Paragraph(f"{corpus_markup(self.name(m['title']))} <font color='#666666'>"
                          f"[{corpus_markup(measure_citation(m, cite_lang))}]</font>",
                          s["cell"]),
                Paragraph(corpus_markup(self.date(m["deadline"]) if m["deadline"] else "—"),
                          s["cell"]),
                Paragraph(f"<b>{corpus_markup(text)}</b>", s["cell"]),
                Paragraph(corpus_markup(self.date(m["last"]["date"]) if m["last"] else "—"),
                          s["cell"]),
                Paragraph(str(counts.get(m["id"], 0)), s["cell"])])
            style.append(("BACKGROUND", (2, i), (2, i), colors.HexColor(STATUS_COLOURS[status])))
            if m["parent"]:
                style.append(("LEFTPADDING", (0, i), (0, i), 14))
        table = Table(data, colWidths=["49%", "13%", "16%", "13%", "9%"], repeatRows=1)
        table.setStyle(TableStyle(style))
        title = label("status_table", lg)
        as_of = {x: self._date_in(self.as_of.isoformat(), x) for x in ("en", "fr")}
        return [self.anchor("status", title, 0),
                Paragraph(corpus_markup(title), s["h1"]),
                Paragraph(corpus_markup(label("status_as_of", lg, date=as_of)), s["small"]),
                table]

    def chart(self, width: float) -> list:
        from reportlab.platypus import Paragraph

        from fieldapp.core.pdf.charts import status_chart

        starts = [a["date"] for m in self.all_measures for a in m["history"]]
        if self.opts.date_from:
            start = dt.date.fromisoformat(self.opts.date_from)
        elif starts:
            start = dt.date.fromisoformat(min(starts))
        else:
            start = self.as_of - dt.timedelta(days=150)
        start = min(start, self.as_of)
        rows = [m for m in self.all_measures
                if not self.opts.measures or m["id"] in self.opts.measures]
        title = label("status_chart", self.lang)
        return [self.anchor("chart", title, 0),
                Paragraph(corpus_markup(title), self.s["h1"]),
                status_chart(rows, start, self.as_of, self.lang, width)]

    def assessment_items(self, assessments: list[dict]) -> list:
        from reportlab.platypus import Paragraph

        s, lg = self.s, self.lang
        title = label("assessments", lg)
        out = [self.anchor("assessments", title, 0), Paragraph(corpus_markup(title), s["h1"])]
        if not assessments:
            return out + [Paragraph(corpus_markup(label("no_assessments", lg)), s["sans"])]
        for a in assessments:
            m = a["measure"]
            status = label(f"status_{a['status']}", lg)
            meta = [self.date(a["date"]), self.name(m["title"]), status]
            extra = [x for x in (a["source"], a["author"]) if x]
            out.append(Paragraph(
                f"<font backColor='{STATUS_COLOURS[a['status']]}'>&nbsp;{corpus_markup(status)}"
                f"&nbsp;</font> " + plain(" · ".join([meta[0], meta[1]] + extra)), s["meta"]))
            out.append(Paragraph(plain(a["evidence"]), s["note"]))
        return out

    def note_items(self, notes: list[dict]) -> list:
        from reportlab.platypus import Paragraph

        s, lg = self.s, self.lang
        cite_lang = "fr" if lg == "fr" else "en"
        title = label("notes", lg)
        out = [self.anchor("notes", title, 0), Paragraph(corpus_markup(title), s["h1"])]
        if not notes:
            return out + [Paragraph(corpus_markup(label("no_notes", lg)), s["sans"])]
        sens_names = {k: label(k, lg) for k in SENSITIVITIES}
        for key, heading, items in self.groups(notes):
            out.append(self.anchor(f"group-{key}", f"{heading} ({len(items)})", 1))
            out.append(Paragraph(plain(f"{heading} ({len(items)})"), s["h2"]))
            for n in items:
                meta = [self.date(n["date"]), self.region_text(n), n["author"],
                        ", ".join(short_citation(u, cite_lang) for u in n["units"]),
                        " ".join(f"#{t}" for t in n["tags"])]
                sens = n["sensitivity"]
                flag = (f"<font color='{MARKING_COLOURS.get(sens, '#b00020')}'><b>"
                        f"{corpus_markup(sens_names.get(sens, sens).upper())}</b></font> · "
                        if sens != "unclassified" else "")
                out.append(Paragraph(
                    f"<font color='#555555'><b>{flag}{plain(' · '.join(x for x in meta if x))}"
                    f"</b></font><br/>{plain(n['text'])}", s["note"]))
        return out

    def story(self, frame_width: float) -> tuple[list, list[dict]]:
        if self.progress:
            self.progress(0.0, "query")
        notes = self.query()
        lo, hi = self.opts.date_from or "", self.opts.date_to or "9999"
        assessments = [{**a, "measure": m} for m in self.all_measures
                       if not self.opts.measures or m["id"] in self.opts.measures
                       for a in m["history"] if lo <= a["date"] <= hi]
        assessments.sort(key=lambda a: (a["date"], a["hlc"]))
        self.width = frame_width
        body = (self.status_table(notes) + self.chart(frame_width)
                + self.assessment_items(assessments) + self.note_items(notes))
        return self.cover(notes, assessments) + body, notes


def o_symbol() -> str:
    from fieldapp.core import corpus

    return corpus.SYMBOL


def build_report(store, out, opts, progress: Progress | None = None) -> dict:
    """Write the progress report for `opts` (a PdfOptions); returns facts about the PDF."""
    from fieldapp.core.pdf.styles import page_size

    report = _Report(store, opts, progress)
    width = page_size(opts.paper)[0] - 2 * 17 * 72 / 25.4
    story, notes = report.story(width)
    marking = Marking(title=label("title_report", opts.lang), lang=opts.lang,
                      sensitivity=highest_sensitivity(n["sensitivity"] for n in notes),
                      as_of=report.as_of, translation_note=translation_note(store, opts.lang),
                      author=opts.author)
    info = build_to_file(story, out, paper=opts.paper, marking=marking, progress=progress)
    info["notes"] = len(notes)
    return info
