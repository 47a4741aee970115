"""The records command line (DESIGN.md): note, measure, task, contact, search --in notes."""
from __future__ import annotations


import pytest

from fieldapp.cli import main
from tests.core.test_cli import run_cli
from tests.records_helpers import cli_json, snapshot


def test_note_add_list_edit_delete_restore_json(db_path, capsys):
    db = ["--db", str(db_path)]
    note = cli_json(capsys, main, "note", "add", "op28.c.ii", "op3.2", "--text",
                    "Synthetic: <b>x</b>&<img src=x> in Ménaka", "--date", "2021-01-10",
                    "--region", "Menaka", "--cercle", "Ménaka", "--sensitivity", "confidential",
                    "--tag", "poc", "--measure", "op3.2-v", "--author", "Synthetic", *db)
    assert note["units"] == ["op28.c.ii", "op3.2"] and note["measure_id"] == "op3.2-v"
    assert note["text"] == "Synthetic: <b>x</b>&<img src=x> in Ménaka"
    listed = cli_json(capsys, main, "note", "list", "--para", "op28.c.ii", *db)
    assert [n["id"] for n in listed] == [note["id"]]
    assert cli_json(capsys, main, "note", "list", "--para", "op1", *db) == []
    edited = cli_json(capsys, main, "note", "edit", note["id"], "--text", "Synthetic v2", *db)
    assert edited["parent_rev"] == note["rev"]
    history = cli_json(capsys, main, "note", "history", note["id"], *db)
    assert [h["content"]["text"] for h in history][-1] == "Synthetic v2"
    assert cli_json(capsys, main, "note", "delete", note["id"], *db)["deleted"] is True
    assert cli_json(capsys, main, "note", "list", *db) == []
    history = cli_json(capsys, main, "note", "history", note["id"], *db)
    assert [h["erased"] for h in history] == [True, True, False]
    assert main(["note", "restore", note["id"], *db]) != 0  # its text was erased
    assert "erased" in capsys.readouterr().err
    restored = cli_json(capsys, main, "note", "restore", note["id"], "--text", "Synthetic v3",
                        "--tag", "poc", *db)
    assert restored["deleted"] is False and restored["tags"] == ["poc"]
    shown = cli_json(capsys, main, "note", "show", note["id"], *db)
    assert shown["text"] == "Synthetic v3"


def test_search_in_notes(db_path, capsys):
    db = ["--db", str(db_path)]
    cli_json(capsys, main, "note", "add", "op28.c.ii", "--text", "Réunion à Ménaka", *db)
    data = cli_json(capsys, main, "search", "reunion", "--in", "notes", *db)
    assert [r["kind"] for r in data["results"]] == ["note"]
    assert "[Réunion]" in data["results"][0]["snippet"]
    mixed = cli_json(capsys, main, "search", "Menaka", "--in", "all", "--limit", "50", *db)
    assert {r["kind"] for r in mixed["results"]} == {"note", "paragraph"}


@pytest.mark.parametrize("argv, code, message", [
    (["note", "add", "op99", "--text", "x"], 3, "no such paragraph: op99"),
    (["note", "add", "op1", "--text", ""], 2, "empty"),
    (["note", "add", "op1", "--text", "x", "--date", "2021-1-1"], 2, "YYYY-MM-DD"),
    (["note", "edit", "nope", "--text", "x"], 3, "no such note"),
    (["measure", "assess", "op3.1", "--status", "9", "--evidence", "x"], 2, "0 to 4"),
    (["measure", "assess", "op3.1", "--status", "2", "--evidence", "x",
      "--indicator", "bogus"], 2, "ID=VALUE"),
    (["task", "add", "x", "--due", "tomorrow"], 2, "YYYY-MM-DD"),
    (["contact", "add", "x", "--email", "bad"], 2, "e-mail"),
])
def test_errors_are_one_line_with_exit_code_and_nothing_written(db_path, capsys, argv, code,
                                                                 message):
    before = snapshot(db_path)
    assert main([*argv, "--db", str(db_path)]) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(db_path) == before


