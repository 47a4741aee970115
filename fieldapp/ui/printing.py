"""Print the reader's page (Ctrl+P) through Qt's print dialog, or to a PDF file.

QtPrintSupport is imported here only, when printing is asked for (startup speed). The PDF
engineer's File → Export PDF produces the formatted documents; this prints what is on screen.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument

from fieldapp.core.i18n import _


def _printable(doc: QTextDocument) -> QTextDocument:
    copy = doc.clone()
    copy.setDocumentMargin(0)
    return copy


def print_to_pdf(doc: QTextDocument, path: str | Path) -> Path:
    """Write the document to a PDF file with Qt's PDF printer (used by tests and "Print to
    file")."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _printable(doc).print_(printer)
    return Path(path)


def print_with_dialog(parent, doc: QTextDocument) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _printable(doc).print_(printer)
    return True
