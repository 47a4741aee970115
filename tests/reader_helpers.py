"""Helpers for the reader window tests (tests/ui/test_main_window*.py, test_reader_*.py).

Import the fixtures explicitly: `from tests.reader_helpers import make_window, ...`.
Settings live in an INI file under tmp_path (never the user's real settings); the interface
language is reset to English around each test (it is process-global).
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QTextCursor

from fieldapp.core import i18n


@pytest.fixture(scope="session")
def compiled_catalogs():
    """Build the .mo files from the .po files (as `make test` does)."""
    from fieldapp.core.i18n_build import compile_all

    return compile_all()


@pytest.fixture
def english_ui(qapp, compiled_catalogs):
    from fieldapp.ui.app import install_qt_translator, load_fonts

    load_fonts()
    install_qt_translator(qapp, i18n.set_language("en"))
    yield
    install_qt_translator(qapp, i18n.set_language("en"))


@pytest.fixture
def settings_path(tmp_path):
    return str(tmp_path / "fieldapp-settings.ini")


@pytest.fixture
def make_window(qtbot, english_ui, settings_path):
    """Factory: a shown MainWindow over a store (default: the test's) and the tmp settings.
    Every window made (and every window that replaces it) is closed at the end."""
    import shiboken6

    from fieldapp.ui.main_window import MainWindow

    made: list = []

    def track(window):
        made.append(window)
        window.replaced.connect(track)
        return window

    def factory(store, settings_file: str | None = None):
        w = track(MainWindow(store, QSettings(settings_file or settings_path,
                                              QSettings.Format.IniFormat)))
        w.resize(1280, 720)
        with qtbot.waitExposed(w):
            w.show()
        with qtbot.waitActive(w):   # window shortcuts only fire in the active window
            w.activateWindow()
        qtbot.waitUntil(w.startup_finished)  # notes panel, sync status: after the first paint
        return w

    yield factory
    for w in made:
        if shiboken6.isValid(w) and w.isVisible():
            w.close()


@pytest.fixture
def window(make_window, store):
    return make_window(store)


def anchor_point(browser, href: str) -> QPoint:
    """Viewport coordinates of the middle of the first link to `href` in a QTextBrowser."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.charFormat().anchorHref() == href:
                browser.setTextCursor(QTextCursor(doc))
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + max(1, frag.length() // 2))
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the reader")


def links_in(browser) -> list[str]:
    """Every link target in document order."""
    out = []
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href and (not out or out[-1] != href):
                out.append(href)
            it += 1
        block = block.next()
    return out
