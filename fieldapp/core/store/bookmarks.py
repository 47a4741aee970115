"""The reader's bookmarks (migration 4): local to this installation, never synced."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fieldapp.core.errors import NotFound


class BookmarkQueries:
    conn: sqlite3.Connection

    def bookmarks(self) -> list[str]:
        """Bookmarked unit IDs in document order."""
        rows = self.conn.execute("SELECT b.unit_id FROM bookmarks b JOIN units u"
                                 " ON u.id = b.unit_id ORDER BY u.seq")
        return [r[0] for r in rows]

    def is_bookmarked(self, uid: str) -> bool:
        return self.conn.execute("SELECT 1 FROM bookmarks WHERE unit_id=?",
                                 (uid,)).fetchone() is not None

    def set_bookmark(self, uid: str, on: bool) -> dict:
        """Add or remove a bookmark; returns {"id", "bookmarked", "changed"}."""
        if not self.conn.execute("SELECT 1 FROM units WHERE id=?", (uid,)).fetchone():
            raise NotFound(f"no such paragraph: {uid}")
        with self.transaction() as conn:  # type: ignore[attr-defined]
            if on:
                cur = conn.execute("INSERT OR IGNORE INTO bookmarks VALUES (?, ?)",
                                   (uid, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
            else:
                cur = conn.execute("DELETE FROM bookmarks WHERE unit_id=?", (uid,))
        return {"id": uid, "bookmarked": on, "changed": cur.rowcount > 0}


def open_reader(path: str | Path):
    """A read-only Store on an existing database, for a background thread (e.g. search as
    you type) so that it never shares the window's connection."""
    from fieldapp.core.store import Store
    from fieldapp.core.store.connection import connect
    from fieldapp.core.store.crypto import session_key

    key = session_key(path)  # an encrypted database unlocked by this process
    return Store(connect(path, readonly=True, key=key), Path(path), key)
