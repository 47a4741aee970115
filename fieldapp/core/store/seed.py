"""Seed and refresh the reference data (corpus, themes, glossary…) from data/."""
from __future__ import annotations

import json
import re
import sqlite3
import time

from fieldapp.core import corpus
from fieldapp.core.lazy_re import LazyPattern
from fieldapp.core.textfold import index_columns

REFERENCE_FILES = ("measures.json", "tasks.json", "deadlines.json", "organisations.json",
                   "regions.json", "summaries.json")
_PARA_REF = LazyPattern(r"\bparagraphs? ((?:\d+(?: (?:above|below))?(?:,| and| or)? ?)+)")
_NUM = LazyPattern(r"\d+")
_RESOLUTION = LazyPattern(r"\bresolutions? (\d{3,4}) \((\d{4})\)")
_DOCSYM = LazyPattern(r"\b(S/(?:PRST/)?\d{4}/\d+)")


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def parse_crossrefs(text: str) -> list[tuple[str, str, str]]:
    """(kind, target, label) for 'paragraph 19 above', 'resolution 2374 (2017)', 'S/2020/476'.

    A paragraph number followed by 'of resolution N' refers to another resolution and is
    kept as part of that external reference, not as a link inside this one.
    """
    refs: list[tuple[str, str, str]] = []
    plain = corpus.strip_emphasis(text)
    for m in _PARA_REF.finditer(plain):
        tail = re.sub(r"^\s*(\([ivx]+\)\s*)*", "", plain[m.end():m.end() + 40])
        if tail.startswith("of resolution"):  # "paragraph 33 (iii) of resolution 2391"
            continue
        for n in _NUM.findall(m.group(1)):
            if 1 <= int(n) <= 65:
                refs.append(("paragraph", f"op{n}", f"paragraph {n}"))
    for m in _RESOLUTION.finditer(plain):
        refs.append(("resolution", f"{m.group(1)} ({m.group(2)})", m.group(0)))
    for m in _DOCSYM.finditer(plain):
        refs.append(("document", m.group(1), m.group(1)))
    return refs


def seed_corpus(conn: sqlite3.Connection) -> None:
    """(Re)load structure and the bundled text of each language, keeping imported texts."""
    sections = corpus.bundled_sections()
    conn.execute("DELETE FROM crossrefs")
    conn.execute("DELETE FROM theme_units")
    for seq, s in enumerate(sections):
        conn.execute(
            "INSERT INTO sections (id, seq, level, parent, title_en, title_fr) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, level=excluded.level,"
            " parent=excluded.parent, title_en=excluded.title_en, title_fr=excluded.title_fr",
            (s.id, seq, s.level, s.parent, s.title["en"], s.title.get("fr")))
    units = corpus.bundled_units()
    conn.execute("UPDATE units SET seq = -seq - 1000")  # free the UNIQUE seq slots
    for seq, u in enumerate(units):
        conn.execute(
            "INSERT INTO units (id, seq, parent, kind, label, section) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, parent=excluded.parent,"
            " kind=excluded.kind, label=excluded.label, section=excluded.section",
            (u["id"], seq, u["parent"], u["kind"], u["label"], u["section"]))
    for lang in corpus.LANGS:
        doc = corpus.bundled_text(lang)
        if not doc:
            continue
        row = conn.execute("SELECT status FROM corpus_provenance WHERE lang=?", (lang,)).fetchone()
        if row and row[0] == "imported":
            continue  # an official text imported by the user wins over the bundled one
        load_text(conn, lang, doc["units"], doc.get("provenance", {}), source="bundled")
    en = corpus.bundled_text("en")["units"]
    for u in units:
        for seq, (kind, target, label) in enumerate(parse_crossrefs(en[u["id"]]["text"])):
            conn.execute("INSERT INTO crossrefs VALUES (?,?,?,?,?)",
                         (u["id"], seq, kind, target, label))


