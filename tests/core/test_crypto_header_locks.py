"""Looking at a database's header must not drop SQLite's POSIX locks held by this process."""
from __future__ import annotations

import builtins

from fieldapp.core.store import crypto
from fieldapp.core.store.bookmarks import open_reader


def test_header_is_read_once_per_file_then_served_from_memory(store, monkeypatch):
    path = store.path
    assert crypto.is_encrypted(path) is False  # first look (may open the file)
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        if str(file) == str(path):
            opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    # The window's store is open; a background reader starts (search as you type):
    reader = open_reader(path)
    try:
        assert crypto.is_encrypted(path) is False
        assert reader.search_mandate("Menaka", "en")[0]["id"] == "op3.2"
    finally:
        reader.close()
    assert opened == [], "the database file was opened (and closed) behind SQLite's back"


def test_a_file_still_being_created_is_not_cached(tmp_path):
    path = tmp_path / "new.db"
    path.write_bytes(b"")
    assert crypto.is_encrypted(path) is False
    path.write_bytes(crypto.PLAIN_HEADER + b"\x00" * 4080)
    assert crypto.is_encrypted(path) is False  # a plain database, not "encrypted"
