"""Ruled tables: one page region's words and rules → the table's header, rows and cells.

Plans put their task tables in ruled grids of any number of columns: ``세부추진과제 |
추진일정 14 15 16 17 18 | 소관부처`` with a Gantt chart in the middle, or ``정책 과제 | 조치사항 |
일정 | 소관부서`` where one task spans several action rows. This module reads such a grid
when its header row names a lead-agency column (the profile's ``[pdf] agency_header``)
wherever that column stands:

* **Columns** are the vertical rules that cross the header row, inside the table's left
  and right edges (its widest horizontal rule near the header).
* **Rows** are cut by the horizontal rules that cross the *task column* (the first column
  that is not the agency column), so a task whose cell spans several rows of the other
  columns is one row, and the drawn bars of a Gantt chart, which cross only their own
  columns, cut nothing.
* **Spanning rows** (a section heading across the whole table) have no vertical rule
  inside the table beside them: they are read as plain lines.
* **Merged agency cells** (one agency beside several rows, no rule between them in its
  column) name the agency of each row they span.
* **Category cells**: in a table with no title column (``설립 구분 | 학교급``, ``구분``; not
  ``번호 | 정책 과제``: the profile's ``title_header``), a task-column cell beside several agency
  cells (ruled apart in the agency column) is a category over several rows, one a body:
  the row is split at those rules, the category's words go to every part (``공립`` beside
  ``유·초·중 | 동·서부교육지원청`` and ``고·특수 | 시 교육청``), and its column is marked
  so the title is read as category and label. A category cell split in two by a vertical
  rule (``정기 점검 | 학교급식 위생·안전점검`` under one ``구분`` header) names the row
  by its inner part; the outer part is kept beside.

Returns ``None`` for anything else (no header naming an agency column, fewer than two
columns or two row rules): the caller reads the page as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from operator import itemgetter

import regex

from .page import Edge, Word

RULE_MERGE = 2.0  # rules closer than this are one (a border drawn twice, a shaded row's edge)
MIN_RULE = 8.0  # a horizontal segment shorter than this is not a row rule (a glyph's underline, a tick)
JOIN_GAP = 8.0  # collinear pieces this close are one rule: the dots of a dotted line, boxes of one row
MIN_COLUMN = 8.0  # column boundaries closer than this are one (the gap between two cells drawn as boxes)
LINE_GAP = 3.0  # words whose tops are this close are on one line
EVEN_SPACING = 1.25  # lines of one paragraph: the widest gap at most this times the narrowest
# Two lines of one paragraph: the lower's top at most this many line heights below the upper's
# (13.3 pt apart for 12.9 pt lines); each row's own one-line cell stands a row's height apart.
LINE_PITCH = 1.4


@dataclass(frozen=True)
class Grid:
    """A ruled table found on a page region."""

    head_top: float  # y of the rule above the header row (its top when it has none)
    columns: tuple[float, ...]  # x of the column boundaries, left edge to right edge
    headers: tuple[str, ...]  # each column's header text
    agency_column: int
    rules: tuple[float, ...]  # y of the row rules, top to bottom (the first is the header's bottom)
    categories: bool = False  # the task column is no title column: its cells may be categories

    @property
    def top(self) -> float:
        return self.rules[0]

    def column_of(self, x: float) -> int | None:
        return _column_of(self.columns, x)


@dataclass(frozen=True)
class GridRow:
    """One row of a grid: each column's words (reading order), or a spanning line."""

    top: float
    bottom: float
    cells: tuple[tuple[Word, ...], ...]  # one per column; empty for a spanning row
    spanning: tuple[Word, ...] = ()
    category: frozenset[int] = frozenset()  # columns whose cell is a category over several rows
    outer: tuple[Word, ...] = ()  # a category cell's outer part (left of a rule inside it)


