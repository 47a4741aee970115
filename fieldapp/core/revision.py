"""Record identity and versions for sync: IDs, revisions, hybrid logical clocks.

Every synced record version carries:
- `id`: uuid4 hex, created once on the device that created the record;
- `rev`: sha256 of the canonical JSON of (content, parent_rev, hlc, device_id) — deterministic,
  so the same version has the same rev on every device (no resolution loops);
- `parent_rev`: the rev it was edited from (None for the first version);
- `hlc`: hybrid logical clock `"<13-digit ms>-<6-digit counter>-<device_id>"`, which sorts
  as text in causal-then-wall-clock order and breaks ties by device.
"""
from __future__ import annotations

import json
import threading
import time


def new_id() -> str:
    import uuid  # lazy: uuid imports platform (~6 ms of start-up, bench/startup_profile.py)

    return uuid.uuid4().hex


def canonical_json(value: object) -> str:
    """Stable JSON: sorted keys, no spaces, UTF-8 characters kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_rev(content: dict, parent_rev: str | None, hlc: str, device_id: str) -> str:
    import hashlib  # not at module level: OpenSSL's start-up cost (bench_startup)

    payload = canonical_json({"c": content, "p": parent_rev, "h": hlc, "d": device_id})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def parse_hlc(value: str) -> tuple[int, int, str]:
    millis, counter, device = value.split("-", 2)
    return int(millis), int(counter), device


def format_hlc(millis: int, counter: int, device: str) -> str:
    return f"{millis:013d}-{counter:06d}-{device}"


class HybridClock:
    """Hybrid logical clock for one device: monotonic even if the wall clock goes back."""

    def __init__(self, device_id: str, last: str | None = None, wall=time.time):
        self.device_id = device_id
        self._wall = wall
        self._lock = threading.Lock()
        self._millis, self._counter = (parse_hlc(last)[:2] if last else (0, 0))

    def now(self) -> str:
        with self._lock:
            wall = int(self._wall() * 1000)
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            return format_hlc(self._millis, self._counter, self.device_id)

    def observe(self, remote: str) -> None:
        """Move past a timestamp seen in an imported record."""
        r_millis, r_counter, _ = parse_hlc(remote)
        with self._lock:
            if (r_millis, r_counter) > (self._millis, self._counter):
                self._millis, self._counter = r_millis, r_counter
