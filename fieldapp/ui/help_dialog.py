"""Help (F1): how the window works and every keyboard shortcut, in the interface language."""
from __future__ import annotations

import html
from types import SimpleNamespace

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from fieldapp.core.i18n import _


def help_html(actions: SimpleNamespace) -> str:
    paras = [
        _("The navigator on the left lists the text (Contents), the themes, the glossary, "
          "your bookmarks and the search. The reader shows the selected paragraph with its "
          "context: the whole numbered paragraph and its sub-paragraphs."),
        _("Underlined paragraph references are links: follow them, then come back with Back "
          "(Alt+Left). Terms with a dotted underline are in the glossary: hover over them to "
          "see their definition."),
        _("The English text is the source text. The French text is an unofficial working "
          "translation, labelled as such wherever it is shown."),
        _("Search ignores accents and capitals and finds word beginnings: type in the search "
          "field, press Down to reach the results and Enter to open one with the words "
          "highlighted."),
        _("Your reading position, layout, text language, zoom and bookmarks are kept between "
          "sessions."),
    ]
    rows = []
    for act in vars(actions).values():
        if not hasattr(act, "shortcuts") or not act.shortcuts():
            continue
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in act.shortcuts())
        rows.append(f"<tr><td>{html.escape(act.text().replace('&', ''))}</td>"
                    f"<td><b>{html.escape(keys)}</b></td></tr>")
    return ("<h2>" + html.escape(_("Using fieldapp")) + "</h2>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            + "<h3>" + html.escape(_("Keyboard shortcuts")) + "</h3>"
            + "<table cellpadding='3'>" + "".join(rows) + "</table>")


class HelpDialog(QDialog):
    def __init__(self, actions: SimpleNamespace, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("fieldapp Help"))
        self.resize(640, 560)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(_("Help"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
