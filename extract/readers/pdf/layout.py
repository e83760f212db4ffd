"""Layout: one page's words and rules → ``Unit``s, the lines of text in reading order.

Engine-neutral geometry, in this order:

1. **2-up sheets.** A landscape page whose words fall in two halves with an empty
   band down the middle (and no rule across it) is two printed pages: read the
   left half, then the right.
2. **The agency column.** Found from the header row (a line whose right part
   matches the profile's ``[pdf] agency_header``, e.g. ``대표 과제 | 주관기관``),
   else at the gutter between two columns where the right column reads as agency
   lists (the lexicon confirms what the geometry proposes), else where the
   previous page had it. The split is a vertical rule in the gutter if there is
   one, else the gutter's middle.
3. **Rows.** Horizontal rules (cell borders, the edges of shaded rows) cut the
   table into rows. Without rules, task-column lines are grouped into cells by
   their spacing (and a line opening with a heading marker starts a row), and
   each agency-column line joins the cell it sits beside.
4. **Cells.** A row is split into ``task cell`` and ``agency cell`` unless it
   spans both columns: no vertical rule at the split beside it while the page
   has such rules, or (without such rules) a word across the split or a right
   part that does not read as an agency list. Wrapped lines of a cell join with
   a space.

What is above the header row or outside the ruled rows stays plain text lines
(the plan's title, running headers, page numbers); ``read_pdf`` decides which of
those are furniture. With no agency column at all, the page is plain text lines.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter, itemgetter

import regex

from ...records import NamedTuple
from .grid import find_grid, grid_rows, join_rules
from .page import Edge, PageContent, Rules, Word

LINE_TOLERANCE = 3.0  # words whose tops differ by at most this share a line
RULE_MERGE = 2.0  # rules closer than this are one (a cell border drawn twice, a shaded row's edge)
MIN_GUTTER = 2.0  # narrowest gap between columns, in points (see _word_gap)
TWO_UP_BAND = (0.35, 0.65)  # where, as a fraction of the width, a 2-up sheet's middle gap lies
TWO_UP_SHARE = 0.15  # each half of a 2-up sheet holds at least this share of the words
GUTTER_FROM = 0.35  # without a header, the agency column starts right of this fraction of the width
AGENCY_LINES = 0.6  # share of the right column's lines that must read as agency lists
MARGIN_BAND = 0.12  # a line this close (as a fraction of the height) to the top or bottom is a margin line
BOX_PAD = 1.0  # a box around one line leaves at most this many line heights above and below the text
BOX_SIDE = 4.0  # …and at most this many paddings left and right of it (a box a little wider than its text)


class Unit(NamedTuple):
    """One line of composed text: a table row (task cell, agency cell) or a line of plain text.
    (A named tuple: a page has dozens, and a frozen dataclass takes several times as long to build.)"""

    kind: str  # row, header, text
    left: str  # the task cell, or the whole line
    right: str  # the agency cell; "" when there is none
    page: int
    top: float
    bottom: float
    margin: str | None = None  # "top" / "bottom": first or last line of the page, in the margin band
    x0: float | None = None  # left edge of a line of plain text (its indentation)
    height: float | None = None  # its height: the largest glyph box, a stand-in for the font size
    cells: tuple[TableCell, ...] = ()  # a ruled grid's row: every column's cell (``left``/``right`` unused)
    side: int = 0  # which printed page of a 2-up sheet: 0 left (or the whole page), 1 right
    framed: bool = False  # a line of plain text drawn in a box of its own (a banner: 세부추진과제 목록)


class TableCell(NamedTuple):
    """One cell of a ruled grid's row: its text, its column's header, whether it is the agency column."""

    text: str
    header: str
    agencies: bool = False
    category: bool = False  # its column holds categories over several rows (grid.py): part of the title


@dataclass
class Column:
    split: float  # x that divides the task column from the agency column
    gutter: tuple[float, float]  # the empty band the split lies in
    dividers: list[Edge] = field(default_factory=list)  # vertical rules in the gutter


@dataclass
class PageReader:
    """Reads pages in order, carrying the agency column from one page to the next."""

    agency_header: regex.Pattern[str] | None
    is_agency_list: Callable[[str], bool]
    starts_with_marker: Callable[[str], bool]
    carried: float | None = None  # the split of the last page that had a table, as a fraction of its width
    # Test a gutter without the rules first (``_agency_column``); False reads them for every
    # gutter, as before (tests/test_pdf_speed.py checks both give the same JSON on real plans).
    probe_without_rules: bool = True
    title_header: regex.Pattern[str] | None = None  # a title column's header: a grid's tasks, not categories

    def read(self, page: PageContent) -> list[Unit]:
        units: list[Unit] = []
        for side, (x0, x1) in enumerate(self.regions(page)):
            words = [w for w in page.words if x0 <= (w.x0 + w.x1) / 2 < x1]  # w.center, without the property call
            edges = Rules(partial(_edges_within, page.edges, x0, x1))  # read only if looked at (pdfium.py)
            units.extend(u._replace(side=side) if side else u for u in self.read_region(page, words, edges, x0, x1))
        return units

    # --- 1. 2-up sheets ---------------------------------------------------------
    def regions(self, page: PageContent) -> list[tuple[float, float]]:
        whole = [(0.0, page.width)]
        if page.width <= page.height or len(page.words) < 10:
            return whole
        lo, hi = page.width * TWO_UP_BAND[0], page.width * TWO_UP_BAND[1]
        gaps = [g for g in free_intervals(page.words, lo, hi) if g[1] - g[0] >= 3 * MIN_GUTTER]
        if not gaps:
            return whole
        g0, g1 = max(gaps, key=lambda g: g[1] - g[0])
        middle = (g0 + g1) / 2
        left = sum(1 for w in page.words if w.center < middle)
        if min(left, len(page.words) - left) < TWO_UP_SHARE * len(page.words):
            return whole
        if any(e.horizontal and e.x0 < g0 and e.x1 > g1 for e in page.edges):
            return whole  # a rule runs across the gap: one wide table, not two pages
        right_lines = [" ".join(w.text for w in line) for line in group_lines([w for w in page.words if w.center >= middle])]
        if right_lines and sum(map(self.is_agency_list, right_lines)) >= AGENCY_LINES * len(right_lines):
            return whole  # the right "half" is an agency column
        return [(0.0, middle), (middle, page.width)]

    # --- 2–4. one printed page ----------------------------------------------------
    def read_region(self, page: PageContent, words: list[Word], edges: list[Edge], x0: float, x1: float) -> list[Unit]:
        lines = group_lines(words)
        named = self.naming_agencies(lines)
        if named:
            rules = Rules(partial(join_rules, edges))
            grid = find_grid([lines[i] for i in named], rules, self.agency_header, self.title_header)
            if grid is not None:
                return _mark_margins(self.read_grid(grid, lines, rules, page.number), page.height)
        header = self.find_header(lines, named)
        body = lines[header + 1 :] if header is not None else lines
        column = self.find_column(lines[header] if header is not None else None, body, edges, x0, x1)
        units: list[Unit] = []
        if header is not None:
            units.extend(_text_unit(line, page.number) for line in lines[:header])
            units.append(_text_unit(lines[header], page.number, kind="header"))
        if column is None:
            units.extend(_text_unit(line, page.number) for line in body)
        else:
            self.carried = (column.split - x0) / (x1 - x0)
            units.extend(self.read_table([w for line in body for w in line], edges, column, page.number))
        units.sort(key=lambda u: u.top)
        return _mark_margins(units, page.height)

    def read_grid(self, grid, lines: list[list[Word]], edges: list[Edge], page: int) -> list[Unit]:
        """A page region holding a ruled table (``grid.py``): lines above it (one drawn in a
        box of its own is framed: a banner over the table, '세부추진과제 목록'), its header
        row, its rows (a spanning row as its lines), lines below it."""
        head = [w for line in lines for w in line if grid.head_top - RULE_MERGE <= w.middle <= grid.top]
        rest = [w for line in lines for w in line if not grid.head_top - RULE_MERGE <= w.middle <= grid.top]
        rows, outside = grid_rows(grid, rest, edges)
        categories = frozenset().union(*(row.category for row in rows))  # columns of categories, for every row
        units = []
        boxes = None  # the sides of boxes above the table, gathered for the first line there
        for line in group_lines(outside):
            framed = False
            if max([w.bottom for w in line]) <= grid.head_top + RULE_MERGE:
                if boxes is None:
                    boxes = _box_sides(edges)
                framed = _framed(line, boxes)
            units.append(_text_unit(line, page, framed=framed))
        if head:
            units.append(Unit("header", _cell_text(head), "", page, min(w.top for w in head), max(w.bottom for w in head)))
        for row in rows:
            filled = [words for words in row.cells if words]
            if row.spanning or (len(filled) == 1 and not row.cells[grid.agency_column]):
                # A row across the table (a section heading), or with only one cell filled and
                # no agencies: its lines, as on a page without a table.
                units.extend(_text_unit(line, page) for line in group_lines(list(row.spanning or filled[0])))
                continue
            cells = tuple(
                TableCell(_cell_text(list(words)), header, c == grid.agency_column, c in categories)
                for c, (words, header) in enumerate(zip(row.cells, grid.headers))
            )
            if row.outer:  # a category's outer part, after the cells: beside the title, not in it
                cells += (TableCell(_cell_text(list(row.outer)), grid.headers[min(categories)]),)
            units.append(Unit("row", "", "", page, row.top, row.bottom, cells=cells))
        units.sort(key=lambda u: u.top)
        return units

    def naming_agencies(self, lines: list[list[Word]]) -> list[int]:
        """The lines in which the agency header's pattern matches at all: only they can be a
        grid's header row (``find_grid``) or a table's (``find_header``). One search a line,
        where each of those would make its own."""
        if self.agency_header is None:
            return []
        search = self.agency_header.search
        return [i for i, line in enumerate(lines) if search(" ".join([w.text for w in line]))]

    def find_header(self, lines: list[list[Word]], named: list[int]) -> int | None:
        """The first of the lines ``named`` (``naming_agencies``) that is a header row."""
        for i in named:
            if _header_split(lines[i], self.agency_header) is not None:
                return i
        return None

    def find_column(
        self, header: list[Word] | None, body: list[list[Word]], edges: list[Edge], x0: float, x1: float
    ) -> Column | None:
        if header is not None:
            split_at = _header_split(header, self.agency_header)
            assert split_at is not None
            lo = header[split_at - 1].x1
            hi = header[split_at].x1
            column = self._column(body, edges, lo, hi, min_lines=1)
            if column is None:  # no row below the header shows the gutter: a rule, else the header's own gap
                rules = [e.x0 for e in edges if not e.horizontal and lo <= e.x0 <= hi]
                split = max(rules) if rules else (lo + header[split_at].x0) / 2
                column = Column(split, (lo, header[split_at].x0))
            return column
        width = x1 - x0
        if self.carried is not None:
            at = x0 + self.carried * width
            column = self._agency_column(body, edges, at - 0.15 * width, at + 0.15 * width)
            if column:
                return column
        return self._agency_column(body, edges, x0 + GUTTER_FROM * width, x1)

    def _agency_column(self, body: list[list[Word]], edges: list[Edge], lo: float, hi: float) -> Column | None:
        """The gutter in [lo, hi] if its right side reads as agency lists. The right side is
        first read at the gutter's middle, without the rules: most pages of a plan have a
        gutter there that is no agency column (indented text, a chart's labels), and their
        rules (the split moves onto a vertical rule in the gutter) are then never read."""
        gutter = _gutter(body, lo, hi)  # found once: the rules only move the split within it
        if gutter is None:
            return None
        if self.probe_without_rules and not self._reads_as_agencies(body, _column_at(gutter, ())):
            return None
        column = _column_at(gutter, edges)
        return column if self._reads_as_agencies(body, column) else None

    def _column(
        self, body: list[list[Word]], edges: list[Edge], lo: float, hi: float, min_lines: int = 2
    ) -> Column | None:
        gutter = _gutter(body, lo, hi, min_lines)
        return None if gutter is None else _column_at(gutter, edges)

    def _reads_as_agencies(self, body: list[list[Word]], column: Column) -> bool:
        right = []
        split = column.split
        for line in body:
            crossed = False
            for w in line:
                if w[1] < split < w[2]:  # x0 < split < x1
                    crossed = True
                    break
            if crossed:
                continue
            words = [w[0] for w in line if (w[1] + w[2]) / 2 >= split]  # text, where center >= split
            if words:
                right.append(" ".join(words))
        return len(right) >= 2 and sum(map(self.is_agency_list, right)) >= AGENCY_LINES * len(right)

    def read_table(self, words: list[Word], edges: list[Edge], column: Column, page: int) -> list[Unit]:
        split = column.split
        rules = _row_rules(edges, split)
        if len(rules) >= 2:
            return self._ruled_rows(words, rules, column, page)
        return self._unruled_rows(words, column, page)

    def _ruled_rows(self, words: list[Word], rules: list[float], column: Column, page: int) -> list[Unit]:
        bands: list[list[Word]] = [[] for _ in range(len(rules) - 1)]
        outside: list[Word] = []
        for word in words:
            i = bisect_right(rules, word.middle) - 1
            if 0 <= i < len(bands):
                bands[i].append(word)
            else:
                outside.append(word)
        units = [_text_unit(line, page) for line in group_lines(outside)]
        for band in bands:
            if band:
                units.append(self._row(band, column, page))
        return units

    def _row(self, band: list[Word], column: Column, page: int) -> Unit:
        split = column.split
        top = min(w.top for w in band)
        bottom = max(w.bottom for w in band)
        left = [w for w in band if w.center < split]
        right = [w for w in band if w.center >= split]
        if column.dividers:
            middle = (top + bottom) / 2
            spans = not any(d.top - RULE_MERGE <= middle <= d.bottom + RULE_MERGE for d in column.dividers)
        else:
            spans = any(w.x0 < split < w.x1 for w in band) or bool(right and not self.is_agency_list(_cell_text(right)))
        if spans or not right:
            return Unit("row", _cell_text(band), "", page, top, bottom)
        return Unit("row", _cell_text(left), _cell_text(right), page, top, bottom)

    def _unruled_rows(self, words: list[Word], column: Column, page: int) -> list[Unit]:
        split = column.split
        blocks: list[list[Word]] = []  # task-cell lines grouped into cells, and spanning lines
        spanning: set[int] = set()
        left_lines: list[list[Word]] = []
        right_lines: list[list[Word]] = []
        for line in group_lines(words):
            left = [w for w in line if w.center < split]
            right = [w for w in line if w.center >= split]
            if any(w.x0 < split < w.x1 for w in line) or (
                left and right and not self.is_agency_list(_cell_text(right))
            ):
                left_lines.append(line)
                spanning.add(id(line))
                continue
            if left:
                left_lines.append(left)
            if right:
                right_lines.append(right)
        gaps = [b[0].top - max(w.bottom for w in a) for a, b in zip(left_lines, left_lines[1:])]
        heights = sorted(max(w.bottom for w in line) - min(w.top for w in line) for line in left_lines) or [0.0]
        threshold = (min(gaps) if gaps else 0.0) + 0.25 * heights[len(heights) // 2]
        previous: list[Word] | None = None
        for line in left_lines:
            new_row = (
                previous is None
                or id(line) in spanning
                or id(previous) in spanning
                or line[0].top - max(w.bottom for w in previous) > threshold
                or self.starts_with_marker(_cell_text(line))
            )
            if new_row:
                blocks.append([])
            blocks[-1].extend(line)
            previous = line
        attached: list[list[Word]] = [[] for _ in blocks]
        orphans: list[list[Word]] = []
        for line in right_lines:
            best = _nearest_block(line, blocks)
            if best is None:
                orphans.append(line)
            else:
                attached[best].extend(line)
        units = []
        for block, right in zip(blocks, attached):
            top = min(w.top for w in block + right)
            bottom = max(w.bottom for w in block + right)
            units.append(Unit("row", _cell_text(block), _cell_text(right), page, top, bottom))
        units.extend(Unit("row", "", _cell_text(line), page, line[0].top, line[0].bottom) for line in orphans)
        return units


def _gutter(body: list[list[Word]], lo: float, hi: float, min_lines: int = 2) -> tuple[float, float] | None:
    """The empty band in [lo, hi] a column boundary runs down (``best_split``), from the task
    column's right edge to the agency column's left edge; None when there is none."""
    at = best_split(body, lo, hi, min_lines)
    if at is None:
        return None
    words = [w for line in body for w in line]
    g0 = max((w.x1 for w in words if w.x1 <= at), default=lo)  # the task column's right edge
    g1 = min((w.x0 for w in words if w.x0 >= at), default=hi)  # the agency column's left edge
    return g0, g1


def _column_at(gutter: tuple[float, float], edges: list[Edge]) -> Column:
    """The column split in ``gutter``: on its longest vertical rule, else at its middle."""
    g0, g1 = gutter
    dividers = [e for e in edges if not e.horizontal and g0 - RULE_MERGE <= e.x0 <= g1 + RULE_MERGE]
    if dividers:
        longest = max(dividers, key=lambda e: e.bottom - e.top)
        split = longest.x0
        dividers = [e for e in dividers if abs(e.x0 - split) <= RULE_MERGE]
    else:
        split = (g0 + g1) / 2
    return Column(split, (g0, g1), dividers)


def _edges_within(edges: list[Edge], x0: float, x1: float) -> list[Edge]:
    return [e for e in edges if e.x1 > x0 and e.x0 < x1]


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words → lines, top to bottom, each left to right. A word joins the line above when its
    top is within ``LINE_TOLERANCE`` of the last word's (chained) or its middle is above the
    line's bottom: a label set smaller in a box '(대상)', a subscript 'CO₂' sit on the line."""
    lines: list[list[Word]] = []
    line: list[Word] = []
    last_top = bottom = None
    for word in sorted(words, key=_top):
        top, word_bottom = word[3], word[4]  # .top, .bottom (by index: a page has thousands)
        middle = (top + word_bottom) / 2
        if last_top is None or (top > last_top + LINE_TOLERANCE and middle >= bottom):
            line = []
            lines.append(line)
            bottom = word_bottom
        elif middle < bottom and word_bottom > bottom:
            bottom = word_bottom
        line.append(word)
        last_top = top
    for line in lines:
        line.sort(key=_x0)
    return lines


_top = attrgetter("top")
_x0 = attrgetter("x0")


def free_intervals(words: list[Word], lo: float, hi: float) -> list[tuple[float, float]]:
    """The stretches of [lo, hi] that no word covers."""
    spans = sorted((w.x0, w.x1) for w in words if w.x1 > lo and w.x0 < hi)
    free: list[tuple[float, float]] = []
    at = lo
    for x0, x1 in spans:
        if x0 > at:
            free.append((at, min(x0, hi)))
        at = max(at, x1)
        if at >= hi:
            break
    if at < hi:
        free.append((at, hi))
    return free


def best_split(lines: list[list[Word]], lo: float, hi: float, min_lines: int = 2) -> float | None:
    """Where in [lo, hi] a column boundary runs: the middle of the stretch with the most lines
    having words right of it less the lines crossing it (a spanning row crosses every
    boundary; a gap inside the agency column has few lines beyond it), widest on a tie.
    At least ``min_lines`` lines must have words on each side. None when no stretch qualifies."""
    if hi <= lo:
        return None
    gap = _word_gap(lines)
    starts: list[float] = []  # where each line's stretches of words begin and end, within [lo, hi]
    ends: list[float] = []
    for line in lines:
        for x0, x1 in _merged_spans(line, gap):
            if x1 > lo and x0 < hi:
                starts.append(x0 if x0 > lo else lo)
                ends.append(x1 if x1 < hi else hi)
    starts.sort()
    ends.sort()
    # The stretches between consecutive ends of words; only those wide enough to be a gutter are
    # scored. A stretch's crossing lines are those begun at or before its start and not ended
    # by then, counted by bisection, as are the lines with words left and right of it: linear
    # in stretches and lines together, not their product (a long page has hundreds of both).
    points = sorted({lo, hi, *starts, *ends})
    first_ends = sorted([line[0].x1 for line in lines])
    last_starts = sorted([line[-1].x0 for line in lines])
    best = None
    for g0, g1 in zip(points, points[1:]):
        if g1 - g0 < gap:
            continue
        left = bisect_right(first_ends, g0)
        right = len(last_starts) - bisect_left(last_starts, g1)
        if left >= min_lines and right >= min_lines:
            crossing = bisect_right(starts, g0) - bisect_right(ends, g0)
            score = (right - crossing, g1 - g0)
            if best is None or score > best[0]:
                best = (score, (g0 + g1) / 2)
    return best[1] if best else None


def _word_gap(lines: list[list[Word]]) -> float:
    """Gaps narrower than this are word spaces, not a gutter: 0.4 of the usual word height
    (a space is about a quarter em; cell padding on both sides of a rule is more)."""
    heights = sorted([w[4] - w[3] for line in lines for w in line])  # bottom - top
    return max(MIN_GUTTER, 0.4 * heights[len(heights) // 2]) if heights else MIN_GUTTER


def _merged_spans(line: list[Word], gap: float) -> list[tuple[float, float]]:
    """A line's covered x-stretches: its words, word spaces closed."""
    spans: list[tuple[float, float]] = []
    start = end = 0.0
    for word in line:
        x0, x1 = word[1], word[2]  # .x0, .x1
        if not spans:
            start, end = x0, x1
            spans.append((start, end))
        elif x0 - end < gap:
            if x1 > end:  # max(end, x1)
                end = x1
                spans[-1] = (start, end)
        else:
            start, end = x0, x1
            spans.append((start, end))
    return spans


def _header_split(line: list[Word], pattern: regex.Pattern[str]) -> int | None:
    """Index of the first word of the agency header in ``line``, if the line is a header row."""
    text = ""
    starts = []
    for word in line:
        if text:
            text += " "
        starts.append(len(text))
        text += word.text
    m = next((m for m in pattern.finditer(text) if m.end() == len(text)), None)
    if m is None:
        return None  # a header row ends with the agency column's header
    first = bisect_right(starts, m.start()) - 1
    return first if first > 0 else None  # the task column's header stands to its left


def _row_rules(edges: list[Edge], split: float) -> list[float]:
    """The y of the horizontal rules that cut the table into rows (those that reach the split)."""
    ys = sorted(e.top for e in edges if e.horizontal and e.x1 - e.x0 > 2 * MIN_GUTTER and e.x0 - RULE_MERGE <= split <= e.x1 + RULE_MERGE)
    merged: list[float] = []
    for y in ys:
        if not merged or y - merged[-1] > RULE_MERGE:
            merged.append(y)
    return merged


def _nearest_block(line: list[Word], blocks: list[list[Word]]) -> int | None:
    """The block ``line`` overlaps most, else the nearest one."""
    top, bottom = min(w.top for w in line), max(w.bottom for w in line)
    best, best_score = None, None
    for i, block in enumerate(blocks):
        b_top, b_bottom = min(w.top for w in block), max(w.bottom for w in block)
        overlap = min(bottom, b_bottom) - max(top, b_top)
        distance = abs((top + bottom) / 2 - (b_top + b_bottom) / 2)
        score = (-overlap, distance) if overlap > 0 else (0.0, distance)
        if best_score is None or score < best_score:
            best, best_score = i, score
    return best


def _cell_text(words: list[Word]) -> str:
    return " ".join(" ".join(w.text for w in line) for line in group_lines(words))


def _text_unit(line: list[Word], page: int, kind: str = "text", framed: bool = False) -> Unit:
    """A line (from ``group_lines``: its words left to right, so the first has the least x0) as a unit of text."""
    top = line[0].top
    bottom = max([w.bottom for w in line])
    x0 = line[0].x0
    return Unit(kind, " ".join([w.text for w in line]), "", page, top, bottom, x0=round(x0, 1), height=round(_type_size(line), 1), framed=framed)


def _box_sides(edges: list[Edge]) -> tuple[list[tuple[float, Edge]], list[tuple[float, Edge]]]:
    """A page's rules (joined: a page of dot leaders or Gantt bars holds thousands as drawn),
    sorted for bisection: (horizontal by y, vertical by x)."""
    horizontal, vertical = [], []
    for e in edges:
        (horizontal if e.horizontal else vertical).append(e)
    return sorted(((e.top, e) for e in horizontal), key=itemgetter(0)), sorted(((e.x0, e) for e in vertical), key=itemgetter(0))


def _framed(line: list[Word], boxes: tuple[list[tuple[float, Edge]], list[tuple[float, Edge]]]) -> bool:
    """Whether a line of text is drawn in a box of its own: rules just above and below it
    (``BOX_PAD`` line heights at most) across its width, and rules just left and right of
    it (``BOX_SIDE`` paddings at most) from the rule above down past the rule below. A
    joined side may run on below the box, into the sides of a table drawn right under it
    ('세부추진과제 목록' over its task table). Each side is found by bisection."""
    horizontal, vertical = boxes
    if not vertical:
        return False
    x0, x1 = line[0].x0, max(w.x1 for w in line)
    top, bottom = min(w.top for w in line), max(w.bottom for w in line)
    pad = BOX_PAD * (bottom - top)

    def across(lo: float, hi: float) -> list[float]:
        return [e.top for _, e in _between(horizontal, lo, hi) if e.x0 <= x0 + RULE_MERGE and e.x1 >= x1 - RULE_MERGE]

    above, below = across(top - pad, top + RULE_MERGE), across(bottom - RULE_MERGE, bottom + pad)
    if not above or not below:
        return False
    y0, y1 = max(above), min(below)

    def side(lo: float, hi: float) -> bool:
        return any(y0 - pad <= e.top <= y0 + RULE_MERGE and e.bottom >= y1 - RULE_MERGE for _, e in _between(vertical, lo, hi))

    return side(x0 - BOX_SIDE * pad, x0) and side(x1, x1 + BOX_SIDE * pad)


def _between(keyed: list[tuple[float, Edge]], lo: float, hi: float) -> list[tuple[float, Edge]]:
    """The items of a list sorted by its first field whose key lies in [lo, hi]."""
    return keyed[bisect_left(keyed, lo, key=itemgetter(0)) : bisect_right(keyed, hi, key=itemgetter(0))]


def _type_size(line: list[Word]) -> float:
    """The height most of a line's text is set in: the words' box heights, the median by
    characters. Not the line's whole box: a dingbat (➊) or a superscript drawn higher or
    lower than the text would make a line of one size measure as another."""
    heights = [w.bottom - w.top for w in line]
    if heights.count(heights[0]) == len(heights):  # one size throughout, as most lines are
        return heights[0]
    weighted = sorted(zip(heights, [len(w.text) for w in line]))
    half, seen = sum([n for _, n in weighted]) / 2, 0
    for height, n in weighted:
        seen += n
        if seen >= half:
            return height
    return weighted[-1][0]


def _mark_margins(units: list[Unit], height: float) -> list[Unit]:
    if not units:
        return units
    out = list(units)
    first, last = out[0], out[-1]
    if first.kind != "header" and not first.right and first.bottom < MARGIN_BAND * height:
        out[0] = _with_margin(first, "top")
    if len(out) > 1 and last.kind != "header" and not last.right and last.top > (1 - MARGIN_BAND) * height:
        out[-1] = _with_margin(last, "bottom")
    return out


def _with_margin(unit: Unit, where: str) -> Unit:
    return unit._replace(margin=where)
