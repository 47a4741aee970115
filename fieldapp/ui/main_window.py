"""Main window: navigator (left dock), reader (centre), menus, toolbar, status bar.

For the other parts of the app: `current_unit()` and the `unitChanged(str)` signal follow the
reader; menus are `file_menu`, `edit_menu`, `view_menu`, `go_menu`, `help_menu`; the records
notes panel docks on the right. Changing the interface language builds a new window
over the same store and settings (`set_interface_language`), so every string is retranslated.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from fieldapp import __version__
from fieldapp.core import corpus, i18n
from fieldapp.core.annotate import GLOSS_SCHEME, THEME_SCHEME, UNIT_SCHEME
from fieldapp.core.i18n import _
from fieldapp.core.pages import DEADLINES_PAGE
from fieldapp.core.reader import ReaderData, parse_reference
from fieldapp.ui.actions import build_actions, build_menus, build_toolbar, fill_toolbar
from fieldapp.ui.dock_layout import limit_dock_areas, place_docks
from fieldapp.ui.qt_values import plain_text
from fieldapp.ui.pdf_integration import install_pdf_ui
from fieldapp.ui.records_integration import install_records_ui
from fieldapp.ui.sync_integration import install_sync_ui
from fieldapp.ui.navigator import SEARCH, Navigator
from fieldapp.ui.reader_view import ReaderView
from fieldapp.ui.settings import WindowSettings, default_settings

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings


class MainWindow(QMainWindow):
    unitChanged = Signal(str)
    replaced = Signal(object)   # the new window (interface language change, new database key)

    def __init__(self, store, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = WindowSettings(settings if settings is not None else default_settings())
        self.data = ReaderData.load(store)
        self.text_mode = self.settings.text_mode
        self._unit: str | None = None
        self._replaced = False
        self._after_paint: list[Callable[[], None]] | None = []  # None once run
        self._finish_queued = False
        self._paint_checks = 0
        self.setWindowTitle(_("fieldapp — MINUSMA mandate, S/RES/2531 (2020)"))
        self.setObjectName("main_window")
        self.resize(1280, 720)

        self.reader = ReaderView(store, self.data, self.text_mode, self)
        self.setCentralWidget(self.reader)
        self.navigator = Navigator(store, self.data, self._labels_lang(), self)
        self.navigator_dock = QDockWidget(_("Navigator"), self)
        self.navigator_dock.setObjectName("navigator_dock")
        self.navigator_dock.setWidget(self.navigator)
        self.navigator_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                        | QDockWidget.DockWidgetFeature.DockWidgetMovable)

        self.toolbar = build_toolbar(self)
        self.addToolBar(self.toolbar)
        self.acts = build_actions(self)
        build_menus(self, self.acts)
        install_pdf_ui(self, store)  # File → Export PDF… / Print Document…
        install_records_ui(self, store)  # notes dock, Records menu
        install_sync_ui(self, store)  # File → sync files, .fieldsync drops, status bar
        fill_toolbar(self.toolbar, self.acts)
        self.position_label = QLabel(self)  # plain text after the first paint (below)
        self.position_label.setAccessibleName(_("Current paragraph"))
        self.statusBar().addPermanentWidget(self.position_label)

        self.navigator.unitRequested.connect(lambda uid: self.show_unit(uid, source="tree"))
        self.navigator.themeRequested.connect(self.show_theme)
        self.navigator.termRequested.connect(lambda gid: self.reader.open(GLOSS_SCHEME + gid))
        self.navigator.searchOpened.connect(lambda uid, q: self.show_unit(uid, query=q))
        self.reader.pageChanged.connect(self._on_page)
        self.reader.historyChanged.connect(self._update_history_actions)
        self._restore()
        # Right after the first paint, with the key bindings: what needs Qt's namespace enums
        # (dock_layout.py says why) and the event filters (a Python call per event). Until
        # then the paragraph label shows only citations from the text, never markup.
        docks = self._docks()
        self.after_first_paint(lambda: limit_dock_areas(docks), first=True)
        self.after_first_paint(lambda: plain_text(self.position_label), first=True)
        self.after_first_paint(self.reader.guard_window_shortcuts, first=True)
        self.after_first_paint(self.navigator.search.watch_keys, first=True)
        self.after_first_paint(self.navigator.finish_setup, first=True)

    # -- start-up ---------------------------------------------------------------------------------
    def after_first_paint(self, callback: Callable[[], None], first: bool = False) -> None:
        """Run `callback` once the window has been painted (start-up work the first paint does
        not need: the notes panel's contents, the sync status); at once if that happened.
        `first`: before the callbacks already queued (e.g. fonts they draw with)."""
        if self._after_paint is None:
            callback()
        elif first:
            self._after_paint.insert(0, callback)
        else:
            self._after_paint.append(callback)

    def startup_finished(self) -> bool:
        """True once the work deferred past the first paint has run."""
        return self._after_paint is None

    def finish_startup(self) -> None:
        """Run the work deferred by `after_first_paint` now (idempotent). A failing callback
        is reported and does not keep the others from running."""
        pending, self._after_paint = self._after_paint, None
        for callback in pending or ():
            try:
                callback()
            except Exception:  # noqa: BLE001 - reported as Qt reports a failing slot
                sys.excepthook(*sys.exc_info())

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API (show() calls it)
        super().setVisible(visible)
        if visible and self._after_paint is not None and not self._finish_queued:
            self._finish_queued = True
            QTimer.singleShot(0, self._finish_when_painted)  # the expose is handled first

    def _finish_when_painted(self) -> None:
        """`finish_startup` on the loop iteration after the first paint. Qt paints a window
        while it handles its first expose, so the first check that finds the window exposed
        comes after that paint. A check rather than a `paintEvent` override: the override's
        QPaintEvent argument makes PySide6 build the QEvent class (~180 enum members, ~3 ms)
        before the paint."""
        if self._after_paint is None:
            return
        handle = self.windowHandle()
        if handle is not None and handle.isExposed():
            QTimer.singleShot(0, self.finish_startup)
            return
        # not mapped yet: the window system answers within milliseconds, unless the window
        # starts minimised (then the checks slow down to ten a second)
        self._paint_checks += 1
        QTimer.singleShot(1 if self._paint_checks < 200 else 100, self._finish_when_painted)

    # -- what is shown ---------------------------------------------------------------------------
    def current_unit(self) -> str | None:
        """The paragraph the reader shows (the last one shown while on another page)."""
        return self._unit

    def show_unit(self, uid: str, query: str | None = None, source: str = "") -> bool:
        """Show a unit in the reader (with `query` highlighted); False if it does not exist."""
        return self.reader.open(UNIT_SCHEME + uid, query=query,
                                replace=source == "tree")

    def show_theme(self, theme_id: str) -> bool:
        return self.reader.open(THEME_SCHEME + theme_id)

    def show_deadlines(self) -> None:
        self.reader.open(DEADLINES_PAGE)

    def show_navigator_tab(self, tab: int) -> None:
        self.navigator_dock.show()
        self.navigator.show_tab(tab)
        if tab != SEARCH:
            from PySide6.QtCore import Qt

            self.navigator.current_view().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_page(self, key: str) -> None:
        scheme, _sep, rest = key.partition(":")
        if scheme + ":" == UNIT_SCHEME:
            self.navigator.select_unit(rest)
            self.acts.bookmark.setEnabled(True)
            self.acts.bookmark.setChecked(self.store.is_bookmarked(rest))
            self.acts.copy_citation.setEnabled(True)
            self.position_label.setText(corpus.citation(rest, self._cite_lang()))
            if rest != self._unit:
                self._unit = rest
                self.unitChanged.emit(rest)
        else:
            self.acts.bookmark.setEnabled(False)
            self.acts.bookmark.setChecked(False)
            self.acts.copy_citation.setEnabled(False)
            self.position_label.setText("")

    def _update_history_actions(self) -> None:
        self.acts.back.setEnabled(self.reader.can_go(-1))
        self.acts.forward.setEnabled(self.reader.can_go(+1))

    def step_unit(self, step: int) -> None:
        if self._unit:
            uid = self.data.neighbour(self._unit, step)
            if uid:
                self.show_unit(uid)

    def goto_paragraph(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self, _("Go to Paragraph"),
            _("Paragraph (for example 28 (c) (ii), op16 or pp3):"))
        if not ok or not text.strip():
            return
        uid = parse_reference(text, self.data.known())
        if uid is None:
            self.statusBar().showMessage(_("No paragraph “%(ref)s” in the text.")
                                         % {"ref": text.strip()[:40]}, 5000)
            return
        self.show_unit(uid)

    # -- languages --------------------------------------------------------------------------------
    def _labels_lang(self) -> str:
        """Language of lists and citations: the text's, or the interface's side by side."""
        return self.text_mode if self.text_mode in corpus.LANGS else i18n.language()

    def _cite_lang(self) -> str:
        return self._labels_lang()

    def set_text_mode(self, mode: str) -> None:
        """Text in English, French or both side by side (remembered)."""
        if mode not in ("en", "fr", "both"):
            return
        self.text_mode = mode
        if self.settings.text_mode != mode:  # no settings-file write when restoring it
            self.settings.text_mode = mode
        {"en": self.acts.text_en, "fr": self.acts.text_fr, "both": self.acts.text_both}[
            mode].setChecked(True)
        self.reader.mode = mode
        self.navigator.set_language(self._labels_lang(), mode)
        self.reader.refresh(keep_scroll=False)
        if self._unit and self.reader.current_key().startswith(UNIT_SCHEME):
            self.position_label.setText(corpus.citation(self._unit, self._cite_lang()))

    def set_interface_language(self, lang: str) -> "MainWindow":
        """Switch the interface language ('' = system) by building a new window in place."""
        from PySide6.QtWidgets import QApplication

        from fieldapp.ui.app import install_qt_translator

        if lang == self.settings.ui_language:
            self._check_ui_language()
            return self
        self.save_state()
        self.settings.ui_language = lang
        self.settings.sync()
        applied = i18n.set_language(lang or None)
        install_qt_translator(QApplication.instance(), applied)
        return self.rebuild()

    def rebuild(self, store=None) -> "MainWindow":
        """A new window in place of this one, on the same settings and on `store` (default:
        this window's; e.g. reopened after an encryption change). Emits `replaced`."""
        new = MainWindow(store if store is not None else self.store, self.settings.q)
        new.setGeometry(self.geometry())
        new.show()
        self._replaced = True
        self.replaced.emit(new)
        self.close()
        self.deleteLater()
        return new

    def _check_ui_language(self) -> None:
        lang = self.settings.ui_language
        {"": self.acts.ui_system, "en": self.acts.ui_en, "fr": self.acts.ui_fr}[lang].setChecked(
            True)

    # -- actions ----------------------------------------------------------------------------------
    def copy_citation(self) -> str:
        """Copy the current paragraph's citation (French form when reading French)."""
        if not self._unit:
            return ""
        from PySide6.QtGui import QGuiApplication

        text = corpus.citation(self._unit, self._cite_lang())
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(_("Copied: %(citation)s") % {"citation": text}, 4000)
        return text

    def toggle_bookmark(self) -> None:
        if not self._unit:
            return
        on = not self.store.is_bookmarked(self._unit)
        change = self.store.set_bookmark(self._unit, on)
        self.acts.bookmark.setChecked(change["bookmarked"])
        self.navigator.refresh_bookmarks()
        self.reader.refresh()
        cite = corpus.citation(self._unit, self._cite_lang())
        self.statusBar().showMessage((_("Bookmarked: %(citation)s") if on else
                                      _("Bookmark removed: %(citation)s")) % {"citation": cite},
                                     4000)

    def focus_search(self) -> None:
        self.show_navigator_tab(SEARCH)
        self.navigator.search.focus_field()

    def zoom(self, step: int, absolute: bool = False) -> None:
        self.reader.set_zoom(step if absolute else self.reader.zoom() + step)
        self.settings.zoom = self.reader.zoom()

    def print_page(self) -> None:
        from fieldapp.ui.printing import print_with_dialog

        print_with_dialog(self, self.reader.document())

    def show_help(self) -> None:
        from fieldapp.ui.help_dialog import HelpDialog

        HelpDialog(self.acts, self).exec()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from fieldapp.ui.about import about_text

        QMessageBox.about(self, _("About fieldapp"), about_text(self.data, __version__))

    # -- state ------------------------------------------------------------------------------------
    def _docks(self) -> list[QDockWidget]:
        return [d for d in self.children() if isinstance(d, QDockWidget)]  # not recursive

    def _restore(self) -> None:
        s = self.settings
        geometry = s.blob("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        place_docks(self, self._docks(), s.blob("state"))
        self.reader.set_zoom(s.zoom)
        self.set_text_mode(self.text_mode)
        self._check_ui_language()
        tab = s.navigator_tab
        if 0 <= tab < SEARCH:
            self.navigator.show_tab(tab)
        if not self.reader.open(s.page, scroll=s.scroll if s.scroll > 0 else None):
            self.reader.open(UNIT_SCHEME + "op1")
        self._update_history_actions()

    def save_state(self) -> None:
        s = self.settings
        s.set_blob("geometry", self.saveGeometry())
        s.set_blob("state", self.saveState())
        s.navigator_tab = self.navigator.tabs.currentIndex()
        page = self.reader.current_key()
        if page:
            s.page = page
            s.scroll = self.reader.verticalScrollBar().value()
        s.zoom = self.reader.zoom()
        s.text_mode = self.text_mode
        s.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._replaced:
            self.save_state()
        self.navigator.search.shutdown()
        self._after_paint = None  # deferred start-up work must not run on a closed window
        super().closeEvent(event)