def join_rules(edges: list[Edge]) -> list[Edge]:
    """Rules as drawn → rules as seen: collinear pieces closer than ``JOIN_GAP`` joined, so a
    dotted line (hundreds of dots) or a row of cells drawn as separate boxes is one rule."""
    joined: list[Edge] = []
    # One pass, the test of Edge.horizontal written out: a page of dot leaders has tens of
    # thousands of edges. The edges are sorted as they are, by a float key (no tuple made per
    # edge, no tuple comparisons): the order of spans at one start does not change a join.
    horizontal: list[Edge] = []
    vertical: list[Edge] = []
    for edge in edges:
        x0, x1, top, bottom = edge
        if bottom - top <= x1 - x0:
            horizontal.append(edge)
        else:
            vertical.append(edge)
    # (rules, index of the position across them, of the start and end along them): top, x0, x1
    # for a horizontal rule; x0, top, bottom for a vertical one.
    for is_horizontal, rules, across, start, end in ((True, horizontal, 2, 0, 1), (False, vertical, 0, 2, 3)):
        rules.sort(key=itemgetter(across))
        clusters: list[list[Edge]] = []
        cluster: list[Edge] = []
        first = 0.0
        for edge in rules:
            if cluster and edge[across] - first <= RULE_MERGE:
                cluster.append(edge)
            else:
                cluster = [edge]
                clusters.append(cluster)
                first = edge[across]
        for cluster in clusters:
            at = cluster[0][across]
            lo = hi = None
            cluster.sort(key=itemgetter(start))
            for edge in cluster:
                a, b = edge[start], edge[end]
                if hi is not None and a <= hi + JOIN_GAP:
                    if b > hi:
                        hi = b
                    continue
                if hi is not None:
                    joined.append(Edge(lo, hi, at, at) if is_horizontal else Edge(at, at, lo, hi))
                lo, hi = a, b
            joined.append(Edge(lo, hi, at, at) if is_horizontal else Edge(at, at, lo, hi))
    return joined


def find_grid(
    lines: list[list[Word]], edges: list[Edge], agency_header: regex.Pattern[str], title_header: regex.Pattern[str] | None = None
) -> Grid | None:
    """The ruled table whose header row names a lead-agency column, if the region has one.
    ``edges`` are joined rules (``join_rules``); ``title_header`` tells a title column's
    header (``정책 과제``): a table with one holds tasks, never categories."""
    for line in lines:
        hit = _agency_word(line, agency_header)
        if hit is None:
            continue
        grid = _grid_at(line, hit, edges)
        if grid is not None:
            # Without a title column to tell tasks from categories, none is taken for one.
            titled = title_header is None or any(title_header.search(header) for header in grid.headers)
            return replace(grid, categories=not titled)
    return None


def _agency_word(line: list[Word], pattern: regex.Pattern[str]) -> Word | None:
    """The word of ``line`` where its agency header starts (``소관부처``, ``소 관 부 처``), if any."""
    text, starts = "", []
    for word in line:
        if text:
            text += " "
        starts.append(len(text))
        text += word.text
    m = pattern.search(text)
    if m is None or len(line) < 2:
        return None  # a header row has another column's header besides the agency one
    return line[bisect_right(starts, m.start()) - 1]


def _grid_at(line: list[Word], agency: Word, edges: list[Edge]) -> Grid | None:
    top = min(w.top for w in line)
    bottom = max(w.bottom for w in line)
    middle = (top + bottom) / 2
    # The table's extent: the widest horizontal rule within a line's height or two of the header.
    reach = 2 * (bottom - top) + RULE_MERGE
    near = [e for e in edges if e.horizontal and abs(e.top - middle) <= reach + (bottom - top) and e.x1 - e.x0 >= MIN_RULE]
    near = [e for e in near if e.x0 - RULE_MERGE <= agency.center <= e.x1 + RULE_MERGE]
    if not near:
        return None
    above = [e.top for e in near if e.top < middle]
    head_top = max(above) if above else top
    left = min(e.x0 for e in near)
    right = max(e.x1 for e in near)
    if not any(left - RULE_MERGE <= w.x0 and w.x1 <= right + RULE_MERGE for w in line if w is not agency):
        return None
    # Column boundaries: vertical rules crossing the header's middle, strictly inside the table.
    crossing = sorted(
        e.x0
        for e in edges
        if not e.horizontal and e.top - RULE_MERGE <= middle <= e.bottom + RULE_MERGE and left + RULE_MERGE < e.x0 < right - RULE_MERGE
    )
    columns = _merge([left, *crossing, right], MIN_COLUMN)
    if len(columns) < 3:
        return None
    bounds = tuple(columns)
    agency_column = _column_of(bounds, agency.center)
    if agency_column is None:
        return None
    task_column = next(c for c in range(len(bounds) - 1) if c != agency_column)
    task_x = (bounds[task_column] + bounds[task_column + 1]) / 2
    rules = _rules_across(edges, task_x, middle)
    if len(rules) < 2:
        return None
    headers = [[] for _ in range(len(bounds) - 1)]
    for word in line:
        c = _column_of(bounds, word.center)
        if c is not None:
            headers[c].append(word.text)
    return Grid(head_top, bounds, tuple(" ".join(h) for h in headers), agency_column, tuple(rules))


