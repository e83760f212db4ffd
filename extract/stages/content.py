"""Stage 4b, cut content: the text between two headings → title, label, agencies.

Takes the accepted headings (``tree.build_tree``) and the furniture spans;
returns, per heading, a ``Cut`` whose every part carries its source span, plus
what lies before the first heading (the plan's title line) and the trailing
fragment a scrape leaves after the last task.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import regex

from ..stored import compile_regex

from .agencies import (
    LEAD_LABEL_AT_END,
    LIST_ENDINGS,
    FoundAgency,
    Piece,
    Registry,
    agencies_at_end,
    agencies_in_inner_parentheses,
    agencies_in_leading_parenthesis,
    agencies_in_parenthesis,
    pieces_from_right,
    restore_shared_suffixes,
    labelled_parenthesis_start,
    leading_parenthesis_end,
    trailing_parenthesis_start,
)
from ..records import NamedTuple, Record
from .normalize import is_hangul_syllables
from .profile import Profile
from .tokenize import Spans
from .tree import Draft, Issue

# 사회문제 해결(참여) → label 참여; the parentheses are syntax, in the label's span.
TRAILING_PARENTHETICAL = compile_regex(r"\(\s*(?P<label>[^()\s][^()]{0,40}?)\s*\)\s*\Z")


class Part(NamedTuple):
    """A piece of the source claimed by one place in the output (for the lossless check).

    A named tuple: every node makes three or four, and a frozen dataclass
    costs twice as much to build.
    """

    role: str  # marker, title, label, agencies, plan-title, noise
    start: int
    end: int


class Cut(Record):
    """What a heading's row was cut into."""

    __slots__ = (
        "title", "title_span", "label", "label_span", "agencies", "agencies_span", "end", "registry_reading", "references"
    )

    def __init__(
        self,
        title: str,
        title_span: tuple[int, int],
        label: str | None = None,
        label_span: tuple[int, int] | None = None,
        agencies: list[FoundAgency] | None = None,
        agencies_span: tuple[int, int] | None = None,
        end: int = 0,  # end of the node's own text
        registry_reading: list[FoundAgency] | None = None,  # set when the agency column said otherwise
        references: list[str] | None = None,  # page cross-references, footnote marks after the title
    ) -> None:
        self.title = title
        self.title_span = title_span
        self.label = label
        self.label_span = label_span
        self.agencies = agencies
        self.agencies_span = agencies_span
        self.end = end
        self.registry_reading = registry_reading
        self.references = [] if references is None else references


class Preamble(Record):
    """The text before the first heading: the plan's title and year."""

    __slots__ = ("title", "year", "title_span", "unrecognized")

    def __init__(
        self,
        title: str | None,
        year: int | None,
        title_span: tuple[int, int] | None,
        unrecognized: list[tuple[int, int]] | None = None,
    ) -> None:
        self.title = title
        self.year = year
        self.title_span = title_span
        self.unrecognized = [] if unrecognized is None else unrecognized


def fold(text: str) -> str:
    """Runs of whitespace → one space, ends trimmed (str.split is C-fast for this)."""
    return " ".join(text.split())


def trimmed(text: str, start: int, end: int, furniture: Spans) -> tuple[int, int]:
    """[start, end) shrunk to its first and last non-space, non-furniture character."""
    start, row = _trimmed_row(text, start, end, furniture)
    return start, start + len(row)


def _trimmed_row(text: str, start: int, end: int, furniture: Spans) -> tuple[int, str]:
    """[start, end) shrunk as ``trimmed`` does: (its new start, its text with furniture blanked)."""
    row = _outside(text, start, end, furniture)
    words = row.strip()
    if words:
        start += len(row) - len(row.lstrip())
    return start, words


def _outside(text: str, start: int, end: int, furniture: Spans) -> str:
    """``text[start:end]`` with its furniture blanked to spaces, so offsets stay put.

    A row's words, title and agency list are then read from one string; furniture
    inside a row (a page break mid-row) parts words as a space does.
    """
    if not furniture.overlaps(start, end):  # the common row
        return text[start:end]
    pieces, pos = [], start
    for s, e in furniture.gaps(start, end):
        pieces += [" " * (s - pos), text[s:e]]
        pos = e
    pieces.append(" " * (end - pos))
    return "".join(pieces)


