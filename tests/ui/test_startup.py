"""Start-up guards (bench/bench_startup.py measures the time; these keep what made it fast).

The window starts in a fresh process, as `fieldapp` does. Once it is shown with the mandate
and its after-first-paint work has run (notes panel, sync status), none of the heavy libraries
and none of the dialogs or secondary views may have been imported: each is imported by the
action that opens it. A new eager import anywhere on the start-up path fails here.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("reportlab", "cryptography", "pyrage", "babel", "sqlite_utils", "pypdfium2")
LAZY_UI = ("pdf_export_dialog", "pdf_preview", "printing", "sync_import_dialog",
           "sync_export_dialog", "import_report_dialog", "conflicts_view", "note_dialog",
           "ledger_view", "tasks_view", "contacts_view", "encryption_dialog", "help_dialog",
           "passphrase_dialog", "about", "themes_model", "list_models")

PROBE = """
import json, sys
from fieldapp.ui import app as fapp

_make_app = fapp.make_app


def make_app(*args, **kwargs):
    app = _make_app(*args, **kwargs)
    from PySide6.QtCore import QTimer

    def check():
        w = getattr(app, "_fieldapp_window", None)
        if w is None or not w.isVisible() or not w.startup_finished():
            QTimer.singleShot(5, check)
            return
        app.processEvents()
        print("REPORT " + json.dumps({
            "modules": sorted(sys.modules),
            "reader": w.reader.toPlainText()[:2000],
            "panel": type(w.records_ui.panel).__name__,
            "status": w.sync_ui.status_label.text(),
            "back_icon": not w.acts.back.icon().isNull(),
        }), flush=True)
        app.quit()

    QTimer.singleShot(0, check)
    QTimer.singleShot(30000, lambda: app.exit(3))
    return app


fapp.make_app = make_app
"""


def start(code: str, db: Path, tmp_path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8"}
    for name in ("FIELDAPP_DB", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(db)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("REPORT "))
    return json.loads(line[len("REPORT "):])


def eager(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY
            or (m.startswith("fieldapp.ui.") and m.split(".")[2] in LAZY_UI)]


def test_window_starts_without_heavy_or_dialog_imports(db_path, tmp_path):
    report = start(PROBE + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n", db_path, tmp_path)
    # the window is the real one: the mandate is in the reader, the deferred parts were built
    assert "Urges the Government of Mali" in report["reader"]
    assert "S/RES/2531 (2020), para. 1" in report["reader"]
    assert report["panel"] == "NotesPanel"
    assert "No deployment" in report["status"]
    assert report["back_icon"]
    assert eager(report["modules"]) == []


def test_fieldapp_command_without_a_command_skips_the_command_modules(db_path, tmp_path):
    report = start(PROBE + "\nfrom fieldapp.cli import main\n"
                           "sys.exit(main(['--db', sys.argv[1]]))\n", db_path, tmp_path)
    assert "Urges the Government of Mali" in report["reader"]
    assert [m for m in report["modules"] if m.startswith("fieldapp.commands")] == []
    assert eager(report["modules"]) == []


def test_the_guard_sees_an_eager_import(db_path, tmp_path):
    """The check is able to fail: a dialog imported at start-up is reported."""
    code = PROBE.replace("import json, sys\n",
                         "import json, sys\nimport fieldapp.ui.note_dialog\n", 1)
    report = start(code + "\nsys.exit(fapp.run_gui(sys.argv[1]))\n", db_path, tmp_path)
    assert eager(report["modules"]) == ["fieldapp.ui.note_dialog"]
