"""Helpers shared by the bench_*.py modules: results, statistics, synthetic data."""
from __future__ import annotations

import math
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def result(name: str, value_ms: float, floor_ms: float | None, target: float | None,
           **extra) -> dict:
    """One benchmark line: ratio = value / floor, PASS when ratio ≤ target (and ≤ abs target).

    Optional extra keys: abs_target_ms, note, memory_mb.
    """
    ratio = value_ms / floor_ms if floor_ms else None
    return {"name": name, "value_ms": value_ms, "floor_ms": floor_ms, "ratio": ratio,
            "target": target, **extra}


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: Iterable[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) — p95 of 200 samples is the 190th smallest."""
    data = sorted(values)
    if not data:
        raise ValueError("no samples")
    rank = max(1, math.ceil(p / 100 * len(data)))
    return data[rank - 1]


def time_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc; 0.0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rng(seed: int = 2531) -> random.Random:
    """Fixed-seed generator: synthetic bench data is the same in every run."""
    return random.Random(seed)