def cut_node(
    text: str,
    draft: Draft,
    start: int,
    end: int,
    furniture: Spans,
    profile: Profile,
    registry: Registry,
    cells: dict[int, int] | None = None,
    lines: bool = False,
) -> Cut:
    """Cut the content [start, end) of ``draft`` into its parts.

    ``cells`` (PDF input) maps the end of each table row's agency cell to its start:
    a node whose text ends with such a cell takes the cell's words as its agencies.
    ``lines``: the text is a reader's own lines (PDF, HWP, HWPX, a rebuilt word stream),
    where a heading's line ends where its title does: a ``leaf`` family's heading with
    children also takes the agencies its line ends in (``○ … 확대 중기부`` over its ``·``
    items), as long as a title is left before them.
    """
    # One string for the row, furniture blanked: agencies, label and title are all read from it.
    start, row = _trimmed_row(text, start, end, furniture)
    end = start + len(row)
    family = draft.family
    wants_agencies = family.agencies == "always" or (family.agencies == "leaf" and (not draft.children or lines))
    cut = Cut(title="", title_span=(start, end), end=max(end, draft.token.end))
    title_start, title_end = start, end
    if wants_agencies:
        found = agencies_at_end(text, start, row, profile.separators, registry)
        if draft.children and family.agencies == "leaf" and found and not row[: found[0].start - start].strip():
            found = []  # a heading that is only a name (가. 고용노동부) is titled by it
        cell_start = cells.get(end) if cells else None
        if cell_start is not None and cell_start > draft.token.end:
            cell = [*pieces_from_right(text, furniture.gaps(cell_start, end), profile.separators)][::-1]
            column = column_agencies(text, cell, furniture, profile.separators, registry)
            if [(a.start, a.end) for a in column] != [(a.start, a.end) for a in found]:
                cut.registry_reading = found
            found = column
        if not found:
            found = agencies_in_parenthesis(text, start, row, profile.separators, registry)
            if found:
                title_end = _title_end(row, start, trailing_parenthesis_start(row) + start, profile.separators)
                cut.agencies_span = (title_end, end)
        if not found and lines:
            found = agencies_in_leading_parenthesis(text, start, row, profile.separators, registry)
            if found:  # (국토부) 공공택지 …: the title starts after the parenthesis
                after = row[leading_parenthesis_end(row) :]
                title_start = end - len(after.lstrip())
                cut.agencies_span = (start, title_start)
        # A heading over other nodes is a task only when its line names agencies.
        cut.agencies = found if found or not draft.children or family.agencies == "always" else None
        if found and cut.agencies_span is None:
            label = LEAD_LABEL_AT_END.search(row, 0, found[0].start - start)
            if label is not None and label.start() > 0:  # '… 구현 주관부처 : 행정안전부': the label is the list's
                title_end = _title_end(row, start, start + label.start(), "")
            else:
                title_end = _title_end(row, start, found[0].start, profile.separators + BEFORE_AGENCIES)
            labelled = labelled_parenthesis_start(row, title_end - start)
            if labelled > 0:  # '… 업체 등 (주관: 식품의약품안전처·시청)' before its row's agency cell: the agencies' say, no title
                title_end = _title_end(row, start, start + labelled, "")
            cut.agencies_span = (title_end, end)  # a separator after the last agency is the list's
        if found:  # a task naming a body per item: its title's own agency parentheses count too
            inner = agencies_in_inner_parentheses(title_start, text[title_start:title_end], profile.separators, registry)
            if inner:
                cut.agencies = distinct_agencies(inner + found)
    if family.label == "trailing-parenthetical":
        content = text[title_start:title_end]
        m = TRAILING_PARENTHETICAL.search(content)
        if m and m.start() > 0:
            cut.label = fold(m.group("label"))
            cut.label_span = (title_start + m.start(), title_end)
            title_end = _title_end(row, start, title_start + m.start(), "")
    title_end = _take_references(text, title_start, title_end, cut)
    cut.title_span = (title_start, title_end)
    # Not row[:title_end - start]: an agency cell can start left of the trimmed row
    # (U+001C–U+001F: spaces to str.strip, word characters to word_view).
    cut.title = fold(row[title_start - start : max(title_end - start, title_start - start)])
    if lines and INNER_MARK.search(cut.title):
        # A printed line's footnote marks set inside the title (직접 시행*하여, 재검토1｣하고)
        # go to the references too; in run-on text a * inside a title is left alone.
        cut.references = INNER_MARK.findall(cut.title) + cut.references
        cut.title = fold(INNER_MARK.sub("", cut.title))
    if "\u2024" in cut.title:
        cut.title = WORD_DOT.sub("·", cut.title)
    return cut


