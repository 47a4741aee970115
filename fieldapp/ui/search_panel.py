"""Search as you type: a field, a status line and the results list.

Queries run in a worker thread on its own read-only connection (so a slow notes search can
never stall typing); only the latest query's results are shown. Any string is a valid query:
a failure shows "no results" in the status line, never an error dialog.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from fieldapp.core.i18n import _, format_number, ngettext
from fieldapp.ui.qt_values import event_type, plain_text

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QThread
    from PySide6.QtWidgets import QLabel, QListView

    from fieldapp.ui.search_model import SearchResultsModel

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
            import logging

            logging.getLogger(__name__).exception("search failed for %r", query)
            results, failed = [], True
        self.done.emit(generation, {"query": query, "results": results, "failed": failed})

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class SearchPanel(QWidget):
    """Emits openRequested(uid, query) when a result is opened (Enter, click).

    Start-up: only the field exists when the window first paints; the status line, the results
    list, its model and delegate are built with the first query (or when first asked for)."""

    openRequested = Signal(str, str)
    requested = Signal(int, str, str)
    activeChanged = Signal(bool)   # a query is typed (show the results) / cleared

    def __init__(self, store, lang: str = "all", ui_lang: str = "en", parent=None):
        super().__init__(parent)
        self._store = store
        self._lang = lang
        self._ui_lang = ui_lang
        self._generation = 0
        self._shown_query = ""
        self._thread: QThread | None = None
        self._worker: SearchWorker | None = None
        self._status: QLabel | None = None
        self._results: QListView | None = None
        self._model: SearchResultsModel | None = None

        self.field = QLineEdit(self)
        self.field.setPlaceholderText(_("Search the mandate and notes…")
                                      if hasattr(store, "search_notes")
                                      else _("Search the mandate…"))
        self.field.setAccessibleName(_("Search"))
        self.field.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.field.textChanged.connect(self._on_text)

    # -- the results part, built on first use -----------------------------------------------
    @property
    def status(self) -> QLabel:
        self._ensure_results()
        return self._status

    @property
    def results(self) -> QListView:
        self._ensure_results()
        return self._results

    @property
    def model(self) -> SearchResultsModel:
        self._ensure_results()
        return self._model

    def _ensure_results(self) -> None:
        if self._model is not None:
            return
        from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout

        from fieldapp.ui.search_model import SearchResultsModel, SnippetDelegate

        self._status = QLabel(self)
        plain_text(self._status)
        self._status.setWordWrap(True)
        self._status.setAccessibleName(_("Search status"))
        self._model = SearchResultsModel(self, self._ui_lang)
        self._model.show_lang = self._lang == "all"
        self._results = QListView(self)
        self._results.setModel(self._model)
        self._results.setItemDelegate(SnippetDelegate(self._results))
        self._results.setWordWrap(True)
        self._results.setAccessibleName(_("Search results"))
        self._results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)  # the field itself is placed by the navigator, above
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self._status, self._results):
            layout.addWidget(w)
        self._key_press = event_type("KeyPress")
        self._results.installEventFilter(self)
        self._results.clicked.connect(self._open_index)
        self._set_status("")

    # -- public ----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """'en', 'fr' or 'all': the language searched and shown in snippets."""
        self._lang = lang
        if self._model is not None:
            self._model.show_lang = lang == "all"
        if self.field.text().strip():
            self._run()

    def set_ui_language(self, lang: str) -> None:
        """Language of the citations heading each result."""
        self._ui_lang = lang
        if self._model is not None:
            self._model._ui_lang = lang

    def focus_field(self) -> None:
        from PySide6.QtCore import Qt

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
        if text.strip():
            self._ensure_results()
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
            if self._model is not None:
                self._model.set_results([])
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

    def watch_keys(self) -> None:
        """Escape, arrows and Enter in the field (`eventFilter`). Called by the window after
        its first paint: the filter is a Python call for every event the field gets before."""
        if not getattr(self, "_watching", False):
            self._watching = True
            self._key_press = event_type("KeyPress")
            self.field.installEventFilter(self)

    def _set_status(self, text: str) -> None:
        self.status.setText(text or _("Type to search; ↓ moves to the results, Enter opens."))

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != self._key_press:
            return False
        from PySide6.QtCore import Qt  # not before the first paint (qt_values.py)

        key = event.key()
        if obj is self.field:
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
            if key == Qt.Key.Key_Down and self._model is not None and self._model.rowCount():
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
        elif obj is self._results:
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
        from fieldapp.ui.search_model import IdRole, KindRole

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
