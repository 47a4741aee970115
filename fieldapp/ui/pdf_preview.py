"""In-app PDF preview and printing, rendered with PDFium (pypdfium2, a ~9 MB wheel).

Why not QtPdf: QPdfDocument/QPdfView live in PySide6-Addons (hundreds of MB), not in the
PySide6-Essentials the app ships; pypdfium2 gives the same renderer (PDFium) for a fraction
of the size. Pages are rendered to QImages: the preview renders them as they scroll into
view; printing draws each page into the QPrinter chosen in QPrintDialog.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from fieldapp.core.i18n import _


class PdfPages:
    """An open PDF whose pages render to QImages."""

    def __init__(self, path: str | Path):
        import pypdfium2 as pdfium

        self.path = Path(path)
        self._doc = pdfium.PdfDocument(str(self.path))

    def __len__(self) -> int:
        return len(self._doc)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height in points."""
        return tuple(self._doc[index].get_size())  # type: ignore[return-value]

    def render(self, index: int, dpi: float) -> QImage:
        bitmap = self._doc[index].render(scale=dpi / 72, rev_byteorder=True,
                                         may_draw_forms=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB888 if bitmap.n_channels == 3
                       else QImage.Format.Format_RGBA8888)
        return image.copy()  # own the pixels: the bitmap buffer is freed with `bitmap`

    def close(self) -> None:
        self._doc.close()


class PdfPreviewDialog(QDialog):
    """Scrollable pages of a generated PDF; pages render when they come into view."""

    DPI = 96

    def __init__(self, path: str | Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Preview — {name}").format(name=Path(path).name))
        self.resize(900, 1000)
        self.pages = PdfPages(path)
        self.labels: list[QLabel] = []
        self._rendered: set[int] = set()
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        for i in range(len(self.pages)):
            w, h = self.pages.page_size(i)
            label = QLabel(inner)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setFixedSize(round(w * self.DPI / 72), round(h * self.DPI / 72))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: 1px solid #999;")
            label.setText(_("Page {n}").format(n=i + 1))
            label.setAccessibleName(_("Page {n}").format(n=i + 1))
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #777; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._render_visible)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(_("Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(lambda: print_pdf(self.pages.path, self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)
        layout.addWidget(buttons)
        QTimer.singleShot(0, self._render_visible)

    def _render_visible(self, *_args) -> None:
        viewport = self.scroll.viewport()
        top = self.scroll.verticalScrollBar().value()
        bottom = top + viewport.height()
        for i, label in enumerate(self.labels):
            y = label.y()
            if i not in self._rendered and y < bottom + 200 and y + label.height() > top - 200:
                self._rendered.add(i)
                image = self.pages.render(i, self.DPI)
                label.setPixmap(QPixmap.fromImage(image))

    def rendered_pages(self) -> set[int]:
        return set(self._rendered)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self.pages.close()
        super().done(result)


def paint_pages(pages: PdfPages, printer, first: int = 1, last: int = 0) -> int:
    """Draw pages first..last (1-based, 0 = to the end) on `printer`; return pages drawn."""
    last = last or len(pages)
    dpi = min(max(printer.resolution(), 150), 300)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    drawn = 0
    try:
        for index in range(first - 1, min(last, len(pages))):
            if drawn:
                printer.newPage()
            image = pages.render(index, dpi)
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            drawn += 1
    finally:
        painter.end()
    return drawn


def print_pdf(path: str | Path, parent=None) -> int:
    """QPrintDialog, then print the chosen pages of `path`; returns the pages sent."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    pages = PdfPages(path)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(path).name)
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, len(pages))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        first, last = printer.fromPage(), printer.toPage()
        return paint_pages(pages, printer, first or 1, last or 0)
    finally:
        pages.close()
