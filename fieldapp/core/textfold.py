"""Text folding and FTS5 query building: any user string becomes a safe MATCH expression."""
from __future__ import annotations

import re
import unicodedata

from fieldapp.core.lazy_re import LazyPattern

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# Control characters (NUL included) and bidi overrides never reach FTS5.
_CONTROL_RE = LazyPattern(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]")
_WORD_RE = LazyPattern(r"\w", re.UNICODE)
MAX_QUERY_CHARS = 500
MAX_TOKENS = 32


def fold(text: str) -> str:
    """Fold ligatures (FTS5's unicode61 folds accents but not œ/æ) and normalise to NFC."""
    return unicodedata.normalize("NFC", text).translate(_LIGATURES)


def index_columns(text: str) -> tuple[str, str]:
    """(body, folded) for an FTS row: folded is only filled when folding changes something."""
    body = unicodedata.normalize("NFC", text.replace("*", ""))
    folded = fold(body)
    return body, (folded if folded != body else "")


def query_tokens(query: str) -> list[str]:
    """Split a user query into safe tokens (no quotes, no control characters)."""
    cleaned = _CONTROL_RE.sub(" ", query[:MAX_QUERY_CHARS])
    cleaned = fold(cleaned).replace('"', " ")
    tokens = [t for t in cleaned.split() if _WORD_RE.search(t)]
    return tokens[:MAX_TOKENS]


PREFIX_MIN_CHARS = 3


def match_expression(query: str, *, mode: str = "and", prefix_last: bool = False) -> str | None:
    """FTS5 MATCH expression for any user string, or None when nothing is searchable.

    Every token is quoted, so `NEAR(`, `AND`, `-`, `:`, `*`, `(` are words, never syntax.
    Tokens of 3+ characters match as prefixes (enfant → enfants, protect → protection);
    with prefix_last (search as you type) the last token does too, whatever its length.
    """
    tokens = query_tokens(query)
    if not tokens:
        return None
    quoted = [f'"{t}"*' if len(t) >= PREFIX_MIN_CHARS else f'"{t}"' for t in tokens]
    if prefix_last and not quoted[-1].endswith("*"):
        quoted[-1] += "*"
    return (" OR " if mode == "or" else " ").join(quoted)


HL_OPEN, HL_CLOSE = "\x02", "\x03"


def render_snippet(snippet: str, open_mark: str = "[", close_mark: str = "]") -> str:
    """Replace the internal highlight markers with visible ones."""
    return snippet.replace(HL_OPEN, open_mark).replace(HL_CLOSE, close_mark)
