"""Meeting cheat-sheet: key numbers, summaries with citations, measure status, themes."""
from __future__ import annotations

import pytest

from fieldapp.core.pdf import PdfOptions, generate
from tests.pdf_helpers import flat_text, page_texts


def _sheet(store, tmp_path, name="sheet.pdf", **kw):
    path = tmp_path / name
    info = generate(store, PdfOptions(kind="cheatsheet", **kw), path)
    return info, path


def test_english_sheet_has_key_numbers_summaries_and_unassessed_measures(store, tmp_path):
    info, path = _sheet(store, tmp_path, lang="en")
    text = flat_text(path)
    assert "13,289" in text and "1,920" in text and "30 June 2021" in text
    summaries = store.reference("summaries.json")
    for item in summaries:
        if "unit" in item and item["unit"].startswith(("op19", "op28", "op29")):
            words = " ".join(item["summary"]["en"].split()[:6])
            assert words in text, item["unit"]
    assert "para. 28 (c)" in text and "para. 19" in text
    measures = store.measures()
    assert text.count("not yet assessed") == len(measures)  # honest: nothing assessed yet
    assert info["pages"] <= 2 and info["sensitivity"] == "unclassified"


def test_assessed_status_replaces_not_yet_assessed(store, tmp_path):
    store.assess_measure("op3.1", 2, "Synthetic test evidence", date="2021-03-01")
    _info, path = _sheet(store, tmp_path, lang="en")
    text = flat_text(path)
    assert "2 intermediate" in text and "1 March 2021" in text
    assert text.count("not yet assessed") == len(store.measures()) - 1


def test_french_sheet_uses_babel_numbers_with_narrow_no_break_space(store, tmp_path):
    _info, path = _sheet(store, tmp_path, lang="fr")
    text = flat_text(path)
    assert "13\u202f289" in text and "1\u202f920" in text and "30 juin 2021" in text
    assert "pas encore évaluée" in text and "par. 28 c)" in text
    for page in page_texts(path):
        assert "NON CLASSIFIÉ" in page and "traduction de travail non officielle" in page


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_bilingual_sheet_fits_two_pages(store, tmp_path, paper):
    info, path = _sheet(store, tmp_path, lang="both", paper=paper)
    text = flat_text(path)
    assert info["pages"] <= 2
    assert "Priority tasks / Tâches prioritaires" in text
    assert "Protection of civilians" in text and "Protection des civils" in text


def test_theme_filter_keeps_related_items_only(store, tmp_path):
    _info, path = _sheet(store, tmp_path, lang="en", themes=["protection-of-civilians"])
    text = flat_text(path)
    assert "Limited to themes: Protection of civilians" in text
    assert "Protect civilians under threat" in text  # op28.c
    assert "Help create a secure environment for civilian-led humanitarian" not in text  # op28.f
    assert "Key numbers" in text


def test_unknown_theme_is_not_found(store, tmp_path):
    from fieldapp.core.errors import NotFound

    with pytest.raises(NotFound):
        _sheet(store, tmp_path, themes=["no-such-theme"])


def test_cli_writes_pdfs_and_reports_errors_on_one_line(db_path, tmp_path, capsys):
    import json

    from fieldapp.cli import main

    out = tmp_path / "cli.pdf"
    assert main(["pdf", "cheatsheet", "--db", str(db_path), "--out", str(out), "--lang", "fr",
                 "--paper", "letter", "--theme", "children", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["out"] == str(out) and info["pages"] >= 1 and info["lang"] == "fr"
    assert "Limité aux thèmes : Enfants" in flat_text(out) or "Limité aux thèmes" in flat_text(out)
    assert main(["pdf", "report", "--db", str(db_path), "--out", str(tmp_path / "r.pdf"),
                 "--from", "2021-02-30"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a date" in err
    assert main(["pdf", "report", "--db", str(db_path), "--out", str(tmp_path / "r.pdf"),
                 "--measure", "op99.1"]) == 3
    assert not (tmp_path / "r.pdf").exists()
