"""Reader HTML (no Qt): links, glossary terms, highlights, escaping, layout, references."""
from __future__ import annotations

import re

import pytest

from fieldapp.core.annotate import annotate, highlight_spans, paragraph_refs, term_spans
from fieldapp.core.reader import ReaderData, parse_reference, unit_page


@pytest.fixture
def data(store):
    return ReaderData.load(store)


def test_paragraph_references_in_english_match_the_store_and_french_matches_english(data, store):
    checked = 0
    for uid, unit in data.units.items():
        en = [s.href for s in paragraph_refs(unit["text"]["en"], "en", data.known())]
        fr = [s.href for s in paragraph_refs(unit["text"]["fr"], "fr", data.known())]
        assert en == fr, uid
        stored = [f"unit:{r['target']}" for r in store.crossrefs(uid) if r["kind"] == "paragraph"]
        if uid != "op38":  # "paragraph 33 (iii) of resolution 2391": another resolution
            assert en == stored, uid
        checked += bool(en)
    assert checked >= 8


def test_reference_phrases_become_the_right_links():
    text = "the tasks established in paragraphs 19 above and 28 and 29 below, requests"
    spans = paragraph_refs(text, "en")
    assert [(text[s.start:s.end], s.href) for s in spans] == [
        ("paragraphs 19", "unit:op19"), ("28", "unit:op28"), ("29", "unit:op29")]
    assert paragraph_refs("set by paragraph 33 (iii) of resolution 2391", "en") == []
    assert paragraph_refs("énoncées au paragraphe 33 iii) de la résolution 2391", "fr") == []
    fr = "visées au paragraphe 14 ci-dessus"
    assert [s.href for s in paragraph_refs(fr, "fr")] == ["unit:op14"]


def test_glossary_terms_acronyms_case_sensitive_phrases_not():
    terms = [("mdsf", "MDSF"), ("unct", "équipe de pays des Nations Unies")]
    text = "the MDSF and mdsf; l’Équipe de pays des Nations Unies"
    spans = term_spans(text, terms)
    assert [text[s.start:s.end] for s in spans] == ["MDSF", "Équipe de pays des Nations Unies"]


def test_highlights_ignore_accents_case_and_match_word_starts():
    text = "à Ménaka et dans les régions de MÉNAKA; Menakas"
    got = [text[s.start:s.end] for s in highlight_spans(text, "menak")]
    assert got == ["Ménaka", "MÉNAKA", "Menakas"]
    other = "l’enfant, enfants"
    assert [other[s.start:s.end] for s in highlight_spans(other, "l'enfant")] == ["l’enfant"]
    near = "NEAR(x) and more"
    assert [near[s.start:s.end] for s in highlight_spans(near, "\x00 \"' NEAR(")] == ["NEAR"]


def test_annotate_escapes_data_and_renders_only_its_own_markup():
    html = annotate("*Urges* <b>x</b> & <img src='f.png'> paragraph 19 above", "en",
                    query="urge")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=&#x27;f.png&#x27;&gt;" in html
    assert "<i><span style='background-color:#ffe066'>Urges</span></i>" in html
    assert "<a href='unit:op19'>paragraph 19</a>" in html
    assert "*" not in html
    assert re.findall(r"<(\w+)", html) == ["i", "span", "a"]


def test_unit_page_shows_context_layout_and_provenance(data):
    page = unit_page(data, "op28.c.ii", "fr")
    assert "S/RES/2531 (2020), par. 28 c) ii)" in page
    assert page.count("Unofficial working translation") == 1
    assert "<i>Décide</i>" in page                      # operative verb in italics
    assert "<a name='op28.c.ii.5'>" in page             # the sub-units are there
    assert "fff3c4" in page                              # the selected unit is marked
    both = unit_page(data, "op20", "both")
    assert both.count("<tr><td width='50%' valign='top'>") == 1   # one aligned row: op20
    assert "Source text" in both and "Unofficial working translation" in both


def test_both_languages_stacked_give_each_unit_in_english_then_french(data):
    """A narrow reader: no columns; every unit of the page in English, then in French."""
    page = unit_page(data, "op28.c.ii", "both", stacked=True)
    assert "width='50%'" not in page
    assert page.index("Source text") < page.index("Unofficial working translation")
    anchors = re.findall(r"<a name='([^']+)'>", page)
    units = ["op28"] + data.descendants("op28")
    assert anchors == [uid for uid in units for _lang in ("en", "fr")]
    english = page.index("In support of the Malian authorities")
    french = page.index("À l’appui des autorités maliennes")
    assert english < french < page.index("to strengthen early warning mechanisms")


def test_missing_french_text_says_so(data):
    data.units["op16"]["text"]["fr"] = None
    page = unit_page(data, "op16", "fr")
    assert "(no French text)" in page


@pytest.mark.parametrize("typed, uid", [
    ("op28.c.ii", "op28.c.ii"), ("28 (c) (ii)", "op28.c.ii"), ("28 c ii", "op28.c.ii"),
    ("para. 16", "op16"), ("pp3", "pp3"), ("3.2", "op3.2"), ("62 iii", "op62.iii"),
    ("99", None), ("pp30", None), ("hello", None), ("", None)])
def test_parse_reference(data, typed, uid):
    assert parse_reference(typed, data.known()) == uid
