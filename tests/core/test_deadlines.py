"""Deadlines and cadences from data/deadlines.json, days counted from a given day; bookmarks."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from fieldapp.core import i18n
from fieldapp.core.deadlines import add_months, dated_items, occurrences
from fieldapp.core.errors import NotFound
from fieldapp.core.pages import deadlines_page


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(dt.date(2020, 6, 29), 3) == dt.date(2020, 9, 29)
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
    assert add_months(dt.date(2020, 11, 30), 3) == dt.date(2021, 2, 28)


def test_the_issue_dates_with_days_left(store):
    items = {i.id: i for i in dated_items(store.reference("deadlines.json"), dt.date(2021, 3, 1))}
    assert items["dl-op16-mandate-end"].date == dt.date(2021, 6, 30)
    assert items["dl-op16-mandate-end"].days_left == 121
    assert items["dl-op64-roadmap"].days_left == 30 and items["dl-op64-roadmap"].unit == "op64"
    assert items["dl-op38-g5-report"].precision == "month"
    report = items["dl-op62-quarterly-report"]
    assert report.occurrences == occurrences(dt.date(2020, 6, 29), 3, dt.date(2021, 6, 30)) == [
        dt.date(2020, 9, 29), dt.date(2020, 12, 29), dt.date(2021, 3, 29), dt.date(2021, 6, 29)]
    assert report.next_date == dt.date(2021, 3, 29) and report.next_days_left == 28
    letter = items["dl-op63-six-monthly-letter"]
    assert letter.cadence_months == 6 and letter.occurrences == [] and letter.next_date is None


def test_nothing_is_projected_beyond_the_mandate(store):
    items = {i.id: i for i in dated_items(store.reference("deadlines.json"), dt.date(2026, 11, 28))}
    report = items["dl-op62-quarterly-report"]
    assert report.next_date is None and report.last_date == dt.date(2021, 6, 29)
    assert items["dl-op16-mandate-end"].days_left < 0


def test_deadlines_page_in_french_formats_dates_with_babel(store):
    try:
        i18n.set_language("fr")
        page = deadlines_page(store.reference("deadlines.json"), dt.date(2021, 3, 1), "fr")
    finally:
        i18n.set_language("en")
    assert "30 juin 2021" in page and "avril 2021" in page
    assert "href='unit:op16'" in page and "href='unit:op63'" in page


def test_bookmarks_are_stored_and_returned_in_document_order(store):
    assert store.set_bookmark("op41", True) == {"id": "op41", "bookmarked": True, "changed": True}
    store.set_bookmark("pp3", True)
    assert store.set_bookmark("pp3", True)["changed"] is False
    assert store.bookmarks() == ["pp3", "op41"]
    assert store.set_bookmark("op41", False)["changed"] is True
    assert store.bookmarks() == ["pp3"]
    with pytest.raises(NotFound):
        store.set_bookmark("op99", True)


def test_migration_4_adds_bookmarks_to_an_older_database(tmp_path):
    from fieldapp.core.store import Store
    from fieldapp.core.store.migrations import migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, upto=2)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='bookmarks'").fetchone()
    conn.close()
    with Store.open(path) as store:
        assert store.conn.execute("SELECT 1 FROM schema_migrations WHERE version=4").fetchone()
        store.set_bookmark("op1", True)
        assert store.bookmarks() == ["op1"] and len(store.units()) == 142
