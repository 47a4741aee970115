"""Checks on the bundled reference data in data/*.json.

Standard library + pytest only: these tests must not import fieldapp, so they guard the data
files themselves (the app seeds its database from them).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"

FILES = [
    "themes.json",
    "glossary.json",
    "measures.json",
    "tasks.json",
    "deadlines.json",
    "organisations.json",
    "regions.json",
    "summaries.json",
]

THEME_IDS = [
    "agreement", "central-mali", "protection-of-civilians", "human-rights",
    "women-peace-security", "children", "sgbv", "ddr-ssr", "elections-governance",
    "good-offices-reconciliation", "humanitarian", "sanctions", "security-presences",
    "safety-security-personnel", "performance-conduct", "environment", "salw-explosives",
    "reporting", "mission-posture", "development", "communications",
]

MEASURE_IDS = {
    "op3.1", "op3.2", "op3.3", "op3.4",
    "op3.2-i", "op3.2-ii", "op3.2-iii", "op3.2-iv", "op3.2-v",
    "op14.1", "op14.2",
}

ORG_KINDS = {"government", "armed-group", "un", "regional", "international", "mechanism", "bilateral"}
TASK_KINDS = {"priority-task", "other-task", "reporting"}

# Keys whose value is a bilingual {"en", "fr"} object (or null where the schema allows it).
BILINGUAL_KEYS = {
    "name", "description", "term", "expansion", "definition", "title", "responsible",
    "owner", "summary", "label", "note", "acronym",
}
NULLABLE_BILINGUAL = {"expansion", "note", "acronym"}

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(
    r"(?:\+|\b00)\d[\d .\-()]{6,}\d"  # international form: +223 20 22 33 44, 00223...
    r"|\b\d{2}(?:[ .\-]\d{2}){3,}\b"  # grouped digits: 20 22 33 44, 76-12-34-56
    r"|\b\d{8,}\b"  # a bare run of 8+ digits
    r"|\b(?:tel|phone|mobile|fax)\s*[:.]?\s*\d",
    re.IGNORECASE,
)


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate keys: {sorted(dupes)}")
    return dict(pairs)


def _load(name: str):
    text = (DATA / name).read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=_no_duplicate_keys)


@pytest.fixture(scope="module")
def units() -> list[dict]:
    return _load("units.json")


@pytest.fixture(scope="module")
def order(units) -> dict[str, int]:
    return {u["id"]: i for i, u in enumerate(units)}


@pytest.fixture(scope="module")
def texts() -> dict[str, dict]:
    return _load("text_en.json")["units"]


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    return {name: _load(name) for name in FILES}


def _walk(obj, path="$"):
    """Yield (path, key, value) for every dict entry in a JSON tree."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield path, k, v
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, f"{path}[{i}]")


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def _french_strings(obj):
    for _path, key, value in _walk(obj):
        if key == "fr" and isinstance(value, str):
            yield value


def _referenced_units(data) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = []
    for name in ("themes.json", "glossary.json", "organisations.json"):
        for rec in data[name]:
            refs += [(f"{name}:{rec['id']}", u) for u in rec["units"]]
    for name in ("measures.json", "tasks.json", "deadlines.json"):
        refs += [(f"{name}:{rec['id']}", rec["unit"]) for rec in data[name]]
    refs += [("summaries.json", rec["unit"]) for rec in data["summaries.json"] if "unit" in rec]
    return refs


def _is_iso_date(value) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    dt.date.fromisoformat(value)
    return True


# --- generic checks ---------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_file_parses_as_utf8_json_list(name):
    raw = (DATA / name).read_bytes()
    raw.decode("utf-8")
    loaded = _load(name)
    assert isinstance(loaded, list) and loaded, f"{name} must be a non-empty JSON list"


@pytest.mark.parametrize("name", FILES)
def test_record_ids_unique(name, data):
    recs = data[name]
    ids = [r["id"] for r in recs if "id" in r]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"


def test_units_file_has_142_units(units):
    assert len(units) == 142


def test_all_referenced_units_exist(data, order):
    missing = [(where, u) for where, u in _referenced_units(data) if u not in order]
    assert not missing, f"unknown unit ids: {missing}"


def test_unit_lists_in_document_order(data, order):
    for name in ("themes.json", "glossary.json", "organisations.json"):
        for rec in data[name]:
            positions = [order[u] for u in rec["units"]]
            assert positions == sorted(positions), f"{name}:{rec['id']} units not in document order"
            assert len(set(rec["units"])) == len(rec["units"]), f"{name}:{rec['id']} repeats a unit"


@pytest.mark.parametrize("name", FILES)
def test_bilingual_fields_non_empty(name, data):
    problems = []
    for path, key, value in _walk(data[name]):
        if key in BILINGUAL_KEYS:
            if value is None and key in NULLABLE_BILINGUAL:
                continue
            if not (isinstance(value, dict) and set(value) == {"en", "fr"}):
                problems.append(f"{path}.{key} is not a bilingual {{en, fr}} object")
                continue
        if isinstance(value, dict) and "fr" in value:
            for lang in ("en", "fr"):
                text = value.get(lang)
                if not isinstance(text, str) or not text.strip():
                    problems.append(f"{path}.{key}.{lang} is empty")
    assert not problems, problems


