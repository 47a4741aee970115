"""Fuzzing (Hypothesis) of the sync import and the corpus import with malformed, truncated,
oversized, deeply nested and duplicate-key inputs.

Sync: byte mutations of a real signed file, and structurally valid but hostile payloads
signed with the sender's real device key (so the fuzzer gets past the signature to the
parser and the record checks). Corpus: JSON mutations of a real corpus export.
Only the documented errors may come out (a rejected report / FieldappError with one line),
and a refused input leaves the database byte-for-byte unchanged.

Default: 40 + 60 + 40 examples; FIELDAPP_SOAK=1: 400 + 600 + 400.
"""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.cli import main
from fieldapp.core.errors import FieldappError
from fieldapp.core.safejson import loads_strict
from fieldapp.core.sync.canon import rev_of
from fieldapp.core.sync.identity import ensure_identity
from tests.fault_helpers import soak
from tests.sync_helpers import craft_file, db_digest, export, import_one, new_store, \
    payload_lines

FUZZ = dict(deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture,
                                   HealthCheck.too_slow, HealthCheck.data_too_large])
COUNTS: dict[str, int] = {}


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


@pytest.fixture(scope="module")
def sync_world(tmp_path_factory, request):
    """Sender A (notes, a task) with its real identity, receiver B, and A's real file."""
    template = request.getfixturevalue("seeded_db_template")
    tmp = tmp_path_factory.mktemp("fuzz")
    a = new_store(template, tmp / "a.db")
    b = new_store(template, tmp / "b.db")
    for k in range(3):
        n = a.add_note(["op28.c.ii"], f"Synthetic fuzz note {k}", tags=["synthetic"])
        a.edit_note(n["id"], text=f"Synthetic fuzz note {k}, edited")
    a.add_task("Synthetic fuzz task", due="2021-06-30")
    path = export(a, tmp / "real")
    yield {"a": a, "b": b, "tmp": tmp, "file": path, "bytes": path.read_bytes(),
           "ident": ensure_identity(a), "lines": payload_lines(path)}
    a.close()
    b.close()
    print(f"\nfuzz examples: {COUNTS}")


def _import_checked(store, path) -> str:
    """Import; a refused file must leave the database byte-identical, with a one-line reason."""
    before = db_digest(store)
    rep = import_one(store, path)  # any exception escaping here fails the test
    assert rep.status in ("rejected", "imported", "already"), rep.status
    if rep.status == "rejected":
        assert rep.reason and "\n" not in rep.reason and len(rep.reason) < 400, rep.reason
        assert db_digest(store) == before, f"refused but written: {rep.reason}"
    else:
        assert store.check()["ok"]
    return rep.status


# -- 1. byte mutations of a real signed file ------------------------------------------
mutation = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, 10_000)),
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255)),
    st.tuples(st.just("append"), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 64)),
)


def mutate(data: bytes, m: tuple) -> bytes:
    n = len(data)
    if n == 0:
        return m[1] if m[0] == "append" else data
    if m[0] == "truncate":
        return data[:m[1] % n]
    if m[0] == "flip":
        i = m[1] % n
        return data[:i] + bytes([data[i] ^ m[2]]) + data[i + 1:]
    if m[0] == "append":
        return data + m[1]
    if m[0] == "insert":
        i = m[1] % (n + 1)
        return data[:i] + m[2] + data[i:]
    i = m[1] % n
    return data[:i] + data[i + m[2]:]


@settings(max_examples=soak(40, 400), **FUZZ)
@given(mutations=st.lists(mutation, min_size=1, max_size=3))
def test_fuzz_sync_file_bytes(sync_world, mutations):
    data = sync_world["bytes"]
    for m in mutations:
        data = mutate(data, m)
    if data == sync_world["bytes"]:
        return
    path = sync_world["tmp"] / "mutated.fieldsync"
    path.write_bytes(data)
    _count("sync bytes")
    assert _import_checked(sync_world["b"], path) == "rejected"  # the signature covers all


