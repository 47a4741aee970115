"""Startup to a shown main window with the corpus vs a bare PySide6 QMainWindow script.

Both are fresh processes measured the same way: the parent stamps the wall clock just before
spawning; the child runs its Qt event loop and prints the elapsed time as soon as its main
window is visible and exposed, then quits. The project side runs the app's own start-up
function `fieldapp.ui.app.run_gui` (QApplication, fonts, translators, store on an
already-seeded database, MainWindow) with a throw-away settings folder; a second, INFO line
measures the `fieldapp --db DB` command itself (argument parsing included), and a third, INFO
line how long the project takes until the start-up work it defers past the first paint
(notes panel, sync status, remaining fonts) is done. Runs alternate (project, floor, project, …)
after one uncounted warm-up each; medians.

The probe re-posts itself as a zero-delay event rather than polling on a timer: Qt paints a
window synchronously when it handles its first expose, so the first check that sees the
window exposed runs right after that paint, ahead of anything the paint itself queued. A
1 ms timer (the probe until 2026-11) only fired after such queued work, which charged the
project's deferred start-up work to its first paint.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, median, result

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "15"))
TARGET = 1.5

# Shared by both scripts: from inside the event loop, re-posted as a zero-delay event (FIFO
# with the app's own posted events), stamp when the main window is visible and exposed, i.e.
# painted. A window with `startup_finished()` (the project's) also gets a SETTLED_MS stamp once
# its deferred start-up work has run.
_PROBE = r"""
_STAMPED = []
def _probe():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication.instance()
    for w in app.topLevelWidgets():
        if isinstance(w, QMainWindow) and w.isVisible() and w.windowHandle() is not None \
                and w.windowHandle().isExposed():
            if not _STAMPED:
                _STAMPED.append(True)
                print(f"STARTUP_MS {(time.time() - T0) * 1000:.3f}", flush=True)
            settled = getattr(w, "startup_finished", None)
            if settled is None or settled():
                print(f"SETTLED_MS {(time.time() - T0) * 1000:.3f}", flush=True)
                app.quit()
                return
    QTimer.singleShot(0, _probe)
"""

# The probe is armed as soon as fieldapp.ui.app.make_app has made the QApplication.
_ARM = r"""
from fieldapp.ui import app as fapp
_make_app = fapp.make_app
def _armed_make_app(*args, **kwargs):
    app = _make_app(*args, **kwargs)
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, _probe)
    return app
fapp.make_app = _armed_make_app
"""

# What the design measures: the app module, the QApplication, the store, the main window.
PROJECT = r"""
import os, sys, time
T0 = float(os.environ["BENCH_T0"])
""" + _PROBE + _ARM + r"""
sys.exit(fapp.run_gui(sys.argv[1]))
"""

# What a user runs: the `fieldapp` command (argument parsing and command modules included).
PROJECT_CLI = r"""
import os, sys, time
T0 = float(os.environ["BENCH_T0"])
""" + _PROBE + _ARM + r"""
from fieldapp.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""

FLOOR = r"""
import os, sys, time
T0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
""" + _PROBE + r"""
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1200, 760)
window.show()
QTimer.singleShot(0, _probe)
sys.exit(app.exec())
"""


def _spawn(script: str, args: list[str], env: dict) -> tuple[float, float]:
    """(first paint, deferred start-up work done) in ms from spawn; equal for the floor."""
    env = {**env, "BENCH_T0": repr(time.time())}
    proc = subprocess.run([PYTHON, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    stamps = dict(line.split()[:2] for line in proc.stdout.splitlines()
                  if line.startswith(("STARTUP_MS ", "SETTLED_MS ")))
    if proc.returncode == 0 and "STARTUP_MS" in stamps and "SETTLED_MS" in stamps:
        return float(stamps["STARTUP_MS"]), float(stamps["SETTLED_MS"])
    raise RuntimeError(f"startup script failed (exit {proc.returncode}):\n"
                       f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def seeded_db(folder: Path) -> Path:
    """A database created, migrated and seeded the normal way (first run already done)."""
    from fieldapp.core.store import Store

    path = folder / "fieldapp.db"
    with Store.open(path) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-startup-") as tmp:
        tmp_path = Path(tmp)
        db = seeded_db(tmp_path)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_DATA_HOME": str(tmp_path / "data"),
               "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8",
               "PYTHONPATH": str(ROOT)}
        env.pop("FIELDAPP_DB", None)
        # An installed app runs from cached bytecode; this environment sets
        # PYTHONDONTWRITEBYTECODE, which would recompile every module in every run. Cache the
        # bytecode outside the checkout instead (the warm-up runs fill it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
        _spawn(PROJECT, [str(db)], env)  # warm-ups: .pyc files, page cache, fontconfig cache
        _spawn(FLOOR, [], env)
        _spawn(PROJECT_CLI, [str(db)], env)
        project, settled, cli, floor = [], [], [], []
        for _ in range(RUNS):
            first, done = _spawn(PROJECT, [str(db)], env)
            project.append(first)
            settled.append(done)
            floor.append(_spawn(FLOOR, [], env)[0])
            cli.append(_spawn(PROJECT_CLI, [str(db)], env)[0])
    p, s, c, f = median(project), median(settled), median(cli), median(floor)
    return [result("startup.main_window", p, f, TARGET,
                   note=f"median of {RUNS} alternating fresh processes (offscreen), spawn to "
                        f"exposed and painted window; project {min(project):.0f}–"
                        f"{max(project):.0f} ms, floor {min(floor):.0f}–{max(floor):.0f} ms"),
            result("startup.main_window_settled", s, f, None,
                   note=f"INFO: until the work deferred past the first paint is done (notes "
                        f"panel, sync status, fonts); {min(settled):.0f}–{max(settled):.0f} ms"),
            result("startup.fieldapp_command", c, f, None,
                   note=f"INFO: the same through `fieldapp --db DB` (cli.main); "
                        f"{min(cli):.0f}–{max(cli):.0f} ms")]


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["startup"]))
