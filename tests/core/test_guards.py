"""Architecture guards: the core imports no Qt; the app and CLI open no socket."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "FIELDAPP_DB": str(tmp_path / "guard.db")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=120, cwd=tmp_path)


def test_core_imports_no_pyside6(tmp_path):
    proc = run_python("""
        import importlib, pkgutil, sys
        import fieldapp.core as core
        names = [m.name for m in pkgutil.walk_packages(core.__path__, "fieldapp.core.")]
        for name in names:
            importlib.import_module(name)
        import fieldapp.cli, fieldapp.commands.mandate, fieldapp.commands.db
        assert len(names) > 5, names
        bad = [m for m in sys.modules if m.startswith("PySide6") or m.startswith("shiboken")]
        print("QT" if bad else "clean", bad[:3])
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("clean"), proc.stdout


NETWORK_GUARD = """
    import sys
    events = []
    def hook(event, args):
        if event.startswith("socket.") and event != "socket.gethostname":
            events.append((event, repr(args)[:80]))
    sys.addaudithook(hook)
"""


def test_cli_opens_no_socket(tmp_path):
    proc = run_python(NETWORK_GUARD + """
    from fieldapp.cli import main
    for argv in (["show", "--all", "--json"], ["search", "Menaka"], ["themes"],
                 ["db", "check"], ["corpus", "export", "--lang", "fr", "--out", "fr.json"]):
        assert main(argv) == 0, argv
    print("EVENTS", events)
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "EVENTS []" in proc.stdout, proc.stdout[-500:]


def test_the_guard_detects_a_socket(tmp_path):
    proc = run_python(NETWORK_GUARD + """
    import socket
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.2)
    except OSError:
        pass
    print("EVENTS", events)
    """, tmp_path)
    assert "socket.connect" in proc.stdout


def test_gui_opens_no_socket(tmp_path):
    proc = run_python(NETWORK_GUARD + """
    from fieldapp.core.store import Store
    from fieldapp.ui.app import make_app
    from fieldapp.ui.main_window import MainWindow
    app = make_app()
    store = Store.open("gui.db")
    window = MainWindow(store)
    window.show()
    app.processEvents()
    window.show_unit("op28.c.ii")
    app.processEvents()
    window.close()
    print("EVENTS", events)
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "EVENTS []" in proc.stdout, proc.stdout[-500:]
