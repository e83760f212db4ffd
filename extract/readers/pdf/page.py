"""The engine-neutral page: characters with boxes → ``Word``s; rules → ``Edge``s.

Both engines hand over characters as ``(text, x0, x1, top, bottom)`` tuples
(points, origin at the top left of the page, as pdfplumber counts; the box is
the glyph's advance width by the font's ascent to descent) and axis-aligned rule
segments. ``build_words`` groups the characters as pdfplumber's
``extract_words`` does (lines by ``top`` within 3 pt, left to right, a new word
at a blank), with one change: a gap starts a new word when it is wider than a
fifth of the glyph's height, not a fixed 3 pt. A space is about a quarter em,
so at 9 pt a word gap drawn without a space character (2.5 pt) would otherwise
join two words; and PDFium drops a space that stands alone in its own text run
(as when a font subset changes mid-line), keeping only the gap. The same rule
for both engines gives both the same words.

It also drops glyphs drawn twice at (nearly) the same place — the fake bold of
word processors, which otherwise reads ``분분야야`` — like pdfplumber's
``dedupe_chars`` (which is quadratic in the glyphs of a page).

A glyph whose font has no Unicode map arrives as ``UNMAPPED`` (pdfminer writes
``(cid:123)``, pdfium flags a map error); ``read_pdf`` decides what to do with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

from ...records import NamedTuple

WORD_GAP = 0.2  # a gap wider than this times the glyph's height starts a new word
X_TOLERANCE = 3.0  # the same, in points, for a glyph with no height
Y_TOLERANCE = 3.0  # glyphs whose tops differ by at most this are on one line
DUPLICATE_TOLERANCE = 1.0  # the same glyph this close to itself is drawn twice
UNMAPPED = "\ufffd"  # a glyph with no Unicode value

Char = tuple[str, float, float, float, float]  # text, x0, x1, top, bottom


class EncryptedError(Exception):
    """The PDF needs a password to be opened."""


class BrokenError(Exception):
    """The engine cannot read the file as a PDF (corrupt, truncated); the message says why."""


class Word(NamedTuple):
    """A word and its box. An immutable record (a NamedTuple: a page has thousands, and a
    frozen dataclass takes twice as long to build)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based page of the PDF

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


class Edge(NamedTuple):
    """A ruling line, or a side of a drawn box (a cell border, a shaded row)."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


class Rules(Sequence[Edge]):
    """Rules read on first use: ``read()`` is called the first time they are looked at, once.

    Most pages of a plan hold no table, and the layout looks at a page's rules only where
    its text could be one (a header row naming an agency column, a gutter before a column
    that may read as agency lists, a landscape sheet that may be 2-up); walking every path
    object through ctypes costs more than reading the page's text. Results are the same as
    with the rules read up front, by construction: nothing decides without looking.
    """

    __slots__ = ("_read", "_edges")

    def __init__(self, read: Callable[[], list[Edge]]) -> None:
        self._read: Callable[[], list[Edge]] | None = read
        self._edges: list[Edge] | None = None

    @property
    def loaded(self) -> bool:
        return self._edges is not None

    def _list(self) -> list[Edge]:
        if self._edges is None:
            assert self._read is not None
            self._edges, self._read = self._read(), None
        return self._edges

    def __iter__(self) -> Iterator[Edge]:
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, index):  # type: ignore[override]
        return self._list()[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rules({self._edges!r})" if self.loaded else "Rules(<not read>)"


@dataclass(frozen=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    edges: Sequence[Edge]  # a list, or ``Rules`` read on first use
    chars: int  # glyphs on the page, blanks excluded
    unmapped: int  # of which have no Unicode value
    images: int  # image objects: a page of images and no glyphs is a scan


def build_words(chars: list[Char], page: int) -> list[Word]:
    """Group characters (in content-stream order) into words, top to bottom, left to right."""
    if not chars:
        return []
    cluster: dict[float, int] = {}
    last = None
    index = -1
    for top in sorted(set(map(_top, chars))):
        if last is None or top > last + Y_TOLERANCE:
            index += 1
        cluster[top] = index
        last = top
    lines: list[list[Char]] = [[] for _ in range(index + 1)]
    for char in chars:
        lines[cluster[char[3]]].append(char)

    words: list[Word] = []
    emit = words.append
    new_word = tuple.__new__  # Word(...) without the named tuple's Python-level __new__: ~2x cheaper
    for line in lines:
        line.sort(key=_x0)  # stable: glyphs at one x stay in content-stream order
        text: list[str] = []  # the word being built, and its box
        x0 = x1 = top = bottom = prev_x0 = prev_top = limit = 0.0
        placed_x0 = None  # x0 of the line's last glyph so far, kept or dropped, blanks excluded
        for j, char in enumerate(line):
            ch, cx0, cx1, ctop, cbottom = char
            if ch == " " or ch.isspace():
                if text:
                    emit(new_word(Word, ("".join(text), x0, x1, top, bottom, page)))
                    text = []
                continue
            # drawn twice? Only worth the search when the glyph before it is within reach.
            duplicate = placed_x0 is not None and cx0 - placed_x0 <= DUPLICATE_TOLERANCE and _drawn_before(line, j)
            placed_x0 = cx0
            if duplicate:
                continue
            if text and (cx0 < prev_x0 or cx0 > limit or abs(ctop - prev_top) > Y_TOLERANCE):
                emit(new_word(Word, ("".join(text), x0, x1, top, bottom, page)))
                text = []
            if text:
                text.append(ch)
                if cx1 > x1:
                    x1 = cx1
                if ctop < top:
                    top = ctop
                if cbottom > bottom:
                    bottom = cbottom
            else:
                text = [ch]
                x0, x1, top, bottom = cx0, cx1, ctop, cbottom
            height = cbottom - ctop
            prev_x0, prev_top = cx0, ctop
            limit = cx1 + (WORD_GAP * height if height > 0 else X_TOLERANCE)
        if text:
            emit(new_word(Word, ("".join(text), x0, x1, top, bottom, page)))
    return words


# A glyph's x0 and top, as sort keys: C-level, where a function would be called per glyph.
_x0 = itemgetter(1)
_top = itemgetter(3)


def _drawn_before(line: list[Char], j: int) -> bool:
    """Whether the same glyph as ``line[j]`` lies within ``DUPLICATE_TOLERANCE`` of one before it
    on the line (blanks aside), dropped copies included: a shadow drawn as twenty copies 0.12 pt
    apart is one glyph (chained, as pdfplumber's ``dedupe_chars`` clusters), not one every point."""
    text, x0, _, top, _ = line[j]
    for k in range(j - 1, -1, -1):
        other = line[k]
        if other[0] == " " or other[0].isspace():
            continue
        if x0 - other[1] > DUPLICATE_TOLERANCE:
            return False
        if other[0] == text and abs(other[3] - top) <= DUPLICATE_TOLERANCE:
            return True
    return False


def segment_edges(points: list[tuple[float, float]], closed: bool) -> list[Edge]:
    """The axis-aligned sides of one path's sub-path (top-down coordinates); curves and slants are no rules."""
    edges: list[Edge] = []
    if closed and len(points) > 2:
        points = [*points, points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        if abs(ay - by) < 0.5 and abs(ax - bx) < 0.5:
            continue  # a point, not a line
        if abs(ay - by) < 0.5 or abs(ax - bx) < 0.5:
            edges.append(Edge(min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)))
    return edges
