"""Where does startup time go? `python -m bench.startup_profile` (diagnostic, not a benchmark).

Runs the same start-up as bench_startup (run_gui on a seeded database, offscreen, quits once
the window is painted and its deferred work done) once, in a fresh process, and prints:
- the cost of creating Python enums for Qt classes, before and after the first paint,
  attributed to the line of fieldapp code that first touched each class (PySide6 builds a
  class's enums on first use; on Python 3.11 this is the largest start-up cost after importing
  Qt itself; the Qt namespace alone, 93 enums, waits until after the first paint when the
  docks come from a saved layout: fieldapp/ui/dock_layout.py);
- the slowest fieldapp module imports (cumulative, from `-X importtime`);
- when the main window first painted, and how long the work it defers past that paint took
  (MainWindow.after_first_paint: notes panel, sync status, remaining fonts).
Timings here include instrumentation overhead; use them to rank, and bench_startup to judge.

`python -m bench.startup_profile --reference [N]` instead measures (no instrumentation, N
alternating runs, medians) the bench's floor, the project, and a reference: the same first
window written by hand in one plain script (same widgets, docks, fonts, menus, toolbar, tree
labels and reader page, no fieldapp code at all; its docks restored from the layout its
first run saved, as the project's are). The reference is what the first paint costs with this Qt/PySide6/Python: how
far the project is from it is what its own code still costs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_startup import _ARM, _PROBE, seeded_db
from bench.common import PYTHON, ROOT

_ENUM_HOOK = r"""
import atexit, collections, enum, linecache, sys, time
_orig = enum.EnumType._create_
_LOG = []
_PHASE = ["before"]  # "after" once the main window's first paint is done
def _where():
    f = sys._getframe(2)
    while f:
        fn = f.f_code.co_filename
        if "/fieldapp/" in fn:
            line = linecache.getline(fn, f.f_lineno).strip()[:60]
            return f"{fn.rsplit('/fieldapp/', 1)[1]}:{f.f_lineno}  {line}"
        f = f.f_back
    return "(PySide6 itself / the probe)"
def _create_(cls, class_name, names, **kw):
    t = time.perf_counter()
    r = _orig(cls, class_name, names, **kw)
    _LOG.append((_where(), class_name, (time.perf_counter() - t) * 1000, _PHASE[0]))
    return r
enum.EnumType._create_ = _create_
def _report():
    by = collections.defaultdict(lambda: [0.0, []])
    for where, name, ms, phase in _LOG:
        by[(phase, where)][0] += ms
        by[(phase, where)][1].append(name)
    for phase in ("before", "after"):
        log = [x for x in _LOG if x[3] == phase]
        print(f"ENUM {len(log)} Qt enums created {phase} the first paint, "
              f"{sum(x[2] for x in log):.0f} ms", flush=True)
        rows = [(k[1], v) for k, v in by.items() if k[0] == phase]
        for where, (ms, names) in sorted(rows, key=lambda x: -x[1][0])[:20]:
            print(f"ENUM {ms:6.1f} ms  {len(names):3}  {where}  [{', '.join(names[:4])}…]",
                  flush=True)
atexit.register(_report)
"""

_DEFERRED_HOOK = r"""
from fieldapp.ui import main_window as _mw
_check, _finish = _mw.MainWindow._finish_when_painted, _mw.MainWindow.finish_startup
def _timed_check(self):
    # the window's own first-paint check (no paintEvent override: that would make QEvent)
    handle = self.windowHandle()
    if not getattr(self, "_profile_painted", False) and handle is not None \
            and handle.isExposed():
        self._profile_painted = True
        print(f"FIRST_PAINT {(time.time() - T0) * 1000:.1f}", flush=True)
        _PHASE[0] = "after"
    _check(self)
def _timed_finish(self):
    t = time.perf_counter()
    _finish(self)
    print(f"DEFERRED {(time.perf_counter() - t) * 1000:.1f}", flush=True)
