"""Disk full and read-only target during every export: one clear error line, non-zero exit,
no traceback, the previous export byte-identical, no stray temporary file.

Three real techniques: a 64 KiB tmpfs filled up (ENOSPC), the same tmpfs remounted
read-only (EROFS) — both need root and mount, else skipped with the reason — and
RLIMIT_FSIZE in a child process with SIGXFSZ ignored (EFBIG; works everywhere on POSIX).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.core.store import Store
from tests.fault_helpers import (copy_db, fill_up, listing, remount_readonly, run_child,
                                 tiny_tmpfs)

# name -> (CLI arguments after --db, file name)
EXPORTS = {
    "sync export": (["sync", "export", "--full", "--out"], "field.fieldsync"),
    "pdf report": (["pdf", "report", "--out"], "report.pdf"),
    "pdf cheatsheet": (["pdf", "cheatsheet", "--out"], "cheatsheet.pdf"),
    "contacts csv": (["contact", "export", "--format", "csv", "--out"], "contacts.csv"),
    "contacts vcard": (["contact", "export", "--format", "vcard", "--out"], "contacts.vcf"),
    "tasks ics": (["task", "export-ics", "--out"], "tasks.ics"),
    "corpus export": (["corpus", "export", "--lang", "fr", "--out"], "fr.json"),
    "db backup": (["db", "backup"], "backup.db"),
}
PREVIOUS = b"previous export (synthetic test content)\n"


@pytest.fixture(scope="module")
def rich_db(tmp_path_factory, seeded_db_template) -> Path:
    """A database whose every export is larger than 40 KiB (synthetic records)."""
    path = copy_db(seeded_db_template, tmp_path_factory.mktemp("disk") / "rich.db")
    with Store.open(path) as store, store.transaction():
        for k in range(150):
            store.add_note(["op28.c.ii"], f"Synthetic note {k} for the disk tests. " * 12,
                           date="2021-03-01", author="synthetic")
        long = "Synthetic long field for the disk tests. " * 2000  # ~80 KB
        store.add_contact("Synthetic Contact", role="synthetic", note=long)
        store.add_task("Synthetic task for the disk tests", due="2021-06-30", note=long)
    return path


def _previous(folder: Path) -> None:
    for _args, name in EXPORTS.values():
        (folder / name).write_bytes(PREVIOUS)


def _check_refused(name: str, code: int, err: str, folder: Path, before: list[str]) -> None:
    assert code != 0, f"{name}: exit 0 on a full/read-only disk"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldapp: "), (name, err[-800:])
    assert "Traceback" not in err
    assert (folder / EXPORTS[name][1]).read_bytes() == PREVIOUS, f"{name}: previous file changed"
    assert listing(folder) == before, f"{name}: stray file left: {listing(folder)}"


def _run_all(db: Path, folder: Path, capsys) -> None:
    before = listing(folder)
    for name, (args, fname) in EXPORTS.items():
        code = main([*args, str(folder / fname), "--db", str(db)])
        err = capsys.readouterr().err
        _check_refused(name, code, err, folder, before)


def test_exports_on_a_full_disk(tmp_path, rich_db, capsys):
    db = copy_db(rich_db, tmp_path / "f.db")
    with tiny_tmpfs(tmp_path / "stick", size_kb=256) as stick:
        _previous(stick)
        fill_up(stick)
        _run_all(db, stick, capsys)
        # and the same exports succeed once there is room again
        (stick / "filler.bin").unlink()
        assert main(["contact", "export", "--out", str(stick / "contacts.vcf"),
                     "--db", str(db)]) == 0


def test_exports_to_a_read_only_folder(tmp_path, rich_db, capsys):
    db = copy_db(rich_db, tmp_path / "r.db")
    with tiny_tmpfs(tmp_path / "ro") as folder:
        _previous(folder)
        remount_readonly(folder)
        _run_all(db, folder, capsys)


RLIMIT_CHILD = """
import contextlib, io, json, resource, signal, sys
from fieldapp.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # writes past the limit fail with EFBIG
db, folder, exports = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
exports_names = {name: fname for name, (_a, fname) in exports.items()}
out = {}
for name, (args, fname) in exports.items():
    err = io.StringIO()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (40 * 1024, hard))
    try:
        with contextlib.redirect_stderr(err):
            code = main([*args, folder + "/" + fname, "--db", db])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    out[name] = [code, err.getvalue()]
print("RESULT", json.dumps(out), flush=True)

# The same through the core functions the window calls: only FieldappError may escape.
from pathlib import Path
from fieldapp.core.pdf import PdfOptions, generate
from fieldapp.core.records import exports
from fieldapp.core.store import Store
from fieldapp.core.sync.exporter import export_field
store = Store.open(db)
calls = {
    "sync export": lambda p: export_field(store, p, full=True),
    "pdf report": lambda p: generate(store, PdfOptions(kind="report"), p),
    "contacts csv": lambda p: exports.export_contacts(store, p, "csv"),
    "contacts vcard": lambda p: exports.export_contacts(store, p, "vcard"),
    "tasks ics": lambda p: exports.export_tasks_ics(store, p),
    "db backup": lambda p: store.backup(p),
}
core = {}
for name, call in calls.items():
    resource.setrlimit(resource.RLIMIT_FSIZE, (40 * 1024, hard))
    try:
        call(Path(folder) / exports_names[name])
        core[name] = "no error"
    except Exception as exc:
        core[name] = [[c.__name__ for c in type(exc).__mro__], str(exc)]
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
print("CORE", json.dumps(core), flush=True)
"""


def test_exports_past_the_file_size_limit(tmp_path, rich_db):
    """RLIMIT_FSIZE: the portable disk-full (every export here is larger than the limit)."""
    pytest.importorskip("resource")
    db = copy_db(rich_db, tmp_path / "l.db")
    folder = tmp_path / "out"
    folder.mkdir()
    _previous(folder)
    before = listing(folder)
    proc = run_child(RLIMIT_CHILD, db, folder, json.dumps(EXPORTS))
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(next(ln for ln in proc.stdout.splitlines()
                             if ln.startswith("RESULT "))[7:])
    for name, (code, err) in result.items():
        _check_refused(name, code, err, folder, before)
    core = json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("CORE "))[5:])
    for name, outcome in core.items():
        assert outcome != "no error", name
        assert "FieldappError" in outcome[0], (name, outcome)  # never a bare OSError
        assert "\n" not in outcome[1] and len(outcome[1]) < 300
    assert listing(folder) == before
    for _args, fname in EXPORTS.values():
        assert (folder / fname).read_bytes() == PREVIOUS
    with Store.open(db) as store:
        assert store.check()["ok"]
        assert store.sync_last_export() is None  # a failed export is not logged as sent
