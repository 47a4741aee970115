"""The mandate corpus: unit IDs, citations and the bundled data files.

IDs are stable forever (DESIGN.md): pp1..pp24, op1..op65, op28.c, op28.c.ii, op62.iii,
op3.2 (second bullet), op28.c.ii.5. Text is data (data/text_<lang>.json), never gettext.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from fieldapp.core.errors import InvalidInput
from fieldapp.core.lazy_re import LazyPattern
from fieldapp.core.paths import data_dir

SYMBOL = "S/RES/2531 (2020)"
LANGS = ("en", "fr")
CORPUS_FORMAT = "fieldapp-corpus"
CORPUS_VERSION = 1

ID_RE = LazyPattern(
    r"^(?:pp(?P<pp>[1-9]\d?)|op(?P<op>[1-9]\d?)"
    r"(?:\.(?P<letter>[a-h]))?"
    r"(?:\.(?P<roman>i|ii|iii|iv|v|vi|vii|viii|ix|x))?"
    r"(?:\.(?P<bullet>[1-9]))?)$"
)

_ORD_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
           "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
           "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
           "twenty-first", "twenty-second", "twenty-third", "twenty-fourth"]


def is_valid_id(uid: str) -> bool:
    """Syntactic check of a unit ID (existence is checked against the store)."""
    return bool(ID_RE.match(uid))


def citation(uid: str, lang: str = "en") -> str:
    """Official-style citation: `S/RES/2531 (2020), para. 28 (c) (ii)` (FR: `par. 28 c) ii)`)."""
    m = ID_RE.match(uid)
    if not m:
        raise InvalidInput(f"not a paragraph ID: {uid!r}")
    if m["pp"]:
        n = int(m["pp"])
        if lang == "fr":
            return f"{SYMBOL}, {n}{'er' if n == 1 else 'e'} alinéa du préambule"
        return f"{SYMBOL}, {_ORD_EN[n - 1]} preambular paragraph"
    if lang == "fr":
        parts = [f"par. {m['op']}"]
        parts += [f"{x})" for x in (m["letter"], m["roman"]) if x]
        out = f"{SYMBOL}, " + " ".join(parts)
        if m["bullet"]:
            b = int(m["bullet"])
            out += f", {b}{'er' if b == 1 else 'e'} alinéa"
        return out
    parts = [f"para. {m['op']}"] + [f"({x})" for x in (m["letter"], m["roman"]) if x]
    out = f"{SYMBOL}, " + " ".join(parts)
    if m["bullet"]:
        out += f", {_ORD_EN[int(m['bullet']) - 1]} bullet"
    return out


def strip_emphasis(text: str) -> str:
    """Plain text without the *emphasis* markup."""
    return text.replace("*", "")


class Section(NamedTuple):
    id: str
    level: int
    parent: str | None
    title: dict[str, str]


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def bundled_units() -> list[dict]:
    """Structure of the 142 units, in document order."""
    return _read_json(data_dir() / "units.json")


def bundled_text(lang: str) -> dict:
    """The bundled corpus file of one language (format `fieldapp-corpus`)."""
    path = data_dir() / f"text_{lang}.json"
    return _read_json(path) if path.exists() else {}


def bundled_sections() -> list[Section]:
    """Section headings (tree nodes, not IDs) with EN/FR titles."""
    raw = _read_json(data_dir() / "sections.json")
    return [Section(s["id"], s["level"], s["parent"], s["title"]) for s in raw]


def bundled_json(name: str):
    """Any other bundled data file by name (themes, glossary…); None when absent."""
    path = data_dir() / name
    return _read_json(path) if path.exists() else None


def seed_fingerprint() -> str:
    """Hash of every bundled data file: a change means the seed must be refreshed."""
    import hashlib  # not at module level: it loads OpenSSL (start-up speed)

    digest = hashlib.sha256()
    for path in sorted(data_dir().glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def data_stamp() -> str:
    """Names, sizes and modification times of the bundled data files: cheap to read at every
    start; while it is unchanged, so are the files (and their `seed_fingerprint`)."""
    parts = []
    for path in sorted(data_dir().glob("*.json")):
        st = path.stat()
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def validate_corpus_file(doc: object, known_ids: list[str], lang: str | None = None) -> dict:
    """Check a corpus file (export/import format); return its units map or raise InvalidInput."""
    if not isinstance(doc, dict) or doc.get("format") != CORPUS_FORMAT:
        raise InvalidInput("not a fieldapp corpus file (missing \"format\": \"fieldapp-corpus\")")
    if doc.get("version") != CORPUS_VERSION:
        raise InvalidInput(f"unsupported corpus file version {doc.get('version')!r} "
                           f"(this app reads version {CORPUS_VERSION})")
    if lang and doc.get("lang") not in (None, lang):
        raise InvalidInput(f"file is for language {doc.get('lang')!r}, not {lang!r}")
    units = doc.get("units")
    if not isinstance(units, dict):
        raise InvalidInput("corpus file has no \"units\" object")
    missing = [u for u in known_ids if u not in units]
    unknown = sorted(set(units) - set(known_ids))
    if unknown:
        # repr: an ID from the file may hold line breaks or be huge (one-line message)
        raise InvalidInput("unknown paragraph ID in corpus file: "
                           + ", ".join(repr(u[:40]) for u in unknown[:5]))
    if missing:
        raise InvalidInput(f"paragraph ID missing from corpus file: {', '.join(missing[:5])}")
    for uid in known_ids:
        rec = units[uid]
        if not isinstance(rec, dict):
            raise InvalidInput(f"{uid}: expected an object with \"title\" and \"text\"")
        title, text = rec.get("title"), rec.get("text")
        if title is not None and not isinstance(title, str) or not isinstance(text, str):
            raise InvalidInput(f"{uid}: \"title\" must be a string or null, \"text\" a string")
        if "\x00" in (title or "") + text:
            raise InvalidInput(f"{uid}: text contains a NUL character")
        if not text.strip() and not (title or "").strip():
            raise InvalidInput(f"{uid}: text is empty")
    return units
