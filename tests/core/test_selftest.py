"""`fieldapp --selftest` in a fresh process: every step reports ok and the exit code is 0."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS = ["files", "store", "search", "note", "pdf", "sync", "encryption", "secure delete",
         "languages", "window"]


def test_selftest_passes_every_step(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("FIELDAPP_DB", None)
    proc = subprocess.run([sys.executable, "-m", "fieldapp", "--selftest"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = dict(line.split(": ", 1) for line in proc.stdout.splitlines() if ": " in line)
    assert [s for s in STEPS if not lines.get(s, "").startswith("ok")] == [], proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not list(tmp_path.glob("**/fieldapp.db")), "selftest touched the user's database"
    # the window imports PySide6 as the app does: its support code compiled, then cached
    assert "PySide6 support code 0 cached" in lines["window"], lines["window"]
    assert list((tmp_path / "cache" / "fieldapp").glob("shibokensupport.*.marshal"))