NBSP = "\u202f\u00a0"


@pytest.mark.parametrize("name", FILES)
def test_french_typography(name, data):
    """French: (narrow) no-break space before ; : ! ? % and inside « », U+202F thousands."""
    bad = []
    for s in _french_strings(data[name]):
        checks = {
            "ASCII space before ; : ! ? % »": re.search(r" [;:!?%»]", s),
            "missing no-break space before ; ! ?": re.search(rf"(?<![{NBSP}])[;!?]", s),
            "missing no-break space before :": re.search(rf"(?<![{NBSP}]):(?!//)", s),
            "missing no-break space after «": re.search(rf"«(?![{NBSP}])", s),
            "missing no-break space before »": re.search(rf"(?<![{NBSP}])»", s),
            "English or ASCII thousands separator": re.search(r"\d,\d{3}\b|\b\d{1,3} \d{3}\b", s),
        }
        bad += [f"{what}: {s!r}" for what, hit in checks.items() if hit]
    assert not bad, bad


# --- themes -------------------------------------------------------------------------------

def test_theme_ids_exact_and_ordered(data):
    assert [t["id"] for t in data["themes.json"]] == THEME_IDS


def test_every_unit_covered_by_a_theme(data, units):
    parent = {u["id"]: u["parent"] for u in units}
    mapped = {u for t in data["themes.json"] for u in t["units"]}

    def covered(uid):
        while uid is not None:
            if uid in mapped:
                return True
            uid = parent[uid]
        return False

    uncovered = [u["id"] for u in units if not covered(u["id"])]
    assert not uncovered, f"units without a theme: {uncovered}"


def test_themes_have_units_and_one_sentence_descriptions(data):
    for t in data["themes.json"]:
        assert t["units"], t["id"]
        for lang in ("en", "fr"):
            d = t["description"][lang]
            assert d.endswith("."), (t["id"], lang)
            assert d.count(". ") == 0, (t["id"], lang, "one sentence only")


# --- glossary -----------------------------------------------------------------------------

def test_glossary_has_required_terms(data):
    ids = {g["id"] for g in data["glossary.json"]}
    required = {
        "minusma", "mdsf", "fc-g5s", "csa", "hrddp", "srsg", "unct", "ddr", "ssr", "ecowas",
        "eutm-mali", "eucap-sahel-mali", "unowas", "icc", "au", "eu", "isil", "g5-sahel",
        "covid-19", "independent-observer", "agreement", "malian-parties", "plateforme",
        "coordination", "northern-development-zone", "interim-administrations",
        "quick-impact-projects", "mobile-task-force", "instance-de-coordination",
        "strategie-stabilisation-centre", "cadre-politique-centre", "takuba", "tjrc", "icoi",
        "panel-of-experts", "explosive-devices", "salw", "casevac-medevac", "caveats",
        "safe-schools-declaration",
    }
    assert required <= ids, sorted(required - ids)
    terms = {g["id"]: g["term"] for g in data["glossary.json"]}
    assert terms["mdsf"] == {"en": "MDSF", "fr": "FDSM"}
    assert terms["ecowas"]["fr"] == "CEDEAO"
    assert terms["icc"]["fr"] == "CPI"


def test_glossary_entries_have_units(data):
    for g in data["glossary.json"]:
        assert g["units"], g["id"]


# --- measures -----------------------------------------------------------------------------

def test_measures_cover_priority_measures(data):
    assert {m["id"] for m in data["measures.json"]} == MEASURE_IDS


def test_measures_fields(data, texts):
    by_id = {m["id"]: m for m in data["measures.json"]}
    for m in data["measures.json"]:
        assert m["deadline"] == "2021-06-30"
        assert len(m["title"]["en"]) <= 90 and len(m["title"]["fr"]) <= 90, m["id"]
        assert m["parent"] is None or m["parent"] in by_id
        if m["id"].startswith("op3"):
            assert m["responsible"] == {"en": "Malian parties", "fr": "parties maliennes"}
        else:
            assert m["responsible"] == {"en": "Malian authorities", "fr": "autorités maliennes"}
        excerpt = m["text_excerpt"]["en"]
        if "-" in m["id"]:
            roman = m["id"].split("-")[1]
            assert m["unit"] == "op3.2" and m["parent"] == "op3.2"
            assert excerpt and f"({roman}) {excerpt}" in texts["op3.2"]["text"], m["id"]
        else:
            assert m["unit"] == m["id"] and excerpt is None
        for ind in m["indicators"]:
            assert ind["target"] is None or isinstance(ind["target"], (int, float))


