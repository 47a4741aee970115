"""Cancelling a sync export or import (core/sync/cancel.py): real databases and files.

All notes are synthetic test data."""
from __future__ import annotations

import hashlib

import pytest

from fieldapp.core.sync import exporter, importer
from fieldapp.core.sync.cancel import Cancelled
from tests.sync_helpers import db_digest, export, new_store, state


def main_file(store) -> bytes:
    return store.path.read_bytes()


def dump_digest(store) -> str:
    """sha256 of the SQL dump: the database's logical content, page layout aside."""
    sha = hashlib.sha256()
    for line in store.conn.iterdump():
        sha.update(line.encode("utf-8"))
    return sha.hexdigest()


def add_notes(store, n: int, tag: str = "") -> None:
    with store.transaction():
        for i in range(n):
            store.add_note(["op1"], f"Synthetic note {tag}{i}")


def test_cancel_after_the_first_batch_rolls_back(tmp_path, seeded_db_template):
    """Two batches: the main file stays byte-identical and the content identical. (The WAL
    file may have grown: SQLite spills pages of a large transaction there as uncommitted
    frames, which the rollback discards and no reader or recovery ever uses.)"""
    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    add_notes(a, importer.BATCH + 50)             # two batches
    path = export(a, tmp_path / "a1")
    before, dump, notes = main_file(b), dump_digest(b), b.count_notes()
    seen: list[int] = []
    with pytest.raises(Cancelled) as info:
        importer.import_file(b, path, on_progress=lambda d, t: seen.append(d),
                             cancel=lambda: bool(seen))
    assert seen == [importer.BATCH]               # stopped between the batches
    assert str(info.value) == "cancelled"
    assert main_file(b) == before and dump_digest(b) == dump and b.count_notes() == notes
    assert importer.import_file(b, path).status == "imported"   # nothing left half-done
    assert b.count_notes() == notes + importer.BATCH + 50


def test_cancel_right_before_commit_and_between_files(tmp_path, seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    c = new_store(seeded_db_template, tmp_path / "c.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    add_notes(a, 30, "a")
    add_notes(c, 20, "c")
    first, second = export(a, tmp_path / "a1"), export(c, tmp_path / "c1")
    before = db_digest(b)   # database file and WAL: one small batch never spills
    # One batch only: the last check, after every write and just before COMMIT.
    applied: list[int] = []
    with pytest.raises(Cancelled):
        importer.import_files(b, [first], on_progress=lambda p, d, t: applied.append(d),
                              cancel=lambda: bool(applied))
    assert applied == [30]                        # every record was merged, then rolled back
    assert db_digest(b) == before
    # Cancelled while the second file imports: the first stays imported and is reported.
    on: list[str] = []
    with pytest.raises(Cancelled) as info:
        importer.import_files(b, [first, second], on_progress=lambda p, d, t: on.append(p),
                              cancel=lambda: str(second) in on)
    assert [r.status for r in info.value.reports] == ["imported"]
    assert b.count_notes() == 30
    expected = new_store(seeded_db_template, tmp_path / "e.db")
    importer.import_file(expected, first)
    assert state(b) == state(expected)


def test_cancelled_export_writes_no_file_and_logs_nothing(tmp_path, seeded_db_template):
    a = new_store(seeded_db_template, tmp_path / "a.db")
    add_notes(a, 1200)
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1                     # after the first few hundred records

    with pytest.raises(Cancelled):
        exporter.export_field(a, tmp_path / "x", cancel=cancel)
    assert list(tmp_path.glob("x*")) == [] and list(tmp_path.glob(".x*")) == []
    assert a.sync_last_export() is None
    result = exporter.export_field(a, tmp_path / "x")
    assert result.seq == 1 and result.records == 1200


def test_an_import_writes_with_a_larger_page_cache_and_restores_it(tmp_path, seeded_db_template):
    """The bulk write of an import keeps its indexes in memory (Store.bulk_cache); the
    connection's cache size is back to what it was afterwards, also after a cancel."""
    from fieldapp.core.store import BULK_CACHE_MIB

    a = new_store(seeded_db_template, tmp_path / "a.db")
    b = new_store(seeded_db_template, tmp_path / "b.db")
    add_notes(a, 5)
    path = export(a, tmp_path / "a1")
    size = lambda: b.conn.execute("PRAGMA cache_size").fetchone()[0]  # noqa: E731
    default = size()
    during: list[int] = []
    with pytest.raises(Cancelled):
        importer.import_file(b, path, on_progress=lambda d, t: during.append(size()),
                             cancel=lambda: bool(during))
    assert during == [-BULK_CACHE_MIB * 1024] and size() == default
    during.clear()
    assert importer.import_file(b, path, on_progress=lambda d, t: during.append(size()),
                                ).status == "imported"
    assert during == [-BULK_CACHE_MIB * 1024] and size() == default
