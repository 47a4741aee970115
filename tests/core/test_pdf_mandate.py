"""The full mandate PDF, read back with pypdf: every paragraph, accents, U+202F, markings."""
from __future__ import annotations

import re

import pytest

from fieldapp.core import corpus
from fieldapp.core.pdf import PdfOptions, generate
from tests.pdf_helpers import flat_text, outline_titles, page_texts, reader


@pytest.fixture(scope="module")
def mandates(tmp_path_factory, seeded_db_template):
    """One PDF per language (A4), built once for the module from a seeded copy."""
    from fieldapp.core.store import Store

    folder = tmp_path_factory.mktemp("mandate")
    out = {}
    with Store.open(seeded_db_template) as store:
        units = store.units()
        for lang in ("en", "fr", "both"):
            path = folder / f"mandate_{lang}.pdf"
            out[lang] = generate(store, PdfOptions(kind="mandate", lang=lang), path)
            out[lang]["path"] = path
    out["units"] = units
    return out


def _words(text: str, n: int = 8) -> str:
    return " ".join(corpus.strip_emphasis(text).split()[:n])


def test_every_operative_paragraph_number_starts_a_line(mandates):
    texts = "\n".join(page_texts(mandates["en"]["path"]))
    for n in range(1, 66):
        assert re.search(rf"(?m)^{n}\. \w", texts), f"operative paragraph {n} missing"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_unit_text_is_printed(mandates, lang):
    text = flat_text(mandates[lang]["path"])
    for unit in mandates["units"]:
        body = unit["text"][lang] or (unit["title"] or {})[lang]
        assert _words(body) in text, f"{unit['id']} ({lang}) not found in the PDF"


def test_french_accents_and_narrow_no_break_space_survive(mandates):
    text = flat_text(mandates["fr"]["path"])
    assert "Conseil de sécurité" in text and "mise en œuvre" in text
    assert "13\u202f289" in text  # op17, French thousands separator
    assert "«\u202fles parties maliennes\u202f»" in text


def test_parallel_columns_hold_both_languages_side_by_side(mandates):
    first = page_texts(mandates["both"]["path"])[0]
    assert "Resolution 2531 (2020)" in first and "Résolution 2531 (2020)" in first
    text = flat_text(mandates["both"]["path"])
    assert "remain actively seized of the matter" in text
    assert "Décide de rester activement saisi de la question" in text


def test_every_page_is_marked(mandates):
    for lang, mark in (("en", "UNCLASSIFIED"), ("fr", "NON CLASSIFIÉ"),
                       ("both", "UNCLASSIFIED / NON CLASSIFIÉ")):
        pages = page_texts(mandates[lang]["path"])
        assert len(pages) == mandates[lang]["pages"] > 10
        for i, page in enumerate(pages, start=1):
            assert mark in page and "S/RES/2531 (2020)" in page
            # the total is a PDF form drawn after the text: extracted on its own line
            assert re.search(rf"Page {i} /\s*{len(pages)}\b", page), page[:200]
            if lang != "en":
                assert "traduction de travail non officielle" in page
            else:
                assert "traduction" not in page


def test_outline_has_sections_and_paragraphs(mandates):
    titles = outline_titles(mandates["en"]["path"])
    assert "Situation in Central Mali" in titles and "Priority tasks" in titles
    assert sum(t.startswith("Preambular paragraph") for t in titles) == 24
    for n in range(1, 66):
        assert any(t.startswith(f"{n}. ") for t in titles), n
    assert any(t.startswith("(c) Protection of civilians") for t in titles)


def test_letter_paper_and_operative_verbs_in_italics(store, tmp_path):
    path = tmp_path / "letter.pdf"
    generate(store, PdfOptions(kind="mandate", lang="en", paper="letter"), path)
    box = reader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    fonts = set()
    for page in reader(path).pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSerif-Italic" in f for f in fonts), fonts  # *Urges*, *Recalling*
    assert not any("Helvetica" in f for f in fonts)


def test_bad_options_are_one_line_errors(store, tmp_path):
    from fieldapp.core.errors import InvalidInput

    for opts in (PdfOptions(kind="mandate", lang="de"), PdfOptions(kind="mandate", paper="a3"),
                 PdfOptions(kind="poster")):
        with pytest.raises(InvalidInput):
            generate(store, opts, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
