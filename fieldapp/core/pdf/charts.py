"""Small reportlab graphics: the status of the priority measures over time (stacked bars)."""
from __future__ import annotations

import datetime as dt

from fieldapp.core.pdf.labels import label
from fieldapp.core.pdf.measures import STATUS_COLOURS

MAX_BARS = 12


def _month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Ends of the months from start to end (the last one is `end`), at most MAX_BARS."""
    months = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        months.append(min(nxt - dt.timedelta(days=1), end))
        y, m = nxt.year, nxt.month
    step = max(1, -(-len(months) // MAX_BARS))
    picked = months[::-1][::step][::-1]  # keep the last month, thin out the older ones
    return picked


def status_counts(measures: list[dict], days: list[dt.date]) -> list[dict]:
    """For each day: how many measures were at each status (None = not yet assessed)."""
    out = []
    for day in days:
        iso = day.isoformat()
        counts: dict = {k: 0 for k in (None, 0, 1, 2, 3, 4)}
        for m in measures:
            known = [a for a in m["history"] if a["date"] <= iso]  # oldest first
            counts[known[-1]["status"] if known else None] += 1
        out.append(counts)
    return out


def status_chart(measures: list[dict], start: dt.date, end: dt.date, lang: str,
                 width: float, height: float = 150):
    """A Drawing: one stacked bar per month, coloured and labelled by status."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from fieldapp.core.i18n import format_date
    from fieldapp.core.pdf.fonts import register_fonts
    from fieldapp.core.pdf.templates import DATE_LOCALES

    sans, _serif = register_fonts()
    days = _month_ends(start, end)
    counts = status_counts(measures, days)
    keys = [None, 0, 1, 2, 3, 4]
    drawing = Drawing(width, height + 34)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 44, width - 40, height - 20
    chart.data = [[c[k] for c in counts] for k in keys]
    chart.categoryAxis.style = "stacked"
    loc = DATE_LOCALES["fr" if lang == "fr" else "en"]
    chart.categoryAxis.categoryNames = [format_date(d, "MMM yy", lang=loc) for d in days]
    chart.categoryAxis.labels.fontName = sans
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = sans
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, len(measures))
    chart.valueAxis.valueStep = max(1, len(measures) // 5 or 1)
    chart.barWidth = 8
    for i, k in enumerate(keys):
        chart.bars[i].fillColor = colors.HexColor(STATUS_COLOURS[k])
        chart.bars[i].strokeColor = colors.HexColor("#666666")
        chart.bars[i].strokeWidth = 0.2
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 30, 12
    legend.fontName, legend.fontSize = sans, 6.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = (width - 40) / 6
    legend.dx = legend.dy = 6
    legend.colorNamePairs = [
        (colors.HexColor(STATUS_COLOURS[k]),
         label("not_assessed", lang if lang != "both" else "en") if k is None
         else label(f"status_{k}", lang if lang != "both" else "en")) for k in keys]
    drawing.add(legend)
    return drawing