def test_nul_from_a_real_process_is_refused(db_path, tmp_path):
    proc = run_cli("note", "add", "op1", "--text", "bad\x01text", db=db_path)
    assert proc.returncode == 2 and "control characters" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_measure_list_and_assess(db_path, capsys):
    db = ["--db", str(db_path)]
    a = cli_json(capsys, main, "measure", "assess", "op3.1", "--status", "3", "--evidence",
                 "Synthetic evidence", "--date", "2021-01-15", "--confidence", "high",
                 "--indicator", "op3.1-integrated=1,500", "--source", "Synthetic", *db)
    assert a["indicators"] == {"op3.1-integrated": 1500} and a["status"] == 3
    ledger = cli_json(capsys, main, "measure", "list", *db)
    m = next(x for x in ledger["measures"] if x["id"] == "op3.1")
    assert m["status"] == 3 and m["rollup"] == 75 and ledger["paragraphs"]["op3"] == 19
    shown = cli_json(capsys, main, "measure", "show", "op3.1", *db)
    assert len(shown["history"]) == 1
    assert main(["measure", "list", *db]) == 0
    assert "3 nearly complete" in capsys.readouterr().out


def test_task_commands_and_ics(db_path, capsys, tmp_path):
    db = ["--db", str(db_path)]
    t = cli_json(capsys, main, "task", "add", "Synthetic task", "--owner", "Synthetic section",
                 "--due", "2021-04-01", "--para", "op28.c.ii", *db)
    assert cli_json(capsys, main, "task", "done", t["id"], *db)["status"] == "done"
    done = cli_json(capsys, main, "task", "list", "--status", "done", *db)
    assert [x["id"] for x in done] == [t["id"]]
    early = cli_json(capsys, main, "task", "list", "--due-before", "2020-12-31", *db)
    assert {x["id"] for x in early} == {"seed:duty-op5", "seed:duty-op62"}
    edited = cli_json(capsys, main, "task", "edit", "seed:task-op28.c", "--status",
                      "in-progress", *db)
    assert edited["status"] == "in-progress"
    res = cli_json(capsys, main, "task", "export-ics", "--out", str(tmp_path / "t.ics"),
                   "--owner", "synthetic", *db)
    assert res["events"] == 1
    assert "DTSTART;VALUE=DATE:20210401" in (tmp_path / "t.ics").read_text()


def test_contact_commands_export_import(db_path, capsys, tmp_path):
    db = ["--db", str(db_path)]
    c = cli_json(capsys, main, "contact", "add", "Synthetic Person", "--phone", "+223 1",
                 "--email", "s@example.org", "--language", "fr", "--para", "op28.c.ii",
                 "--sensitivity", "strictly-confidential", *db)
    assert c["languages"] == ["fr"]
    r = cli_json(capsys, main, "contact", "export", "--format", "vcard", "--out",
                 str(tmp_path / "c.vcf"), *db)
    assert r["excluded_strictly_confidential"] == 1 and "Synthetic" not in \
        (tmp_path / "c.vcf").read_text()
    r = cli_json(capsys, main, "contact", "export", "--format", "csv", "--out",
                 str(tmp_path / "c.csv"), "--include-strictly-confidential", *db)
    assert r["exported"] == 41
    assert "'+223 1" in (tmp_path / "c.csv").read_text("utf-8-sig")
    cli_json(capsys, main, "contact", "delete", c["id"], *db)
    r = cli_json(capsys, main, "contact", "import", str(tmp_path / "c.csv"), *db)
    assert (r["added"], r["skipped"]) == (1, 40)
    people = cli_json(capsys, main, "contact", "list", "--kind", "person", *db)
    assert people[0]["phone"] == "+223 1"
    assert people[0]["sensitivity"] == "strictly-confidential"
    edited = cli_json(capsys, main, "contact", "edit", people[0]["id"], "--role",
                      "Synthetic role", *db)
    assert edited["role"] == "Synthetic role"
