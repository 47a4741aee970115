"""`python -m bench [names...]`: run the bench/bench_*.py modules and print one line per result.

Each module defines `run() -> list[dict]` (see bench/README.md). A result PASSes when its
ratio to the floor measured in the same run is ≤ its target and, if it has one, its figure is
≤ abs_target_ms. Exit status 1 when any result MISSes or a module fails, 2 on a bad name.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
HEADER = ("benchmark", "project", "floor", "ratio", "target", "verdict")


def available() -> list[str]:
    """Benchmark module names without the bench_ prefix, in alphabetical order."""
    return sorted(p.stem[len("bench_"):] for p in BENCH_DIR.glob("bench_*.py"))


def verdict(r: dict) -> str:
    ok = True
    if r.get("target") is not None:
        ok = r.get("ratio") is not None and r["ratio"] <= r["target"]
    if r.get("abs_target_ms") is not None:
        ok = ok and r["value_ms"] <= r["abs_target_ms"]
    if r.get("target") is None and r.get("abs_target_ms") is None:
        return "INFO"
    return "PASS" if ok else "MISS"


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.2f} ms"


def columns(r: dict) -> tuple[str, ...]:
    if r.get("ratio") is None and r.get("floor_ms"):
        r["ratio"] = r["value_ms"] / r["floor_ms"]
    ratio = "-" if r.get("ratio") is None else f"{r['ratio']:.2f}x"
    targets = []
    if r.get("target") is not None:
        targets.append(f"<={r['target']:.2f}x")
    if r.get("abs_target_ms") is not None:
        targets.append(f"<={_ms(r['abs_target_ms'])}")
    return (r["name"], _ms(r["value_ms"]), _ms(r.get("floor_ms")), ratio,
            " & ".join(targets) or "-", verdict(r))


def print_table(rows: list[tuple[str, ...]], extras: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for row, extra in zip(rows, extras):
        line = "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                         for i, (cell, w) in enumerate(zip(row, widths)))
        print(line.rstrip(), flush=True)
        for item in extra:
            print(f"    {item}", flush=True)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help=f"modules to run (default: all of "
                                                 f"{', '.join(available()) or 'none'})")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(available()))
        return 0
    names = args.names or available()
    unknown = [n for n in names if n.removeprefix("bench_") not in available()]
    if unknown:
        parser.error(f"no benchmark {unknown[0]!r} (have: {', '.join(available())})")

    results: list[dict] = []
    failed: list[str] = []
    for name in names:
        name = name.removeprefix("bench_")
        print(f"# {name} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.bench_{name}")
            got = module.run()
        except Exception:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            failed.append(name)
            continue
        for r in got:
            r.setdefault("module", name)
        results.extend(got)
        print(f"# {name} done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)

    rows = [HEADER] + [columns(r) for r in results]
    extras: list[list[str]] = [[]]
    for r in results:
        extra = []
        if r.get("memory_mb") is not None:
            extra.append(f"memory: {r['memory_mb']:.1f} MB")
        if r.get("note"):
            extra.append(str(r["note"]))
        extras.append(extra)
    print_table(rows, extras)
    for name in failed:
        print(f"{name}: ERROR (traceback above)")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{**r, "verdict": verdict(r)} for r in results], indent=1), encoding="utf-8")
    misses = [r["name"] for r in results if verdict(r) == "MISS"]
    if misses or failed:
        print(f"{len(misses)} missed, {len(failed)} failed: {', '.join(misses + failed)}")
        return 1
    print(f"all {len(results)} results within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
