"""PySide6's embedded support code is compiled once and then served from the user's cache
(fieldapp/ui/qt_import.py): the same code as compiling it, and a damaged, foreign or unsafe
cache file is never used."""
from __future__ import annotations

import ast
import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.ui.qt_import import SupportCodeCache

ROOT = Path(__file__).resolve().parents[2]
NAME = "shibokensupport/example.py"
# An annotation naming nothing: fine where annotations stay strings (PEP 563), a NameError
# where they are evaluated, so executing the code tells which compiler flags it was made with.
SOURCE = b"def f(x: undefined_name) -> int:\n    return 1\nVALUE = f.__annotations__\n"


def caller(future: bool):
    """`call(compile_fn, source, name)` defined in a module with or without PEP 563: the real
    `compile` inherits its caller's __future__ features."""
    text = ("from __future__ import annotations\n" if future else "") + (
        "def call(compile_fn, source, name):\n    return compile_fn(source, name, 'exec')\n")
    namespace: dict = {}
    exec(builtins.compile(text, "caller.py", "exec", dont_inherit=True), namespace)
    return namespace["call"]


def run(code) -> dict:
    namespace: dict = {}
    exec(code, namespace)
    return namespace["VALUE"]


# -- the cache, in this process (no PySide6 import needed) --------------------------------------
@pytest.mark.parametrize("future", [True, False])
def test_the_cache_compiles_with_the_flags_the_real_compile_would_inherit(tmp_path, future):
    call = caller(future)
    real = call(builtins.compile, SOURCE, NAME)
    first = SupportCodeCache(tmp_path / "c.marshal")
    made = call(first.compile, SOURCE, NAME)
    first.save()
    again = SupportCodeCache(tmp_path / "c.marshal")
    served = call(again.compile, SOURCE, NAME)
    assert (first.misses, first.hits, again.hits, again.misses) == ([NAME], [], [NAME], [])
    assert made.co_flags == served.co_flags == real.co_flags and served == real
    if future:
        assert run(served) == run(real) == {"x": "undefined_name", "return": "int"}
    else:
        with pytest.raises(NameError):
            run(served)


def test_a_changed_source_is_compiled_again_and_replaces_its_entry(tmp_path):
    path = tmp_path / "c.marshal"
    first = SupportCodeCache(path)
    first.compile(SOURCE, NAME, "exec")
    first.save()
    changed = SOURCE.replace(b"return 1", b"return 2")
    second = SupportCodeCache(path)
    code = second.compile(changed, NAME, "exec")
    second.save()
    assert second.misses == [NAME] and second.hits == []
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["f"](0) == 2
    third = SupportCodeCache(path)
    third.compile(changed, NAME, "exec")
    assert third.hits == [NAME]


def test_a_cache_that_served_everything_is_not_rewritten(tmp_path):
    path = tmp_path / "c.marshal"
    first = SupportCodeCache(path)
    first.compile(SOURCE, NAME, "exec")
    first.save()
    inode = path.stat().st_ino
    second = SupportCodeCache(path)
    second.compile(SOURCE, NAME, "exec")
    second.save()
    assert second.hits == [NAME] and path.stat().st_ino == inode


def test_other_compilations_pass_through_untouched(tmp_path):
    cache = SupportCodeCache(tmp_path / "c.marshal")
    other = cache.compile("x = 1", str(tmp_path / "module.py"), "exec", dont_inherit=True)
    expression = cache.compile("1 + 1", "shibokensupport/e.py", "eval")
    tree = cache.compile(SOURCE, NAME, "exec", ast.PyCF_ONLY_AST)
    assert other == builtins.compile("x = 1", str(tmp_path / "module.py"), "exec",
                                     dont_inherit=True)
    assert eval(expression) == 2 and isinstance(tree, ast.Module)
    cache.save()
    assert (cache.hits, cache.misses) == ([], []) and not (tmp_path / "c.marshal").exists()


def damage_payload(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0xFF
    path.write_bytes(bytes(blob))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def other_python(path: Path) -> None:
    from fieldapp.ui.qt_import import CACHE_MAGIC

    blob = bytearray(path.read_bytes())
    blob[len(CACHE_MAGIC)] ^= 0x01  # the bytecode version after the tag
    path.write_bytes(bytes(blob))


def not_a_cache(path: Path) -> None:
    path.write_bytes(b"\x00" * 64)


def writable_by_others(path: Path) -> None:
    path.chmod(0o666)


@pytest.mark.parametrize("spoil", [damage_payload, truncate, other_python, not_a_cache]
                         + ([writable_by_others] if os.name == "posix" else []))
def test_a_damaged_foreign_or_unsafe_cache_is_never_used(tmp_path, spoil):
    path = tmp_path / "c.marshal"
    first = SupportCodeCache(path)
    first.compile(SOURCE, NAME, "exec")
    first.save()
    spoil(path)
    second = SupportCodeCache(path)
    code = second.compile(SOURCE, NAME, "exec")
    assert second.hits == [] and second.misses == [NAME]
    assert run(code) == {"x": "undefined_name", "return": "int"}  # this module's PEP 563
    second.save()  # and it is written anew, usable again
    third = SupportCodeCache(path)
    third.compile(SOURCE, NAME, "exec")
    assert third.hits == [NAME]
    if os.name == "posix":
        assert not path.stat().st_mode & 0o022


# -- the real PySide6 import, in fresh interpreters --------------------------------------------
IMPORT = """
import json, sys
from pathlib import Path
from fieldapp.ui.qt_import import import_qt

cache = import_qt(Path(sys.argv[1]) if sys.argv[1] else None)
from PySide6.QtCore import QObject, QTimer

try:  # the message is built by the support code's signature parser
    QTimer.singleShot("a", 1.5, None, 3)
except TypeError as exc:
    message = str(exc)
from __feature__ import snake_case  # the support code's feature switch

obj = QObject()
obj.set_object_name("named")
print(json.dumps({"hits": cache.hits, "misses": cache.misses, "message": message,
                  "name": obj.object_name()}))
"""


def import_pyside(cache: Path | None) -> dict:
    proc = subprocess.run([sys.executable, "-c", IMPORT, str(cache) if cache else ""],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_pysides_support_code_comes_from_the_cache_and_works_the_same(tmp_path):
    path = tmp_path / "cache" / "support.marshal"
    first = import_pyside(path)
    assert len(first["misses"]) >= 10 and first["hits"] == []
    assert all(name.startswith("shibokensupport/") for name in first["misses"])
    assert "shibokensupport/signature/parser.py" in first["misses"]
    again = import_pyside(path)
    assert again["hits"] == first["misses"] and again["misses"] == []
    plain = import_pyside(None)  # no cache: compiled as PySide6 alone does
    assert plain["hits"] == [] and plain["misses"] == first["misses"]
    assert "Supported signatures:" in plain["message"]
    for result in (first, again, plain):
        assert result["message"] == plain["message"] and result["name"] == "named"


def test_an_unusable_cache_folder_only_costs_the_compilation(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = import_pyside(blocker / "support.marshal")
    assert result["hits"] == [] and len(result["misses"]) >= 10
    assert result["name"] == "named" and blocker.read_text() == "not a folder"