_mw.MainWindow._finish_when_painted, _mw.MainWindow.finish_startup = _timed_check, _timed_finish
"""

SCRIPT = r"""
import os, sys, time
T0 = time.time()
""" + _ENUM_HOOK + _PROBE + _ARM + r"""
""" + _DEFERRED_HOOK + r"""
sys.exit(fapp.run_gui(sys.argv[1]))
"""


# The project's first window without the project: a QStandardItemModel for the tree, the reader
# page as prepared HTML, plain actions. Arguments: a JSON file {"html", "tree", "fonts",
# "layout"} (the layout file is written by the first run, restored by the others).
REFERENCE = r"""
import json, os, sys, time
T0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QFont, QFontDatabase, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QLineEdit, QMainWindow,
                               QTabWidget, QTextBrowser, QTreeView, QVBoxLayout, QWidget)
""" + _PROBE + r"""
spec = json.load(open(sys.argv[1], encoding="utf-8"))
app = QApplication(sys.argv[:1])
for path, family, style in spec["fonts"]:  # the faces the system lacks, as the project
    if style not in QFontDatabase.styles(family):
        QFontDatabase.addApplicationFont(path)
app.setFont(QFont("DejaVu Sans", 10))
w = QMainWindow()
w.resize(1280, 720)
reader = QTextBrowser()
font = QFont("DejaVu Serif")
font.setPointSize(11)
reader.setFont(font)
reader.document().setDefaultFont(font)
reader.document().setDocumentMargin(14)
reader.setHtml(spec["html"])
w.setCentralWidget(reader)
model = QStandardItemModel()
for label, children in spec["tree"]:
    item = QStandardItem(label)
    item.appendRows([QStandardItem(c) for c in children])
    model.appendRow(item)
tree = QTreeView()
tree.setHeaderHidden(True)
tree.setUniformRowHeights(True)
tree.setModel(model)
tree.expandToDepth(0)
first = model.index(0, 0, model.index(1, 0))  # para. 1, as the project opens it
tree.setCurrentIndex(first)
tree.scrollTo(first)
tabs = QTabWidget()
tabs.setDocumentMode(True)
tabs.addTab(tree, "Contents")
for title in ("Themes", "Glossary", "Bookmarks"):
    tabs.addTab(QWidget(), title)
nav = QWidget()
layout = QVBoxLayout(nav)
layout.setContentsMargins(2, 2, 2, 2)
field = QLineEdit()
field.setPlaceholderText("Search the mandate and notes…")
field.setClearButtonEnabled(True)
layout.addWidget(field)
layout.addWidget(tabs)
tabs.setUsesScrollButtons(False)  # every tab title whole, as the project
docks = []
for title, content in (("Navigator", nav), ("Notes", QWidget())):
    dock = QDockWidget(title, w)
    dock.setObjectName(title)
    dock.setWidget(content)
    docks.append(dock)
bar = w.addToolBar("Toolbar")
bar.setObjectName("Toolbar")
arrows = ":/qt-project.org/styles/commonstyle/images/arrow-{}-16.png"
for text, icon in (("Back", arrows.format("left")), ("Forward", arrows.format("right")),
                   ("EN", None), ("FR", None), ("EN | FR", None), ("Copy Citation", None),
                   ("Bookmark", None), ("Search", None), ("Deadlines", None)):
    bar.addAction(QAction(QIcon(icon), text, w) if icon else QAction(text, w))
for title in ("&File", "&Edit", "&View", "&Go", "&Records", "&Help"):
    menu = w.menuBar().addMenu(title)
    for i in range(8):
        menu.addAction(QAction(f"Item {i}", w))
w.statusBar().addPermanentWidget(QLabel("S/RES/2531 (2020), para. 1"))
# As the project does after its first start: the docks come from the layout saved by the
# warm-up run (restoreState needs no Qt enum; addDockWidget makes Qt's 116 namespace enums).
if os.path.exists(spec["layout"]):
    with open(spec["layout"], "rb") as f:
        w.restoreState(QByteArray(f.read()))
else:
    from PySide6.QtCore import Qt
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks[0])
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks[1])
    w.resizeDocks(docks, [340, 300], Qt.Orientation.Horizontal)
    app.aboutToQuit.connect(lambda: open(spec["layout"], "wb").write(bytes(w.saveState())))
