"""The full mandate: the whole resolution in English, French or parallel columns.

Official layout: the heading block, "The Security Council," then preambular paragraphs
(their opening participle in italics), section headings, numbered operative paragraphs with
hanging numbers and indented sub-paragraphs, operative verbs in italics (the *emphasis*
markup of the corpus). Bookmarks (PDF outline) per section and per paragraph.
"""
from __future__ import annotations

import datetime as dt
import re

from fieldapp.core import corpus
from fieldapp.core.pdf.labels import label
from fieldapp.core.pdf.styles import check_lang, corpus_markup, make_styles
from fieldapp.core.pdf.templates import Anchor, Marking, Progress, build_to_file, translation_note

_FIRST_WORDS = {"en": re.compile(r"^(\w+ly \w+|\w+)"), "fr": re.compile(r"^((?:Se |S[’'])?\w+)")}


def _lead_italic(text: str, lang: str) -> str:
    """A preambular paragraph's opening participle in italics, as in the official layout."""
    if text.startswith("*"):
        return text
    return _FIRST_WORDS[lang].sub(r"*\1*", text, count=1)


class _Styler:
    """Paragraph styles per depth (hanging labels), cached; narrower in parallel columns."""

    def __init__(self, parallel: bool):
        from reportlab.lib.styles import ParagraphStyle

        self.base = 8.6 if parallel else 10.0
        self.s = make_styles(self.base)
        if parallel:  # justified narrow columns leave rivers of white: ragged right
            from reportlab.lib.enums import TA_LEFT

            self.s["body"] = ParagraphStyle("body_par", parent=self.s["body"], alignment=TA_LEFT)
        self.step = 14 if parallel else 22
        self.hang = 16 if parallel else 24
        self._cache: dict = {}
        self._PS = ParagraphStyle

    def unit(self, depth: int, preambular: bool = False):
        key = (depth, preambular)
        if key not in self._cache:
            body = self.s["body"]
            if preambular:
                style = self._PS(f"pp{depth}", parent=body, firstLineIndent=self.hang)
            else:
                indent = depth * self.step
                style = self._PS(f"u{depth}", parent=body, leftIndent=indent + self.hang,
                                 bulletIndent=indent, bulletFontName=body.fontName,
                                 bulletFontSize=body.fontSize)
            self._cache[key] = style
        return self._cache[key]

    def continuation(self, depth: int):
        key = ("cont", depth)
        if key not in self._cache:
            self._cache[key] = self._PS(f"c{depth}", parent=self.unit(depth),
                                        firstLineIndent=0)
        return self._cache[key]


def _depth(unit: dict, by_id: dict) -> int:
    depth, parent = 0, unit["parent"]
    while parent:
        depth += 1
        parent = by_id[parent]["parent"]
    return depth


def _unit_flowables(unit: dict, lang: str, st: _Styler, depth: int) -> list:
    """Paragraphs of one unit in one language (label hanging, title line, text)."""
    from reportlab.platypus import Paragraph

    label_text = unit["label"] if unit["label"] not in ("", "-") else "–"
    title = (unit["title"] or {}).get(lang)
    text = unit["text"].get(lang)
    if text is None:
        text = "(no text in this language)" if lang == "en" else "(pas de texte dans cette langue)"
    out = []
    if unit["kind"] == "preambular":
        return [Paragraph(corpus_markup(_lead_italic(text, lang)), st.unit(0, True))]
    if title:
        out.append(Paragraph(f"<i>{corpus_markup(title)}</i>", st.unit(depth),
                             bulletText=label_text))
        label_text = None
    for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
        if label_text is not None and i == 0:
            out.append(Paragraph(corpus_markup(para), st.unit(depth), bulletText=label_text))
        else:
            out.append(Paragraph(corpus_markup(para), st.continuation(depth)))
    return out


def _outline_title(unit: dict, lang: str) -> str:
    if unit["kind"] == "preambular":
        n = unit["id"][2:]
        return (f"{n}e alinéa du préambule" if lang == "fr" else f"Preambular paragraph {n}")
    title = (unit["title"] or {}).get(lang) or corpus.strip_emphasis(unit["text"].get(lang) or "")
    gist = title if len(title) <= 60 else title[:59].rstrip() + "…"
    return f"{unit['label']} {gist}".strip()


def mandate_story(store, lang: str, paper: str) -> list:
    """The flowables of the whole resolution (used by build_mandate and the benchmark)."""
    from reportlab.platypus import Paragraph, Spacer

    from fieldapp.core.pdf.flowables import Parallel

    parallel = lang == "both"
    langs = ["en", "fr"] if parallel else [lang]
    st = _Styler(parallel)
    s = st.s
    outline_lang = "en" if parallel else lang
    units = store.units()
    by_id = {u["id"]: u for u in units}
    sections = {x["id"]: x for x in store.sections()}

    def per_lang(make) -> list:
        """One flowable per language, or an English | French pair."""
        if parallel:
            return [Parallel(make("en"), make("fr"))]
        return make(lang)

    story: list = []
    story += per_lang(lambda lg: [Paragraph(label("council", lg), s["subtitle"]),
                                  Paragraph(label("resolution", lg), s["title"]),
                                  Paragraph(label("adopted", lg), s["subtitle"])])
    note = translation_note(store, lang)
    if note:
        story.append(Paragraph(corpus_markup(note), s["notice"]))
    story.append(Spacer(1, st.base * 0.8))
    story += per_lang(lambda lg: [Paragraph(label("the_council", lg), s["body_left"])])

    shown: set[str] = set()
    for unit in units:
        sec_id = unit["section"]
        chain = []
        while sec_id and sec_id not in shown:
            chain.append(sec_id)
            sec_id = sections[sec_id]["parent"]
        for sid in reversed(chain):
            shown.add(sid)
            sec = sections[sid]
            story.append(Anchor(f"sec-{sid}", sec["title"].get(outline_lang) or sec["title"]["en"],
                                sec["level"] - 1))
            if sid == "preamble":
                continue  # the official text prints no "Preamble" heading
            style = s["h1"] if sec["level"] == 1 else s["h2"]
            story += per_lang(lambda lg, sec=sec, style=style: [
                Paragraph(corpus_markup(sec["title"].get(lg) or sec["title"]["en"]), style)])
        depth = 0 if unit["kind"] in ("operative", "preambular") else _depth(unit, by_id)
        if unit["kind"] != "bullet":
            story.append(Anchor(unit["id"], _outline_title(unit, outline_lang),
                                sections[unit["section"]]["level"] + depth))
        if parallel:
            story.append(Parallel(_unit_flowables(unit, "en", st, depth),
                                  _unit_flowables(unit, "fr", st, depth)))
        else:
            story += _unit_flowables(unit, langs[0], st, depth)
    return story


def build_mandate(store, out, *, lang: str = "en", paper: str = "a4",
                  as_of: dt.date | None = None, progress: Progress | None = None) -> dict:
    """Write the full resolution to `out` (PDF); returns {"out", "pages", "bytes", …}."""
    check_lang(lang)
    story = mandate_story(store, lang, paper)
    marking = Marking(title=label("title_mandate", lang), lang=lang,
                      as_of=as_of or dt.date.today(),
                      translation_note=translation_note(store, lang))
    return build_to_file(story, out, paper=paper, marking=marking, progress=progress)
