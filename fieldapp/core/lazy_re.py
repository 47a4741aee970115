"""Regular expressions compiled on first use.

Python compiles a pattern in pure Python, 0.1–0.8 ms each: ~5 ms for the module-level patterns
of the modules the window imports at start-up, most of which it does not use before its first
paint (French references, seeding, contact and date validation, search queries).
"""
from __future__ import annotations

import re


class LazyPattern:
    """Stands for `re.compile(pattern, flags)`: same methods, compiled at the first call."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._source, self._flags = pattern, flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r})"