def grid_rows(grid: Grid, words: list[Word], edges: list[Edge]) -> tuple[list[GridRow], list[Word]]:
    """The rows of ``grid`` from the words below its header; and the words outside it."""
    bands: list[list[Word]] = [[] for _ in range(len(grid.rules) - 1)]
    outside: list[Word] = []
    for word in words:
        i = bisect_right(grid.rules, word.middle) - 1
        if 0 <= i < len(bands) and grid.columns[0] - RULE_MERGE <= word.center <= grid.columns[-1] + RULE_MERGE:
            bands[i].append(word)
        else:
            outside.append(word)
    inner = [e for e in edges if not e.horizontal and grid.columns[0] + RULE_MERGE < e.x0 < grid.columns[-1] - RULE_MERGE]
    # The row rules by height, for the rules inside one row (``_split_by_categories``): each
    # row looks only at its own, not at every rule of the page.
    ruled = sorted((e for e in edges if e.horizontal and e.x1 - e.x0 >= MIN_RULE), key=lambda e: e.top) if grid.categories else []
    ruled_tops = [e.top for e in ruled]
    rows = []
    for i, band in enumerate(bands):
        if not band:
            continue
        top, bottom = grid.rules[i], grid.rules[i + 1]
        middle = (top + bottom) / 2
        if not any(e.top - RULE_MERGE <= middle <= e.bottom + RULE_MERGE for e in inner):
            rows.append(GridRow(top, bottom, (), tuple(band)))
            continue
        cells: list[list[Word]] = [[] for _ in range(len(grid.columns) - 1)]
        for word in band:
            c = grid.column_of(word.center)
            cells[c if c is not None else 0].append(word)
        row = GridRow(top, bottom, tuple(tuple(c) for c in cells))
        if grid.categories:
            within = ruled[bisect_right(ruled_tops, top + RULE_MERGE) : bisect_left(ruled_tops, bottom - RULE_MERGE)]
            rows.extend(_split_by_categories(grid, row, within, inner))
        else:
            rows.append(row)
    return _spread_merged_agencies(grid, rows, edges), outside


def _split_by_categories(grid: Grid, row: GridRow, edges: list[Edge], inner: list[Edge]) -> list[GridRow]:
    """``row`` split where rules inside it (``edges``: the horizontal ones within its height)
    cross the agency column and each part names its own agency: every column's words go to
    the part they stand in, but a cell left of the agency column that no such rule crosses (a
    category over the parts: ``공립``) goes to every part, its outer part (left of a vertical
    rule inside it) kept beside in the first."""
    a = grid.agency_column
    cuts = _rules_across(edges, _middle_of(grid, a), row.top + RULE_MERGE, row.bottom - RULE_MERGE)
    if not cuts:
        return [row]
    bounds = [row.top, *cuts, row.bottom]

    def part_of(word: Word) -> int:
        return min(max(bisect_right(bounds, word.middle) - 1, 0), len(bounds) - 2)

    if len({part_of(w) for w in row.cells[a]}) < 2:
        return [row]  # one agency cell: the parts are one task's actions
    parts: list[list[list[Word]]] = [[[] for _ in row.cells] for _ in bounds[1:]]
    outer: list[Word] = []
    category: set[int] = set()
    for c, words in enumerate(row.cells):
        if not words:
            continue
        merged = c != a and not _rules_across(edges, _middle_of(grid, c), row.top + RULE_MERGE, row.bottom - RULE_MERGE)
        if merged and c < a:
            # A rule inside the cell (down its height) parts an outer category from the inner one.
            x0, x1 = grid.columns[c], grid.columns[c + 1]
            middle = (row.top + row.bottom) / 2
            splits = [e.x0 for e in inner if x0 + MIN_COLUMN < e.x0 < x1 - MIN_COLUMN and e.top - RULE_MERGE <= middle <= e.bottom + RULE_MERGE]
            if splits:
                outer.extend(w for w in words if w.center < max(splits))
                words = tuple(w for w in words if w.center >= max(splits))
            category.add(c)
            for cells in parts:
                cells[c] = list(words)
        elif merged:  # a cell right of the agencies over several parts: the part it starts in
            parts[part_of(words[0])][c] = list(words)
        else:
            for word in words:
                parts[part_of(word)][c].append(word)
    out = []
    for i, cells in enumerate(parts):
        if any(cells[c] for c in range(len(cells)) if c not in category):
            out.append(GridRow(bounds[i], bounds[i + 1], tuple(tuple(c) for c in cells), category=frozenset(category), outer=tuple(outer) if not out else ()))
    return out


