"""Build data/units.json and data/text_en.json from the English seed text.

Run from the repository root:  python data/tools/build_corpus_en.py

The seed (data/source/S_RES_2531_2020_en.seed.md) is a markdown-ish transcription of
S/RES/2531 (2020) with page breaks that split paragraphs mid-sentence. This script:
- joins page-break splits (a block that is not a unit marker and follows a block that
  does not end with , ; : . is a continuation, joined with one space);
- removes markdown link wrappers ``[2374 \\(2017\\)](#)`` and escapes;
- keeps italics as ``*...*`` emphasis markup (operative verbs, French terms);
- assigns the paragraph IDs of DESIGN.md (pp1.., op1.., op28.c.ii, op3.2, ...).
It is deterministic: re-running it rewrites identical files.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "source" / "S_RES_2531_2020_en.seed.md"

# Section headings: (slug, English title, level, parent slug)
SECTIONS = [
    ("preamble", "Preamble", 1, None),
    ("agreement", "Implementation of the Agreement on Peace and Reconciliation in Mali", 1, None),
    ("central-mali", "Situation in Central Mali", 1, None),
    ("mandate", "MINUSMA's mandate", 1, None),
    ("general-principles", "General principles", 2, "mandate"),
    ("priority-tasks", "Priority tasks", 2, "mandate"),
    ("other-tasks", "Other tasks", 2, "mandate"),
    ("security-presences", "Other security presences in Mali and the Sahel region", 1, None),
    ("mdsf", "Malian Defence and Security Forces", 2, "security-presences"),
    ("fc-g5s", "Force conjointe du G5 Sahel", 2, "security-presences"),
    ("french-forces", "French forces", 2, "security-presences"),
    ("eu", "European Union contribution", 2, "security-presences"),
    ("capacities", "Capacities of MINUSMA, safety and security of MINUSMA's personnel", 1, None),
    ("obligations", "Obligations under international law, human rights law and related aspects", 1, None),
    ("environment", "Environmental issues", 1, None),
    ("salw", "Small arms, light weapons and explosive ordnance threat mitigation", 1, None),
    ("reports", "Reports by the Secretary-General", 1, None),
]
SECTION_BY_TITLE = {title: slug for slug, title, _lvl, _p in SECTIONS}

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
OP_RE = re.compile(r"^(\d+)\.\s+(.*)$", re.S)
LETTER_RE = re.compile(r"^\(([a-h])\)\s+(.*)$", re.S)
ROMAN_RE = re.compile(r"^(?:-\s+)?\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+(.*)$", re.S)
BULLET_RE = re.compile(r"^-\s+(.*)$", re.S)
LINK_RE = re.compile(r"\[([^\]]*)\]\(#\)")
TITLE_ONLY_RE = re.compile(r"^\*([^*]+)\*$")


def clean(text: str) -> str:
    """Remove link wrappers and markdown escapes; collapse whitespace."""
    text = LINK_RE.sub(r"\1", text)
    text = text.replace("\\(", "(").replace("\\)", ")")
    return re.sub(r"[ \t]+", " ", text).strip()


def read_blocks(seed: Path) -> list[str]:
    """Split the seed into blocks (paragraphs and bullet lines), joining page breaks."""
    raw = seed.read_text(encoding="utf-8")
    blocks: list[str] = []
    for para in re.split(r"\n\s*\n", raw):
        for line in para.split("\n"):
            line = line.strip()
            if line:
                blocks.append(line)
    body = blocks[blocks.index("The Security Council,") + 1:]
    joined: list[str] = []
    for block in body:
        is_marker = bool(OP_RE.match(block) or LETTER_RE.match(block) or ROMAN_RE.match(block)
                         or BULLET_RE.match(block))
        prev = joined[-1] if joined else ""
        prev_open = prev and not prev.rstrip().endswith((",", ";", ":", "."))
        letter = LETTER_RE.match(prev)
        if letter and TITLE_ONLY_RE.match(letter.group(2).strip()):
            prev_open = False  # an italic item heading, e.g. "(f) *Humanitarian assistance*"
        if not is_marker and prev_open and clean(prev) not in SECTION_BY_TITLE:
            joined[-1] = prev.rstrip() + " " + block
        else:
            joined.append(block)
    return [clean(b) for b in joined]


def build(seed: Path = SEED) -> tuple[list[dict], dict[str, dict]]:
    """Return (units, english text by id)."""
    units: list[dict] = []
    texts: dict[str, dict] = {}
    section = "preamble"
    pp = 0
    op = None          # current operative number
    letter = None      # current letter id (op28.c)
    roman = None       # current roman id
    bullets: dict[str, int] = {}
    last_titled: str | None = None

    def add(uid: str, parent: str | None, kind: str, label: str, text: str, title=None):
        units.append({"id": uid, "parent": parent, "kind": kind, "label": label,
                      "section": section})
        texts[uid] = {"title": title, "text": text}

    for block in read_blocks(seed):
        if block in SECTION_BY_TITLE:
            section = SECTION_BY_TITLE[block]
            continue
        if op is None and not OP_RE.match(block):
            pp += 1
            add(f"pp{pp}", None, "preambular", "", block)
            continue
        if m := OP_RE.match(block):
            op, letter, roman, last_titled = int(m.group(1)), None, None, None
            add(f"op{op}", None, "operative", f"{op}.", m.group(2))
        elif m := LETTER_RE.match(block):
            letter, roman = f"op{op}.{m.group(1)}", None
            body = m.group(2)
            if t := TITLE_ONLY_RE.match(body):
                add(letter, f"op{op}", "letter", f"({m.group(1)})", "", title=t.group(1))
                last_titled = letter
            else:
                add(letter, f"op{op}", "letter", f"({m.group(1)})", body)
                last_titled = None
        elif m := ROMAN_RE.match(block):
            parent = letter or f"op{op}"
            roman = f"{parent}.{m.group(1)}"
            add(roman, parent, "roman", f"({m.group(1)})", m.group(2))
            last_titled = None
        elif m := BULLET_RE.match(block):
            parent = roman or letter or f"op{op}"
            bullets[parent] = bullets.get(parent, 0) + 1
            add(f"{parent}.{bullets[parent]}", parent, "bullet", "-", m.group(1))
        elif last_titled:
            # body paragraph(s) of a titled lettered item, e.g. op28.f, op29.b
            cur = texts[last_titled]["text"]
            texts[last_titled]["text"] = (cur + "\n\n" + block) if cur else block
        else:
            raise ValueError(f"unplaced block: {block[:60]!r}")
    return units, texts


def main() -> int:
    units, texts = build()
    data = ROOT / "data"
    sections_path = data / "sections.json"
    old = {s["id"]: s["title"] for s in json.loads(sections_path.read_text("utf-8"))} \
        if sections_path.exists() else {}
    sections = [{"id": s, "title": {**old.get(s, {}), "en": t}, "level": lvl, "parent": p}
                for s, t, lvl, p in SECTIONS]
    sections_path.write_text(
        json.dumps(sections, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (data / "units.json").write_text(
        json.dumps(units, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    corpus = {"format": "fieldapp-corpus", "version": 1, "lang": "en",
              "provenance": {"status": "source",
                             "description": "English source text of S/RES/2531 (2020), "
                                            "transcribed from the seed file"},
              "units": texts}
    (data / "text_en.json").write_text(
        json.dumps(corpus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(units)} units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
