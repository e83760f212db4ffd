"""Rows of cells → a plain-text table for the terminal, lined up in display columns.

A Hangul syllable takes two terminal columns (East Asian Width W/F), so
padding counts display width, not characters. Columns of numbers are right-aligned, their heading too.
"""

from __future__ import annotations

import unicodedata

WIDE = frozenset("WF")
GAP = "  "


def display_width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in WIDE else 1 for ch in text)


def format_table(header: list[str], rows: list[list[str | int]], footer: list[list[str | int]] | None = None) -> str:
    """The table as lines: header, a rule, the rows, and (after a rule) the footer rows."""
    footer = footer or []
    cells = [[str(c) for c in row] for row in [header, *rows, *footer]]
    numeric = [all(isinstance(row[i], int) for row in [*rows, *footer]) for i in range(len(header))]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return GAP.join(
            _pad(cell, width, right=numeric[i]) for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    rule = GAP.join("-" * w for w in widths)
    out = [line(cells[0]), rule, *(line(r) for r in cells[1 : 1 + len(rows)])]
    if footer:
        out += [rule, *(line(r) for r in cells[1 + len(rows) :])]
    return "\n".join(out) + "\n"


def _pad(cell: str, width: int, *, right: bool) -> str:
    space = " " * (width - display_width(cell))
    return space + cell if right else cell + space
