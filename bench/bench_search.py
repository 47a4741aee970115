"""Search p95 over the corpus + 100,000 synthetic notes vs a raw FTS5 MATCH on the same rows.

Project: what `fieldapp search QUERY --in all` runs — `store.search_mandate(q, "all", 20)` +
`store.search_notes(q, 20)`, merged best first (query parsing, folding, AND→OR fallback,
snippets included). Floor: the same tables through a plain sqlite3 connection, with the
MATCH expression prepared before timing (`"tok"*` per token, as the project builds it) and
`ORDER BY bm25(table) LIMIT 20` on each table (here faster than FTS5's
`ORDER BY rank`). ~200 realistic queries (EN and FR words, accented and
unaccented French, prefixes, two-word queries, acronyms), each timed in several rounds,
project and floor alternating. Targets: p95 ≤ 1.5× the floor's p95 and ≤ 50 ms.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import time

from bench.common import percentile, result, rng
from bench.synthetic import count_notes, notes_db, strip_accents, vocabulary

NOTES = int(os.environ.get("BENCH_SEARCH_NOTES", "100000"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "3"))
LIMIT = 20  # `fieldapp search` default
TARGET, ABS_TARGET_MS = 1.5, 50.0
FIXED = ["MINUSMA", "Kidal", "Ménaka", "menaka", "Tombouctou", "oeuvre", "œuvre", "MDSF",
         "FDSM", "DDR", "G5 Sahel", "droits de l'homme", "human rights", "l'enfant",
         "protection des civils", "Accord pour la paix"]


def build_queries(store, seed: int = 531) -> list[str]:
    """~200 queries drawn (fixed seed) from the resolution's own vocabulary."""
    r = rng(seed)
    vocab = vocabulary(store)
    content = {lang: sorted(w for w, n in c.items() if len(w) >= 5 and n >= 2)
               for lang, c in vocab.items()}
    en, fr = content.get("en", []), content.get("fr", [])
    accented = [w for w in fr if strip_accents(w) != w]
    queries = list(FIXED)
    queries += r.sample(en, 50)
    queries += r.sample(fr, 30)
    picked = r.sample(accented, 50)
    queries += picked[:25]                                 # accented, as written
    queries += [strip_accents(w) for w in picked[25:]]     # the same words typed without accents
    queries += [w[:r.randint(3, 6)].lower() for w in r.sample(en + fr, 30)]   # prefixes
    for lang, n in (("en", 18), ("fr", 18)):
        words = content.get(lang, [])
        for _ in range(n):
            a, b = r.sample(words, 2)
            queries.append(f"{a} {b}")
    queries += [w.upper() for w in r.sample(en, 5)]
    return queries


def project_search(store, q: str) -> list[dict]:
    results = store.search_mandate(q, "all", LIMIT)
    if hasattr(store, "search_notes"):
        results += store.search_notes(q, LIMIT)
    results.sort(key=lambda x: x.get("score", 0))
    return results[:LIMIT]


def floor_search(conn: sqlite3.Connection, tables: list[str], expr: str) -> list:
    rows: list = []
    for table in tables:
        rows += conn.execute(f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ?"
                             f" ORDER BY bm25({table}) LIMIT ?", (expr, LIMIT)).fetchall()
    rows.sort(key=lambda x: x[1])
    return rows[:LIMIT]


def run() -> list[dict]:
    from fieldapp.core.store import Store
    from fieldapp.core.textfold import match_expression

    path = notes_db(NOTES)
    n_notes = count_notes(path)
    store = Store.open(path)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = ["mandate_fts"] + (["notes_fts"] if n_notes else [])
        queries = build_queries(store)
        exprs = [match_expression(q) for q in queries]
        hits = 0
        for q, e in zip(queries, exprs):  # warm-up: page cache, statement caches
            hits += bool(project_search(store, q))
            floor_search(raw, tables, e)
        project, floor = [], []
        for _ in range(ROUNDS):
            for q, e in zip(queries, exprs):
                t = time.perf_counter()
                project_search(store, q)
                project.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                floor_search(raw, tables, e)
                floor.append((time.perf_counter() - t) * 1000)
    finally:
        raw.close()
        store.close()
    p95, f95 = percentile(project, 95), percentile(floor, 95)
    scope = f"corpus + {n_notes:,} synthetic notes" if n_notes else \
        "corpus only (no notes tables yet)"
    return [result("search.p95", p95, f95, TARGET, abs_target_ms=ABS_TARGET_MS,
                   note=f"{scope}; {len(queries)} queries × {ROUNDS} rounds, {hits} with hits;"
                        f" median project {percentile(project, 50):.2f} ms,"
                        f" floor {percentile(floor, 50):.2f} ms")]


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["search"]))
