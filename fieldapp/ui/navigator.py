"""The navigator: the search field on top, then tabs Contents, Themes, Glossary, Bookmarks;
while a query is typed, the search results take the tabs' place (Escape clears the query).

Views emit requests (unit, theme, glossary term); the window decides what to show.
The Themes, Glossary and Bookmarks models are built the first time their tab is shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QListView, QStackedWidget, QTabWidget,
                               QTreeView, QVBoxLayout, QWidget)

from fieldapp.core.i18n import _
from fieldapp.core.reader import ReaderData
from fieldapp.ui.contents_model import ContentsModel
from fieldapp.ui.search_panel import SearchPanel

if TYPE_CHECKING:  # imported with their tab's first showing (start-up speed)
    from fieldapp.ui.list_models import BookmarksModel, GlossaryModel
    from fieldapp.ui.themes_model import ThemesModel

CONTENTS, THEMES, GLOSSARY, BOOKMARKS, SEARCH = range(5)


def _tree(name: str, parent) -> QTreeView:
    view = QTreeView(parent)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _list(name: str, parent) -> QListView:
    view = QListView(parent)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(True)
    return view


class Navigator(QWidget):
    unitRequested = Signal(str)
    themeRequested = Signal(str)
    termRequested = Signal(str)
    searchOpened = Signal(str, str)   # uid, query

    def __init__(self, store, data: ReaderData, lang: str, parent=None):
        super().__init__(parent)
        self.store, self.data, self.lang = store, data, lang
        self.setAccessibleName(_("Navigator"))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(_("Navigator"))
        self._syncing = False

        self.contents_model = ContentsModel(store, lang, self, data=data)
        self.contents = _tree(_("Contents"), self)
        self.contents.setModel(self.contents_model)
        self.contents.selectionModel().currentChanged.connect(self._on_contents)
        self.themes = _tree(_("Themes"), self)
        self.themes.activated.connect(self._on_theme_activated)
        self.themes.clicked.connect(self._on_theme_activated)
        self.glossary = _list(_("Glossary"), self)
        self.glossary.activated.connect(self._on_term)
        self.glossary.clicked.connect(self._on_term)
        self.bookmarks = _list(_("Bookmarks"), self)
        self.bookmarks.activated.connect(self._on_bookmark)
        self.bookmarks.clicked.connect(self._on_bookmark)
        self.search = SearchPanel(store, self._search_lang(lang), parent=self)
        self.search.openRequested.connect(self.searchOpened)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.search)
        self.search.activeChanged.connect(
            lambda active: self.stack.setCurrentWidget(self.search if active else self.tabs))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.search.field)
        layout.addWidget(self.stack)

        self.themes_model: ThemesModel | None = None
        self.glossary_model: GlossaryModel | None = None
        self.bookmarks_model: BookmarksModel | None = None
        for view, title in ((self.contents, _("Contents")), (self.themes, _("Themes")),
                            (self.glossary, _("Glossary")), (self.bookmarks, _("Bookmarks"))):
            self.tabs.addTab(view, title)
        self.tabs.currentChanged.connect(self._ensure_models)
        # never narrower than its tab titles (no scroll arrows, no clipped tab, any DPI)
        self.setMinimumWidth(self.tabs.tabBar().sizeHint().width() + 12)
        self.contents.expandToDepth(0)

    # -- lazy models -------------------------------------------------------------------------
    def _ensure_models(self, tab: int) -> None:
        if tab == THEMES and self.themes_model is None:
            from fieldapp.ui.themes_model import ThemesModel

            self.themes_model = ThemesModel(self.store, self.lang, self, gist=self.data.gist)
            self.themes.setModel(self.themes_model)
        elif tab == GLOSSARY and self.glossary_model is None:
            from fieldapp.ui.list_models import GlossaryModel

            self.glossary_model = GlossaryModel(self.data.glossary, self.lang, self)
            self.glossary.setModel(self.glossary_model)
        elif tab == BOOKMARKS and self.bookmarks_model is None:
            from fieldapp.ui.list_models import BookmarksModel

            self.bookmarks_model = BookmarksModel(self.store, self.data.gist, self.lang, self)
            self.bookmarks.setModel(self.bookmarks_model)

    def show_tab(self, tab: int) -> None:
        """Show a tab (leaving the search results), or focus the search field (SEARCH)."""
        if tab == SEARCH:
            self.search.focus_field()
            return
        self.search.field.clear()
        self._ensure_models(tab)
        self.tabs.setCurrentIndex(tab)

    def current_view(self) -> QWidget:
        return self.search.field if self.stack.currentWidget() is self.search \
            else self.tabs.currentWidget()

    # -- language ----------------------------------------------------------------------------
    @staticmethod
    def _search_lang(lang: str) -> str:
        return lang if lang in ("en", "fr") else "all"

    def set_language(self, lang: str, mode: str) -> None:
        """`lang`: labels' language (en/fr); `mode`: text mode en/fr/both (search scope)."""
        self.lang = lang
        for model in (self.contents_model, self.themes_model, self.glossary_model,
                      self.bookmarks_model):
            if model is not None:
                model.set_language(lang)
        self.search.model._ui_lang = lang
        self.search.set_language(self._search_lang(mode))

    # -- selection -----------------------------------------------------------------------------
    def select_unit(self, uid: str) -> None:
        """Follow the reader in the Contents tree without re-requesting the unit."""
        index = self.contents_model.index_for_unit(uid)
        if not index.isValid() or self.contents.currentIndex() == index:
            return
        self._syncing = True
        try:
            self.contents.setCurrentIndex(index)
            self.contents.scrollTo(index)
        finally:
            self._syncing = False

    def refresh_bookmarks(self) -> None:
        if self.bookmarks_model is not None:
            self.bookmarks_model.refresh()

    def _on_contents(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = current.data(ContentsModel.UnitIdRole)
        if uid and not self._syncing:
            self.unitRequested.emit(uid)

    def _on_theme_activated(self, index: QModelIndex) -> None:
        from fieldapp.ui.themes_model import ThemesModel

        uid = index.data(ThemesModel.UnitIdRole)
        if uid:
            self.unitRequested.emit(uid)
            return
        theme_id = index.data(ThemesModel.ThemeIdRole)
        if theme_id:
            self.themeRequested.emit(theme_id)

    def _on_term(self, index: QModelIndex) -> None:
        from fieldapp.ui.list_models import IdRole

        gid = index.data(IdRole)
        if gid:
            self.termRequested.emit(gid)

    def _on_bookmark(self, index: QModelIndex) -> None:
        from fieldapp.ui.list_models import IdRole

        uid = index.data(IdRole)
        if uid:
            self.unitRequested.emit(uid)
