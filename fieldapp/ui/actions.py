"""The window's actions, menus (File, Edit, View, Go, Help) and toolbar, with the standard
shortcuts. Other parts (records, sync, PDF) add their actions to the named menus.

Start-up: the key bindings (and the tooltips that name them) are set right after the window's
first paint (`shortcut`), so QKeySequence and its enums stay out of the path to that paint;
the menus and the toolbar the paint shows are complete before it.
"""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QMenu, QToolBar

from fieldapp.core.i18n import _

# Qt's own arrows (what QCommonStyle's SP_ArrowBack/SP_ArrowForward draw), loaded from Qt's
# resources: asking the style for them costs ~10 ms of Python enum set-up at start-up.
_ARROWS = ":/qt-project.org/styles/commonstyle/images/arrow-{}-{}.png"


class Std(str):
    """A QKeySequence.StandardKey by name (resolved when the bindings are set)."""


def arrow_icon(direction: str) -> QIcon:
    """'left' or 'right' arrow icon (the desktop theme's go-previous/go-next when it has one)."""
    icon = QIcon()
    for size in (16, 32, 128):
        icon.addFile(_ARROWS.format(direction, size))
    return QIcon.fromTheme("go-previous" if direction == "left" else "go-next", icon)


def bind_keys(act: QAction, shortcuts, tip: str = "") -> None:
    """Give `act` its key bindings (`Std` names and key strings, duplicates dropped) and a
    tooltip naming the first one."""
    from PySide6.QtGui import QKeySequence

    keys: list[QKeySequence] = []
    for s in shortcuts:
        found = (QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, s))
                 if isinstance(s, Std) else [QKeySequence(s)])
        for key in found:
            if not key.isEmpty() and key not in keys:
                keys.append(key)
    if keys:
        act.setShortcuts(keys)
    if tip or keys:
        shown = tip or act.text().replace("&", "").rstrip("…")
        if keys:
            shown += f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        act.setToolTip(shown)


def shortcut(window, act: QAction, shortcuts, tip: str = "") -> None:
    """`bind_keys` once `window` has painted (MainWindow.after_first_paint), else now."""
    later = getattr(window, "after_first_paint", None)
    if later is None:
        bind_keys(act, shortcuts, tip)
    else:
        later(lambda: bind_keys(act, shortcuts, tip))


def _action(window, text: str, slot=None, shortcuts=(), *, checkable: bool = False,
            icon=None, tip: str = "") -> QAction:
    act = QAction(text, window)
    act.setCheckable(checkable)
    if icon is not None:
        act.setIcon(icon)
    if shortcuts:
        shortcut(window, act, shortcuts, tip)
    elif tip:
        act.setToolTip(tip)
    if slot is not None:
        act.triggered.connect(slot)
    return act


def build_actions(w) -> SimpleNamespace:
    """All actions of the main window `w` (a MainWindow)."""
    a = SimpleNamespace()
    a.print = _action(w, _("&Print…"), w.print_page, [Std("Print")])
    a.quit = _action(w, _("&Quit"), w.close, [Std("Quit"), "Ctrl+Q"])
    a.copy = _action(w, _("&Copy"), w.reader.copy, [Std("Copy")])
    a.select_all = _action(w, _("Select &All"), w.reader.selectAll, [Std("SelectAll")])
    a.copy_citation = _action(w, _("Copy &Citation"), w.copy_citation, ["Ctrl+Shift+C"])
    a.find = _action(w, _("&Find…"), w.focus_search, [Std("Find")],
                     tip=_("Search the mandate"))
    a.bookmark = _action(w, _("&Bookmark This Paragraph"), w.toggle_bookmark, ["Ctrl+D"],
                         checkable=True, tip=_("Bookmark this paragraph"))

    a.text_group = QActionGroup(w)
    a.text_en = _action(w, _("&English Text"), lambda: w.set_text_mode("en"), ["Ctrl+1"],
                        checkable=True, tip=_("Show the English text"))
    a.text_fr = _action(w, _("&French Text"), lambda: w.set_text_mode("fr"), ["Ctrl+2"],
                        checkable=True, tip=_("Show the French text"))
    a.text_both = _action(w, _("&Side by Side"), lambda: w.set_text_mode("both"), ["Ctrl+3"],
                          checkable=True, tip=_("Show English and French side by side"))
    for act in (a.text_en, a.text_fr, a.text_both):
        a.text_group.addAction(act)
    a.zoom_in = _action(w, _("Zoom &In"), lambda: w.zoom(+1), [Std("ZoomIn"), "Ctrl+="])
    a.zoom_out = _action(w, _("Zoom &Out"), lambda: w.zoom(-1), [Std("ZoomOut")])
    a.zoom_reset = _action(w, _("&Normal Size"), lambda: w.zoom(0, absolute=True), ["Ctrl+0"])

    a.ui_group = QActionGroup(w)
    a.ui_system = _action(w, _("&System Language"), lambda: w.set_interface_language(""),
                          checkable=True)
    a.ui_en = _action(w, "English", lambda: w.set_interface_language("en"), checkable=True)
    a.ui_fr = _action(w, "Français", lambda: w.set_interface_language("fr"), checkable=True)
    for act in (a.ui_system, a.ui_en, a.ui_fr):
        a.ui_group.addAction(act)

    a.back = _action(w, _("&Back"), lambda: w.reader.go(-1), [Std("Back")],
                     icon=arrow_icon("left"))
    a.forward = _action(w, _("&Forward"), lambda: w.reader.go(+1), [Std("Forward")],
                        icon=arrow_icon("right"))
    a.prev_unit = _action(w, _("&Previous Paragraph"), lambda: w.step_unit(-1), ["Alt+Up"])
    a.next_unit = _action(w, _("&Next Paragraph"), lambda: w.step_unit(+1), ["Alt+Down"])
    a.goto = _action(w, _("&Go to Paragraph…"), w.goto_paragraph, ["Ctrl+G"])
    a.deadlines = _action(w, _("&Deadlines"), w.show_deadlines, ["Ctrl+Shift+D"],
                          tip=_("Deadlines and reporting dates"))
    a.show_contents = _action(w, _("&Contents"), lambda: w.show_navigator_tab(0), ["Alt+1"])
    a.show_themes = _action(w, _("&Themes"), lambda: w.show_navigator_tab(1), ["Alt+2"])
    a.show_glossary = _action(w, _("G&lossary"), lambda: w.show_navigator_tab(2), ["Alt+3"])
    a.show_bookmarks = _action(w, _("Boo&kmarks"), lambda: w.show_navigator_tab(3), ["Alt+4"])

    a.help = _action(w, _("&Help"), w.show_help, [Std("HelpContents"), "F1"])
    a.about = _action(w, _("&About fieldapp"), w.show_about)
    return a