def load_text(conn: sqlite3.Connection, lang: str, units: dict, provenance: dict,
              source: str) -> None:
    """Replace one language's text and its search rows (caller holds the transaction)."""
    conn.execute("DELETE FROM unit_text WHERE lang=?", (lang,))
    conn.execute("DELETE FROM mandate_fts WHERE lang=?", (lang,))
    for uid, rec in units.items():
        conn.execute("INSERT INTO unit_text (unit_id, lang, title, text) VALUES (?,?,?,?)",
                     (uid, lang, rec.get("title"), rec["text"]))
        title_body, title_folded = index_columns(rec.get("title") or "")
        body, folded = index_columns(rec["text"])
        conn.execute("INSERT INTO mandate_fts (unit_id, lang, title, body, folded)"
                     " VALUES (?,?,?,?,?)",
                     (uid, lang, title_body, body, " ".join(x for x in (title_folded, folded) if x)))
    status = "imported" if source == "imported" else provenance.get("status", "bundled")
    conn.execute(
        "INSERT INTO corpus_provenance VALUES (?,?,?,?,?) ON CONFLICT(lang) DO UPDATE SET"
        " status=excluded.status, description=excluded.description, source=excluded.source,"
        " loaded_at=excluded.loaded_at",
        (lang, status, provenance.get("description", ""), source, now_iso()))


def seed_themes(conn: sqlite3.Connection) -> None:
    themes = corpus.bundled_json("themes.json") or []
    for seq, t in enumerate(themes):
        conn.execute(
            "INSERT INTO themes VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
            " seq=excluded.seq, name_en=excluded.name_en, name_fr=excluded.name_fr,"
            " description_en=excluded.description_en, description_fr=excluded.description_fr",
            (t["id"], seq, t["name"]["en"], t["name"].get("fr"),
             (t.get("description") or {}).get("en"), (t.get("description") or {}).get("fr")))
        conn.executemany("INSERT OR IGNORE INTO theme_units VALUES (?, ?)",
                         [(t["id"], uid) for uid in t["units"]])


def seed_glossary(conn: sqlite3.Connection) -> None:
    entries = corpus.bundled_json("glossary.json") or []
    conn.execute("DELETE FROM glossary")
    for seq, g in enumerate(entries):
        exp, dfn = g.get("expansion") or {}, g.get("definition") or {}
        conn.execute("INSERT INTO glossary VALUES (?,?,?,?,?,?,?,?,?)",
                     (g["id"], seq, g["term"]["en"], g["term"].get("fr"), exp.get("en"),
                      exp.get("fr"), dfn.get("en"), dfn.get("fr"),
                      json.dumps(g.get("units", []))))


def seed_reference(conn: sqlite3.Connection) -> None:
    """Raw reference files (measures, tasks…) kept as JSON for the modules that use them."""
    for name in REFERENCE_FILES:
        body = corpus.bundled_json(name)
        if body is not None:
            conn.execute("INSERT INTO reference_data VALUES (?, ?) ON CONFLICT(name) DO UPDATE"
                         " SET body=excluded.body", (name, json.dumps(body, ensure_ascii=False)))


def _remember_stamp(conn: sqlite3.Connection, stamp: str, fingerprint: str) -> None:
    conn.execute("INSERT INTO meta VALUES ('seed_stamp', ?) ON CONFLICT(key)"
                 " DO UPDATE SET value=excluded.value", (f"{fingerprint} {stamp}",))


def refresh_if_needed(conn: sqlite3.Connection) -> bool:
    """Seed a new database, or refresh reference data when the bundled files changed."""
    row = conn.execute("SELECT value FROM meta WHERE key='seed_fingerprint'").fetchone()
    stamp = corpus.data_stamp()
    if row:
        # Unchanged names, sizes and times since the files were last hashed for this
        # fingerprint: skip reading and hashing ~300 kB at every start (bench_startup).
        known = conn.execute("SELECT value FROM meta WHERE key='seed_stamp'").fetchone()
        if known and known[0] == f"{row[0]} {stamp}":
            return False
    fingerprint = corpus.seed_fingerprint()
    if row and row[0] == fingerprint:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _remember_stamp(conn, stamp, fingerprint)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        seed_corpus(conn)
        seed_themes(conn)
        seed_glossary(conn)
        seed_reference(conn)
        conn.execute("INSERT INTO meta VALUES ('seed_fingerprint', ?) ON CONFLICT(key)"
                     " DO UPDATE SET value=excluded.value", (fingerprint,))
        _remember_stamp(conn, stamp, fingerprint)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True
