"""The command line contract of DESIGN.md (run as a real subprocess where output matters)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli import main
from tests.core.test_search import BAD_QUERIES

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, db: Path, env_db: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "fieldapp", *args]
    if env_db:
        env["FIELDAPP_DB"] = str(db)
    else:
        argv += ["--db", str(db)]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)


def test_show_all_json_is_142_units_in_document_order(db_path):
    proc = run_cli("show", "--all", "--json", db=db_path)
    assert proc.returncode == 0, proc.stderr
    units = json.loads(proc.stdout)
    assert len(units) == 142
    assert units[0]["id"] == "pp1" and units[-1]["id"] == "op65"
    assert set(units[0]) >= {"id", "citation", "title", "text", "themes", "parent", "children"}
    assert units[-1]["text"]["en"] == "*Decides* to remain actively seized of the matter."


def test_search_menaka_json(db_path):
    proc = run_cli("search", "Menaka", "--json", db=db_path, env_db=True)
    data = json.loads(proc.stdout)
    assert data["query"] == "Menaka"
    assert data["results"][0]["id"] == "op3.2"
    assert data["results"][0]["kind"] == "paragraph"


@pytest.mark.parametrize("query", [q for q in BAD_QUERIES if "\x00" not in q])
def test_bad_queries_exit_0_with_valid_json(db_path, query, capsys):
    assert main(["--db", str(db_path), "search", query, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == query and isinstance(data["results"], list)


def test_nul_in_query_via_api(db_path, capsys):
    # argv cannot carry NUL; the same code path is exercised in-process.
    assert main(["--db", str(db_path), "search", "a\x00b", "--json"]) == 0
    json.loads(capsys.readouterr().out)


def test_errors_are_one_line_without_traceback(db_path):
    proc = run_cli("show", "op99", db=db_path)
    assert proc.returncode == 3
    assert proc.stderr.strip() == "fieldapp: error: no such paragraph: op99"
    proc = run_cli("theme", "nope", db=db_path)
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("frobnicate", db=db_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_show_text_and_themes(db_path, capsys):
    assert main(["--db", str(db_path), "show", "op17", "--lang", "both"]) == 0
    out = capsys.readouterr().out
    assert "13,289" in out and "13\u202f289" in out
    assert main(["--db", str(db_path), "themes", "--json"]) == 0
    themes = json.loads(capsys.readouterr().out)
    assert len(themes) == 21
    assert main(["--db", str(db_path), "theme", "protection-of-civilians", "--json"]) == 0
    assert "op28.c" in json.loads(capsys.readouterr().out)["units"]


def test_db_check_and_backup(db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "db", "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["--db", str(db_path), "db", "backup", str(tmp_path / "b.db")]) == 0
    assert (tmp_path / "b.db").stat().st_size > 100_000


def test_corpus_export_import_round_trip(db_path, tmp_path, capsys):
    out = tmp_path / "fr.json"
    assert main(["--db", str(db_path), "corpus", "export", "--lang", "fr", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "corpus", "import", str(out), "--lang", "fr",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"lang": "fr", "units": 142, "changed": 0}
    doc = json.loads(out.read_text(encoding="utf-8"))
    del doc["units"]["op3.2"]
    out.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--db", str(db_path), "corpus", "import", str(out), "--lang", "fr"]) == 2
    assert "op3.2" in capsys.readouterr().err


def test_duplicate_keys_and_depth_are_refused(db_path, tmp_path, capsys):
    dup = tmp_path / "dup.json"
    dup.write_text('{"format": "fieldapp-corpus", "format": "x"}', encoding="utf-8")
    assert main(["--db", str(db_path), "corpus", "import", str(dup), "--lang", "fr"]) == 2
    assert "duplicate key" in capsys.readouterr().err
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["--db", str(db_path), "corpus", "import", str(deep), "--lang", "fr"]) == 2
    assert "nested deeper" in capsys.readouterr().err


def test_french_is_labelled_and_hits_show_their_twin(db_path, capsys):
    assert main(["--db", str(db_path), "show", "op17", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "13\u202f289 militaires" in out and "unofficial working translation" in out
    assert main(["--db", str(db_path), "show", "op17"]) == 0
    assert "working translation" not in capsys.readouterr().out
    assert main(["--db", str(db_path), "search", "policiers", "--lang", "fr", "--twin",
                 "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["results"]
    op17 = next(h for h in hits if h["id"] == "op17")
    assert op17["lang"] == "fr" and "1,920 police personnel" in op17["twin"]["text"]


def test_db_option_before_and_after_the_command(tmp_path, capsys):
    for argv in (["--db", str(tmp_path / "a.db"), "themes"],
                 ["themes", "--db", str(tmp_path / "b.db")]):
        assert main(argv) == 0
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()


def test_output_piped_into_head_is_not_an_error(db_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        f"{sys.executable} -m fieldapp --db {db_path} show --all --lang both | head -n 1",
        shell=True, capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.startswith("S/RES/2531 (2020)")
    assert proc.stderr == ""