def test_measure_targets_come_from_the_text(data, texts):
    targets = {i["id"]: i["target"] for m in data["measures.json"] for i in m["indicators"]}
    assert targets["op3.1-integrated"] == 2000
    assert "at least 2,000 members" in texts["op3.1"]["text"]
    assert targets["op3.3-pilots"] == 5
    assert "a pilot project in each of the five regions" in texts["op3.3"]["text"]
    assert targets["op3.2-iii-revenues"] == 30
    assert "30 per cent of State revenues" in texts["op3.2"]["text"]
    # op3.4 sets no percentage: the 30 per cent quota is in op4, not a priority measure.
    assert "per cent" not in texts["op3.4"]["text"]
    op34 = next(m for m in data["measures.json"] if m["id"] == "op3.4")
    assert all(i["target"] != 30 for i in op34["indicators"])


# --- tasks and deadlines ------------------------------------------------------------------

def test_tasks_structure(data):
    tasks = {t["id"]: t for t in data["tasks.json"]}
    for letter in "abcdef":
        assert f"task-op28.{letter}" in tasks
    assert "task-op29.a" in tasks and "task-op29.b" in tasks
    for duty in ("duty-op62", "duty-op63", "duty-op64", "duty-op38"):
        assert duty in tasks
    for t in tasks.values():
        assert t["kind"] in TASK_KINDS, t["id"]
        assert t["parent"] is None or t["parent"] in tasks, t["id"]
        for key in ("due", "first_due"):
            assert t[key] is None or _is_iso_date(t[key]), (t["id"], key)
        assert t["cadence"] is None or (
            isinstance(t["cadence"], dict) and isinstance(t["cadence"].get("every_months"), int)
        ), t["id"]
    assert tasks["duty-op62"]["cadence"] == {"every_months": 3}
    assert tasks["duty-op62"]["first_due"] == "2020-09-29"
    assert tasks["duty-op63"]["cadence"] == {"every_months": 6}
    assert tasks["duty-op64"]["due"] == "2021-03-31"


def test_deadlines(data):
    recs = data["deadlines.json"]
    for d in recs:
        assert d["date"] is None or _is_iso_date(d["date"]), d["id"]
        assert d["cadence_months"] is None or isinstance(d["cadence_months"], int)
        assert d["anchor_date"] in (None, "2020-06-29")
        assert d["date"] is not None or d["cadence_months"] is not None, d["id"]
    by_unit = {}
    for d in recs:
        by_unit.setdefault(d["unit"], []).append(d)
    assert any(d["date"] == "2021-06-30" for d in by_unit["op16"])
    assert any(d["date"] == "2021-03-31" for d in by_unit["op64"])
    assert any(d["date"] and d["date"].startswith("2021-04") for d in by_unit["op38"])
    assert any(d["cadence_months"] == 3 and d["anchor_date"] == "2020-06-29" for d in by_unit["op62"])
    assert any(d["cadence_months"] == 6 for d in by_unit["op63"])


# --- organisations, regions, summaries ---------------------------------------------------

def test_contact_detectors_work():
    assert PHONE_RE.search("+223 20 22 33 44") and PHONE_RE.search("76 12 34 56")
    assert EMAIL_RE.search("someone@example.org")
    for harmless in ("resolution 2374 (2017)", "1267/1989/2253", "Commune VI", "13 289"):
        assert not PHONE_RE.search(harmless), harmless


def test_organisations_have_no_contact_details(data):
    for org in data["organisations.json"]:
        assert org["kind"] in ORG_KINDS, org["id"]
        for s in _strings(org):
            assert not EMAIL_RE.search(s), (org["id"], s)
            assert not PHONE_RE.search(s), (org["id"], s)
            assert "mailto:" not in s.lower() and "tel:" not in s.lower(), (org["id"], s)


def test_regions(data):
    regions = {r["id"]: r for r in data["regions.json"]}
    assert len(regions) == 11
    fr_names = {r["name"]["fr"] for r in regions.values()}
    for name in ("Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Tombouctou", "Gao", "Kidal", "Ménaka"):
        assert name in fr_names
    assert regions["tombouctou"]["name"]["en"] == "Timbuktu"
    for r in regions.values():
        assert isinstance(r["cercles"], list)
        assert all(isinstance(c, str) and c.strip() for c in r["cercles"])
        assert isinstance(r["cercles_complete"], bool)


def test_summaries(data):
    measure_ids = {m["id"] for m in data["measures.json"]}
    keys = set()
    for s in data["summaries.json"]:
        assert ("unit" in s) != ("measure" in s)
        if "measure" in s:
            assert s["measure"] in measure_ids
        keys.add(s.get("unit") or s.get("measure"))
        for lang in ("en", "fr"):
            assert 0 < len(s["summary"][lang]) <= 140, (s, lang)
    expected = {"op19", "op16", "op17"} | {f"op28.{c}" for c in "abcdef"} | {"op29.a", "op29.b"}
    assert expected | measure_ids <= keys
