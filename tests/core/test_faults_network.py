"""No network in the main flows: the CLI and the window run with socket creation blocked
(socket.socket replaced by a class that raises) AND an audit hook recording every socket
event; any attempt fails the test. (Start-up alone is guarded in test_guards.py.)
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.fault_helpers import ROOT, child_env

GUARD = """
import socket, sys
events = []
def hook(event, args):
    if event.startswith("socket.") and event != "socket.gethostname":
        events.append((event, repr(args)[:80]))
sys.addaudithook(hook)
class Blocked(socket.socket):
    def __init__(self, *a, **k):
        events.append(("socket.socket blocked", repr(a)[:80]))
        raise OSError("network blocked by the test")
socket.socket = Blocked
socket.create_connection = lambda *a, **k: Blocked()
"""

CLI_FLOWS = """
import json, re
from fieldapp.cli import main
import contextlib, io

def run(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*argv, "--db", DB])
    assert code == 0, (argv, code)
    return out.getvalue()

DB, OTHER = "a.db", "b.db"
note = json.loads(run("note", "add", "op28.c.ii", "--text", "Synthetic network note",
                      "--json"))
run("note", "edit", note["id"], "--text", "Synthetic network note, edited")
run("search", "synthetic", "--in", "all")
run("search", "protection des civils", "--lang", "fr")
run("pdf", "mandate", "--out", "mandate.pdf", "--lang", "both")
run("pdf", "cheatsheet", "--out", "cheat.pdf")
run("pdf", "report", "--out", "report.pdf")
run("contact", "add", "Synthetic Contact", "--role", "synthetic")
run("contact", "export", "--out", "c.vcf")
run("contact", "export", "--format", "csv", "--out", "c.csv")
run("task", "add", "Synthetic task", "--due", "2021-06-30")
run("task", "export-ics", "--out", "t.ics")
run("measure", "list")
run("corpus", "export", "--lang", "fr", "--out", "fr.json")
run("corpus", "import", "fr.json", "--lang", "fr")
run("sync", "export", "--out", "a.fieldsync")
DB = OTHER
run("sync", "import", "a.fieldsync")
run("sync", "status")
run("db", "backup", "b-backup.db")
DB = "a.db"
run("note", "delete", note["id"])
run("db", "check")
print("EVENTS", events)
"""

GUI_FLOWS = """
from fieldapp.core.store import Store
from fieldapp.ui.app import make_app
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.notes_panel import NotesPanel
app = make_app()
store = Store.open("gui.db")
window = MainWindow(store)
window.show()
app.processEvents()
for uid in ("op28.c.ii", "op3.2", "pp1"):
    window.show_unit(uid)
    app.processEvents()
window.step_unit(1)
window.set_text_mode("both") if hasattr(window, "set_text_mode") else None
window.toggle_bookmark()
window.copy_citation()
window.focus_search()
window.show_theme("children")
window.show_deadlines()
panel = NotesPanel(store)
panel.show()
panel.set_unit("op28.c.ii")
store.add_note(["op28.c.ii"], "Synthetic GUI network note")
panel.search.setText("synthetic")
panel._apply_query()
app.processEvents()
window.set_interface_language("fr")
app.processEvents()
window.close()
print("EVENTS", events)
"""


def run_guarded(code: str, tmp_path) -> subprocess.CompletedProcess:
    script = textwrap.dedent(GUARD) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=child_env(FIELDAPP_DB=str(tmp_path / "guard.db")),
                          cwd=tmp_path, timeout=180)


def test_cli_main_flows_open_no_socket(tmp_path):
    proc = run_guarded(CLI_FLOWS, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "EVENTS []" in proc.stdout, proc.stdout[-800:]
    assert (tmp_path / "mandate.pdf").stat().st_size > 10_000  # the flows really ran


def test_gui_main_actions_open_no_socket(tmp_path):
    proc = run_guarded(GUI_FLOWS, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "EVENTS []" in proc.stdout, proc.stdout[-800:]


def test_the_blocking_guard_really_blocks(tmp_path):
    proc = run_guarded("""
    import socket
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.2)
    except OSError as exc:
        print("REFUSED", exc)
    print("EVENTS", events)
    """, tmp_path)
    assert "REFUSED network blocked" in proc.stdout, proc.stdout + proc.stderr
    assert "socket.socket blocked" in proc.stdout
