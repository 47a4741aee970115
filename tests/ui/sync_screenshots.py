"""Screenshots of the sync UI for review (not a test): `QT_QPA_PLATFORM=offscreen
.venv/bin/python tests/ui/sync_screenshots.py` writes shots/sync_*.png from a throw-away HQ
and two field databases (synthetic notes), as a new user would get there."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from fieldapp.core.i18n_build import compile_all
    from fieldapp.core.store import Store
    from fieldapp.core.sync import deployment, exporter, importer
    from fieldapp.ui.app import make_app
    from fieldapp.ui.conflicts_view import ConflictsView
    from fieldapp.ui.import_report_dialog import ImportReportDialog
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.sync_export_dialog import SyncExportDialog

    compile_all()
    app = make_app()
    out = ROOT / "shots"
    out.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fieldapp-sync-shots-"))

    def shot(widget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
            QTest.qWait(20)
        widget.grab().save(str(out / f"{name}.png"))

    hq = Store.open(tmp / "hq.db")
    deployment.hq_init(hq, tmp / "deployment.json", "MINUSMA Civil Affairs (synthetic)")
    gao, mopti = Store.open(tmp / "gao.db"), Store.open(tmp / "mopti.db")
    for s in (gao, mopti):
        deployment.join(s, tmp / "deployment.json")
    shared = gao.add_note(["op28.c.ii"], "Synthetic: meeting with the municipal council "
                          "on early-warning arrangements.", region="Gao")
    gao.assess_measure("op3.1", 2, "Synthetic evidence: two sessions held.")
    mopti.add_note(["op3.2"], "Synthetic: pilot project visit, Mopti region.", region="Mopti")
    r1 = importer.import_files(hq, [exporter.export_field(gao, tmp / "gao-1").path,
                                    exporter.export_field(mopti, tmp / "mopti-1").path])
    hq.edit_note(shared["id"], text="Synthetic: meeting with the municipal council on "
                 "early-warning arrangements. HQ: add the date of the next session.")
    gao.edit_note(shared["id"], text="Synthetic: meeting with the municipal council; the "
                  "mayor asked for a second session in Ménaka <b>next month</b>.")
    bad = tmp / "damaged.fieldsync"
    second = Path(exporter.export_field(gao, tmp / "gao-2").path)
    bad.write_bytes(second.read_bytes()[:-40])
    reports = importer.import_files(hq, [second, bad, Path(r1[0].path)])

    report = ImportReportDialog(reports)
    report.resize(1000, 520)
    shot(report, "sync_import_report")
    view = ConflictsView(hq)
    view.resize(1280, 680)
    shot(view, "sync_conflicts")
    view.keep_both.click()  # the HQ officer keeps both texts, merged
    shot(view, "sync_conflicts_resolved")
    gao.add_note(["op14"], "Synthetic: follow-up on the interim authorities.", region="Gao")
    export = SyncExportDialog(gao)
    export.path.setText(str(tmp / "gao-3"))
    done = []
    export.ended.connect(lambda: done.append(1))
    export.run_export()  # in a worker thread now: wait for it
    while not done:
        QTest.qWait(20)
    shot(export, "sync_export_field")
    solo = Store.open(tmp / "solo.db")
    solo.add_note(["op1"], "Synthetic")
    shot(SyncExportDialog(solo), "sync_export_standalone")
    window = MainWindow(gao, QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 720)
    importer.import_files(gao, [exporter.export_to_field(hq, tmp / "hq-1").path])
    window.sync_ui.refresh_status()
    shot(window, "sync_main_window")
    print("\n".join(str(p) for p in sorted(out.glob("sync_*.png"))))


if __name__ == "__main__":
    main()