# A one-dot leader (U+2024) set alone between two words is the middle dot the word processor
# drew ('출입․검사', Hancom's 가운뎃점 in its PDFs); a title carries the middle dot, so a
# user searching '출입·검사' finds it. A run of them is a leader and stays.
WORD_DOT = compile_regex(r"(?<= [^\s.\u2024] ) \u2024 (?= [^\s.\u2024] )", regex.VERBOSE)


# What a title may end with that is not the title: a page cross-reference or a footnote mark,
# kept as the node's ``references``.
#   … 일자리 지원 강화 (18페이지)   … 추진 ☞ 18쪽   … 개선 p.18   … 도입*   … 재검토1｣
TRAILING_REFERENCE = compile_regex(
    # (no leading blanks: a match starts at the reference, so a run of spaces inside a title
    # is not rescanned from each of its positions; the title's end is stripped after it)
    r"""(?: (?: [(\[] \s* (?: (?: ☞ | → | 참고 ) \s* )? | (?: ☞ | → | 참고 ) \s* )?
            (?P<page> (?: p\. ?\s* \d{1,3} | \d{1,3} \s* (?: 페이지 | 쪽 | p\.? ) ) ) \s* [)\]]?
        | (?<= \S ) (?P<mark> \*{1,3} | \d{1,2} ｣ ) ) \s* $""",
    regex.VERBOSE,
)


# A footnote mark set between two characters of a title: 시행*하여, 재검토1｣하고, 금액기준9)에 (a
# footnote number glued between two syllables; '3) 추진' at a line's start is a marker).
INNER_MARK = compile_regex(
    r"(?<= [\p{Hangul}\p{L}\p{N})\]] ) (?: \*{1,3} | \d{1,2} ｣ ) (?= [\p{Hangul}\s,(] ) | (?<= \p{Hangul} ) \d{1,2} \) (?= \p{Hangul} )",
    regex.VERBOSE,
)


def _take_references(text: str, start: int, title_end: int, cut: Cut) -> int:
    """Move page cross-references and footnote marks from the end of the title [start,
    title_end) to ``cut.references`` (as written, in order); returns the title's new end."""
    found: list[str] = []
    while True:
        m = TRAILING_REFERENCE.search(text, start, title_end)
        if m is None or m.start() == start or not text[start : m.start()].strip():
            break
        found.append(m.group("page") or m.group("mark"))
        title_end = start + len(text[start : m.start()].rstrip())
    cut.references = found[::-1]
    return title_end


def column_agencies(
    text: str, pieces: list[Piece], furniture: Spans, separators: str, registry: Registry
) -> list[FoundAgency]:
    """The agencies of a PDF row's agency cell: every word of the cell is an agency's.

    Items between separators are read with the registry (``전 부처`` is one agency,
    ``조달청 중기부`` two, a comma lost at a wrap); words of an item the registry
    cannot place form one agency it lacks (``LH``), together with the word after
    them when that is itself only agency-like (``한국 지능정보 사회진흥원``: the
    registry knows no 사회진흥원, so it is the end of a longer name).
    """
    found: list[FoundAgency] = []
    for item in _division_free(_items(text, pieces), registry):
        row = _outside(text, item[0].start, item[-1].end, furniture)
        known = agencies_at_end(text, item[0].start, row, separators, registry)
        head = item[: len(item) - sum(1 for p in item if any(a.start <= p.start < a.end for a in known))]
        if head:
            end, written = head[-1].end, " ".join(p.text for p in head)
            if known and known[0].name is None:
                tail = known.pop(0)
                end, written = tail.end, f"{written} {tail.text}"
            found.append(FoundAgency(head[0].start, end, written, registry.canonical(written)))
        found.extend(known)
    return distinct_agencies(_qualifiers_joined(text, restore_shared_suffixes(found, registry), registry))


