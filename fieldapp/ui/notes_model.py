"""Lazy list model over progress notes: pages of 200, newest first, keyset paging.

Opening the list over a million notes reads one page; scrolling fetches the next page.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from fieldapp.core.i18n import _, format_date, labelled, language
from fieldapp.core.records.validate import SENSITIVITY_LABELS

NoteIdRole = Qt.ItemDataRole.UserRole + 1
NoteRole = Qt.ItemDataRole.UserRole + 2
PAGE = 200
PREVIEW = 160
# Bidi controls in user text stay in the stored note, but in the one-line preview each is
# shown as a visible mark so that it cannot reorder the text around it.
_BIDI = {c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def preview(text: str) -> str:
    line = " ".join(text[:PREVIEW * 4].split())
    line = line.translate(_BIDI)
    return line if len(line) <= PREVIEW else line[:PREVIEW - 1] + "…"


def sensitivity_label(value: str) -> str:
    return _(SENSITIVITY_LABELS.get(value, value))


class NotesListModel(QAbstractListModel):
    """Notes of one paragraph (or all notes when unit is None); search results on demand."""

    def __init__(self, store, unit: str | None = None, parent=None, page: int = PAGE,
                 load: bool = True):
        super().__init__(parent)
        self._store = store
        self._unit = unit
        self._page = page
        self._rows: list[dict] = []
        self._query = ""
        self._done = not load  # an unloaded model waits for set_filter/reload
        self.fetchMore(QModelIndex())

    # -- state -----------------------------------------------------------------------------
    @property
    def unit(self) -> str | None:
        return self._unit

    def set_unit(self, unit: str | None) -> None:
        self._unit = unit
        self.reload()

    def set_query(self, query: str) -> None:
        self._query = query.strip()
        self.reload()

    def set_filter(self, unit: str | None, query: str) -> None:
        """Paragraph (None: all) and search text (empty: newest first) in one reload."""
        self._unit, self._query = unit, query.strip()
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a change or a new paragraph/query)."""
        self.beginResetModel()
        self._rows, self._done = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def note_at(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, note_id: str) -> int:
        return next((i for i, n in enumerate(self._rows) if n["id"] == note_id), -1)

    # -- lazy loading ----------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._done:
            return
        if self._query:
            hits = self._store.search_notes(self._query, limit=500, unit=self._unit)
            batch = [self._store.note(h["id"]) for h in hits]
            self._done = True
        else:
            last = self._rows[-1] if self._rows else None
            batch = self._store.notes_page(self._unit, after=(last["date"], last["hlc"])
                                           if last else None, limit=self._page)
            self._done = len(batch) < self._page
        if batch:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        n = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = " / ".join(x for x in (self._region_name(n["region"]), n["cercle"]) if x)
            head = " · ".join(x for x in (format_date(n["date"], "medium"), where, sensitivity_label(n["sensitivity"]),
                                          n["author"]) if x)
            return f"{head}\n{preview(n['text'])}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(n["units"]) + ("\n" + labelled(_("Tags"), ', '.join(n['tags']))
                                            if n["tags"] else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{format_date(n['date'])}, {preview(n['text'])}"
        if role == NoteIdRole:
            return n["id"]
        if role == NoteRole:
            return n
        return None

    def _region_name(self, region_id: str | None) -> str:
        if not region_id:
            return ""
        names = getattr(self, "_region_names", None)
        if names is None:
            names = {r["id"]: r["name"].get(language()) or r["name"]["en"]
                     for r in self._store.regions()}
            self._region_names = names
        return names.get(region_id, region_id)
