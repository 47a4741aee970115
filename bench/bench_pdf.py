"""Full bilingual mandate PDF vs bare reportlab; a 10,000-note progress report.

`pdf.mandate_both`: the project's path (fieldapp.core.pdf.generate, kind mandate, lang both:
parallel columns, markings, page N / M, outline, atomic write) vs the floor: a bare
reportlab SimpleDocTemplate of the same paragraphs (every unit's English then French text,
escaped with *emphasis* as italics, the same embedded DejaVu fonts), written to a file.
Runs alternate after one uncounted warm-up each; medians; target ≤ 1.5×.

`pdf.report_10k`: a progress report over 10,000 synthetic notes (bench/synthetic.py), in a
fresh process; time of `generate` and the process's peak RSS. No floor (INFO).
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, median, result

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "7"))
NOTES = int(os.environ.get("BENCH_PDF_NOTES", "10000"))
TARGET = 1.5


def floor_build(units: list[dict], out: Path) -> None:
    """The same paragraphs through a bare SimpleDocTemplate (no markings, no columns)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from fieldapp.core.pdf.fonts import register_fonts
    from fieldapp.core.pdf.styles import corpus_markup

    _sans, serif = register_fonts()
    style = ParagraphStyle("floor", fontName=serif, fontSize=10, leading=12.8)
    story = []
    for lang in ("en", "fr"):
        for u in units:
            for text in ((u["title"] or {}).get(lang), u["text"].get(lang)):
                if text:
                    story.append(Paragraph(corpus_markup(text), style))
    SimpleDocTemplate(str(out)).build(story)


def bench_mandate(db: Path, folder: Path) -> dict:
    from fieldapp.core.pdf import PdfOptions, generate
    from fieldapp.core.store import Store

    with Store.open(db) as store:
        units = store.units()

        def project() -> float:
            start = time.perf_counter()
            generate(store, PdfOptions(kind="mandate", lang="both"), folder / "project.pdf")
            return (time.perf_counter() - start) * 1000

        def floor() -> float:
            start = time.perf_counter()
            floor_build(units, folder / "floor.pdf")
            return (time.perf_counter() - start) * 1000

        project(), floor()  # warm-up: imports, font registration, caches
        p, f = [], []
        for _ in range(RUNS):
            p.append(project())
            f.append(floor())
    return result("pdf.mandate_both", median(p), median(f), TARGET,
                  note=f"median of {RUNS} alternating runs; project {min(p):.0f}–{max(p):.0f} ms,"
                       f" floor {min(f):.0f}–{max(f):.0f} ms; 142 units EN+FR")


REPORT = r"""
import json, resource, sys, time
from fieldapp.core.pdf import PdfOptions, generate
from fieldapp.core.store import Store
store = Store.open(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
info = generate(store, PdfOptions(kind="report", lang="en"), sys.argv[2])
ms = (time.perf_counter() - start) * 1000
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("REPORT", json.dumps({"ms": ms, "peak_mb": peak, "before_mb": before, **info}))
"""


def bench_report(folder: Path) -> dict:
    from bench.synthetic import notes_db

    db = notes_db(NOTES)
    proc = subprocess.run([PYTHON, "-c", REPORT, str(db), str(folder / "report.pdf")],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = next((x for x in proc.stdout.splitlines() if x.startswith("REPORT ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"report run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    r = json.loads(line[7:])
    return result(f"pdf.report_{NOTES // 1000}k", r["ms"], None, None,
                  memory_mb=r["peak_mb"],
                  note=f"INFO: {r['notes']} synthetic notes, {r['pages']} pages, "
                       f"{r['bytes'] / 1e6:.1f} MB PDF; peak RSS {r['peak_mb']:.0f} MB "
                       f"(store open: {r['before_mb']:.0f} MB); fresh process, one run")


def run() -> list[dict]:
    from bench.bench_startup import seeded_db

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-pdf-") as tmp:
        folder = Path(tmp)
        results = [bench_mandate(seeded_db(folder), folder)]
        if NOTES:  # BENCH_PDF_NOTES=0 skips the long report run
            results.append(bench_report(folder))
        return results


if __name__ == "__main__":
    import sys

    from bench.__main__ import main

    sys.exit(main(["pdf"]))
