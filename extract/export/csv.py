"""Task rows → CSV text (``export --format csv``).

UTF-8, a header row, null as an empty cell. ``excel=True`` adds the UTF-8 BOM
and CRLF line ends: Excel reads a BOM-less file in the system's legacy code
page, which turns Korean into mojibake.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a CR as a formula (``=HYPERLINK(…)``, ``+1+cmd|…``), and titles come
from documents nobody here wrote. So by default such a text cell gets a leading ``'``
(the OWASP rule), which the spreadsheet shows but does not evaluate; ``formulas=True``
(``--allow-formulas``) writes cells exactly as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .rows import AGENCY_SEPARATOR, Rows

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALIZER = "'"


def to_csv(rows: Rows, *, excel: bool = False, formulas: bool = False) -> str:
    body = ([_cell(row[c]) for c in rows.columns] for row in rows.rows)
    return write_csv([rows.columns, *body], excel=excel, formulas=formulas)


def _cell(value: object) -> object:
    """A list (the agency columns) joined with ``; ``; None is written as an empty cell."""
    return AGENCY_SEPARATOR.join(value) if isinstance(value, list) else value


def write_csv(table: Iterable[list], *, excel: bool = False, formulas: bool = False) -> str:
    """Rows of cells → CSV text, neutralised unless ``formulas`` (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerows(table if formulas else ([neutralize(cell) for cell in row] for row in table))
    return (BOM if excel else "") + out.getvalue()


def neutralize(cell: object) -> object:
    """A text cell a spreadsheet would take for a formula, with ``'`` before it; anything else as is."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return NEUTRALIZER + cell
    return cell
