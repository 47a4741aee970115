"""The bundled English corpus is complete and verbatim; IDs and citations follow DESIGN.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fieldapp.core import corpus

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "source" / "S_RES_2531_2020_en.seed.md"
HEADINGS = {s.title["en"] for s in corpus.bundled_sections()}
MARKER = re.compile(r"^(?:\d+\.|(?:-\s+)?\((?:[a-h]|i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|-)\s+")


def source_words() -> list[str]:
    """Words of the seed after 'The Security Council,', without markers, headings, markup.

    Independent of the build script: page breaks vanish because we compare word streams.
    """
    raw = SEED.read_text(encoding="utf-8")
    body = raw.split("The Security Council,", 1)[1]
    body = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", body).replace("\\(", "(").replace("\\)", ")")
    words: list[str] = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line in HEADINGS:
            continue
        words += MARKER.sub("", line).replace("*", "").split()
    return words


def corpus_words() -> list[str]:
    texts = corpus.bundled_text("en")["units"]
    words: list[str] = []
    for unit in corpus.bundled_units():
        rec = texts[unit["id"]]
        words += corpus.strip_emphasis((rec["title"] or "") + " " + rec["text"]).split()
    return words


def test_every_word_of_the_source_is_in_the_corpus_in_order():
    src, ours = source_words(), corpus_words()
    for i, (a, b) in enumerate(zip(src, ours)):
        assert a == b, f"word {i}: source {src[i-5:i+5]} vs corpus {ours[i-5:i+5]}"
    assert len(src) == len(ours)


def test_142_units_with_the_id_scheme():
    units = corpus.bundled_units()
    ids = [u["id"] for u in units]
    assert len(ids) == 142 == len(set(ids))
    assert [i for i in ids if re.fullmatch(r"pp\d+", i)] == [f"pp{n}" for n in range(1, 25)]
    assert [i for i in ids if re.fullmatch(r"op\d+", i)] == [f"op{n}" for n in range(1, 66)]
    assert all(corpus.is_valid_id(i) for i in ids)
    for expected in ("op28.c.ii", "op62.iii", "op63.i", "op3.2", "op28.a.iii.4", "op47.7",
                     "op28.c.ii.5", "op29.b"):
        assert expected in ids


def test_parents_precede_children_and_titles_are_kept():
    units = corpus.bundled_units()
    seen: set[str] = set()
    for u in units:
        assert u["parent"] is None or u["parent"] in seen
        seen.add(u["id"])
    texts = corpus.bundled_text("en")["units"]
    assert texts["op28.c"]["title"] == "Protection of civilians"
    assert texts["op29.b"]["text"].count("\n\n") == 1  # two body paragraphs
    assert texts["op28.a"]["text"] == ""


def test_page_breaks_are_joined_and_markup_cleaned():
    texts = corpus.bundled_text("en")["units"]
    assert "resolution 2480 (2019) but *regrets*" in texts["op2"]["text"]
    assert "the European Union Training Mission in Mali" in texts["pp6"]["text"]
    assert "Secretariat of the CSA as well as by playing" in texts["op28.a.i"]["text"]
    blob = json.dumps(texts, ensure_ascii=False)
    assert "](#)" not in blob and "\\\\(" not in blob


def test_transcription_slips_are_kept_and_listed():
    texts = corpus.bundled_text("en")["units"]
    assert "MDSE" in texts["op62.iii"]["text"]
    assert "MDSE" in (ROOT / "data" / "errata.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("uid,lang,expected", [
    ("op28.c.ii", "en", "S/RES/2531 (2020), para. 28 (c) (ii)"),
    ("op28.c.ii", "fr", "S/RES/2531 (2020), par. 28 c) ii)"),
    ("op3.2", "en", "S/RES/2531 (2020), para. 3, second bullet"),
    ("op3.2", "fr", "S/RES/2531 (2020), par. 3, 2e alinéa"),
    ("op62.iii", "en", "S/RES/2531 (2020), para. 62 (iii)"),
    ("pp5", "en", "S/RES/2531 (2020), fifth preambular paragraph"),
    ("op17", "en", "S/RES/2531 (2020), para. 17"),
])
def test_citations(uid, lang, expected):
    assert corpus.citation(uid, lang) == expected


def test_crossrefs_are_parsed():
    from fieldapp.core.store.seed import parse_crossrefs

    refs = parse_crossrefs(corpus.bundled_text("en")["units"]["op20"]["text"])
    targets = [t for _k, t, _l in refs]
    assert {"op19", "op28", "op29"} <= set(targets)
    refs = parse_crossrefs("referenced in paragraph 4 of resolution 2480 (2019)")
    assert [r[1] for r in refs] == ["2480 (2019)"]  # not a link to op4 of this resolution
    refs = parse_crossrefs(corpus.bundled_text("en")["units"]["op38"]["text"])
    assert "op33" not in [t for _k, t, _l in refs]  # "paragraph 33 (iii) of resolution 2391"
