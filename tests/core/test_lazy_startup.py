"""What the window's start-up no longer pays for at import: compiled regular expressions,
the `html` module, dataclasses (bench/bench_startup.py measures the time)."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fieldapp.core.annotate import Span, escape
from fieldapp.core.lazy_re import LazyPattern

ROOT = Path(__file__).resolve().parents[2]


@given(st.text())
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text, quote=True)


def test_a_lazy_pattern_compiles_once_on_first_use_and_acts_as_the_compiled_one():
    lazy = LazyPattern(r"(?P<n>\d+) \((?P<l>[a-h])\)", re.IGNORECASE)
    assert lazy._compiled is None
    m = lazy.search("see paragraph 28 (C) above")
    assert m and m["n"] == "28" and m["l"] == "C"
    compiled = lazy.compiled()
    assert lazy.compiled() is compiled and compiled.flags & re.IGNORECASE
    assert lazy.sub("#", "1 (a), 2 (b)") == "#, #"
    assert lazy.pattern == compiled.pattern
    assert [x["n"] for x in lazy.finditer("3 (a) 4 (b)")] == ["3", "4"]


def test_span_is_a_value():
    assert Span(1, 4, "unit:op1") == Span(1, 4, "unit:op1") != Span(1, 4)
    assert Span(2, 3).href == "" and len({Span(1, 2), Span(1, 2)}) == 1


def test_the_start_up_modules_compile_no_pattern_and_skip_html_and_dataclasses():
    """Importing what the window imports before its first paint compiles no module-level
    pattern (each is compiled by its first use) and loads neither `html` (html.entities) nor
    `dataclasses`; the annotations still work once used."""
    code = """
import re, sys
re.purge()
import fieldapp.core.pages, fieldapp.core.store, fieldapp.core.records.contacts
from fieldapp.core.lazy_re import LazyPattern
mods = [m for n, m in sys.modules.items() if n.startswith("fieldapp.")]
lazy = [v for m in mods for v in vars(m).values() if isinstance(v, LazyPattern)]
lazy += [x for m in mods for v in vars(m).values() if isinstance(v, dict)
         for x in v.values() if isinstance(x, LazyPattern)]
compiled = [n for m in mods for n, v in vars(m).items() if isinstance(v, re.Pattern)]
print(len(lazy), sum(p._compiled is not None for p in lazy), compiled,
      "html" in sys.modules, "dataclasses" in sys.modules)
from fieldapp.core.annotate import paragraph_refs
print([s.href for s in paragraph_refs("as set out in paragraph 28 (c) above", "en")])
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    counts, refs = proc.stdout.splitlines()
    lazy, compiled, rest = counts.split(" ", 2)
    assert int(lazy) >= 15 and compiled == "0" and rest == "[] False False"
    assert refs == "['unit:op28.c']"
