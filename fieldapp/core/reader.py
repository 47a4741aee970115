"""Reader pages as safe HTML (no Qt): a unit in its context, in English, French or both side
by side with paragraphs aligned, in the official layout (hanging paragraph numbers, italic
operative verbs and headings), with cross-reference and glossary links and search highlights.

Corpus text is data and goes through `annotate` (escape first); labels go through `_()`.
"""
from __future__ import annotations

import re

from fieldapp.core import corpus
from fieldapp.core.annotate import UNIT_SCHEME, annotate, escape
from fieldapp.core.i18n import _
from fieldapp.core.lazy_re import LazyPattern

MODES = ("en", "fr", "both")
INDENT_PX = 30
LABEL_PX = 44
SELECTED_BG = "#fff3c4"
MUTED = "#5a5a5a"


class ReaderData:
    """Everything the pages need from the store, read once (142 units: a few ms)."""

    # A plain class, not a dataclass: `dataclasses` and the code it generates cost ~3 ms of
    # the window's start-up (bench/bench_startup.py).
    def __init__(self, units: dict[str, dict], order: list[str], sections: dict[str, dict],
                 glossary: list[dict], provenance: dict[str, dict],
                 themes: list[dict] | None = None):
        self.units, self.order, self.sections = units, order, sections
        self.glossary, self.provenance = glossary, provenance
        self.themes: list[dict] = themes if themes is not None else []

    @classmethod
    def load(cls, store) -> "ReaderData":
        units = store.units(citations=False)
        return cls(units={u["id"]: u for u in units}, order=[u["id"] for u in units],
                   sections={s["id"]: s for s in store.sections()},
                   glossary=store.glossary(), provenance=store.provenance())

    def known(self) -> set[str]:
        return set(self.units)

    def terms(self, lang: str) -> list[tuple[str, str]]:
        return [(g["id"], g["term"].get(lang) or "") for g in self.glossary
                if g["term"].get(lang)]

    def top(self, uid: str) -> str:
        while self.units[uid]["parent"]:
            uid = self.units[uid]["parent"]
        return uid

    def descendants(self, uid: str) -> list[str]:
        out: list[str] = []
        for child in self.units[uid]["children"]:
            out.append(child)
            out.extend(self.descendants(child))
        return out

    def gist(self, uid: str, lang: str, width: int = 70) -> str:
        """A unit's title, or the start of its text, on one line (for lists and trees)."""
        unit = self.units[uid]
        titles = unit["title"] or {}
        text = titles.get(lang) or titles.get("en") or corpus.strip_emphasis(
            unit["text"].get(lang) or unit["text"].get("en") or "")
        text = " ".join(text.split())
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"

    def neighbour(self, uid: str, step: int) -> str | None:
        """The unit before (-1) or after (+1) `uid` in document order."""
        i = self.order.index(uid) + step
        return self.order[i] if 0 <= i < len(self.order) else None

    def section_path(self, uid: str, lang: str) -> str:
        names = []
        sid = self.units[uid]["section"]
        while sid:
            sec = self.sections[sid]
            names.append(sec["title"].get(lang) or sec["title"]["en"])
            sid = sec["parent"]
        return " › ".join(reversed(names))


def provenance_label(data: ReaderData, lang: str) -> str:
    """"Source text" / "Unofficial working translation" / the imported text's description."""
    prov = data.provenance.get(lang) or {}
    status = prov.get("status")
    if lang == "en" and status in (None, "source"):
        return _("Source text")
    if status == "working-translation":
        return _("Unofficial working translation")
    if status == "imported":
        return _("Imported text: %(description)s") % {"description": prov.get("description", "")}
    return prov.get("description") or ""


def language_name(lang: str) -> str:
    return {"en": _("English"), "fr": _("French")}[lang]


def missing_text(lang: str) -> str:
    return {"en": _("(no English text)"), "fr": _("(no French text)")}[lang]


def display_label(unit: dict) -> str:
    label = unit["label"]
    return "–" if label == "-" else label


