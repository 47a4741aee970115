"""The start-up check of the bundled data: a cheap stamp (names, sizes, times) stands in for
hashing every data file, and never hides a change or a missing seed."""
from __future__ import annotations

from fieldapp.core import corpus
from fieldapp.core.store.seed import refresh_if_needed


def meta(store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def test_the_stamp_is_stored_with_the_fingerprint_it_stands_for(store):
    fingerprint = corpus.seed_fingerprint()
    assert meta(store, "seed_fingerprint") == fingerprint
    assert meta(store, "seed_stamp") == f"{fingerprint} {corpus.data_stamp()}"
    assert refresh_if_needed(store.conn) is False


def test_a_changed_stamp_rehashes_and_refreshes_only_when_the_data_changed(store):
    store.conn.execute("UPDATE meta SET value='stale' WHERE key='seed_stamp'")
    assert refresh_if_needed(store.conn) is False  # same files: nothing to seed again
    assert meta(store, "seed_stamp") == f"{corpus.seed_fingerprint()} {corpus.data_stamp()}"
    # a different bundled fingerprint (an app update) must re-seed whatever the stamp says
    store.conn.execute("UPDATE meta SET value='older-data' WHERE key='seed_fingerprint'")
    assert refresh_if_needed(store.conn) is True
    assert meta(store, "seed_fingerprint") == corpus.seed_fingerprint()


def test_a_missing_fingerprint_reseeds_even_with_a_stamp(store):
    store.conn.execute("DELETE FROM meta WHERE key='seed_fingerprint'")
    assert refresh_if_needed(store.conn) is True
    assert meta(store, "seed_fingerprint") == corpus.seed_fingerprint()