# -- 2. hostile payloads behind a valid signature ---------------------------------------
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                      st.floats(allow_nan=False), st.text(max_size=30))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
NOTE_FIELDS = ("units", "measure_id", "task_id", "date", "region", "cercle", "author",
               "sensitivity", "text", "tags", "deleted")
TOP_FIELDS = ("k", "id", "rev", "parent_rev", "hlc", "device_id", "c", "anc", "created_at",
              "updated_at", "editor", "edited_at")


@st.composite
def hostile_line(draw, base: dict) -> bytes:
    rec = json.loads(json.dumps(base))
    how = draw(st.sampled_from(["content", "top", "drop", "extra", "deep", "dup", "huge",
                                "kind", "raw", "nan", "text"]))
    c = rec["c"]
    if how == "content":
        c[draw(st.sampled_from(NOTE_FIELDS))] = draw(json_value)
    elif how == "top":
        rec[draw(st.sampled_from(TOP_FIELDS))] = draw(json_value)
    elif how == "drop":
        rec.pop(draw(st.sampled_from(sorted(rec))))
    elif how == "extra":
        rec[draw(st.text(min_size=1, max_size=10))] = draw(json_value)
    elif how == "deep":
        depth = draw(st.integers(5, 5000))
        c["text"] = json.loads("[" * depth + '"x"' + "]" * depth) if depth < 900 else None
        if c["text"] is None:  # too deep for json itself: only as raw bytes
            return (b'{"k":"note","c":' + b"[" * depth + b"1" + b"]" * depth + b"}")
    elif how == "huge":
        c["text"] = "A" * draw(st.sampled_from([1_000_000, 1_000_001, 2_000_000]))
    elif how == "kind":
        rec["k"] = draw(st.sampled_from(["Note", "notes", "task ", "", "measure", "sync",
                                         "note_history", "contact", "assessment"]))
    elif how == "text":
        c["text"] = draw(st.text(min_size=1, max_size=200))
    if how not in ("top",) and isinstance(c, dict):
        try:  # a consistent rev, so the record reaches the content checks
            rec["rev"] = rev_of(c, rec.get("parent_rev"), rec.get("hlc"), rec.get("device_id"))
        except (TypeError, ValueError):
            pass
    line = json.dumps(rec, ensure_ascii=draw(st.booleans()))
    if how == "dup":
        key = draw(st.sampled_from(TOP_FIELDS))
        line = line[:-1] + f', "{key}": null}}'
    elif how == "nan":
        line = line.replace('"deleted": 0', '"deleted": NaN')
    elif how == "raw":
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    return line.encode("utf-8")


@settings(max_examples=soak(60, 600), **FUZZ)
@given(data=st.data())
def test_fuzz_signed_hostile_payloads(sync_world, data):
    base = json.loads(next(ln for ln in sync_world["lines"] if b'"k":"note"' in ln))
    lines = [data.draw(hostile_line(base)) for _ in range(data.draw(st.integers(1, 3)))]
    counts = {"note": len(lines)} if data.draw(st.booleans()) else \
        {data.draw(st.sampled_from(["note", "task", "x"])): len(lines)}
    path = craft_file(sync_world["tmp"] / "hostile.fieldsync", sync_world["ident"], lines,
                      counts=counts, seq=data.draw(st.integers(1, 10**6)))
    _count("signed hostile payloads")
    status = _import_checked(sync_world["b"], path)
    _count(f"signed hostile payloads: {status}")
    if status == "imported":  # only a well-formed note can pass; it must read back as sent
        for line in lines:
            rec = json.loads(line)
            assert sync_world["b"].note(rec["id"])["rev"] in {rec["rev"]} | {
                r["rev"] for r in sync_world["b"].note_history(rec["id"])}


def test_a_hostile_file_through_the_cli_is_one_line(sync_world, capsys):
    path = sync_world["tmp"] / "deep.fieldsync"
    line = b'{"k":"note","c":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    craft_file(path, sync_world["ident"], [line], counts={"note": 1}, seq=77)
    code = main(["sync", "import", str(path), "--db", str(sync_world["b"].path)])
    err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err.err + err.out
    assert "nested" in err.out or "deep" in err.out, err.out


