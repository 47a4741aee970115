"""Hostile strings for the hostile-text tests, generated here (nothing downloaded).

Each entry: (name, text, verdict) where verdict is "ok" (must be stored exactly),
"rejected" (the validators must refuse it with one clear line: NUL, C0 controls other than
tab/newline/CR, DEL, empty after strip). All synthetic.
"""
from __future__ import annotations

MEGABYTE = 1_000_000  # the note text limit (characters) is exactly this


def _controls() -> list[tuple[str, str, str]]:
    out = []
    for code in range(0x01, 0x20):
        verdict = "ok" if code in (0x09, 0x0A, 0x0D) else "rejected"
        out.append((f"control U+{code:04X}", f"before{chr(code)}after", verdict))
    out.append(("DEL", "before\x7fafter", "rejected"))
    return out


def naughty_strings(*, full: bool = True) -> list[tuple[str, str, str]]:
    """The whole list (`full`), or a representative subset for the fast default run."""
    base = [
        ("bold markup", "<b>bold</b> text", "ok"),
        ("img markup", '<img src="x"> picture', "ok"),
        ("img file", '<img src="file:///etc/passwd" width="500"/> leak', "ok"),
        ("script", "<script>alert('x')</script> script", "ok"),
        ("entity", "fish &amp; chips &lt;b&gt;", "ok"),
        ("cdata end", "]]> cdata end", "ok"),
        ("reportlab para", "<para>reportlab</para> <font color='red'>red</font>", "ok"),
        ("qt link", '<a href="http://example.invalid">link</a> anchor', "ok"),
        ("formula cmd", "=cmd|'/c calc'!A1", "ok"),
        ("formula plus", "+1", "ok"),
        ("formula minus", "-2", "ok"),
        ("formula at", "@SUM(1)", "ok"),
        ("tab prefix", "\tindented cell", "ok"),
        ("CR prefix", "\rcarriage cell", "ok"),
        ("lone CR inside", "line one\rline two", "ok"),
        ("CRLF inside", "line one\r\nline two", "ok"),
        ("RTL override", "abc\u202Edcba\u202C end", "ok"),
        ("zero width", "zero\u200Bwidth\uFEFFjoin", "ok"),
        ("combining x1000", "e" + "\u0301" * 1000, "ok"),
        ("combining word", "Me\u0301naka re\u0301gion", "ok"),
        ("emoji", "Gao 👩🏽‍⚕️ 🇲🇱 done ✓", "ok"),
        ("very long word", "x" * 5000, "ok"),
        ("sql injection", "'); DROP TABLE notes;--", "ok"),
        ("fts near", "NEAR(a b)", "ok"),
        ("double quote", '"', "ok"),
        ("star", "*", "ok"),
        ("apostrophe", "l'enfant", "ok"),
        ("fts syntax", 'AND OR NOT ( ) : ^ - "unterminated', "ok"),
        ("backslashes", "C:\\temp\\n\\;\\,", "ok"),
        ("vcard separators", "a;b,c:d\\e", "ok"),
        ("ical keyword", "END:VEVENT\nBEGIN:VEVENT", "ok"),
        ("percent format", "%s %d {0} {name}", "ok"),
        ("NUL", "before\x00after", "rejected"),
        ("empty after strip", " \t\r\n ", "rejected"),
        ("NBSP only", "\u00a0\u202f", "rejected"),  # empty after strip
        ("non-BMP", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈", "ok"),
    ]
    controls = _controls()
    if not full:
        controls = [c for c in controls if c[0] in ("control U+0001", "control U+0009",
                                                    "control U+001B", "DEL")]
    return base + controls


def one_megabyte() -> str:
    """A 1 MB note (the largest allowed), with markup and a searchable word inside."""
    chunk = "Synthetic <b>megabyte</b> note & text. "
    text = (chunk * (MEGABYTE // len(chunk) + 1))[:MEGABYTE - 12] + " zanzibarite"
    assert len(text) == MEGABYTE
    return text
