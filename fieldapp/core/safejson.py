"""Strict JSON for files from outside: size and depth caps, duplicate keys refused."""
from __future__ import annotations

import json
from pathlib import Path

from fieldapp.core.errors import InvalidInput

MAX_DEPTH = 32


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise InvalidInput(f"duplicate key {key[:40]!r} in JSON")
        out[key] = value
    return out


def _depth_ok(text: str, limit: int) -> bool:
    """Nesting depth from the brackets outside strings, before json builds anything."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads_strict(text: str, *, max_depth: int = MAX_DEPTH) -> object:
    if "\x00" in text:
        raise InvalidInput("file contains a NUL character")
    if not _depth_ok(text, max_depth):
        raise InvalidInput(f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=lambda c: _bad_constant(c))
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None


def _bad_constant(name: str):
    raise InvalidInput(f"JSON constant {name} is not allowed")


def load_json_file(path: Path, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> object:
    """Read and parse a JSON file from outside, with a clear one-line error on any problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InvalidInput(f"{path} is too large ({size} bytes, limit {max_bytes})")
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text") from None
    return loads_strict(text, max_depth=max_depth)
