"""Contents tree: section headings → paragraphs → sub-units (lazy text, cheap structure)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from fieldapp.core import corpus
from fieldapp.core.i18n import _

from fieldapp.ui.qt_values import DISPLAY_ROLE as _DISPLAY
from fieldapp.ui.qt_values import TOOLTIP_ROLE as _TOOLTIP
from fieldapp.ui.qt_values import USER_ROLE

# Plain ints: data() runs for every role of every visible row at each paint (~10 per row), and
# the first paint must not need the Qt namespace (qt_values.py).
UNIT_ID_ROLE = USER_ROLE + 1


class _Node:
    __slots__ = ("key", "is_section", "parent", "children", "row")

    def __init__(self, key: str, is_section: bool, parent: "_Node | None"):
        self.key, self.is_section, self.parent = key, is_section, parent
        self.children: list[_Node] = []
        self.row = 0


class ContentsModel(QAbstractItemModel):
    """Tree over the store's sections and units. UnitIdRole gives a unit's ID."""

    UnitIdRole = UNIT_ID_ROLE

    def __init__(self, store, lang: str = "en", parent=None, data=None):
        super().__init__(parent)
        self._store = store
        self._data = data  # optional fieldapp.core.reader.ReaderData (saves re-reading units)
        self._lang = lang
        self._labels: dict[_Node, str] = {}  # shown label per node, current language
        self._root = _Node("", True, None)
        self._by_unit: dict[str, _Node] = {}
        self._build()

    def _add(self, parent: _Node, node: _Node) -> _Node:
        node.row = len(parent.children)
        parent.children.append(node)
        return node

    def _build(self) -> None:
        data = self._data  # what the reader read already: no second query of the same rows
        sections = data.sections if data else {s["id"]: s for s in self._store.sections()}
        self._section_titles = {k: v["title"] for k, v in sections.items()}
        sec_nodes: dict[str, _Node] = {}

        def section_node(sid: str) -> _Node:
            if sid not in sec_nodes:
                parent_id = sections[sid]["parent"]
                parent = section_node(parent_id) if parent_id else self._root
                sec_nodes[sid] = self._add(parent, _Node(sid, True, parent))
            return sec_nodes[sid]

        for s in sections.values():  # keep document order of headings, even empty ones
            section_node(s["id"])
        structure = ([(u, data.units[u]["parent"], data.units[u]["section"]) for u in data.order]
                     if data else self._store.structure())
        for uid, parent_uid, section in structure:
            parent = self._by_unit[parent_uid] if parent_uid else section_node(section)
            self._by_unit[uid] = self._add(parent, _Node(uid, False, parent))
        self._texts = self._data.units if self._data else {u["id"]: u for u in
                                                           self._store.units()}

    def set_language(self, lang: str) -> None:
        if lang == self._lang:
            return
        self._lang = lang
        self._labels.clear()
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # -- Qt model API -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        node = parent.internalPointer() if parent.isValid() else self._root
        if column != 0 or row < 0 or row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        if node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if role == _DISPLAY:
            if not index.isValid():
                return None
            node: _Node = index.internalPointer()
            label = self._labels.get(node)
            if label is None:
                label = self._labels[node] = self._display(node)
            return label
        if role != _TOOLTIP and role != UNIT_ID_ROLE or not index.isValid():
            return None
        node: _Node = index.internalPointer()
        if node.is_section:
            return None
        return corpus.citation(node.key, self._lang) if role == _TOOLTIP else node.key

    def _display(self, node: _Node) -> str:
        if node.is_section:
            titles = self._section_titles[node.key]
            return titles.get(self._lang) or titles["en"]
        unit = self._texts[node.key]
        title = (unit["title"] or {}).get(self._lang) or (unit["title"] or {}).get("en")
        text = unit["text"].get(self._lang) or unit["text"].get("en") or ""
        gist = " ".join((title or corpus.strip_emphasis(text)).split())
        gist = gist if len(gist) <= 70 else gist[:69].rstrip() + "…"
        label = "–" if unit["label"] == "-" else unit["label"]
        if unit["kind"] == "preambular":
            label = _("PP%(n)s") % {"n": node.key[2:]}
        return f"{label} {gist}".strip()

    def index_for_unit(self, uid: str) -> QModelIndex:
        node = self._by_unit.get(uid)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()
