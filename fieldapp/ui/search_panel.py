"""Search as you type: a field, a status line and the results list.

Queries run in a worker thread on its own read-only connection (so a slow notes search can
never stall typing); only the latest query's results are shown. Any string is a valid query:
a failure shows "no results" in the status line, never an error dialog.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from fieldapp.core.i18n import _, format_number, ngettext
from fieldapp.ui.search_model import IdRole, KindRole, SearchResultsModel, SnippetDelegate

if TYPE_CHECKING:
    from PySide6.QtCore import QThread

log = logging.getLogger(__name__)
DEBOUNCE_MS = 60
LIMIT = 100


class SearchWorker(QObject):
    """Runs searches off the UI thread; skips requests already superseded."""

    done = Signal(int, object)  # generation, {"query", "results": [...], "failed": bool}

    def __init__(self, db_path: str):
        super().__init__()
        self._path = db_path
        self._store = None
        self.latest = 0  # written by the UI thread (an int assignment is atomic)

    @Slot(int, str, str)
    def search(self, generation: int, query: str, lang: str) -> None:
        if generation != self.latest:
            return
        failed = False
        try:
            if self._store is None:
                from fieldapp.core.store.bookmarks import open_reader

                self._store = open_reader(self._path)  # unlocks an encrypted DB itself
            results = self._store.search_mandate(query, lang, limit=LIMIT, prefix=True)
            if hasattr(self._store, "search_notes"):
                results += self._store.search_notes(query, limit=LIMIT)
        except Exception:  # noqa: BLE001 - any query must end in "no results", not a crash
            log.exception("search failed for %r", query)
            results, failed = [], True
        self.done.emit(generation, {"query": query, "results": results, "failed": failed})

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class SearchPanel(QWidget):
    """Emits openRequested(uid, query) when a result is opened (Enter, click)."""

    openRequested = Signal(str, str)
    requested = Signal(int, str, str)
    activeChanged = Signal(bool)   # a query is typed (show the results) / cleared

    def __init__(self, store, lang: str = "all", ui_lang: str = "en", parent=None):
        super().__init__(parent)
        self._store = store
        self._lang = lang
        self._generation = 0
        self._shown_query = ""
        self._thread: QThread | None = None
        self._worker: SearchWorker | None = None

        self.field = QLineEdit(self)
        self.field.setPlaceholderText(_("Search the mandate and notes…")
                                      if hasattr(store, "search_notes")
                                      else _("Search the mandate…"))
        self.field.setAccessibleName(_("Search"))
        self.field.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Search status"))
        self.model = SearchResultsModel(self, ui_lang)
        self.model.show_lang = lang == "all"
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAccessibleName(_("Search results"))
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)  # the field itself is placed by the navigator, above
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.status, self.results):
            layout.addWidget(w)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.field.textChanged.connect(self._on_text)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.clicked.connect(self._open_index)
        self._set_status("")

    # -- public ----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """'en', 'fr' or 'all': the language searched and shown in snippets."""
        self._lang = lang
        self.model.show_lang = lang == "all"
        if self.field.text().strip():
            self._run()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def query(self) -> str:
        return self._shown_query

    def shutdown(self) -> None:
        """Stop the worker thread (called when the window closes)."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            if self._worker is not None:
                self._worker.close()
            self._thread = self._worker = None

    def _on_text(self, text: str) -> None:
        self.activeChanged.emit(bool(text.strip()))
        self._timer.start()

    # -- running queries ---------------------------------------------------------------------
    def _ensure_worker(self) -> None:
        if self._thread is not None:
            return
        from PySide6.QtCore import QThread  # with the first query (start-up speed)

        self._thread = QThread(self)
        self._worker = SearchWorker(str(self._store.path))
        self._worker.moveToThread(self._thread)
        self.requested.connect(self._worker.search)
        self._worker.done.connect(self._on_done)
        self._thread.start()

    def _run(self) -> None:
        self._timer.stop()
        query = self.field.text()
        self._generation += 1
        if not query.strip():
            self._shown_query = ""
            self.model.set_results([])
            self._set_status("")
            return
        self._ensure_worker()
        self._worker.latest = self._generation
        self.requested.emit(self._generation, query, self._lang)

    @Slot(int, object)
    def _on_done(self, generation: int, payload: dict) -> None:
        if generation != self._generation:
            return  # an older query: a newer one is on its way
        self._shown_query = payload["query"]
        results = payload["results"]
        self.model.set_results(results)
        if results:
            self.results.setCurrentIndex(self.model.index(0))
            self._set_status(ngettext("%(n)s result", "%(n)s results", len(results))
                             % {"n": format_number(len(results))})
        else:
            self._set_status(_("No results. Try fewer or shorter words."))

    def _set_status(self, text: str) -> None:
        self.status.setText(text or _("Type to search; ↓ moves to the results, Enter opens."))

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if obj is self.field:
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive() or self._shown_query != self.field.text():
                    self._run()  # the results will open on the next Enter
                    return True
                self._open_index(self.results.currentIndex())
                return True
        elif obj is self.results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up
                                            and self.results.currentIndex().row() <= 0):
                self.field.setFocus()
                return True
        return False

    def _open_index(self, index) -> None:
        if not index.isValid():
            return
        uid = index.data(IdRole)
        if index.data(KindRole) == "note":
            try:
                units = self._store.note(uid).get("units") or []
            except Exception:  # noqa: BLE001 - a note deleted meanwhile: nothing to open
                units = []
            if not units:
                return
            uid = units[0]
        self.openRequested.emit(uid, self._shown_query)
