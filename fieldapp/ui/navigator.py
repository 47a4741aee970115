"""The navigator: the search field on top, then tabs Contents, Themes, Glossary, Bookmarks;
while a query is typed, the search results take the tabs' place (Escape clears the query).

Views emit requests (unit, theme, glossary term); the window decides what to show.
Start-up: only the Contents tree exists when the window first paints. The Themes, Glossary
and Bookmarks tabs hold an empty page until they are first shown (click, Alt+2…, keyboard on
the tab bar) or their view is asked for; the view and its model are then built into that page.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (QAbstractItemView, QStackedWidget, QTabWidget, QTreeView,
                               QVBoxLayout, QWidget)

from fieldapp.core.i18n import _
from fieldapp.core.reader import ReaderData
from fieldapp.ui.contents_model import UNIT_ID_ROLE, ContentsModel
from fieldapp.ui.search_panel import SearchPanel

CONTENTS, THEMES, GLOSSARY, BOOKMARKS, SEARCH = range(5)


def _tree(name: str, parent) -> QTreeView:
    view = QTreeView(parent)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _list(name: str, parent):
    from PySide6.QtWidgets import QListView

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
        self.search = SearchPanel(store, self._search_lang(lang), ui_lang=lang, parent=self)
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

        self.themes_model = self.glossary_model = self.bookmarks_model = None
        # tab → its view once built; until then the tab shows an empty page (`_pages`)
        self._views: dict[int, QAbstractItemView] = {CONTENTS: self.contents}
        self._pages: dict[int, QWidget] = {}
        self.tabs.addTab(self.contents, _("Contents"))
        for tab, title in ((THEMES, _("Themes")), (GLOSSARY, _("Glossary")),
                           (BOOKMARKS, _("Bookmarks"))):
            self._pages[tab] = QWidget(self)
            self.tabs.addTab(self._pages[tab], title)
        self.tabs.currentChanged.connect(self._ensure_view)
        # never narrower than its tab titles (no clipped tab, any DPI or language): without
        # scroll arrows, the tab widget's minimum size holds every title, and the layouts keep
        # the dock at least that wide, from the first paint (first start's default width, or
        # a width saved with shorter English titles) and after any change of the titles
        self.tabs.setUsesScrollButtons(False)
        self.contents.expandToDepth(0)

    def finish_setup(self) -> None:
        """What only the user's input needs, set by the window right after its first paint:
        the tree's selection signal (its QItemSelectionModel class, ~1 ms, is not needed by the
        paint)."""
        self.contents.selectionModel().currentChanged.connect(self._on_contents)

    # -- lazy tabs ------------------------------------------------------------------------------
    @property
    def themes(self) -> QTreeView:
        return self._ensure_view(THEMES)

    @property
    def glossary(self):
        return self._ensure_view(GLOSSARY)

    @property
    def bookmarks(self):
        return self._ensure_view(BOOKMARKS)

    def _ensure_view(self, tab: int) -> QAbstractItemView | None:
        """The view of `tab`, built with its model into the tab's page on first need."""
        view = self._views.get(tab)
        if view is not None or tab not in self._pages:
            return view
        page = self._pages[tab]
        if tab == THEMES:
            from fieldapp.ui.themes_model import ThemesModel

            view = _tree(_("Themes"), page)
            self.themes_model = ThemesModel(self.store, self.lang, self, gist=self.data.gist)
            view.setModel(self.themes_model)
            view.activated.connect(self._on_theme_activated)
            view.clicked.connect(self._on_theme_activated)
        elif tab == GLOSSARY:
            from fieldapp.ui.list_models import GlossaryModel

            view = _list(_("Glossary"), page)
            self.glossary_model = GlossaryModel(self.data.glossary, self.lang, self)
            view.setModel(self.glossary_model)
            view.activated.connect(self._on_term)
            view.clicked.connect(self._on_term)
        else:
            from fieldapp.ui.list_models import BookmarksModel

            view = _list(_("Bookmarks"), page)
            self.bookmarks_model = BookmarksModel(self.store, self.data.gist, self.lang, self)
            view.setModel(self.bookmarks_model)
            view.activated.connect(self._on_bookmark)
            view.clicked.connect(self._on_bookmark)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        view.show()  # at once, also when built into the page being shown
        page.setFocusProxy(view)  # focusing the tab's page (Alt+2…) focuses its list
        self._views[tab] = view
        return view

    def show_tab(self, tab: int) -> None:
        """Show a tab (leaving the search results), or focus the search field (SEARCH)."""
        if tab == SEARCH:
            self.search.focus_field()
            return
        self.search.field.clear()
        self._ensure_view(tab)
        self.tabs.setCurrentIndex(tab)

    def current_view(self) -> QWidget:
        if self.stack.currentWidget() is self.search:
            return self.search.field
        return self._views.get(self.tabs.currentIndex()) or self.tabs.currentWidget()

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
        self.search.set_ui_language(lang)
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
        uid = current.data(UNIT_ID_ROLE)
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
