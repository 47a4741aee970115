"""The store: durability settings, migrations, seeding, backup, corpus import/export."""
from __future__ import annotations

import json
import sqlite3

import pytest

from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.store import Store
from fieldapp.core.store.migrations import latest_version


def test_connection_settings(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_new_database_is_seeded_once(tmp_path):
    path = tmp_path / "new.db"
    with Store.open(path) as s:
        assert s.check()["ok"]
        assert len(s.unit_ids()) == 142
    with Store.open(path) as s:  # reopening neither re-migrates nor duplicates
        assert s.db["unit_text"].count == 284
        assert s.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] \
            == latest_version()


def test_database_from_a_newer_app_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(FieldappError, match="newer version"):
        Store.open(db_path)


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(FieldappError, match="not a usable fieldapp database"):
        Store.open(bad)


def test_backup_is_a_consistent_database(store, tmp_path):
    dest = store.backup(tmp_path / "copy.db")
    with Store.open(dest) as copy:
        assert copy.check()["ok"]
        assert copy.unit_ids() == store.unit_ids()
    with pytest.raises(FieldappError):
        store.backup(store.path)


def test_unit_json_shape(store):
    u = store.unit("op28.c")
    assert u["citation"] == "S/RES/2531 (2020), para. 28 (c)"
    assert u["title"]["en"] == "Protection of civilians" and u["title"]["fr"]
    assert u["parent"] == "op28" and u["children"] == ["op28.c.i", "op28.c.ii", "op28.c.iii"]
    assert set(u["text"]) == {"en", "fr"}


def test_units_without_citations_are_the_same_units(store):
    full, lean = store.units(), store.units(citations=False)
    assert [{k: v for k, v in u.items() if k != "citation"} for u in full] == lean
    assert "citation" not in lean[0] and full[0]["citation"].startswith("S/RES/2531 (2020), ")


def test_corpus_round_trip_changes_nothing(store):
    doc = store.export_corpus("fr")
    before = store.units()
    report = store.import_corpus(json.loads(json.dumps(doc)), "fr")
    assert report == {"lang": "fr", "units": 142, "changed": 0}
    assert store.units() == before
    assert store.provenance()["fr"]["source"] == "imported"


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["units"].pop("op17"), "missing"),
    (lambda d: d["units"].__setitem__("op99", {"title": None, "text": "x"}), "unknown"),
    (lambda d: d["units"]["op17"].__setitem__("text", "  "), "empty"),
    (lambda d: d.__setitem__("format", "other"), "not a fieldapp corpus"),
    (lambda d: d["units"]["op17"].__setitem__("text", "a\x00b"), "NUL"),
])
def test_corpus_import_rejects_bad_files_and_changes_nothing(store, mutate, message):
    doc = store.export_corpus("fr")
    mutate(doc)
    before = store.export_corpus("fr")
    with pytest.raises(InvalidInput, match=message):
        store.import_corpus(doc, "fr")
    assert store.export_corpus("fr") == before


def test_imported_official_text_survives_a_seed_refresh(store, db_path):
    doc = store.export_corpus("fr")
    doc["units"]["op65"]["text"] = "*Décide* de demeurer saisi de la question."
    store.import_corpus(doc, "fr", "official text")
    store.conn.execute("DELETE FROM meta WHERE key='seed_fingerprint'")  # force a refresh
    store.close()
    with Store.open(db_path) as again:
        assert again.unit("op65")["text"]["fr"].startswith("*Décide* de demeurer")
        assert again.search_mandate("demeurer", "fr")[0]["id"] == "op65"
