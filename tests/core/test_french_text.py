"""Consistency checks between the English source and the French working translation.

Each check is a small pure function `<name>_problems(...)` returning a list of messages (empty
when the unit is fine); the tests assert that list is empty for every unit, parametrized over
unit IDs so a failure names the paragraph. Keeping the checks as functions lets a scratch
script feed them a deliberately broken copy to prove they bite.

Standard library only; the data files are read directly (no app import), so a slip in the
French text is reported even if the app itself does not load.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"


def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


UNITS = _load("units.json")
IDS = [u["id"] for u in UNITS]
EN_DOC = _load("text_en.json")
FR_DOC = _load("text_fr.json")
EN = EN_DOC["units"]
FR = FR_DOC["units"]

NBSP = "\u202f\u00a0"          # narrow no-break space (preferred) or no-break space
NB = f"[{NBSP}]"

per_unit = pytest.mark.parametrize("uid", IDS)


def _fields(rec: dict) -> list[str]:
    """The text and (when present) the title of a unit record."""
    return [rec["text"]] + ([rec["title"]] if rec.get("title") else [])


# --------------------------------------------------------------------------------------
# Presence and identity
# --------------------------------------------------------------------------------------

def presence_problems(en: dict, fr: dict) -> list[str]:
    out = []
    if en["text"].strip() and not fr["text"].strip():
        out.append("French text is empty but the English is not")
    if en.get("title") is None and fr.get("title") is not None:
        out.append("French has a title where the English has none")
    if en.get("title") is not None and not (fr.get("title") or "").strip():
        out.append("English has a title but the French has none")
    if en["text"].count("\n\n") != fr["text"].count("\n\n"):
        out.append("number of body paragraphs differs")
    return out


def identity_problems(en: dict, fr: dict) -> list[str]:
    out = []
    if en["text"].strip() and fr["text"].strip() == en["text"].strip():
        out.append("French text is identical to the English")
    if en.get("title") and (fr.get("title") or "").strip() == en["title"].strip():
        out.append("French title is identical to the English")
    return out


# --------------------------------------------------------------------------------------
# Numbers, dates, symbols, references
# --------------------------------------------------------------------------------------

MONTHS = {
    "January": "janvier", "February": "février", "March": "mars", "April": "avril",
    "May": "mai", "June": "juin", "July": "juillet", "August": "août",
    "September": "septembre", "October": "octobre", "November": "novembre",
    "December": "décembre",
}
_MONTH_RE = "|".join(MONTHS)
EN_NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<!\d)\d+(?!\d)")
FR_NUMBER = re.compile(rf"(?<!\d)\d{{1,3}}(?:[{NBSP} ]\d{{3}})+(?!\d)|(?<!\d)\d+(?!\d)")


def _fr_number(en_token: str) -> str:
    """English number token in canonical French form ('13,289' -> '13\u202f289')."""
    return en_token.replace(",", "\u202f")


def _canon_fr(token: str) -> str:
    return re.sub(f"[{NBSP} ]", "\u202f", token)


def number_problems(en_text: str, fr_text: str) -> list[str]:
    """Every number of the English, in French form, and no number the English lacks."""
    out = []
    want = Counter(_fr_number(t) for t in EN_NUMBER.findall(en_text))
    have = Counter(_canon_fr(t) for t in FR_NUMBER.findall(fr_text))
    for num, n in sorted(want.items()):
        if have[num] < n:
            out.append(f"number {num!r} occurs {n}× in English, {have[num]}× in French")
    for num in sorted(set(have) - set(want)):
        out.append(f"number {num!r} in French does not occur in the English")
    return out


def date_problems(en_text: str, fr_text: str) -> list[str]:
    """'30 June 2021' -> '30 juin 2021' (1 -> '1er' accepted); 'March 2019' -> 'mars 2019'."""
    out = []
    for day, month, year in re.findall(rf"\b(\d{{1,2}}) ({_MONTH_RE}) (\d{{4}})\b", en_text):
        days = "1(?:er)?" if day == "1" else day
        if not re.search(rf"(?<!\d){days}{NB}?\s?{MONTHS[month]} {year}\b", fr_text):
            out.append(f"date '{day} {month} {year}' not found as '{day} {MONTHS[month]} {year}'")
    for month, year in re.findall(rf"(?<!\d )\b({_MONTH_RE}) (\d{{4}})\b", en_text):
        if not re.search(rf"\b{MONTHS[month]} {year}\b", fr_text):
            out.append(f"date '{month} {year}' not found as '{MONTHS[month]} {year}'")
    return out


def symbol_problems(en_text: str, fr_text: str) -> list[str]:
    """Resolution symbols '2374 (2017)' and document symbols 'S/2020/476' kept verbatim."""
    out = []
    for sym in re.findall(r"\b\d{3,4} \(\d{4}\)", en_text):
        if fr_text.count(sym) < en_text.count(sym):
            out.append(f"resolution symbol {sym!r} missing or altered")
    for sym in re.findall(r"\bS/(?:PRST/)?\d{4}/\d+\b", en_text):
        if sym not in fr_text:
            out.append(f"document symbol {sym!r} missing or altered")
    return out


def reference_problems(en_text: str, fr_text: str) -> list[str]:
    """'paragraph(s) 19' -> 'paragraphe(s) 19'; '30 per cent' -> '30 %'."""
    out = []
    for num in re.findall(r"\bparagraphs? (\d+)\b", en_text):
        if not re.search(rf"\bparagraphes? {num}(?!\d)", fr_text):
            out.append(f"reference 'paragraph {num}' not rendered 'paragraphe {num}'")
    for num in re.findall(r"\b(\d+) per cent\b", en_text):
        if not re.search(rf"(?<!\d){num}[{NBSP} ]%", fr_text):
            out.append(f"'{num} per cent' not rendered '{num} %'")
    return out


# --------------------------------------------------------------------------------------
# Acronyms and fixed terminology
# --------------------------------------------------------------------------------------

# (English pattern, French pattern): present in one <=> present in the other.
ACRONYM_PAIRS = [
    (r"\bMDS[FE]\b", r"\bFDSM\b"),
    (r"\bFC-G5S\b", r"\bFC-G5S\b"),
    (r"\bCSA\b", r"\bCSA\b"),
    (r"\bECOWAS\b", r"\bCEDEAO\b"),
    (r"\bICC\b", r"\bCPI\b"),
    (r"\bHRDDP\b", r"\bHRDDP\b"),
    (r"\bMINUSMA\b", r"\bMINUSMA\b"),
    (r"\bUNOWAS\b", r"\bUNOWAS\b"),
]
# English acronyms that have no place in the French text (SRSG and UNCT are spelled out).
FORBIDDEN_ACRONYMS = ["SRSG", "UNCT", "MDSF", "MDSE", "ECOWAS", "ICC", "MoU"]


def acronym_problems(en_text: str, fr_text: str) -> list[str]:
    out = []
    for en_pat, fr_pat in ACRONYM_PAIRS:
        e, f = bool(re.search(en_pat, en_text)), bool(re.search(fr_pat, fr_text))
        if e and not f:
            out.append(f"English has {en_pat.strip(chr(92) + 'b')} but French lacks "
                       f"{fr_pat.strip(chr(92) + 'b')}")
        if f and not e:
            out.append(f"French has {fr_pat.strip(chr(92) + 'b')} that the English lacks")
    for word in FORBIDDEN_ACRONYMS:
        if re.search(rf"\b{word}\b", fr_text):
            out.append(f"French contains the English acronym {word}")
    return out


# (English pattern, French pattern required when the English matches)
TERM_PAIRS = [
    (r"\bSRSG\b|Special Representative of the Secretary-General",
     "Représentant spécial du Secrétaire général"),
    (r"(?i)\bhuman rights\b", "droits de l’homme"),
    (r"(?i)\bpeacekeepers\b", "soldats de la paix"),
    (r"\bGovernment of Mali\b", "Gouvernement malien"),
    (r"\bMalian parties\b", "parties maliennes"),
    (r"\bAgreement\b", "Accord"),
    (r"\bSecretary[- ]General\b", "Secrétaire général"),
    (r"(?i)\bmembers? states?\b", "États Membres"),
    (r"\bSecurity Council\b", "Conseil de sécurité"),
    (r"\bUnited Nations Country Team|\bUNCT\b", "équipe de pays des Nations Unies"),
    (r"\bMobile Task Force\b", "Force d’intervention mobile"),
    (r"\bInternational Commission of Inquiry\b", "Commission d’enquête internationale"),
    (r"\binterim administrations\b", "autorités intérimaires"),
    (r"\bquick impact projects\b", "projets à effet rapide"),
    (r"\bmedical evacuation\b", "évacuation sanitaire"),
    (r"(?i)\bnational caveats\b", "restrictions nationales"),
    (r"(?i)\bsexual and gender[- ]based violence\b", "violences sexuelles et fondées sur le genre"),
    (r"\bsmall arms and light weapons\b", "armes légères et de petit calibre"),
    (r"(?i)\bvictims and survivors\b", "rescapés"),
    (r"\btroop- and police-contributing countries\b",
     r"pays fournisseurs de (?:matériel, de )?contingents ou de personnel de police"),
]
# French variants that the terminology excludes.
FORBIDDEN_FR = [
    "droits humains", "Gouvernement du Mali", "casques bleus", "Casques bleus",
    "Secrétaire Général", "Secrétaire-général", "Conseil de Sécurité", "États membres",
    "Représentant Spécial", "survivants",
]


def terminology_problems(en_text: str, fr_text: str) -> list[str]:
    out = []
    for en_pat, fr_term in TERM_PAIRS:
        if re.search(en_pat, en_text) and not re.search(fr_term, fr_text):
            out.append(f"English matches {en_pat!r} but French lacks {fr_term!r}")
    for bad in FORBIDDEN_FR:
        if bad in fr_text:
            out.append(f"French uses excluded variant {bad!r}")
    return out


# --------------------------------------------------------------------------------------
# Strength of the verbs, negations, shall/should
# --------------------------------------------------------------------------------------

# Operative verbs and preambular participles (lower-case, as they open an *emphasis* span or a
# preambular paragraph) -> accepted French openings. Longest English key wins.
VERBS: dict[str, tuple[str, ...]] = {
    "decides": ("décide",),
    "further decides": ("décide également", "décide en outre"),
    "requests": ("prie",),
    "further requests": ("prie en outre",),
    "urges": ("exhorte", "engage vivement", "demande instamment"),
    "further urges": ("exhorte en outre", "engage en outre vivement"),
    "encourages": ("encourage",),
    "further encourages": ("encourage en outre",),
    "calls upon": ("demande",), "calls on": ("demande",), "calls for": ("demande",),
    "calls": ("demande",),
    "further calls upon": ("demande en outre",), "further calls": ("demande en outre",),
    "demands": ("exige",),
    "authorizes": ("autorise",),
    "further authorizes": ("autorise en outre",),
    "welcomes": ("se félicite", "salue"),
    "stresses": ("souligne", "insiste"),
    "further stresses": ("souligne en outre", "insiste en outre"),
    "underlines": ("souligne", "insiste"), "underscores": ("souligne", "insiste"),
    "emphasizes": ("souligne", "insiste"),
    "affirms": ("affirme",),
    "reaffirms": ("réaffirme",), "reiterates": ("réaffirme",),
    "recalls": ("rappelle",),
    "recognizes": ("considère", "reconnaît"),
    "acknowledges": ("reconnaît",),
    "notes": ("note",),
    "takes note": ("prend note",),
    "takes positive note": ("prend note avec satisfaction",),
    "regrets": ("regrette",),
    "strongly condemns": ("condamne fermement",),
    "expresses": ("exprime", "se déclare", "entend"),
    "expresses its intent": ("entend",),
    "expresses serious concerns": ("se déclare vivement préoccupé",),
    # preambular participles
    "recalling": ("rappelant",),
    "reaffirming": ("réaffirmant",),
    "reiterating": ("réaffirmant",),
    "emphasizing": ("insistant", "soulignant"),
    "underlining": ("soulignant",),
    "stressing": ("soulignant", "insistant"),
    "urging": ("exhortant", "engageant vivement"),
    "expressing": ("se déclarant", "exprimant"),
    "further expressing": ("se déclarant en outre", "exprimant en outre"),
    "expressing great concern": ("se déclarant vivement préoccupé",),
    "expressing grave concern": ("se déclarant gravement préoccupé",),
    "expressing concern": ("se déclarant préoccupé",),
    "strongly condemning": ("condamnant fermement",),
    "recognizing": ("considérant", "reconnaissant"),
    "welcoming": ("se félicitant", "saluant"),
    "further welcoming": ("se félicitant en outre", "saluant en outre"),
    "noting": ("notant",),
    "taking note": ("prenant note",),
    "further taking note": ("prenant note en outre",),
    "paying tribute": ("rendant hommage",),
    "calling for": ("demandant",), "calling upon": ("demandant",),
    "commending": ("saluant",),
    "determining": ("constatant",),
    "acting": ("agissant",),
}
_SPAN = re.compile(r"\*([^*]+)\*")


def _verb_key(phrase: str) -> str | None:
    words = phrase.lower().split()
    for n in range(len(words), 0, -1):
        key = " ".join(words[:n])
        if key in VERBS:
            return key
    return None


def verb_problems(en_text: str, fr_text: str, preambular: bool = False) -> list[str]:
    """Each emphasised English verb (and a preambular opening) keeps its strength in French."""
    out = []
    pairs = []
    en_spans, fr_spans = _SPAN.findall(en_text), _SPAN.findall(fr_text)
    if len(en_spans) == len(fr_spans):
        pairs += list(zip(en_spans, fr_spans))
    if preambular:
        pairs.append((en_text.replace("*", ""), fr_text.replace("*", "")))
    for e, f in pairs:
        key = _verb_key(e)
        if key is None:
            continue  # a name in italics (Plateforme, Stratégie…), not a verb
        ok = VERBS[key]
        if not f.strip().lower().startswith(ok):
            out.append(f"English {e[:40]!r} should open with {' / '.join(ok)!r}, "
                       f"French has {f[:40]!r}")
    return out


EN_NEGATION = re.compile(r"\b(?:not|no|never|cannot|nor)\b", re.I)
FR_NEGATION = re.compile(r"\bn’|\b(?:ne|pas|jamais|aucune?|ni)\b", re.I)
EN_SHOULD = re.compile(r"\bshould\b(?! (?:the|these|this|any|such)\b)", re.I)  # not "should the parties…"
FR_SHOULD = re.compile(r"\bdevrai(?:t|ent)\b", re.I)


def modality_problems(en_text: str, fr_text: str) -> list[str]:
    """A negation is not lost; 'should' stays 'devrait' and 'shall' does not become it."""
    out = []
    if EN_NEGATION.search(en_text) and not FR_NEGATION.search(fr_text):
        out.append("English has a negation, French has none")
    n_en, n_fr = len(EN_SHOULD.findall(en_text)), len(FR_SHOULD.findall(fr_text))
    if n_en != n_fr:
        out.append(f"'should' ×{n_en} in English but 'devrait/devraient' ×{n_fr} in French "
                   f"(shall ≠ should)")
    return out


# --------------------------------------------------------------------------------------
# No English left behind
# --------------------------------------------------------------------------------------

# Proper names kept in their own spelling in French; removed before looking for English words.
NAMES = ["EUTM Mali", "EUCAP Sahel Mali", "EUCAP Sahel", "Takuba", "Da’esh", "Da'esh",
         "Daech", "Al-Qaida", "HRDDP", "UNOWAS", "COVID-19", "G5 Sahel", "FC-G5S", "MINUSMA"]
ENGLISH_WORDS = {
    "the", "and", "shall", "should", "which", "with", "that", "these", "those", "this",
    "their", "its", "from", "into", "upon", "been", "have", "has", "will", "would",
    "including", "within", "between", "further", "through", "requests", "urges", "decides",
    "encourages", "calls", "of",
}


def english_problems(fr_text: str) -> list[str]:
    text = fr_text.replace("*", "")
    for name in NAMES:
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-zÀ-ÿœŒ]+", text)
    found = sorted({w for w in words if w.lower() in ENGLISH_WORDS})
    out = [f"English word {w!r} in French text" for w in found]
    if re.search(r"\bof the\b", text, re.I):
        out.append("English phrase 'of the' in French text")
    return out


# --------------------------------------------------------------------------------------
# Typography and emphasis
# --------------------------------------------------------------------------------------

def typography_problems(fr_text: str) -> list[str]:
    out = []
    if "'" in fr_text:
        out.append("straight apostrophe ' (use ’)")
    if re.search(r"[\"“”]", fr_text):
        out.append("English quotation marks (use « … »)")
    for m in re.finditer(r"(.)([;:!?»%])", fr_text, re.S):
        if m.group(1) not in NBSP:
            out.append(f"{m.group(2)!r} not preceded by a no-break space "
                       f"(…{fr_text[max(0, m.start() - 15):m.end()]!r})")
    for m in re.finditer(r"«(.?)", fr_text, re.S):
        if not m.group(1) or m.group(1) not in NBSP:
            out.append("« not followed by a no-break space")
    if re.search(r"\d \d{3}(?!\d)", fr_text):
        out.append("thousands separated by an ordinary space (use U+202F)")
    if re.search(r"\d,\d{3}(?!\d)", fr_text):
        out.append("English thousands separator ',' in French")
    if re.search(r" [,.]|  ", fr_text):
        out.append("space before , or . / double space")
    return out


# Units where French grammar forces a different number of emphasis spans: {uid: reason}.
EMPHASIS_EXCEPTIONS: dict[str, str] = {}


def emphasis_problems(en_text: str, fr_text: str, strict_count: bool = True) -> list[str]:
    out = []
    if fr_text.count("*") % 2:
        out.append("odd number of '*' (unclosed emphasis)")
    en_spans, fr_spans = _SPAN.findall(en_text), _SPAN.findall(fr_text)
    if en_spans and not fr_spans:
        out.append("English has emphasis, French has none")
    if strict_count and len(en_spans) != len(fr_spans):
        out.append(f"{len(en_spans)} emphasis spans in English, {len(fr_spans)} in French")
    for s in fr_spans:
        if s != s.strip() or not s.strip():
            out.append(f"emphasis span {s!r} starts/ends with a space or is empty")
    return out


INLINE_MARKER = re.compile(r"(?<!\d )\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)")


def marker_problems(en_text: str, fr_text: str) -> list[str]:
    """Inline '(i)'…'(v)' items (op3.2 sub-measures) are kept, in order."""
    e, f = INLINE_MARKER.findall(en_text), INLINE_MARKER.findall(fr_text)
    return [] if e == f else [f"inline markers {e} in English, {f} in French"]


# --------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------

def test_file_format_and_order():
    raw = (DATA / "text_fr.json").read_text(encoding="utf-8")
    assert raw == json.dumps(FR_DOC, ensure_ascii=False, indent=1) + "\n"
    assert (FR_DOC["format"], FR_DOC["version"], FR_DOC["lang"]) == ("fieldapp-corpus", 1, "fr")
    assert FR_DOC["provenance"]["status"] == "working-translation"
    assert list(FR) == IDS == list(EN)
    assert all(set(FR[i]) == {"title", "text"} for i in IDS)


@per_unit
def test_french_present_where_english_is(uid):
    assert presence_problems(EN[uid], FR[uid]) == []


@per_unit
def test_french_differs_from_english(uid):
    assert identity_problems(EN[uid], FR[uid]) == []


@per_unit
def test_numbers_in_french_form(uid):
    en = " ".join(_fields(EN[uid]))
    fr = " ".join(_fields(FR[uid]))
    assert number_problems(en, fr) == []


@per_unit
def test_dates_in_french(uid):
    assert date_problems(EN[uid]["text"], FR[uid]["text"]) == []


@per_unit
def test_resolution_and_document_symbols(uid):
    assert symbol_problems(EN[uid]["text"], FR[uid]["text"]) == []


@per_unit
def test_paragraph_references_and_percentages(uid):
    assert reference_problems(EN[uid]["text"], FR[uid]["text"]) == []


@per_unit
def test_acronym_pairs(uid):
    en = " ".join(_fields(EN[uid]))
    fr = " ".join(_fields(FR[uid]))
    assert acronym_problems(en, fr) == []


@per_unit
def test_fixed_terminology(uid):
    en = " ".join(_fields(EN[uid]))
    fr = " ".join(_fields(FR[uid]))
    assert terminology_problems(en, fr) == []


@per_unit
def test_verbs_keep_their_strength(uid):
    preambular = uid.startswith("pp")
    assert verb_problems(EN[uid]["text"], FR[uid]["text"], preambular) == []


@per_unit
def test_negations_and_modals(uid):
    assert modality_problems(EN[uid]["text"], FR[uid]["text"]) == []


@per_unit
def test_no_english_left(uid):
    for field in _fields(FR[uid]):
        assert english_problems(field) == []


@per_unit
def test_french_typography(uid):
    for field in _fields(FR[uid]):
        assert typography_problems(field) == []


@per_unit
def test_emphasis_spans(uid):
    strict = uid not in EMPHASIS_EXCEPTIONS
    assert emphasis_problems(EN[uid]["text"], FR[uid]["text"], strict) == []


@per_unit
def test_inline_item_markers(uid):
    assert marker_problems(EN[uid]["text"], FR[uid]["text"]) == []


def test_op3_2_keeps_five_sub_measures():
    assert INLINE_MARKER.findall(FR["op3.2"]["text"]) == ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]


def test_mdse_slip_is_rendered_fdsm():
    assert "MDSE" in EN["op62.iii"]["text"]
    assert "FDSM" in FR["op62.iii"]["text"]


def test_every_english_verb_span_is_known():
    """A new emphasised English verb must be added to VERBS, or its strength goes unchecked."""
    unknown = set()
    for uid in IDS:
        for e, f in zip(_SPAN.findall(EN[uid]["text"]), _SPAN.findall(FR[uid]["text"])):
            if _verb_key(e) is None and e.replace("'", "’") != f:  # French names stay as is
                unknown.add(e)
    assert unknown == set()
