"""Synthetic bench data: notes made of corpus words, fixed seed, labelled as synthetic.

No invented people: the author of every generated note is "synthetic-bench" and every note
carries the tag "synthetic". Generated databases are cached under the system temp folder,
keyed by everything that shapes them (this file, the count, the seed, the schema version and
the bundled data), so a second `make bench` does not regenerate 100,000 notes.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from bench.common import rng

AUTHOR = "synthetic-bench"
TAG = "synthetic"
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", re.UNICODE)
SENSITIVITIES = ("unclassified", "confidential", "strictly-confidential")


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if unicodedata.category(c) != "Mn")


def vocabulary(store) -> dict[str, Counter]:
    """Word frequencies of the resolution text per language (the generator's dictionary)."""
    out: dict[str, Counter] = {}
    for unit in store.units():
        for lang, text in unit["text"].items():
            if text:
                out.setdefault(lang, Counter()).update(_WORD.findall(text.replace("*", "")))
    return out


def note_text(r, words: list[str], weights: list[int]) -> str:
    """15–60 corpus words drawn by corpus frequency, in 1–4 sentences."""
    picked = r.choices(words, weights=weights, k=r.randint(15, 60))
    sentences, i = [], 0
    while i < len(picked):
        n = r.randint(6, 20)
        chunk = picked[i:i + n]
        sentences.append(chunk[0][:1].upper() + " ".join(chunk)[1:] + ".")
        i += n
    return " ".join(sentences)


def _cache_key(count: int, seed: int) -> str:
    from fieldapp.core import corpus
    from fieldapp.core.store.migrations import latest_version

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(f"{count}:{seed}:{latest_version()}:{corpus.seed_fingerprint()}".encode())
    return h.hexdigest()[:16]


def has_notes(store) -> bool:
    return bool(store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name='notes_fts'").fetchone())


def notes_db(count: int = 100_000, seed: int = 2531) -> Path:
    """Path of a seeded database plus `count` synthetic notes (built once, then cached)."""
    from fieldapp.core.store import Store

    folder = Path(tempfile.gettempdir()) / "fieldapp-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"notes-{count}-{_cache_key(count, seed)}.db"
    if path.exists():
        return path
    part = path.with_suffix(".part")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    with Store.open(part) as store:
        if has_notes(store):
            fill_notes(store, count, seed)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    part.rename(path)
    return path


def fill_notes(store, count: int, seed: int) -> None:
    """Write `count` notes through the records writer (write_note_version), one transaction."""
    from fieldapp.core.records.notes import note_content
    from fieldapp.core.revision import new_id
    from fieldapp.core.store.notes_sql import write_note_version

    r = rng(seed)
    vocab = vocabulary(store)
    langs = {lang: (list(c), list(c.values())) for lang, c in vocab.items()}
    unit_ids = store.unit_ids()
    regions = [(reg["id"], reg.get("cercles") or [None]) for reg in store.regions()] or \
        [(None, [None])]
    store.conn.execute("PRAGMA synchronous = OFF")  # bench set-up only; the timed part is reads
    with store.transaction():
        for i in range(count):
            lang = "fr" if r.random() < 0.6 else "en"
            words, weights = langs.get(lang) or next(iter(langs.values()))
            region, cercles = r.choice(regions)
            stamp = f"2020-{r.randint(7, 12):02d}-{r.randint(1, 28):02d}" if r.random() < .5 \
                else f"2021-{r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
            note = {
                "id": new_id(), "created_at": stamp + "T08:00:00Z",
                "updated_at": stamp + "T08:00:00Z", "deleted": 0,
                "units": sorted(set(r.choices(unit_ids, k=r.randint(1, 3)))),
                "measure_id": None, "task_id": None, "date": stamp, "region": region,
                "cercle": r.choice(cercles) if region else None, "author": AUTHOR,
                "sensitivity": r.choice(SENSITIVITIES), "text": note_text(r, words, weights),
                "tags": sorted({TAG, r.choice(["meeting", "visit", "report", "incident"])}),
            }
            note.update(store._new_version(note_content(note), None))
            write_note_version(store.conn, note, AUTHOR, note["created_at"])
    store.conn.execute("PRAGMA synchronous = FULL")


def count_notes(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT count(*) FROM notes WHERE deleted=0").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()
