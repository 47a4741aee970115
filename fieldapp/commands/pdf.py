"""pdf cheatsheet|report|mandate --out FILE [--lang en|fr|both] [--paper a4|letter] [filters]."""
from __future__ import annotations

import argparse
import datetime as dt

from fieldapp.cli import emit, open_store
from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _


def register(sub, common) -> None:
    p = sub.add_parser("pdf", parents=[common], help=_("print a document to PDF"))
    psub = p.add_subparsers(dest="pdf_kind", metavar="DOCUMENT", required=True,
                            parser_class=sub._parser_class)
    helps = {"cheatsheet": _("one- or two-page meeting summary of the mandate"),
             "report": _("progress notes and measure assessments"),
             "mandate": _("the whole resolution")}
    for kind in ("cheatsheet", "report", "mandate"):
        k = psub.add_parser(kind, parents=[common], help=helps[kind])
        k.add_argument("--out", required=True, metavar="FILE", help=_("PDF file to write"))
        k.add_argument("--lang", choices=["en", "fr", "both"], default="en",
                       help=_("English, French or both (parallel columns)"))
        k.add_argument("--paper", choices=["a4", "letter"], default="a4")
        k.add_argument("--as-of", metavar="YYYY-MM-DD",
                       help=_("'status as of' date printed on every page (default: today)"))
        if kind in ("cheatsheet", "report"):
            k.add_argument("--theme", action="append", default=[], metavar="THEME_ID",
                           help=_("limit to a theme (repeatable)"))
        if kind == "report":
            k.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
            k.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
            k.add_argument("--region", action="append", default=[], metavar="REGION",
                           help=_("region id or name (repeatable)"))
            k.add_argument("--measure", action="append", default=[], metavar="MEASURE_ID",
                           help=_("priority measure (repeatable)"))
            k.add_argument("--max-sensitivity", default="strictly-confidential",
                           choices=["unclassified", "confidential", "strictly-confidential"],
                           help=_("leave out notes more sensitive than this"))
            k.add_argument("--group-by", choices=["theme", "measure"], default="theme")
            k.add_argument("--author", default="", help=_("author printed on the cover line"))
        k.set_defaults(handler=cmd_pdf, pdf_kind=kind)


def _as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("{value!r} is not a date (use YYYY-MM-DD)").format(value=value)) \
            from None


def cmd_pdf(args: argparse.Namespace) -> int:
    from fieldapp.core.pdf import PdfOptions, generate

    opts = PdfOptions(kind=args.pdf_kind, lang=args.lang, paper=args.paper,
                      as_of=_as_of(args.as_of), themes=getattr(args, "theme", []),
                      date_from=getattr(args, "date_from", None),
                      date_to=getattr(args, "date_to", None),
                      regions=getattr(args, "region", []),
                      measures=getattr(args, "measure", []),
                      max_sensitivity=getattr(args, "max_sensitivity", "strictly-confidential"),
                      group_by=getattr(args, "group_by", "theme"),
                      author=getattr(args, "author", ""))
    with open_store(args) as store:
        info = generate(store, opts, args.out)
    emit(args, info, _("wrote {out}: {pages} pages, marked {marking}").format(
        out=info["out"], pages=info["pages"], marking=info["sensitivity"]))
    return 0
