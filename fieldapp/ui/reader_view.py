"""The reader pane: one QTextBrowser showing pages (a unit in context, a theme, a glossary
entry, the deadlines) with back/forward history, link navigation, glossary tooltips and zoom.

Page keys: `unit:op28.c.ii`, `theme:children`, `gloss:mdsf`, `deadlines:`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QFont, QTextOption
from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtCore import QUrl

from fieldapp.core import corpus, i18n
from fieldapp.core.annotate import GLOSS_SCHEME, THEME_SCHEME, UNIT_SCHEME, escape
from fieldapp.core.i18n import _
from fieldapp.core.pages import DEADLINES_PAGE, deadlines_page, glossary_page, theme_page
from fieldapp.core.reader import ReaderData, unit_page
from fieldapp.ui.qt_values import event_type

BASE_POINTS = 11
READER_MIN_WIDTH = 220  # px (device-independent): ~24 characters of the reader font
# Side by side needs two readable columns; a narrower reader shows each unit in English,
# then in French
SIDE_BY_SIDE_MIN_WIDTH = 520
SCHEMES = (UNIT_SCHEME, THEME_SCHEME, GLOSS_SCHEME, DEADLINES_PAGE)


class Page:
    """One history entry. `browsing`: opened by moving through a list (replaced by the next
    move)."""

    __slots__ = ("key", "query", "scroll", "browsing")

    def __init__(self, key: str, query: str | None = None, scroll: int = 0,
                 browsing: bool = False):
        self.key, self.query, self.scroll, self.browsing = key, query, scroll, browsing

    def __repr__(self) -> str:
        return f"Page({self.key!r}, {self.query!r}, {self.scroll}, {self.browsing})"


class _ReaderEvents(QObject):
    """Read-only text must not claim the window's shortcuts (QTextBrowser takes Ctrl+D as
    "delete" on Linux): the reader's shortcut overrides are refused. Resizes go to
    `ReaderView.follow_width` (side by side or stacked)."""

    def __init__(self, reader: "ReaderView"):
        super().__init__(reader)
        self._reader = reader
        self._override = event_type("ShortcutOverride")
        self._resize = event_type("Resize")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == self._override:
            event.ignore()
            return True
        if kind == self._resize:
            self._reader.follow_width()
        return False


class ReaderView(QTextBrowser):
    """Signals: pageChanged(key) after every page shown; historyChanged() for back/forward."""

    pageChanged = Signal(str)
    historyChanged = Signal()

    def __init__(self, store, data: ReaderData, mode: str = "en", parent=None):
        super().__init__(parent)
        self.store = store
        self.data = data
        self.mode = mode
        self._today: dt.date | None = None
        self._history: list[Page] = []
        self._pos = -1
        self._zoom = 0
        self._mouse = QPoint()
        self._shown_once = False
        self._stacked = False  # both languages shown one after the other (narrow reader)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(_("Reader"))
        self.setMouseTracking(True)
        self.anchorClicked.connect(self._on_link)
        self.highlighted.connect(self._on_hover)
        self.document().setDocumentMargin(14)
        # a narrow window takes its room from the docks first: the text keeps a readable
        # column rather than a word broken every few letters
        self.setMinimumWidth(READER_MIN_WIDTH)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # never inside a word
        self._apply_font()

    # -- pages ---------------------------------------------------------------------------------
    @property
    def today(self) -> dt.date:
        """The date the deadlines page counts from (today unless set, e.g. by a test)."""
        if self._today is None:
            import datetime

            return datetime.date.today()
        return self._today

    @today.setter
    def today(self, value: dt.date) -> None:
        self._today = value

    def current(self) -> Page | None:
        return self._history[self._pos] if self._pos >= 0 else None

    def current_key(self) -> str:
        page = self.current()
        return page.key if page else ""

    def open(self, key: str, query: str | None = None, scroll: int | None = None,
             replace: bool = False) -> bool:
        """Show a page and record it in the history; False (nothing changes) if unknown.

        With `replace` (moving through the Contents tree), consecutive moves share one
        history entry, so Back returns to where the reader was before browsing."""
        if not self._valid(key):
            return False
        here = self.current()
        if here is not None:
            here.scroll = self.verticalScrollBar().value()
            if here.key == key and here.query == query:
                self._render(here, scroll)
                return True
            if replace and here.browsing:
                del self._history[self._pos + 1:]
                self._history[self._pos] = Page(key, query, browsing=True)
                self._render(self._history[self._pos], scroll)
                self.historyChanged.emit()
                return True
        del self._history[self._pos + 1:]
        self._history.append(Page(key, query, browsing=replace))
        self._pos = len(self._history) - 1
        self._render(self._history[self._pos], scroll)
        self.historyChanged.emit()
        return True

    def _valid(self, key: str) -> bool:
        scheme, _sep, rest = key.partition(":")
        scheme += ":"
        if scheme == UNIT_SCHEME:
            return rest in self.data.units
        if scheme == THEME_SCHEME:
            return any(t["id"] == rest for t in self.store.themes())
        if scheme == GLOSS_SCHEME:
            return any(g["id"] == rest for g in self.data.glossary)
        return key == DEADLINES_PAGE

    def refresh(self, keep_scroll: bool = True) -> None:
        """Re-render the current page (bookmark or data change: keep the scroll position;
        text language change: back to the unit's anchor, as the layout changed)."""
        page = self.current()
        if page:
            self._render(page, self.verticalScrollBar().value() if keep_scroll else None)

    def can_go(self, step: int) -> bool:
        return 0 <= self._pos + step < len(self._history)

    def go(self, step: int) -> None:
        """Back (-1) or forward (+1) in the history."""
        if not self.can_go(step):
            return
        self._history[self._pos].scroll = self.verticalScrollBar().value()
        self._pos += step
        page = self._history[self._pos]
        self._render(page, page.scroll)
        self.historyChanged.emit()

    def stacked(self) -> bool:
        """True while both languages are shown one after the other (a narrow reader)."""
        return self._stacked

    def _should_stack(self) -> bool:
        # before the window is shown its widths are not laid out yet: side by side until the
        # first check after the paint (follow_width)
        return self.mode == "both" and self.isVisible() and self.width() < SIDE_BY_SIDE_MIN_WIDTH

    def follow_width(self) -> None:
        """Re-render when the reader crosses the width side by side needs."""
        if self._should_stack() != self._stacked:
            self.refresh(keep_scroll=False)

    def _render(self, page: Page, scroll: int | None) -> None:
        scheme, _sep, rest = page.key.partition(":")
        ui = i18n.language()
        self._stacked = self._should_stack()
        if scheme + ":" == UNIT_SCHEME:
            body = unit_page(self.data, rest, self.mode, query=page.query, ui_lang=ui,
                             bookmarked=self.store.is_bookmarked(rest), stacked=self._stacked)
        elif scheme + ":" == THEME_SCHEME:
            theme = next(t for t in self.store.themes() if t["id"] == rest)
            body = theme_page(self.data, theme, self.store.theme_units(rest), self.mode, ui,
                              stacked=self._stacked)
        elif scheme + ":" == GLOSS_SCHEME:
            entry = next(g for g in self.data.glossary if g["id"] == rest)
            body = glossary_page(entry, ui, self.mode)
        else:
            body = deadlines_page(self.store.reference("deadlines.json"), self.today, ui)
        self.setHtml(body)  # glossary links carry their dotted underline (annotate.py)
        if scroll is not None:
            self.verticalScrollBar().setValue(scroll)
        elif scheme + ":" == UNIT_SCHEME and self.data.top(rest) != rest:
            self.scrollToAnchor(rest)
        elif self._shown_once:  # the first page starts at the top already
            self.verticalScrollBar().setValue(0)
        self._shown_once = True
        self.pageChanged.emit(page.key)

    # -- links and tooltips ----------------------------------------------------------------------
    def _on_link(self, url: QUrl) -> None:
        key = url.toString()
        if key.startswith(SCHEMES):
            self.open(key if key != "deadlines" else DEADLINES_PAGE)

    def tooltip_for(self, key: str) -> str:
        """Rich tooltip (escaped data) for a link: glossary definition or paragraph preview."""
        lang = self.mode if self.mode in corpus.LANGS else i18n.language()
        if key.startswith(GLOSS_SCHEME):
            entry = next((g for g in self.data.glossary if g["id"] == key[len(GLOSS_SCHEME):]),
                         None)
            if entry is None:
                return ""
            term = entry["term"].get(lang) or entry["term"]["en"]
            exp = (entry.get("expansion") or {}).get(lang)
            dfn = (entry.get("definition") or {}).get(lang) or (entry.get("definition") or {}
                                                                 ).get("en")
            head = f"<b>{escape(term)}</b>" + (f" — {escape(exp)}" if exp else "")
            return f"<p style='max-width:420px'>{head}<br/>{escape(dfn or '')}</p>"
        if key.startswith(UNIT_SCHEME):
            uid = key[len(UNIT_SCHEME):]
            if uid in self.data.units:
                return (f"<b>{escape(corpus.citation(uid, lang))}</b><br/>"
                        f"{escape(self.data.gist(uid, lang, 160))}")
        return ""

    def _on_hover(self, url: QUrl) -> None:
        from PySide6.QtWidgets import QToolTip

        text = self.tooltip_for(url.toString()) if url.isValid() and not url.isEmpty() else ""
        if text:
            QToolTip.showText(self.viewport().mapToGlobal(self._mouse), text, self.viewport())
        else:
            QToolTip.hideText()

    def guard_window_shortcuts(self) -> None:
        """Leave the window's shortcuts to the window (Copy and Select All are window actions
        bound to this view), and follow the reader's width from now on. Called with the
        window's key bindings, after its first paint: an `event()` override is a Python call
        for each of the ~100 events before that paint."""
        if not hasattr(self, "_guard"):
            self._guard = _ReaderEvents(self)
            self.installEventFilter(self._guard)
            self.follow_width()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._mouse = event.position().toPoint()
        super().mouseMoveEvent(event)

    # -- zoom -------------------------------------------------------------------------------------
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(-5, min(10, steps))
        if steps != self._zoom:  # the font is set already (a relayout each time)
            self._zoom = steps
            self._apply_font()

    def _apply_font(self) -> None:
        font = QFont("DejaVu Serif")
        font.setPointSize(BASE_POINTS + self._zoom)
        self.setFont(font)
        self.document().setDefaultFont(font)