def build_menus(w, a: SimpleNamespace) -> None:
    """Menus named self.file_menu … self.help_menu so other parts can add to them."""
    bar = w.menuBar()
    w.file_menu = bar.addMenu(_("&File"))
    w.file_menu.addAction(a.print)
    w.file_menu.addSeparator()
    w.file_menu.addAction(a.quit)

    w.edit_menu = bar.addMenu(_("&Edit"))
    for act in (a.copy, a.copy_citation, a.select_all):
        w.edit_menu.addAction(act)
    w.edit_menu.addSeparator()
    w.edit_menu.addAction(a.find)
    w.edit_menu.addAction(a.bookmark)

    w.view_menu = bar.addMenu(_("&View"))
    for act in (a.text_en, a.text_fr, a.text_both):
        w.view_menu.addAction(act)
    w.view_menu.addSeparator()
    for act in (a.zoom_in, a.zoom_out, a.zoom_reset):
        w.view_menu.addAction(act)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.navigator_dock.toggleViewAction())
    w.view_menu.addAction(w.toolbar.toggleViewAction())
    w.ui_language_menu = QMenu(_("&Interface Language"), w.view_menu)
    for act in (a.ui_system, a.ui_en, a.ui_fr):
        w.ui_language_menu.addAction(act)
    w.view_menu.addMenu(w.ui_language_menu)

    w.go_menu = bar.addMenu(_("&Go"))
    for act in (a.back, a.forward, None, a.prev_unit, a.next_unit, a.goto, None,
                a.show_contents, a.show_themes, a.show_glossary, a.show_bookmarks, None,
                a.deadlines):
        w.go_menu.addSeparator() if act is None else w.go_menu.addAction(act)

    w.help_menu = bar.addMenu(_("&Help"))
    w.help_menu.addAction(a.help)
    w.help_menu.addSeparator()
    w.help_menu.addAction(a.about)


def build_toolbar(w) -> QToolBar:
    bar = QToolBar(_("Toolbar"), w)
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setAccessibleName(_("Toolbar"))
    return bar


def fill_toolbar(bar: QToolBar, a: SimpleNamespace) -> None:
    """Short labels on the toolbar; the menus keep the full ones."""
    for act, short in ((a.text_en, "EN"), (a.text_fr, "FR"), (a.text_both, "EN | FR"),
                       (a.copy_citation, _("Copy Citation")), (a.bookmark, _("Bookmark")),
                       (a.find, _("Search")), (a.deadlines, _("Deadlines"))):
        act.setIconText(short)
    for act in (a.back, a.forward, None, a.text_en, a.text_fr, a.text_both, None,
                a.copy_citation, a.bookmark, None, a.find, a.deadlines):
        bar.addSeparator() if act is None else bar.addAction(act)


def insert_before_last(menu: QMenu, actions) -> None:
    """Add `actions` as a group above the menu's last entry (File → Quit stays last)."""
    existing = menu.actions()
    before = existing[-1] if existing else None
    for action in actions:
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
    if before is not None:
        menu.insertSeparator(before)