# -- 3. corpus import -------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_world(tmp_path_factory, request):
    template = request.getfixturevalue("seeded_db_template")
    tmp = tmp_path_factory.mktemp("fuzzcorpus")
    store = new_store(template, tmp / "c.db", identity=False)
    doc = store.export_corpus("fr")
    yield {"store": store, "tmp": tmp, "doc": doc}
    store.close()


@st.composite
def corpus_mutation(draw, doc: dict) -> bytes:
    doc = json.loads(json.dumps(doc))
    uids = sorted(doc["units"])
    how = draw(st.sampled_from(["unit", "drop", "extra", "top", "truncate", "dup", "deep",
                                "nul", "huge", "bytes", "text"]))
    if how == "unit":
        doc["units"][draw(st.sampled_from(uids))] = draw(json_value)
    elif how == "drop":
        doc["units"].pop(draw(st.sampled_from(uids)))
    elif how == "extra":
        doc["units"][draw(st.text(max_size=12))] = {"title": None, "text": "x"}
    elif how == "top":
        doc[draw(st.sampled_from(["format", "version", "lang", "units", "provenance"]))] = \
            draw(json_value)
    elif how == "text":
        doc["units"][draw(st.sampled_from(uids))]["text"] = draw(st.text(max_size=100))
    elif how == "huge":
        doc["units"][uids[0]]["text"] = "É" * draw(st.sampled_from([10_000, 11_000_000]))
    raw = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    if how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw) - 1))]
    elif how == "dup":
        raw = raw[:-1] + ', "units": {}}'
    elif how == "deep":
        d = draw(st.integers(30, 200_000))
        raw = raw[:-1] + ', "x": ' + "[" * d + "]" * d + "}"
    elif how == "nul":
        raw = raw.replace("MINUSMA", "MINUS\x00MA", 1).replace("MINUSMA", "MINUS\\u0000MA", 1)
    data = raw.encode("utf-8")
    if how == "bytes":
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[i + 1:]
    return data


@settings(max_examples=soak(40, 400), **FUZZ)
@given(data=st.data())
def test_fuzz_corpus_import(corpus_world, data):
    from fieldapp.core.safejson import load_json_file

    store, tmp = corpus_world["store"], corpus_world["tmp"]
    path = tmp / "fr.json"
    path.write_bytes(data.draw(corpus_mutation(corpus_world["doc"])))
    _count("corpus")
    before = db_digest(store)
    try:
        doc = load_json_file(path, max_bytes=20_000_000)
        result = store.import_corpus(doc, "fr", "Synthetic fuzz text")
    except FieldappError as exc:  # the documented error (InvalidInput); anything else fails
        msg = str(exc)
        assert msg and "\n" not in msg and len(msg) < 400, msg
        assert db_digest(store) == before, f"refused but written: {msg}"
        return
    _count("corpus: imported")
    assert store.check()["ok"]
    assert result["units"] == len(store.unit_ids())
    assert store.export_corpus("fr")["units"] == {
        u: {"title": r.get("title"), "text": r["text"]} for u, r in doc["units"].items()}
    store.import_corpus(corpus_world["doc"], "fr", "restore")  # back to the real text


def test_strict_json_refuses_what_json_accepts():
    """The parser the corpus import uses: duplicate keys, NaN, deep nesting, NUL."""
    for text in ('{"a": 1, "a": 2}', '{"a": NaN}', '[' * 40 + ']' * 40, '{"a": "\x00"}',
                 '{"a": Infinity}'):
        with pytest.raises(FieldappError):
            loads_strict(text)
    assert math.isfinite(loads_strict('{"a": 1e308}')["a"])


def test_corpus_error_names_a_hostile_id_on_one_line(corpus_world):
    """Found by the fuzzer: an unknown ID holding a line break broke the one-line message."""
    doc = json.loads(json.dumps(corpus_world["doc"]))
    doc["units"]["\n<b>evil</b>\r" + "x" * 500] = {"title": None, "text": "x"}
    with pytest.raises(FieldappError) as err:
        corpus_world["store"].import_corpus(doc, "fr")
    assert "\n" not in str(err.value) and "\r" not in str(err.value)
    assert len(str(err.value)) < 200
