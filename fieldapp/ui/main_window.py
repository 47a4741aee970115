"""Main window: contents tree and reader pane."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QTextBrowser, QTreeView

from fieldapp.core.i18n import _
from fieldapp.core.render import context_html
from fieldapp.ui.contents_model import ContentsModel


class MainWindow(QMainWindow):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.text_lang = "en"
        self._units = {u["id"]: u for u in store.units()}
        self.setWindowTitle(_("fieldapp — MINUSMA mandate, S/RES/2531 (2020)"))
        self.resize(1200, 760)

        self.contents_model = ContentsModel(store, self.text_lang, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.contents_model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Contents"))
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current)

        self.reader = QTextBrowser(self)
        self.reader.setAccessibleName(_("Reader"))
        self.reader.setOpenLinks(False)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.reader)
        splitter.setSizes([420, 780])
        self.setCentralWidget(splitter)
        self._build_menus()
        self.tree.expandToDepth(0)
        self.show_unit("op1")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = current.data(ContentsModel.UnitIdRole)
        if uid:
            self._render(uid)

    def show_unit(self, uid: str) -> None:
        """Select `uid` in the tree and show it in the reader."""
        index = self.contents_model.index_for_unit(uid)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self._render(uid)

    def current_unit(self) -> str | None:
        return self._current

    def _render(self, uid: str) -> None:
        self._current = uid
        self.reader.setHtml(context_html(self._units, uid, self.text_lang,
                                         missing=_("(no text in this language)")))
        self.reader.scrollToAnchor(uid)
