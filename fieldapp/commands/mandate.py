"""show, search, themes, theme, corpus export/import."""
from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

from fieldapp.cli import emit, open_store
from fieldapp.core import corpus
from fieldapp.core.errors import InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.textfold import render_snippet


def register(sub, common) -> None:
    p = sub.add_parser("show", parents=[common], help="show paragraphs by ID")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="every unit in document order")
    p.add_argument("--lang", choices=["en", "fr", "both"], default="en")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("search", parents=[common], help="search the mandate (and notes)")
    p.add_argument("query")
    p.add_argument("--lang", choices=["en", "fr", "all"], default="all")
    p.add_argument("--in", dest="scope", choices=["mandate", "notes", "all"], default="mandate")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--twin", action="store_true",
                   help="with each paragraph hit, its text in the other language")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("themes", parents=[common], help="list themes")
    p.set_defaults(handler=cmd_themes)
    p = sub.add_parser("theme", parents=[common], help="paragraph IDs of one theme")
    p.add_argument("theme_id")
    p.set_defaults(handler=cmd_theme)

    p = sub.add_parser("corpus", parents=[common], help="export or import a language's text")
    csub = p.add_subparsers(dest="corpus_cmd", metavar="ACTION", required=True,
                            parser_class=sub._parser_class)
    e = csub.add_parser("export", parents=[common], help="write one language's text to a file")
    e.add_argument("--lang", choices=corpus.LANGS, required=True)
    e.add_argument("--out", required=True)
    e.set_defaults(handler=cmd_corpus_export)
    i = csub.add_parser("import", parents=[common], help="replace one language's text")
    i.add_argument("file")
    i.add_argument("--lang", choices=corpus.LANGS, required=True)
    i.add_argument("--description", help="provenance, e.g. 'Official text, S/RES/2531 (2020)'")
    i.set_defaults(handler=cmd_corpus_import)


def _format_unit(u: dict, langs: list[str]) -> str:
    lines = [u["citation"]]
    for lang in langs:
        head = f"[{lang}] " if len(langs) > 1 else ""
        title = (u["title"] or {}).get(lang)
        text = u["text"].get(lang)
        if title:
            lines.append(f"{head}{u['label']} {title}".strip())
        if text is None:
            lines.append(f"{head}(no {lang} text)")
        elif text:
            body = corpus.strip_emphasis(text)
            label = "" if title else (u["label"] + " " if u["label"] not in ("", "-") else "")
            for para in body.split("\n\n"):
                lines.append(textwrap.fill(f"{head}{label}{para}", width=100))
                label = ""
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        raise InvalidInput("give one or more paragraph IDs (e.g. op28.c.ii) or --all")
    with open_store(args) as store:
        units = store.units(None if args.all else args.ids)
        notice = provenance_notice(store, args.lang)
    langs = ["en", "fr"] if args.lang == "both" else [args.lang]
    if args.json:
        emit(args, units if (args.all or len(args.ids) > 1) else units[0])
    else:
        body = "\n\n".join(_format_unit(u, langs) for u in units)
        emit(args, None, body + (f"\n\n{notice}" if notice else ""))
    return 0


def provenance_notice(store, lang: str) -> str:
    """One discreet line when French working-translation text is shown."""
    if lang not in ("fr", "both", "all"):
        return ""
    prov = store.provenance().get("fr", {})
    if prov.get("status") == "working-translation":
        return _("French: unofficial working translation (English is the source text).")
    return ""



def cmd_search(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        results = []
        if args.scope in ("mandate", "all"):
            results += store.search_mandate(args.query, args.lang, args.limit)
        if args.scope in ("notes", "all") and hasattr(store, "search_notes"):
            results += store.search_notes(args.query, args.limit)
        results.sort(key=lambda r: r.get("score", 0))
        results = results[:max(1, args.limit)]
        if args.twin:
            for r in results:
                if r["kind"] == "paragraph":
                    other = "fr" if r["lang"] == "en" else "en"
                    r["twin"] = {"lang": other, "text": store.unit(r["id"])["text"][other]}
    for r in results:
        r["snippet"] = render_snippet(r["snippet"])
        r.pop("score", None)
    def human() -> str:
        lines = []
        for r in results:
            lines.append(f"{r['id']:<14} {r['lang']}  {r['snippet']}")
            if "twin" in r and r["twin"]["text"]:
                lines.append(f"{'':<14} {r['twin']['lang']}  "
                             f"{textwrap.shorten(corpus.strip_emphasis(r['twin']['text']), 160)}")
        return "\n".join(lines) or _("no results")

    emit(args, {"query": args.query, "results": results}, human)
    return 0


def cmd_themes(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        themes = store.themes()
    emit(args, themes, lambda: "\n".join(
        f"{t['id']:<30} {t['count']:>3}  {t['name']['en']}" for t in themes))
    return 0


def cmd_theme(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ids = store.theme_units(args.theme_id)
    emit(args, {"theme": args.theme_id, "units": ids}, lambda: "\n".join(ids))
    return 0


def cmd_corpus_export(args: argparse.Namespace) -> int:
    from fieldapp.core.atomic import write_text_atomic

    with open_store(args) as store:
        doc = store.export_corpus(args.lang)
    write_text_atomic(Path(args.out), json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    emit(args, {"lang": args.lang, "units": len(doc["units"]), "out": args.out},
         f"wrote {len(doc['units'])} {args.lang} units to {args.out}")
    return 0


def cmd_corpus_import(args: argparse.Namespace) -> int:
    from fieldapp.core.safejson import load_json_file

    doc = load_json_file(Path(args.file), max_bytes=20_000_000)
    with open_store(args) as store:
        report = store.import_corpus(doc, args.lang, args.description)
    emit(args, report, f"imported {report['units']} {args.lang} units "
                       f"({report['changed']} changed) from {args.file}")
    return 0
