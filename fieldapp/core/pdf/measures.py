"""Priority measures with their status on a given date (through the records core API)."""
from __future__ import annotations

import datetime as dt

STATUS_COLOURS = {None: "#d9d9d9", 0: "#e06666", 1: "#f6b26b", 2: "#ffd966", 3: "#b6d7a8",
                  4: "#6aa84f"}


def measures_as_of(store, as_of: dt.date) -> list[dict]:
    """store.measures() with `status`/`last` recomputed from assessments dated ≤ `as_of`.

    Each measure also gets `history`: its assessments up to that date, oldest first.
    """
    day = as_of.isoformat()
    out = []
    for m in store.measures(on=day):
        history = [a for a in store.measure_history(m["id"]) if a["date"] <= day]
        last = history[0] if history else None  # measure_history is newest first
        out.append({**m, "status": last["status"] if last else None, "last": last,
                    "history": list(reversed(history))})
    return out


def short_citation(uid: str, lang: str) -> str:
    """'para. 28 (a)' / 'par. 28 a)' (the citation without the document symbol)."""
    from fieldapp.core import corpus

    cite = corpus.citation(uid, "fr" if lang == "fr" else "en").split(", ", 1)[1]
    return cite.replace(" ", "\xa0")  # a citation never breaks across lines


def measure_citation(measure: dict, lang: str) -> str:
    """A measure's paragraph, with the inline item for op3.2's (i)–(v)."""
    cite = short_citation(measure["unit"], lang)
    if measure.get("parent") and "-" in measure["id"]:
        item = measure["id"].rsplit("-", 1)[1]
        cite += f",\xa0{item})" if lang == "fr" else f",\xa0({item})"
    return cite
