"""Stage 2, normalize: decoded text → ``Text`` (NFC, plain spaces, LF lines).

Every later stage works on ``Text.value``. Offsets reported to the user are
mapped back to the decoded text, so a span points at the characters as they
were in the file even when normalization changed their count (NFD Hangul
composed, CRLF folded).

NFC, never NFKC: NFKC turns ``①`` into ``1`` and ``Ⅰ`` into ``I``, which are
the very markers the parser reads.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from ..records import NamedTuple, Record
from ..stored import compile_regex

# Every horizontal space a plan might carry (tab, NBSP, ideographic space,
# the U+2000 block, zero-width space, a stray BOM) becomes one ASCII space,
# one for one, so offsets do not move.
SPACE_LIKE = compile_regex("[\t\x0b\x0c\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")

# Line separators other than LF that a copy-paste can bring (NEL, LS, PS).
LINE_LIKE = compile_regex("[\x85\u2028\u2029]")

GRAPHEME = compile_regex(r"\X")


class Position(NamedTuple):
    offset: int  # into the decoded text
    line: int  # 1-based
    column: int  # 1-based, in characters of the decoded text


class Text(Record):
    """Normalized text plus what is needed to point back into the decoded text."""

    __slots__ = ("value", "decoded_length", "origin", "line_starts")

    def __init__(self, value: str, decoded_length: int, origin: list[int] | None = None) -> None:
        self.value = value
        self.decoded_length = decoded_length
        # origin[i] = decoded offset of normalized character i; None when identical.
        self.origin = origin
        starts = [0]
        find = self.value.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.line_starts = starts

    def decoded_offset(self, i: int) -> int:
        if self.origin is None:
            return i
        return self.origin[i] if i < len(self.origin) else self.decoded_length

    def position(self, i: int) -> Position:
        line_index = bisect_right(self.line_starts, i) - 1
        line_start = self.line_starts[line_index]
        if self.origin is None:  # the common case, once per node: normalizing moved nothing
            return Position(i, line_index + 1, i - line_start + 1)
        offset = self.decoded_offset(i)
        return Position(offset, line_index + 1, offset - self.decoded_offset(line_start) + 1)


def visible_length(text: str) -> int:
    """How many characters of ``text`` are not whitespace (at C speed: a Python loop over every
    character cost more)."""
    return len("".join(text.split()))


def is_hangul_syllables(text: str) -> bool:
    """Whether every character of ``text`` is a Hangul syllable (가-힣): a Korean word, not an
    acronym, a number or a sign."""
    return all("가" <= ch <= "힣" for ch in text)


def plain_spaces(text: str) -> str:
    """Every space-like character → an ASCII space, one for one (offsets do not move)."""
    # A substitution, not str.translate: the common text has none of these, and
    # a regex search says so at C speed where translate looks up every character.
    return SPACE_LIKE.sub(" ", text) if SPACE_LIKE.search(text) else text


def normalize(decoded: str) -> Text:
    """NFC-compose, fold CRLF/CR to LF and space-like characters to spaces."""
    flat = plain_spaces(decoded)
    flat = LINE_LIKE.sub("\n", flat) if LINE_LIKE.search(flat) else flat
    if "\r" not in flat and unicodedata.is_normalized("NFC", flat):
        return Text(flat, len(decoded))  # the common case: nothing moves
    pieces: list[str] = []
    origin: list[int] = []
    for cluster in GRAPHEME.finditer(flat):
        piece = cluster.group()
        piece = "\n" if piece in ("\r\n", "\r") else unicodedata.normalize("NFC", piece)
        pieces.append(piece)
        origin.extend([cluster.start()] * len(piece))
    return Text("".join(pieces), len(decoded), origin)