def _middle_of(grid: Grid, column: int) -> float:
    return (grid.columns[column] + grid.columns[column + 1]) / 2


def _spread_merged_agencies(grid: Grid, rows: list[GridRow], edges: list[Edge]) -> list[GridRow]:
    """An agency cell merged over several rows (``시 교육청`` beside seven courses) names the
    lead agency of each: its words go to every row it spans. A merged cell's span is the
    rows between the horizontal rules that cross the agency column; a column with no rule
    inside the table is left as it is (an unruled column says nothing of merges)."""
    c = grid.agency_column
    cuts = _rules_across(edges, _middle_of(grid, c), grid.rules[0] + RULE_MERGE, grid.rules[-1] - RULE_MERGE)
    if not cuts:
        return rows
    spans: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.cells:
            spans.setdefault(bisect_right(cuts, (row.top + row.bottom) / 2), []).append(i)
    out = list(rows)
    for members in spans.values():
        words = tuple(w for i in members for w in rows[i].cells[c])
        if len(members) < 2 or not words:
            continue
        if all(rows[i].cells[c] for i in members) and not (_one_paragraph(words) or _set_across(rows, members, c)):
            continue
        for i in members:
            out[i] = replace(rows[i], cells=(*rows[i].cells[:c], words, *rows[i].cells[c + 1 :]))
    return out


def _one_paragraph(words: tuple[Word, ...]) -> bool:
    """Whether a merged cell's words, though some stand beside each row it spans, are one
    paragraph set across them: three lines or more, evenly spaced ('교육(지원)청 / 및
    유관기관 / 합동' beside two rows). Each row's own agency, one line or two, is spaced by
    the rows' heights: two lines say nothing, and uneven spacing is no paragraph."""
    tops = _merge(sorted(w.top for w in words), LINE_GAP)
    if len(tops) < 3:
        return False
    gaps = [b - a for a, b in zip(tops, tops[1:])]
    return max(gaps) <= EVEN_SPACING * min(gaps)


def _set_across(rows: list[GridRow], members: list[int], c: int) -> bool:
    """Whether column ``c``'s words in the rows ``members`` are lines of one paragraph set
    across each boundary between them: the last line above a boundary and the first below
    it ``LINE_PITCH`` line heights apart at most ('동·서부교육지원청' over the rule, '(평생교육복지과)'
    under it)."""
    for upper, lower in zip(members, members[1:]):
        last = max(rows[upper].cells[c], key=lambda w: w.top)
        first = min(rows[lower].cells[c], key=lambda w: w.top)
        if first.top - last.top > LINE_PITCH * (last.bottom - last.top):
            return False
    return True


def _rules_across(edges: list[Edge], x: float, below: float, above: float = float("inf")) -> list[float]:
    """The y of the horizontal rules (``MIN_RULE`` long at least) that cross ``x`` between
    ``below`` and ``above`` (both excluded), top to bottom, rules drawn twice merged."""
    return _merge(
        sorted(
            e.top
            for e in edges
            if e.horizontal and e.x1 - e.x0 >= MIN_RULE and e.x0 - RULE_MERGE <= x <= e.x1 + RULE_MERGE and below < e.top < above
        )
    )


def _column_of(bounds: tuple[float, ...], x: float) -> int | None:
    """The column whose boundaries hold ``x``; None outside the table."""
    i = bisect_right(bounds, x) - 1
    return i if 0 <= i < len(bounds) - 1 else None


def _merge(values: list[float], within: float = RULE_MERGE) -> list[float]:
    merged: list[float] = []
    for v in sorted(values):
        if not merged or v - merged[-1] > within:
            merged.append(v)
    return merged