w.show()
QTimer.singleShot(0, _probe)
sys.exit(app.exec())
"""


def reference_spec(store, path: Path) -> None:
    """What the reference window shows: the project's first reader page and tree labels."""
    import json

    from fieldapp.core import corpus
    from fieldapp.core.paths import resources_dir
    from fieldapp.core.reader import ReaderData, unit_page

    data = ReaderData.load(store)
    sections = {sid: [] for sid, s in data.sections.items() if not s["parent"]}
    for uid in data.order:
        unit = data.units[uid]
        sid = unit["section"]
        while data.sections[sid]["parent"]:
            sid = data.sections[sid]["parent"]
        if not unit["parent"]:
            sections[sid].append(f"{unit['label']} {data.gist(uid, 'en')}")
    tree = [(data.sections[sid]["title"]["en"], labels) for sid, labels in sections.items()]
    from fieldapp.ui.app import FIRST_PAINT_FONTS, FONT_FACES

    fonts = [(str(resources_dir() / "fonts" / f), *FONT_FACES[f]) for f in FIRST_PAINT_FONTS]
    html = unit_page(data, "op1", "en", ui_lang="en", bookmarked=False)
    assert corpus.citation("op1", "en") in html
    path.write_text(json.dumps({"html": html, "tree": tree, "fonts": fonts,
                                "layout": str(path.with_name("reference-layout.bin"))}),
                    encoding="utf-8")


def reference(runs: int) -> int:
    """Floor, project and hand-written reference, alternating; medians and ratios."""
    import statistics
    import time

    from bench.bench_startup import FLOOR, PROJECT
    from fieldapp.core.store import Store

    with tempfile.TemporaryDirectory(prefix="fieldapp-startup-reference-") as tmp:
        tmp_path = Path(tmp)
        db = seeded_db(tmp_path)
        spec = tmp_path / "reference.json"
        with Store.open(db) as store:
            reference_spec(store, spec)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8",
               "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        scripts = {"floor": (FLOOR, []), "project": (PROJECT, [str(db)]),
                   "reference": (REFERENCE, [str(spec)])}
        times: dict[str, list[float]] = {name: [] for name in scripts}
        for i in range(runs + 1):  # the first round warms the bytecode cache
            for name, (script, args) in scripts.items():
                proc = subprocess.run([PYTHON, "-c", script, *args], cwd=ROOT,
                                      env={**env, "BENCH_T0": repr(time.time())},
                                      capture_output=True, text=True, timeout=120)
                stamp = [x for x in proc.stdout.splitlines() if x.startswith("STARTUP_MS")]
                if proc.returncode or not stamp:
                    print(proc.stderr[-2000:])
                    return 1
                if i:
                    times[name].append(float(stamp[0].split()[1]))
    floor = statistics.median(times["floor"])
    for name, values in times.items():
        m = statistics.median(values)
        print(f"{name:10s} {m:6.0f} ms  {m / floor:4.2f}x floor  "
              f"({min(values):.0f}–{max(values):.0f} ms, {runs} runs)")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--reference"]:
        return reference(int(sys.argv[2]) if len(sys.argv) > 2 else 9)
    with tempfile.TemporaryDirectory(prefix="fieldapp-startup-profile-") as tmp:
        tmp_path = Path(tmp)
        db = seeded_db(tmp_path)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8",
               "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([PYTHON, "-c", SCRIPT, str(db)], env=env, cwd=ROOT,
                       capture_output=True, timeout=120)  # warm-up (bytecode cache)
        proc = subprocess.run([PYTHON, "-X", "importtime", "-c", SCRIPT, str(db)], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith("STARTUP_MS"):
            print(f"first paint done (instrumented): {float(line.split()[1]):.0f} ms")
        elif line.startswith("SETTLED_MS"):
            print(f"deferred start-up work done (instrumented): {float(line.split()[1]):.0f} ms")
        elif line.startswith("FIRST_PAINT"):
            print(f"first paint of the main window starts (instrumented): "
                  f"{float(line.split()[1]):.0f} ms")
        elif line.startswith("DEFERRED"):
            print(f"work deferred past the first paint: {float(line.split()[1]):.0f} ms")
        elif line.startswith("ENUM"):
            print(line[5:])
    imports = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and "fieldapp" in parts[2]:
            try:
                imports.append((int(parts[1]) / 1000, parts[2].strip()))
            except ValueError:
                continue
    print("slowest fieldapp imports (cumulative ms, includes what they import first):")
    for ms, name in sorted(imports, reverse=True)[:15]:
        print(f"{ms:7.1f}  {name}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
