"""Text of Help → About: version and where each language's text comes from."""
from __future__ import annotations

import html

from fieldapp.core.i18n import _
from fieldapp.core.reader import ReaderData, language_name, provenance_label


def about_text(data: ReaderData, version: str) -> str:
    """Rich text for QMessageBox.about; every data value is escaped."""
    lines = [f"<h3>fieldapp {html.escape(version)}</h3>",
             "<p>" + html.escape(_("Offline companion for the mandate of MINUSMA, Security "
                                   "Council resolution 2531 (2020).")) + "</p>"]
    for lang in ("en", "fr"):
        prov = data.provenance.get(lang) or {}
        lines.append(f"<p><b>{html.escape(language_name(lang))}</b>: "
                     f"{html.escape(provenance_label(data, lang))}<br/>"
                     f"<small>{html.escape(prov.get('description', ''))}</small></p>")
    return "".join(lines)
