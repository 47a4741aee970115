"""Where does startup time go? `python -m bench.startup_profile` (diagnostic, not a benchmark).

Runs the same start-up as bench_startup (run_gui on a seeded database, offscreen, quits once
the window is exposed) once, in a fresh process, and prints:
- the cost of creating Python enums for Qt classes, attributed to the line of fieldapp code
  that first touched each class (PySide6 builds a class's enums on first use; on Python 3.11
  this is the largest start-up cost after importing Qt itself);
- the slowest fieldapp module imports (cumulative, from `-X importtime`);
- when the main window first painted, and how long the work it defers past that paint took
  (MainWindow.after_first_paint: notes panel, sync status, remaining fonts).
Timings here include instrumentation overhead; use them to rank, and bench_startup to judge.
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
    _LOG.append((_where(), class_name, (time.perf_counter() - t) * 1000))
    return r
enum.EnumType._create_ = _create_
def _report():
    by = collections.defaultdict(lambda: [0.0, []])
    for where, name, ms in _LOG:
        by[where][0] += ms
        by[where][1].append(name)
    print(f"ENUM {len(_LOG)} Qt enums created, {sum(x[2] for x in _LOG):.0f} ms", flush=True)
    for where, (ms, names) in sorted(by.items(), key=lambda x: -x[1][0])[:20]:
        print(f"ENUM {ms:6.1f} ms  {len(names):3}  {where}  [{', '.join(names[:4])}…]",
              flush=True)
atexit.register(_report)
"""

_DEFERRED_HOOK = r"""
from fieldapp.ui import main_window as _mw
_paint, _finish = _mw.MainWindow.paintEvent, _mw.MainWindow.finish_startup
def _timed_paint(self, event):
    if not getattr(self, "_profile_painted", False):
        self._profile_painted = True
        print(f"FIRST_PAINT {(time.time() - T0) * 1000:.1f}", flush=True)
    _paint(self, event)
def _timed_finish(self):
    t = time.perf_counter()
    _finish(self)
    print(f"DEFERRED {(time.perf_counter() - t) * 1000:.1f}", flush=True)
_mw.MainWindow.paintEvent, _mw.MainWindow.finish_startup = _timed_paint, _timed_finish
"""

SCRIPT = r"""
import os, sys, time
T0 = time.time()
""" + _ENUM_HOOK + _PROBE + _ARM + r"""
""" + _DEFERRED_HOOK + r"""
sys.exit(fapp.run_gui(sys.argv[1]))
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fieldapp-startup-profile-") as tmp:
        tmp_path = Path(tmp)
        db = seeded_db(tmp_path)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
               "XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8",
               "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([PYTHON, "-c", SCRIPT, str(db)], env=env, cwd=ROOT,
                       capture_output=True, timeout=120)  # warm-up (bytecode cache)
        proc = subprocess.run([PYTHON, "-X", "importtime", "-c", SCRIPT, str(db)], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith("STARTUP_MS"):
            print(f"start-up (instrumented): {float(line.split()[1]):.0f} ms")
        elif line.startswith("FIRST_PAINT"):
            print(f"first paint of the main window (instrumented): {float(line.split()[1]):.0f} ms")
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
