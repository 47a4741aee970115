"""Inline reader markup for corpus text: emphasis, cross-reference and glossary links, and
search highlights, computed as character spans on the raw text and rendered safely.

The text is data: every character is HTML-escaped; the only markup is what this module adds.
Links use the schemes `unit:<id>` (navigate) and `gloss:<id>` (glossary term).
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from fieldapp.core.lazy_re import LazyPattern
from fieldapp.core.textfold import PREFIX_MIN_CHARS, query_tokens

UNIT_SCHEME, GLOSS_SCHEME, THEME_SCHEME = "unit:", "gloss:", "theme:"
HIGHLIGHT_BG = "#ffe066"
GLOSS_COLOR = "#0b5d57"

_ROMAN = r"(?:viii|vii|iii|ix|iv|vi|ii|v|x|i)"
# One referenced number with optional sub-labels: "28 (c) (ii)" (EN) / "28 c) ii)" (FR).
_ITEM = {
    "en": rf"(?P<n>\d{{1,2}})(?: \((?P<l>[a-h])\))?(?: \((?P<r>{_ROMAN})\))?",
    "fr": rf"(?P<n>\d{{1,2}})(?: (?P<l>[a-h])\))?(?: (?P<r>{_ROMAN})\))?",
}
_WHERE = {"en": r"(?: (?:above|below))?", "fr": r"(?: (?:ci-dessus|ci-après|ci-dessous))?"}
_SEP = {"en": r"(?:, and |, | and | or )", "fr": r"(?:, et |, | et | ou )"}
_WORD = {"en": r"\bparagraphs?", "fr": r"\bparagraphes?"}
# A reference followed by these words points into another resolution: not a link here.
_EXTERNAL_TAIL = {"en": LazyPattern(r"^\s*of (?:resolution|the resolution)\b"),
                  "fr": LazyPattern(r"^\s*(?:de la résolution|de la présente)\b")}


def _item_re(lang: str, named: bool) -> str:
    item = _ITEM[lang] if named else re.sub(r"\?P<\w+>", "", _ITEM[lang])
    return item + _WHERE[lang]


_PHRASE = {lang: LazyPattern(rf"{_WORD[lang]} {_item_re(lang, False)}"
                            rf"(?:{_SEP[lang]}{_item_re(lang, False)})*")
           for lang in ("en", "fr")}
_ONE_ITEM = {lang: LazyPattern(_item_re(lang, True)) for lang in ("en", "fr")}


class Span(NamedTuple):
    start: int
    end: int
    href: str = ""


def escape(text: str) -> str:
    """`html.escape(text, quote=True)`, without importing `html`: its import loads the
    2,231 named entities of html.entities, ~4 ms of the window's start-up, for a function
    that is five replacements."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def paragraph_refs(text: str, lang: str, known: set[str] | None = None) -> list[Span]:
    """Spans of internal references ("paragraph 19 above", "paragraphs 19 … and 28 and 29"),
    each with href `unit:<id>`; references into other resolutions are skipped."""
    lang = "fr" if lang == "fr" else "en"
    spans: list[Span] = []
    for m in _PHRASE[lang].finditer(text):
        if _EXTERNAL_TAIL[lang].match(text[m.end():m.end() + 40]):
            continue
        first = True
        numbers_at = m.start() + text[m.start():m.end()].index(" ") + 1
        for item in _ONE_ITEM[lang].finditer(text, numbers_at, m.end()):
            n = int(item["n"])
            if not 1 <= n <= 65:
                continue
            uid = f"op{n}"
            for part in (item["l"], item["r"]):
                if part and (known is None or f"{uid}.{part}" in known):
                    uid = f"{uid}.{part}"
            start = m.start() if first else item.start()
            spans.append(Span(start, item.end("r") if item["r"] else
                              item.end("l") if item["l"] else item.end("n"),
                              UNIT_SCHEME + uid))
            first = False
    return spans