def _qualifiers_joined(text: str, found: list[FoundAgency], registry: Registry) -> list[FoundAgency]:
    """Words of one or two Hangul syllables the registry does not know name no agency before a name:
    they qualify it (``시 교육청``, the city's; ``동·서부 교육지원청``, the eastern and western
    ones), and are read with it, as written. At the end of a cell they stay as they are
    (``학교``)."""
    out: list[FoundAgency] = []
    pending: int | None = None  # where the qualifiers before the next name start
    for agency in found:
        if agency.name is None and all(_is_qualifier(part) for part in QUALIFIER_PARTS.split(agency.text) if part):
            pending = agency.start if pending is None else pending
            out.append(agency)
            continue
        if pending is not None:
            while out and out[-1].start >= pending:
                out.pop()
            written = " ".join(text[pending : agency.end].split())
            agency = FoundAgency(pending, agency.end, written, registry.canonical(written))
            pending = None
        out.append(agency)
    return out


QUALIFIER_PARTS = compile_regex(r"[\s·ㆍ‧∙･,/]+")


def _is_qualifier(word: str) -> bool:
    """One or two Hangul syllables ('시', '서부'): a place or a part, not an acronym ('SH', 'LH')."""
    return len(word) <= 2 and is_hangul_syllables(word)


def _division_free(items: list[list[Piece]], registry: Registry) -> list[list[Piece]]:
    """Items with the divisions named after an agency taken out, each parting the item there:
    ``국토교통부 공공택지관리과 도심주택공급협력과 국토교통부`` → ``국토교통부``, ``국토교통부``."""
    out: list[list[Piece]] = []
    for item in items:
        part: list[Piece] = []
        for i, piece in enumerate(item):
            if i and registry.is_division(piece.text):
                if part:
                    out.append(part)
                part = []
            else:
                part.append(piece)
        if part:
            out.append(part)
    return out


def distinct_agencies(found: list[FoundAgency]) -> list[FoundAgency]:
    """``found`` without repeats (one agency named again in a cell, for another division)."""
    seen: set[str] = set()
    kept = []
    for agency in found:
        key = agency.name or agency.text
        if key not in seen:
            seen.add(key)
            kept.append(agency)
    return kept


