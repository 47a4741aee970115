"""Safe HTML for the reader pane: data is escaped first, then *emphasis* becomes <i>."""
from __future__ import annotations

import html
import re

from fieldapp.core import corpus

_EMPH = re.compile(r"\*([^*\n]+)\*")


def inline_html(text: str) -> str:
    """Escape user or corpus text, then render *emphasis* as italics."""
    return _EMPH.sub(r"<i>\1</i>", html.escape(text, quote=True)).replace("\n\n", "<br/><br/>")


def unit_html(unit: dict, lang: str, *, depth: int = 0, missing: str = "") -> str:
    """One unit (label, optional title, text) as an HTML block."""
    label = html.escape(unit["label"] if unit["label"] != "-" else "•")
    title = (unit["title"] or {}).get(lang)
    text = unit["text"].get(lang)
    parts = []
    if title:
        parts.append(f"<p style='margin-left:{depth * 24}px'><b>{label}</b> "
                     f"<i>{html.escape(title)}</i></p>")
        label = ""
    if text is None:
        parts.append(f"<p style='margin-left:{depth * 24}px; color:#777'>{html.escape(missing)}</p>")
    elif text:
        lead = f"<b>{label}</b> " if label else ""
        parts.append(f"<p style='margin-left:{depth * 24}px'>{lead}{inline_html(text)}</p>")
    return "".join(parts)


def context_html(units_by_id: dict[str, dict], uid: str, lang: str, missing: str = "") -> str:
    """The top paragraph that contains `uid`, with all its sub-units, `uid` highlighted."""
    top = uid
    while units_by_id[top]["parent"]:
        top = units_by_id[top]["parent"]
    out = [f"<p style='color:#555'>{html.escape(corpus.citation(uid, lang))}</p>"]

    def walk(node_id: str, depth: int) -> None:
        block = unit_html(units_by_id[node_id], lang, depth=depth, missing=missing)
        if node_id == uid and node_id != top:
            block = f"<div style='background-color:#fff6d5'>{block}</div>"
        out.append(f"<a name='{html.escape(node_id)}'></a>{block}")
        for child in units_by_id[node_id]["children"]:
            walk(child, depth + 1)

    walk(top, 0)
    return "".join(out)
