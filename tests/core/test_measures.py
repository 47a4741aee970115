"""Priority-measures ledger through the core: seeding, assessments, indicators, roll-up."""
from __future__ import annotations

import pytest

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.records.measures import assessment_content
from fieldapp.core.revision import compute_rev
from tests.records_helpers import count, snapshot


def test_measures_are_seeded_from_data(store):
    measures = {m["id"]: m for m in store.measures(on="2021-01-01")}
    assert list(measures)[:2] == ["op3.1", "op3.2"]
    assert {f"op3.2-{r}" for r in ("i", "ii", "iii", "iv", "v")} <= set(measures)
    assert {"op3.3", "op3.4", "op14.1", "op14.2"} <= set(measures)
    assert measures["op3.2-iii"]["parent"] == "op3.2"
    m = measures["op3.1"]
    assert m["title"]["fr"] and m["responsible"]["en"] == "Malian parties"
    assert m["deadline"] == "2021-06-30" and m["days_to_deadline"] == 180
    target = next(i for i in m["indicators"] if i["id"] == "op3.1-integrated")
    assert target["target"] == 2000
    assert all(x["status"] is None and x["rollup"] == 0 for x in measures.values())


def test_assessment_changes_status_trend_indicator_and_rollup(store):
    a1 = store.assess_measure("op3.1", 1, "Synthetic evidence 1", date="2020-10-01",
                              indicators={"op3.1-integrated": "900"}, author="S")
    assert a1["rev"] == compute_rev(assessment_content(a1), None, a1["hlc"], a1["device_id"])
    store.assess_measure("op3.1", 3, "Synthetic evidence 2", date="2021-01-15",
                         indicators={"op3.1-integrated": 1800}, source="CSA", confidence="high")
    store.assess_measure("op3.2-i", 4, "Synthetic", date="2021-01-01")
    ledger = store.ledger(on="2021-02-01")
    by_id = {m["id"]: m for m in ledger["measures"]}
    m = by_id["op3.1"]
    assert (m["status"], m["trend"], m["rollup"]) == (3, "up", 75)
    assert m["last"]["evidence"] == "Synthetic evidence 2"
    assert m["days_to_deadline"] == 149
    ind = next(i for i in m["indicators"] if i["id"] == "op3.1-integrated")
    assert [v["value"] for v in ind["values"]] == [1800, 900]
    assert by_id["op3.2"]["rollup"] == 20  # mean of its five sub-measures: (100+0*4)/5
    assert ledger["paragraphs"] == {"op3": round((75 + 20) / 4), "op14": 0}
    assert [a["status"] for a in store.measure_history("op3.1")] == [3, 1]


def test_trend_down_and_retraction(store):
    store.assess_measure("op14.2", 2, "x", date="2020-12-01")
    later = store.assess_measure("op14.2", 1, "y", date="2021-01-01")
    assert store.measure("op14.2")["trend"] == "down"
    store.retract_assessment(later["id"])
    m = store.measure("op14.2")
    assert m["status"] == 2 and len(m["history"]) == 1
    assert count(store, "measure_assessments", "deleted=1") == 1


@pytest.mark.parametrize("args, kwargs, error, match", [
    (("op3.1", 5, "x"), {}, InvalidInput, "0 to 4"),
    (("op3.1", "two", "x"), {}, InvalidInput, "0 to 4"),
    (("op3.1", 2, " "), {}, InvalidInput, "empty"),
    (("op3.1", 2, "x"), {"date": "2021/01/01"}, InvalidInput, "YYYY-MM-DD"),
    (("op3.1", 2, "x"), {"confidence": "certain"}, InvalidInput, "confidence"),
    (("op3.1", 2, "x"), {"indicators": {"op3.3-pilots": 1}}, InvalidInput, "unknown indicator"),
    (("op3.1", 2, "x"), {"indicators": {"op3.1-integrated": "many"}}, InvalidInput, "number"),
    (("op3.1", 2, "x"), {"indicators": {"op3.1-integrated": "-5"}}, InvalidInput, "≥ 0"),
    (("op3.1", 2, "x\x00"), {}, InvalidInput, "NUL"),
    (("op99.9", 2, "x"), {}, NotFound, "measure"),
])
def test_bad_assessments_are_refused_and_nothing_is_written(store, args, kwargs, error, match):
    before = snapshot(store.path)
    with pytest.raises(error, match=match):
        store.assess_measure(*args, **kwargs)
    assert snapshot(store.path) == before
