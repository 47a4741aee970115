"""Export PDF / Print dialog, worker thread, preview and printing path (pytest-qt, offscreen)."""
from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.ui.pdf_export_dialog import PdfExportDialog
from tests.pdf_helpers import flat_text, page_texts

SHOTS = Path(__file__).resolve().parents[2] / "shots"


def _select(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


@pytest.fixture
def dialog(qtbot, store):
    d = PdfExportDialog(store, "export")
    qtbot.addWidget(d)
    d.show()
    return d


def test_exports_the_french_mandate_on_letter_paper_in_a_worker(dialog, qtbot, tmp_path):
    _select(dialog.kind, "mandate")
    _select(dialog.lang, "fr")
    _select(dialog.paper, "letter")
    assert dialog.themes_box.isHidden() and dialog.report_box.isHidden()
    out = tmp_path / "mandat.pdf"
    dialog.out.setText(str(out))
    dialog.go.click()
    assert dialog.is_running() or dialog.result_info
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=60_000)
    assert out.exists() and dialog.progress.value() == 100
    assert dialog.preview.isEnabled() and dialog.print_button.isEnabled()
    assert "Conseil de sécurité" in flat_text(out)
    assert str(out) in dialog.status.text()


def test_report_options_reach_the_document(dialog, qtbot, store, tmp_path):
    store.add_note(["op28.c"], "Synthetic Gao note <b>", date="2021-02-01", region="gao",
                   sensitivity="confidential")
    store.add_note(["op28.c"], "Synthetic Mopti note", date="2021-02-02", region="mopti")
    _select(dialog.kind, "report")
    assert not dialog.report_box.isHidden() and not dialog.themes_box.isHidden()
    _select(dialog.region, "gao")
    dialog.author.setText("Synthetic author")
    out = tmp_path / "report.pdf"
    dialog.out.setText(str(out))
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "pdf_export_dialog.png"))
    dialog.go.click()
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=60_000)
    text = flat_text(out)
    assert "Synthetic Gao note <b>" in text and "Synthetic Mopti note" not in text
    assert "Author: Synthetic author" in text
    assert dialog.result_info["sensitivity"] == "confidential"
    assert all("CONFIDENTIAL" in p for p in page_texts(out))


def test_cancel_stops_generation_and_writes_nothing(dialog, qtbot, store, tmp_path):
    from tests.core.test_pdf_report import _many

    _many(store, 2000)
    _select(dialog.kind, "report")
    out = tmp_path / "cancelled.pdf"
    dialog.out.setText(str(out))
    dialog.go.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0 or not dialog.is_running(),
                    timeout=30_000)
    dialog.cancel.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert dialog.result_info is None and not out.exists()
    assert "cancelled" in dialog.status.text()


def test_bad_output_folder_is_reported_not_raised(dialog, qtbot, tmp_path):
    _select(dialog.kind, "cheatsheet")
    dialog.out.setText(str(tmp_path / "missing-folder" / "x.pdf"))
    dialog.go.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert dialog.result_info is None and "Not written" in dialog.status.text()


def test_preview_renders_pages_and_printing_draws_every_page(qtbot, store, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from fieldapp.core.pdf import PdfOptions, generate
    from fieldapp.ui.pdf_preview import PdfPages, PdfPreviewDialog, paint_pages

    path = tmp_path / "sheet.pdf"
    info = generate(store, PdfOptions(kind="cheatsheet", lang="both"), path)
    preview = PdfPreviewDialog(path)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10_000)
    assert len(preview.labels) == info["pages"]
    pixmap = preview.labels[0].pixmap()
    assert not pixmap.isNull() and pixmap.width() > 700
    image = pixmap.toImage()
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 200  # text was drawn, not a blank page
    SHOTS.mkdir(exist_ok=True)
    preview.grab().save(str(SHOTS / "pdf_preview.png"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    pages = PdfPages(path)
    assert paint_pages(pages, printer) == info["pages"]
    pages.close()
    from tests.pdf_helpers import reader

    assert len(reader(printed).pages) == info["pages"]


def test_install_adds_export_and_print_to_the_file_menu(qtbot, store):
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.pdf_integration import install_pdf_ui

    window = MainWindow(store)
    qtbot.addWidget(window)
    if not hasattr(window, "_pdf_actions"):  # main_window.py may already call it
        install_pdf_ui(window, store)
    export, printing = window._pdf_actions
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Export PDF…" in texts and "Print Document…" in texts
    assert texts.index("Export PDF…") < len(texts) - 1  # Quit stays last
