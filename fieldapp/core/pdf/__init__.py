"""Printed output (reportlab, embedded DejaVu): cheat-sheet, progress report, full mandate.

`generate(store, options, out, progress)` is the one entry point of the CLI and the window.
reportlab is imported only inside the builders (startup speed). Every page is marked with
the highest sensitivity of its content, the document symbol and the "status as of" date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fieldapp.core.errors import InvalidInput
from fieldapp.core.pdf.styles import LANGS, PAPERS, SENSITIVITIES

KINDS = ("cheatsheet", "report", "mandate")
GROUPS = ("theme", "measure")


@dataclass
class PdfOptions:
    """Everything a document can be asked for (unused fields are ignored by a kind)."""

    kind: str
    lang: str = "en"
    paper: str = "a4"
    themes: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    regions: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    max_sensitivity: str = "strictly-confidential"
    group_by: str = "theme"
    author: str = ""
    as_of: dt.date | None = None

    def validate(self) -> "PdfOptions":
        checks = ((self.kind, KINDS, "document"), (self.lang, LANGS, "language"),
                  (self.paper, PAPERS, "paper size"), (self.group_by, GROUPS, "grouping"),
                  (self.max_sensitivity, SENSITIVITIES, "sensitivity"))
        for value, allowed, what in checks:
            if value not in allowed:
                raise InvalidInput(f"unknown {what} {value!r} (use {', '.join(allowed)})")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise InvalidInput(f"{value!r} is not a date (use YYYY-MM-DD)") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInput("the period starts after it ends")
        return self


def generate(store, options: PdfOptions, out, progress=None) -> dict:
    """Write the document to `out` atomically; return {"out", "pages", "bytes", …}.

    `progress(fraction, stage)` is called now and then; raising `Cancelled` from it stops
    the generation and leaves `out` untouched.
    """
    options.validate()
    if options.kind == "mandate":
        from fieldapp.core.pdf.mandate import build_mandate

        return build_mandate(store, out, lang=options.lang, paper=options.paper,
                             as_of=options.as_of, progress=progress)
    if options.kind == "cheatsheet":
        from fieldapp.core.pdf.cheatsheet import build_cheatsheet

        return build_cheatsheet(store, out, lang=options.lang, paper=options.paper,
                                themes=options.themes, as_of=options.as_of, progress=progress)
    from fieldapp.core.pdf.report import build_report

    return build_report(store, out, options, progress=progress)
