"""Import PySide6 with its embedded support code compiled once, not at every start.

shiboken6 carries its `shibokensupport` package (function signatures, the `__feature__`
switch) as Python source inside its library, and compiles that source at every import: 13
modules with PySide6 6.11, ~130 million instructions, 29 % of `import PySide6` and ~25 ms of
a ~240 ms start-up on the development machine (bench/README.md). `import_qt`
keeps the code objects of that source in the user's cache folder and hands them back on the
next start instead of compiling again, as Python does for ordinary modules with `.pyc` files.

An entry is used only for the same file name, the same source (length and CRC-32), the same
compiler flags and optimisation level, and the same Python bytecode version (the cache file's
header); anything else is compiled as before and the cache is rewritten. Everything else
compiled during the import goes to the real `compile` unchanged. A cache that cannot be read
or written is ignored: the import then costs what it always did.
"""
from __future__ import annotations

import __future__
import builtins
import marshal
import os
import sys
import types
import zlib
from pathlib import Path

SUPPORT_PREFIX = "shibokensupport/"  # the file names shiboken6's bootstrap compiles
# File: this tag, the bytecode version (importlib MAGIC_NUMBER), the CRC-32 of the rest, then
# the marshalled entries {file name: ((length, CRC-32, flags, optimize), code)}.
CACHE_MAGIC = b"fieldapp-sbk-1\n"

# The __future__ features `compile` inherits from its caller unless told `dont_inherit`
# (CPython's PyCF_MASK); CO_NESTED is a code flag, not a feature.
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag
_FUTURE_FLAGS &= ~__future__.CO_NESTED


last: "SupportCodeCache | None" = None  # what the app's import did (tests, diagnostics)


def default_cache_path() -> Path:
    """Where `import_qt` keeps the compiled support code (per user, per Python version)."""
    from platformdirs import user_cache_path

    return user_cache_path("fieldapp", appauthor=False) / (
        f"shibokensupport.{sys.implementation.cache_tag}.marshal")


class SupportCodeCache:
    """A `compile` stand-in that serves shibokensupport's modules from a cache file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.hits: list[str] = []
        self.misses: list[str] = []
        self._real_compile = builtins.compile
        self._entries = self._load()
        self._used: dict[str, tuple] = {}

    # -- the cache file ----------------------------------------------------------------------
    @staticmethod
    def _magic() -> bytes:
        from importlib.util import MAGIC_NUMBER

        return MAGIC_NUMBER

    def _header(self, payload: bytes) -> bytes:
        return CACHE_MAGIC + self._magic() + zlib.crc32(payload).to_bytes(4, "little")

    def _load(self) -> dict[str, tuple]:
        """The entries of a trusted, intact cache file for this Python; else none."""
        if self.path is None:
            return {}
        try:
            if not _trusted(self.path):
                return {}
            blob = self.path.read_bytes()
            size = len(self._header(b""))
            if blob[:size] != self._header(blob[size:]):  # other Python, or damaged
                return {}
            entries = marshal.loads(blob[size:])
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not isinstance(entries, dict):
            return {}
        return {name: entry for name, entry in entries.items()
                if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2
                and isinstance(entry[1], types.CodeType)}

    def save(self) -> None:
        """Write the entries this import used, if any was compiled or dropped (atomic)."""
        if self.path is None or (not self.misses and self._used.keys() == self._entries.keys()):
            return
        payload = marshal.dumps(self._used)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp.write_bytes(self._header(payload) + payload)
            os.replace(tmp, self.path)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass

    # -- compile -----------------------------------------------------------------------------
    def compile(self, source, filename, mode, flags=0, dont_inherit=False, optimize=-1,
                **kwargs):
        if not dont_inherit:  # what the real compile would inherit from *our* caller
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
            dont_inherit = True
        if (mode != "exec" or kwargs or flags & ~_FUTURE_FLAGS
                or not isinstance(filename, str) or not filename.startswith(SUPPORT_PREFIX)
                or not isinstance(source, (bytes, str))):
            return self._real_compile(source, filename, mode, flags, dont_inherit, optimize,
                                      **kwargs)
        raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        key = (len(raw), zlib.crc32(raw), flags,
               sys.flags.optimize if optimize == -1 else optimize)
        entry = self._entries.get(filename)
        if entry is not None and entry[0] == key:
            self.hits.append(filename)
            code = entry[1]
        else:
            self.misses.append(filename)
            code = self._real_compile(source, filename, mode, flags, True, optimize)
        self._used[filename] = (key, code)
        return code


def _trusted(path: Path) -> bool:
    """Only a cache file the user owns and nobody else may write is loaded (its code runs)."""
    if os.name != "posix":
        return path.is_file()
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def import_qt(cache_path: Path | None | bool = True) -> SupportCodeCache | None:
    """Import PySide6.QtCore, serving shiboken6's support modules from the cache at
    `cache_path` (True: `default_cache_path()`; None or False: no cache). Returns the cache
    (its `hits` and `misses`, also kept as `last`), or None when PySide6 was already
    imported."""
    global last
    if "shiboken6" in sys.modules:
        return None
    if cache_path is True:
        try:
            cache_path = default_cache_path()
        except Exception:  # noqa: BLE001 - no cache folder: import as usual
            cache_path = None
    cache = SupportCodeCache(cache_path or None)
    builtins.compile = cache.compile
    try:
        import PySide6.QtCore  # noqa: F401
    finally:
        builtins.compile = cache._real_compile
    cache.save()
    last = cache
    return cache
