"""Tasks through the core: seeding, filters, edits, iCalendar export."""
from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.core.errors import InvalidInput, NotFound
from fieldapp.core.records import exports, ical
from fieldapp.core.records.tasks import task_content
from fieldapp.core.revision import compute_rev
from fieldapp.core.store.records_base import SEED_DEVICE, SEED_HLC


def test_seeded_tasks_have_deterministic_ids_and_revs(store):
    tasks = {t["id"]: t for t in store.tasks()}
    assert {"seed:task-op28.c", "seed:task-op28.c.ii", "seed:task-op29.a", "seed:duty-op62",
            "seed:duty-op63", "seed:duty-op64"} <= set(tasks)
    t = tasks["seed:task-op28.c.ii"]
    assert t["parent"] == "seed:task-op28.c" and t["units"] == ["op28.c.ii"]
    assert (t["hlc"], t["device_id"], t["change_seq"]) == (SEED_HLC, SEED_DEVICE, 0)
    assert t["rev"] == compute_rev(task_content(t), None, SEED_HLC, SEED_DEVICE)
    assert tasks["seed:duty-op62"]["cadence_months"] == 3


def test_user_task_add_edit_done_and_filters(store):
    t = store.add_task("Synthetic: brief the SRSG", owner="Civil Affairs Gao", due="2021-02-01",
                       units=["op28.a.i"])
    assert t["kind"] == "user" and t["status"] == "open" and t["change_seq"] > 0
    assert [x["id"] for x in store.tasks(owner="civil affairs")] == [t["id"]]
    assert t["id"] in [x["id"] for x in store.tasks(due_before="2021-02-01")]
    assert t["id"] not in [x["id"] for x in store.tasks(due_before="2021-01-31")]
    assert t["id"] in [x["id"] for x in store.tasks(unit="op28.a.i")]
    done = store.complete_task(t["id"])
    assert done["status"] == "done" and done["parent_rev"] == t["rev"]
    assert [x["id"] for x in store.tasks(status="done")] == [t["id"]]
    seeded = store.edit_task("seed:task-op28.c", status="in-progress", owner="POC unit")
    assert seeded["device_id"] != SEED_DEVICE and seeded["change_seq"] > 0
    assert store.delete_task(t["id"])["deleted"]
    assert t["id"] not in [x["id"] for x in store.tasks()]


@pytest.mark.parametrize("kwargs, error, match", [
    ({"title": ""}, InvalidInput, "empty"),
    ({"title": "x", "due": "1/2/2021"}, InvalidInput, "YYYY-MM-DD"),
    ({"title": "x", "status": "maybe"}, InvalidInput, "status"),
    ({"title": "x", "units": ["op0"]}, NotFound, "op0"),
    ({"title": "a\x00"}, InvalidInput, "NUL"),
])
def test_bad_tasks_are_refused(store, kwargs, error, match):
    n = len(store.tasks())
    with pytest.raises(error, match=match):
        store.add_task(**kwargs)
    assert len(store.tasks()) == n


def _events(text: str) -> list[dict]:
    unfolded = text.replace("\r\n ", "")
    events, current = [], None
    for line in unfolded.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, _s, value = line.partition(":")
            current[key] = value
    return events


def test_ics_has_one_vevent_per_dated_task_with_correct_dtstart(store, tmp_path):
    store.add_task("Synthetic; with, specials\\ and a long title " * 3, due="2021-03-15")
    store.add_task("Undated synthetic task")
    result = exports.export_tasks_ics(store, tmp_path / "t.ics")
    raw = (tmp_path / "t.ics").read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith(
        "END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    dated = [t for t in store.tasks() if t["due"] or t["first_due"]]
    events = _events(text)
    assert len(events) == len(dated) == result["events"]
    by_uid = {e["UID"]: e for e in events}
    for t in dated:
        e = by_uid[t["id"].replace(":", "-") + "@fieldapp"]
        start = (t["due"] or t["first_due"]).replace("-", "")
        assert e["DTSTART;VALUE=DATE"] == start
        end = dt.date.fromisoformat(t["due"] or t["first_due"]) + dt.timedelta(days=1)
        assert e["DTEND;VALUE=DATE"] == end.strftime("%Y%m%d")
    assert by_uid["seed-duty-op62@fieldapp"]["RRULE"] == "FREQ=MONTHLY;INTERVAL=3;UNTIL=20210630"
    mine = next(e for e in events if e["DTSTART;VALUE=DATE"] == "20210315")
    assert mine["SUMMARY"].startswith("Synthetic\\; with\\, specials\\\\ and")


def test_ics_respects_filters(store, tmp_path):
    store.add_task("Synthetic mine", owner="Synthetic Section", due="2021-05-05")
    result = exports.export_tasks_ics(store, tmp_path / "t.ics", owner="synthetic section")
    assert result["events"] == 1
    assert "DTSTART;VALUE=DATE:20210505" in (tmp_path / "t.ics").read_text()
    assert ical.tasks_to_ics([]).count("VEVENT") == 0
