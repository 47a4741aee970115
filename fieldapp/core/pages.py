"""Whole-page views as safe HTML (no Qt): a theme's paragraphs, a glossary entry, deadlines."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from fieldapp.core import corpus
from fieldapp.core.annotate import GLOSS_SCHEME, UNIT_SCHEME, escape
from fieldapp.core.i18n import _, format_date, format_number, ngettext
from fieldapp.core.reader import MUTED, ReaderData, provenance_html, units_html

if TYPE_CHECKING:
    from fieldapp.core.deadlines import DatedItem

DEADLINES_PAGE = "deadlines:"


def esc(text: str | None) -> str:
    return escape(text or "")


def pick(values: dict | None, lang: str) -> str:
    """A {en, fr} value in `lang`, falling back to English."""
    values = values or {}
    return values.get(lang) or values.get("en") or ""


def _cite(uid: str, lang: str) -> str:
    return corpus.citation(uid, lang).removeprefix(corpus.SYMBOL + ", ")


def unit_link(uid: str, lang: str, full: bool = False) -> str:
    label = corpus.citation(uid, lang) if full else _cite(uid, lang)
    return f"<a href='{UNIT_SCHEME}{esc(uid)}'>{esc(label)}</a>"


def paragraph_count(n: int) -> str:
    return ngettext("%(count)s paragraph", "%(count)s paragraphs", n) % {
        "count": format_number(n)}


def theme_page(data: ReaderData, theme: dict, uids: list[str], mode: str, ui_lang: str,
               stacked: bool = False) -> str:
    """All of a theme's paragraphs in document order as one page, with count and links.

    A listed unit is shown with its sub-units; a sub-unit whose ancestor is also listed is
    shown once, inside that ancestor. `stacked`: as `units_html`."""
    cite_lang = ui_lang if mode == "both" else mode
    listed = set(uids)
    shown = [u for u in uids if not _has_listed_ancestor(data, u, listed)]
    head = [f"<h2>{esc(pick(theme['name'], ui_lang))}</h2>",
            f"<p>{esc(pick(theme.get('description'), ui_lang))}</p>",
            f"<p><b>{esc(paragraph_count(len(uids)))}</b> — "
            + ", ".join(unit_link(u, cite_lang) for u in uids) + "</p>",
            provenance_html(data, mode, stacked)]
    body = []
    for uid in shown:
        body.append(f"<p style='margin-top:14px'><b>{unit_link(uid, cite_lang, full=True)}</b>"
                    f" <span style='color:{MUTED}'>{esc(data.section_path(uid, cite_lang))}"
                    f"</span></p>")
        items = [(uid, 0)] + [(d, d.count(".") - uid.count(".")) for d in data.descendants(uid)]
        body.append(units_html(data, items, mode, stacked=stacked))
    return "".join(head + body)


def _has_listed_ancestor(data: ReaderData, uid: str, listed: set[str]) -> bool:
    parent = data.units[uid]["parent"]
    while parent:
        if parent in listed:
            return True
        parent = data.units[parent]["parent"]
    return False


def glossary_page(entry: dict, ui_lang: str, text_lang: str) -> str:
    """One glossary entry: the term in both languages, expansion, definition, where used."""
    terms = [t for t in (entry["term"].get("en"), entry["term"].get("fr")) if t]
    term_line = " / ".join(dict.fromkeys(terms))
    rows = [f"<h2>{esc(term_line)}</h2>"]
    for lang in ("en", "fr"):
        exp = (entry.get("expansion") or {}).get(lang)
        if exp:
            rows.append(f"<p><b>{esc(entry['term'].get(lang) or '')}</b>: {esc(exp)}</p>")
    definition = pick(entry.get("definition"), ui_lang)
    if definition:
        rows.append(f"<p>{esc(definition)}</p>")
    units = entry.get("units") or []
    if units:
        lang = text_lang if text_lang in ("en", "fr") else ui_lang
        rows.append("<p><b>" + esc(_("Used in:")) + "</b> "
                    + ", ".join(unit_link(u, lang) for u in units) + "</p>")
    return "".join(rows)


def glossary_tooltip(entry: dict, lang: str) -> str:
    """Plain text for the hover tooltip: term — expansion, then the definition."""
    term = pick(entry["term"], lang)
    exp = pick(entry.get("expansion"), lang)
    definition = pick(entry.get("definition"), lang)
    first = f"{term} — {exp}" if exp and exp != term else term
    return f"{first}\n{definition}" if definition else first


def long_date(day: dt.date, lang: str) -> str:
    """`29 June 2020` / `29 juin 2020`: UN style, day first in English too (babel en_GB)."""
    return format_date(day, lang="en_GB" if lang == "en" else lang)


def days_text(days: int) -> str:
    if days == 0:
        return _("today")
    n = format_number(abs(days))
    if days > 0:
        return ngettext("in %(n)s day", "in %(n)s days", abs(days)) % {"n": n}
    return ngettext("%(n)s day ago", "%(n)s days ago", abs(days)) % {"n": n}


def _when(item: DatedItem, lang: str) -> str:
    if item.date is None:
        return ""
    if item.precision == "month":
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", item.date, locale="en_GB" if lang == "en" else lang)
    return long_date(item.date, lang)


def deadlines_page(entries: list[dict] | None, today: dt.date, ui_lang: str) -> str:
    """Deadlines, recurring reports and dates referred to, each linked to its paragraph."""
    from fieldapp.core.deadlines import dated_items  # only this page needs it (start-up)

    items = dated_items(entries, today)
    counted = _("Days counted from today, %(date)s.") % {"date": long_date(today, ui_lang)}
    out = ["<h2>" + esc(_("Deadlines and reporting dates")) + "</h2>",
           f"<p style='color:{MUTED}'>{esc(counted)}</p>"]
    sections = [("deadline", _("Deadlines")), ("cadence", _("Recurring reports")),
                ("reference", _("Dates referred to in the text"))]
    for kind, heading in sections:
        rows = [i for i in items if i.kind == kind]
        if not rows:
            continue
        out.append(f"<h3>{esc(heading)}</h3>")
        out.append("<table width='100%' cellspacing='0' cellpadding='5' border='0'>")
        out.append(_header_row(kind))
        for n, item in enumerate(rows):
            bg = " bgcolor='#f3f5f8'" if n % 2 else ""
            out.append(f"<tr{bg}>{_cells(item, kind, ui_lang)}</tr>")
        out.append("</table>")
    return "".join(out)


def _header_row(kind: str) -> str:
    first = _("Cadence") if kind == "cadence" else _("Date")
    return (f"<tr><th align='left' width='30%'>{esc(first)}</th>"
            "<th align='left'>" + esc(_("What")) + "</th></tr>")


def _cells(item: DatedItem, kind: str, lang: str) -> str:
    """Two columns (when | what), so the table stays readable in a narrow reader."""
    what = f"<b>{esc(pick(item.title, lang))}</b> — {unit_link(item.unit, lang)}"
    if kind == "cadence":
        when = esc(ngettext("every %(n)s month", "every %(n)s months",
                            item.cadence_months or 0) % {"n": format_number(item.cadence_months or 0)})
        if item.anchor:
            when += "<br/>" + esc(_("from %(date)s") % {"date": long_date(item.anchor, lang)})
        if item.next_date:
            nxt = _("next: %(date)s, %(days)s") % {"date": long_date(item.next_date, lang),
                                                   "days": days_text(item.next_days_left or 0)}
        elif item.last_date:
            nxt = _("none left in the mandate period (last: %(date)s, %(ago)s)") % {
                "date": long_date(item.last_date, lang), "ago": days_text(item.last_days_left or 0)}
        else:
            nxt = _("no start date in the text")
        what += f"<br/>{esc(nxt)}"
    else:
        when = f"<b>{esc(_when(item, lang))}</b>"
        if kind == "deadline" and item.days_left is not None:
            when += f"<br/>{esc(days_text(item.days_left))}"
    if item.note and pick(item.note, lang):
        what += f"<br/><span style='color:{MUTED}'>{esc(pick(item.note, lang))}</span>"
    return f"<td valign='top'>{when}</td><td valign='top'>{what}</td>"
