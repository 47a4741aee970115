"""The desktop bundle's run-time hook (fieldapp/bundle_rthook.py, run by PyInstaller before
the app) tells Qt where the bundled plugins are without importing Qt: commands that never
open a window do not pay PySide6's import."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "fieldapp" / "bundle_rthook.py"

RUN = """
import json, os, runpy, sys
if sys.argv[2]:
    sys._MEIPASS = sys.argv[2]
runpy.run_path(sys.argv[1])
print(json.dumps({"plugins": os.environ.get("QT_PLUGIN_PATH"),
                  "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""


def run_hook(bundle: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "QT_PLUGIN_PATH"}
    proc = subprocess.run([sys.executable, "-c", RUN, str(HOOK), bundle], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_in_a_bundle_the_hook_points_qt_at_its_plugins_without_importing_qt(tmp_path):
    result = run_hook(str(tmp_path))
    folder = ("PySide6",) if sys.platform == "win32" else ("PySide6", "Qt")
    assert result == {"plugins": str(tmp_path.joinpath(*folder, "plugins")), "qt": []}


def test_outside_a_bundle_the_hook_changes_nothing():
    assert run_hook("") == {"plugins": None, "qt": []}