def _items(text: str, pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into the items of a list: a separator between two pieces, or the word
    및, ends an item; a word that ends a list (등, 합동: '교육(지원)청 및 유관기관 합동')
    names no agency."""
    items: list[list[Piece]] = []
    for piece in pieces:
        if piece.text in LIST_CONJUNCTIONS:
            items.append([])
            continue
        if not items or (items[-1] and text[items[-1][-1].end : piece.start].strip()):
            items.append([])
        items[-1].append(piece)
    for item in items:
        if len(item) > 1 and item[-1].text in LIST_ENDINGS:
            del item[-1]
    return [item for item in items if item]


LIST_CONJUNCTIONS = frozenset({"및"})  # 교육(지원)청 및 유관기관


# What may stand between a title and the agencies after it, the title's no more: '… 구현 : 행안부',
# '… 구현 ― 행안부'.
BEFORE_AGENCIES = ":：-–—―"

# Words of a row read at first when looking for the agencies before a trailing fragment.
WINDOW_WORDS = 16


def _title_end(row: str, start: int, limit: int, separators: str) -> int:
    """Back off from ``limit`` over whitespace, separators and furniture (blanked in ``row``, the text from ``start``)."""
    i = limit - start
    while i > 0 and (row[i - 1].isspace() or row[i - 1] in separators):
        i -= 1
    return start + i


def trailing_fragment(
    text: str, draft: Draft, cut: Cut, furniture: Spans, profile: Profile, registry: Registry
) -> tuple[Cut, list[tuple[int, int]]] | None:
    """For the last task of a scrape: split off words after its agency list.

    ``… 도입 행안부 정부혁신으로`` — the last task's agencies, then the first
    word of the next page the scrape cut off. Only tried when the row does not
    already end in agencies, and only on a known (registry) agency. Returns the
    new cut and the fragment's regions (furniture inside it stays furniture).
    """
    if cut.agencies is None or cut.agencies:
        return None
    start, end = cut.title_span
    row = _outside(text, start, end, furniture)
    words = _Lookahead(pieces_from_right(text, furniture.gaps(start, end), profile.separators))
    slack = max(registry.tail_words.values(), default=1)  # words a multi-word alias may reach back
    take = words.take  # once a word: bound once
    right = take()  # the fragment's leftmost word; the fragment is all the words from it rightward
    while (word := take()) is not None:  # the word left of the fragment: the list's last, if any
        fragment_start, right = right.start, word
        if not _may_be_agency(word.text, registry):  # the list would end with this word: skip at once
            continue
        found = _agencies_before(text, start, row, fragment_start, word, words, slack, profile.separators, registry)
        if any(agency.name for agency in found):
            title_end = _title_end(row, start, found[0].start, profile.separators)
            fragment = [trimmed(text, s, e, furniture) for s, e in furniture.gaps(fragment_start, end)]
            new = Cut(
                title=fold(row[: title_end - start]),
                title_span=(start, title_end),
                agencies=found,
                agencies_span=(title_end, fragment_start),  # separators before the fragment included
                end=found[-1].end,
            )
            return new, fragment
    return None


class _Lookahead:
    """A row's words right to left (``pieces_from_right``), read only as far as the search asks.

    Listing them all first kept a ``Piece`` for every word of the row, though the search never
    looks back: two thirds of what a long row of prose held (22 of 34 MB a MB of input).
    """

    def __init__(self, pieces: Iterator[Piece]) -> None:
        self._pieces = pieces
        self._read: deque[Piece] = deque()  # read ahead by a try, not yet taken

    def take(self) -> Piece | None:
        """The next word leftward, or None at the row's start."""
        return self._read.popleft() if self._read else next(self._pieces, None)

    def peek(self, i: int) -> Piece | None:
        """The ``i``-th word left of the last one taken (0: the next to take), or None past the row's start."""
        while i >= len(self._read):
            piece = next(self._pieces, None)
            if piece is None:
                return None
            self._read.append(piece)
        return self._read[i]


def _may_be_agency(word: str, registry: Registry) -> bool:
    """Whether ``agencies_at_end`` could take ``word`` as a list's last word."""
    return word in registry.tail_words or registry.name_of_word(word) is not None or registry.looks_like_agency(word)


def _agencies_before(
    text: str,
    start: int,
    row: str,
    fragment_start: int,
    word: Piece,
    ahead: _Lookahead,
    slack: int,
    separators: str,
    registry: Registry,
) -> list[FoundAgency]:
    """``agencies_at_end`` of the row up to ``fragment_start`` (``word`` the last word before it,
    ``ahead`` the words left of that), read in a window of the last few words (widened while the
    list fills it) so that trying every word stays linear: reading the whole prefix each time was
    quadratic in the row."""

    def nth(i: int) -> Piece | None:  # the i-th word leftward from ``word`` (0: ``word``)
        return word if i == 0 else ahead.peek(i - 1)

    width = WINDOW_WORDS
    while True:
        first = width - 1  # the window's leftmost word
        leftmost = nth(first)
        window_start = leftmost.start if leftmost is not None else start
        found = agencies_at_end(text, window_start, row[window_start - start : fragment_start - start], separators, registry)
        if window_start == start or not found or found[0].start > nth(max(first - slack, 0)).start:
            return found  # the list stops inside the window: words further left were never going to count
        width *= 2


def read_preamble(text: str, end: int, furniture: Spans, profile: Profile) -> Preamble:
    """The text before the first heading: the plan's title line, then anything else."""
    regions = [trimmed(text, s, e, furniture) for s, e in furniture.gaps(0, end)]
    regions = [(s, e) for s, e in regions if e > s]
    if not regions:
        return Preamble(None, None, None)
    title_span = regions[0]
    title = fold(text[title_span[0] : title_span[1]])
    m = profile.year_pattern.search(title)
    year = int(m.group("year")) if m else None
    return Preamble(title, year, title_span, regions[1:])


def agency_issues(draft: Draft, cut: Cut) -> list[Issue]:
    """Warnings for a row with no agencies, or with agencies the registry lacks."""
    if cut.agencies is None:
        return []
    issues = []
    if not cut.agencies and draft.family.agencies == "always":
        issues.append(Issue("warning", "missing-agencies", f"{draft.family.kind} {draft.token.marker} has no lead agency", draft.token.start))
    if cut.registry_reading is not None:
        column = ", ".join(a.text for a in cut.agencies) or "nothing"
        alone = ", ".join(a.text for a in cut.registry_reading) or "nothing"
        issues.append(
            Issue(
                "info",
                "agency-column",
                f"{draft.family.kind} {draft.token.marker}: the agency column holds {column}; the registry alone would read {alone}",
                cut.agencies[0].start if cut.agencies else draft.token.start,
            )
        )
    for agency in cut.agencies:
        if agency.name is None:
            issues.append(Issue("warning", "unknown-agency", f"agency {agency.text!r} is not in the registry", agency.start))
    return issues
