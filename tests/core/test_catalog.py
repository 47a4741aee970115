"""The French catalog is complete, not fuzzy, placeholder-exact, typographically French, and
in step with the code (re-extracted in memory with babel, the way `pybabel extract` does)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "fr" / "LC_MESSAGES" / "fieldapp.po"
from babel.messages.extract import DEFAULT_KEYWORDS as KEYWORDS  # what pybabel uses (+ N_)
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0+]*\d*(?:\.\d+)?[sdifr%]")
_BRACES = re.compile(r"(?<!\{)\{(\w*)(?:[!:][^{}]*)?\}(?!\})")


@pytest.fixture(scope="module")
def catalog():
    from babel.messages.pofile import read_po

    with PO.open("rb") as fh:
        return read_po(fh, locale="fr")


def messages(catalog):
    return [m for m in catalog if m.id]


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [
        message.string]


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]


def placeholders(text: str) -> tuple[list[str], list[str]]:
    percent = sorted(m.group(0) if not m.group(1) else f"%({m.group(1)})"
                     for m in _PERCENT.finditer(text) if m.group(0) != "%%")
    return percent, sorted(_BRACES.findall(text))


def test_every_message_is_translated_and_not_fuzzy(catalog):
    assert not catalog.fuzzy, "the catalog header is fuzzy: msgfmt/babel would drop it"
    untranslated = [ids(m)[0] for m in messages(catalog) if not all(s.strip() for s in forms(m))]
    fuzzy = [ids(m)[0] for m in messages(catalog) if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_placeholders_match(catalog):
    bad = []
    for m in messages(catalog):
        wanted = placeholders(ids(m)[-1])
        for text in forms(m):
            got = placeholders(text)
            # a French singular may spell "1" out instead of using the count placeholder
            if got != wanted and not (len(forms(m)) > 1 and text is forms(m)[0]
                                      and set(got[0]) <= set(wanted[0])
                                      and got[1] == wanted[1]):
                bad.append((ids(m)[0], text))
    assert not bad, bad[:5]


def test_french_typography(catalog):
    """Non-breaking space before : and narrow no-break space before ; ! ?; typographic
    apostrophe."""
    bad = []
    for m in messages(catalog):
        for text in forms(m):
            if re.search(r"[^\u00a0\u202f\s][;!?](?:\s|$)", text) or re.search(r" [:;!?]", text):
                bad.append(("space before punctuation", text))
            if re.search(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]", text):
                bad.append(("straight apostrophe", text))
    assert not bad, bad[:8]


def test_catalog_is_in_step_with_the_code(catalog):
    from babel.messages.extract import extract_from_dir

    found = set()
    for _file, _line, msg, _comments, _ctx in extract_from_dir(
            str(ROOT / "fieldapp"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        found.add(msg if isinstance(msg, str) else msg[0])
    in_po = {ids(m)[0] for m in messages(catalog)}  # obsolete entries are not iterated
    missing, stale = sorted(found - in_po), sorted(in_po - found)
    assert not missing, (f"{len(missing)} strings in the code are not in the catalog "
                         f"(re-extract and translate): {missing[:5]}")
    assert not stale, f"{len(stale)} catalog entries no longer in the code: {stale[:5]}"


def test_compiled_catalog_translates_at_run_time(tmp_path):
    from fieldapp.core import i18n
    from fieldapp.core.i18n_build import compile_all

    compile_all()
    try:
        i18n.set_language("fr")
        assert i18n._("&File") == "&Fichier"
        assert i18n.ngettext("%(count)s paragraph", "%(count)s paragraphs", 2) % {
            "count": 2} == "2 paragraphes"
        assert i18n.format_date("2020-06-29") == "29 juin 2020"
        # the header (with French plural rule n > 1) is compiled: 0 takes the singular
        assert i18n.ngettext("%(n)s day ago", "%(n)s days ago", 0) == "il y a %(n)s jour"
    finally:
        i18n.set_language("en")


def test_no_translatable_literal_inside_an_f_string():
    """babel's extractor does not look inside f-strings: `f"{_('What')}"` would never reach
    the catalog (and would stay English in the French interface)."""
    import tokenize

    literal_call = re.compile(r"""\bN?_\(\s*['"]""")
    found = []
    for path in sorted((ROOT / "fieldapp").rglob("*.py")):
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()
                if tok.type == tokenize.STRING and "f" in prefix \
                        and literal_call.search(tok.string):
                    found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert not found, f"_() with a literal inside an f-string: {found[:5]}"
