"""iCalendar (RFC 5545) export of dated tasks, for Outlook: one all-day VEVENT per task."""
from __future__ import annotations

import datetime as dt

from fieldapp.core import corpus
from fieldapp.core.i18n import _
from fieldapp.core.records.vcard import escape, fold

# The mandate runs until 30 June 2021 (op16): recurring reporting duties stop there.
MANDATE_END = "2021-06-30"


def _day(value: str) -> str:
    return value.replace("-", "")


def task_event(task: dict, stamp: str) -> list[str] | None:
    """VEVENT lines for a task with a due date (or the first date of a recurring duty)."""
    start = task.get("due") or task.get("first_due")
    if not start:
        return None
    end = (dt.date.fromisoformat(start) + dt.timedelta(days=1)).isoformat()
    uid = task["id"].replace(":", "-") + "@fieldapp"
    desc = []
    if task.get("owner"):
        desc.append(_("Owner: {owner}").format(owner=task["owner"]))
    if task.get("units"):
        desc.append("; ".join(corpus.citation(u) for u in task["units"]))
    if task.get("note"):
        desc.append(task["note"])
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{_day(start)}", f"DTEND;VALUE=DATE:{_day(end)}",
             "SUMMARY:" + escape(task["title"])]
    if desc:
        lines.append("DESCRIPTION:" + escape("\n".join(desc)))
    if task.get("cadence_months") and not task.get("due") and start <= MANDATE_END:
        lines.append(f"RRULE:FREQ=MONTHLY;INTERVAL={int(task['cadence_months'])};"
                     f"UNTIL={_day(MANDATE_END)}")
    lines.append("STATUS:" + ("CANCELLED" if task.get("status") == "cancelled"
                              else "CONFIRMED"))
    lines.append("END:VEVENT")
    return lines


def tasks_to_ics(tasks: list[dict], now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fieldapp//MINUSMA field companion//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for t in tasks:
        event = task_event(t, stamp)
        if event:
            lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