def unit_block(data: ReaderData, uid: str, lang: str, depth: int, *, query: str | None = None,
               selected: bool = False, compact: bool = False) -> str:
    """One unit as a small table: hanging label, then (italic) title and text."""
    unit = data.units[uid]
    title = (unit["title"] or {}).get(lang)
    text = unit["text"].get(lang)
    terms = data.terms(lang)
    known = data.known()
    rows = []
    label = escape(display_label(unit))
    if title:
        rows.append((label, f"<i>{annotate(title, lang, query=query, links=False)}</i>"))
        label = ""
    if text is None:
        rows.append((label, f"<span style='color:{MUTED}'><i>{escape(missing_text(lang))}"
                            f"</i></span>"))
    elif text:
        rows.append((label, annotate(text, lang, terms=terms, query=query, known=known)))
    bg = f" bgcolor='{SELECTED_BG}'" if selected else ""
    label_width = (LABEL_PX * 3 // 4 if compact else LABEL_PX) if unit["kind"] != "preambular" \
        else 0
    indent = depth * (INDENT_PX // 2 if compact else INDENT_PX)
    cells = "".join(
        f"<tr><td width='{indent}'></td>"
        f"<td width='{label_width}' valign='top'>{lab}</td><td valign='top'>{body}</td></tr>"
        for lab, body in rows)
    return (f"<a name='{escape(uid)}'></a><table width='100%' cellspacing='0'"
            f" cellpadding='3'{bg}>{cells}</table>")


def _depths(data: ReaderData, root: str) -> list[tuple[str, int]]:
    out = [(root, 0)]
    base = root.count(".")
    out += [(d, d.count(".") - base) for d in data.descendants(root)]
    return out


def units_html(data: ReaderData, items: list[tuple[str, int]], mode: str, *,
               query: str | None = None, selected: str | None = None,
               stacked: bool = False) -> str:
    """A run of units: one column, or a two-column table with one row per unit (aligned).
    `stacked` (both languages in a narrow reader): each unit in English, then in French."""
    if mode != "both":
        return "".join(unit_block(data, uid, mode, depth, query=query, selected=uid == selected)
                       for uid, depth in items)
    if stacked:
        return "".join(unit_block(data, uid, lang, depth, query=query, selected=uid == selected,
                                  compact=True)
                       for uid, depth in items for lang in ("en", "fr"))
    rows = []
    for uid, depth in items:
        blocks = [unit_block(data, uid, lang, depth, query=query, selected=uid == selected,
                             compact=True) for lang in ("en", "fr")]
        cells = "".join(f"<td width='50%' valign='top'>{b}</td>" for b in blocks)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table width='100%' cellspacing='0' cellpadding='4'>{''.join(rows)}</table>"


def provenance_html(data: ReaderData, mode: str, stacked: bool = False) -> str:
    """The discreet provenance line, once per view (two lines for both languages stacked)."""
    if mode == "both" and stacked:
        return "".join(provenance_html(data, lang) for lang in ("en", "fr"))
    if mode == "both":
        cells = "".join(
            f"<td width='50%'><span style='color:{MUTED}'>{escape(language_name(lang))}"
            f" — {escape(provenance_label(data, lang))}</span></td>" for lang in ("en", "fr"))
        return f"<table width='100%' cellspacing='0' cellpadding='4'><tr>{cells}</tr></table>"
    return (f"<p style='color:{MUTED}'>{escape(language_name(mode))} — "
            f"{escape(provenance_label(data, mode))}</p>")


def unit_page(data: ReaderData, uid: str, mode: str, *, query: str | None = None,
              ui_lang: str = "en", bookmarked: bool = False, stacked: bool = False) -> str:
    """The selected unit with its context: its top paragraph and all sub-units."""
    cite_lang = ui_lang if mode == "both" else mode
    head = [f"<p style='color:{MUTED}'>{escape(data.section_path(uid, cite_lang))}</p>",
            f"<h3>{escape(corpus.citation(uid, cite_lang))}"
            f"{' ★' if bookmarked else ''}</h3>",
            provenance_html(data, mode, stacked)]
    body = units_html(data, _depths(data, data.top(uid)), mode, query=query,
                      selected=uid if uid != data.top(uid) else None, stacked=stacked)
    return "".join(head) + body + _prev_next(data, data.top(uid), cite_lang)


def _prev_next(data: ReaderData, top: str, lang: str) -> str:
    i = data.order.index(top)
    prev = next((u for u in reversed(data.order[:i]) if not data.units[u]["parent"]), None)
    nxt = next((u for u in data.order[i + 1:] if not data.units[u]["parent"]), None)
    links = []
    if prev:
        links.append(f"<a href='{UNIT_SCHEME}{prev}'>← {escape(_short(prev, lang))}</a>")
    if nxt:
        links.append(f"<a href='{UNIT_SCHEME}{nxt}'>{escape(_short(nxt, lang))} →</a>")
    return f"<hr/><p>{' &nbsp;·&nbsp; '.join(links)}</p>" if links else ""


def _short(uid: str, lang: str) -> str:
    return corpus.citation(uid, lang).removeprefix(corpus.SYMBOL + ", ")


_REF_RE = LazyPattern(
    r"^\s*(?:(?:para(?:graph)?|par|§)\.?\s*)?(?P<pp>pp|pr[ée]ambule?\s*)?(?:op)?(?P<n>\d{1,2})"
    r"(?:[\s.]*\(?(?P<l>[a-h])\)?)?(?:[\s.]*\(?(?P<r>viii|vii|iii|ix|iv|vi|ii|v|x|i)\)?)?"
    r"(?:[\s.]*(?P<b>[1-9]))?\s*$", re.IGNORECASE)


def parse_reference(text: str, known: set[str]) -> str | None:
    """A unit ID from what a user types: `op28.c.ii`, `28 (c) (ii)`, `28 c ii`, `pp3`, `para 16`."""
    text = text.strip()
    if text.lower() in known:
        return text.lower()
    m = _REF_RE.match(text)
    if not m:
        return None
    if m["pp"]:
        uid = f"pp{int(m['n'])}"
        return uid if uid in known and not (m["l"] or m["r"] or m["b"]) else None
    uid = f"op{int(m['n'])}"
    for part in (m["l"], m["r"], m["b"]):
        if part:
            uid = f"{uid}.{part.lower()}"
    return uid if uid in known else None