def _occurrences(haystack: str, needle: str):
    """Start offsets of `needle` in `haystack` as a whole word (plain find: no regex to
    compile, which kept the first page ~50 ms slower at startup)."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not haystack[start - 1].isalnum() and haystack[start - 1] != "_") and \
                (end == len(haystack) or not haystack[end].isalnum() and haystack[end] != "_"):
            yield start
        start = haystack.find(needle, start + 1)


def term_spans(text: str, terms: list[tuple[str, str]]) -> list[Span]:
    """Spans of glossary terms [(id, term)]: acronyms case-sensitive, phrases not; whole words."""
    found: list[Span] = []
    taken = [False] * len(text)
    lowered = text.lower()
    lower_ok = len(lowered) == len(text)
    for gid, term in sorted(terms, key=lambda t: -len(t[1])):
        if not term or not term.strip():
            continue
        if term.isupper() or not lower_ok:
            starts = _occurrences(text, term)
        else:
            starts = _occurrences(lowered, term.lower())
        for start in starts:
            end = start + len(term)
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            found.append(Span(start, end, GLOSS_SCHEME + gid))
    return sorted(found, key=lambda s: s.start)


def _fold_char(ch: str) -> str:
    if ch in "œŒ":
        return "oe"
    if ch in "æÆ":
        return "ae"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base.lower() if len(base.lower()) == len(base) else base


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Accent- and case-folded text plus, for each folded character, its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def highlight_spans(text: str, query: str, prefix_last: bool = True) -> list[Span]:
    """Words of `text` matched by the search query, as FTS5 matches them: accent- and
    case-insensitive, tokens of 3+ letters (and the last one when typing) as word prefixes."""
    tokens = [t for t in ("".join(_fold_char(c) for c in tok) for tok in query_tokens(query))
              if re.search(r"\w", t)]
    if not tokens or not text:
        return []
    folded, index = fold_with_map(text)
    spans: list[Span] = []
    for pos, tok in enumerate(tokens):
        words = [w for w in re.split(r"[^\w]+", tok) if w]
        if not words:
            continue
        is_prefix = len(tok) >= PREFIX_MIN_CHARS or (prefix_last and pos == len(tokens) - 1)
        body = r"\W+".join(re.escape(w) for w in words)
        pattern = rf"(?<!\w){body}" + (r"\w*" if is_prefix else r"(?!\w)")
        for m in re.finditer(pattern, folded):
            spans.append(Span(index[m.start()], index[m.end() - 1] + 1))
    return spans


def _emphasis_ranges(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """(italic ranges, positions of the `*` markers to drop) for *emphasis* markup."""
    ranges, markers = [], set()
    for m in re.finditer(r"\*([^*\n]+)\*", text):
        ranges.append((m.start(1), m.end(1)))
        markers.update((m.start(), m.end() - 1))
    return ranges, markers


def annotate(text: str, lang: str, *, terms: list[tuple[str, str]] | None = None,
             query: str | None = None, known: set[str] | None = None,
             links: bool = True) -> str:
    """Corpus text as safe inline HTML with emphasis, links and highlights."""
    italic, markers = _emphasis_ranges(text)
    link_spans = paragraph_refs(text, lang, known) if links else []
    if links and terms:
        busy = [s for s in link_spans]
        link_spans += [t for t in term_spans(text, terms)
                       if not any(t.start < b.end and b.start < t.end for b in busy)]
    marks = highlight_spans(text, query) if query else []
    cuts = {0, len(text)}
    for a, b in italic:
        cuts.update((a, b))
    for s in link_spans + marks:
        cuts.update((s.start, s.end))
    cuts.update(markers)
    cuts.update(m + 1 for m in markers)
    points = sorted(c for c in cuts if 0 <= c <= len(text))

    def attrs(pos: int) -> tuple[bool, str, bool]:
        it = any(a <= pos < b for a, b in italic)
        href = next((s.href for s in link_spans if s.start <= pos < s.end), "")
        hl = any(s.start <= pos < s.end for s in marks)
        return it, href, hl

    groups: list[tuple[tuple[bool, str, bool], str]] = []
    for a, b in zip(points, points[1:]):
        if a in markers and b == a + 1:
            continue
        key = attrs(a)
        chunk = text[a:b]
        if groups and groups[-1][0] == key:
            groups[-1] = (key, groups[-1][1] + chunk)
        else:
            groups.append((key, chunk))
    out = []
    for (it, href, hl), chunk in groups:
        piece = escape(chunk).replace("\n\n", "<br/><br/>").replace("\n", " ")
        if hl:
            piece = f"<span style='background-color:{HIGHLIGHT_BG}'>{piece}</span>"
        if it:
            piece = f"<i>{piece}</i>"
        if href.startswith(GLOSS_SCHEME):
            # A dotted underline: Qt's rich text reads `text-underline-style` (its own CSS
            # property) into the link's character format, so no pass over the document after.
            piece = (f"<a href='{escape(href)}' style='color:{GLOSS_COLOR};"
                     f" text-underline-style:dotted'>{piece}</a>")
        elif href:
            piece = f"<a href='{escape(href)}'>{piece}</a>"
        out.append(piece)
    return "".join(out)
