"""Task rows → CSV text (``export --format csv``).

UTF-8, a header row, null as an empty cell. ``excel=True`` adds the UTF-8 BOM
and CRLF line ends: Excel reads a BOM-less file in the system's legacy code
page, which turns Korean into mojibake.
"""

from __future__ import annotations

import csv
import io

from .rows import Rows

BOM = "\ufeff"


def to_csv(rows: Rows, *, excel: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(rows.columns)
    writer.writerows([row[c] for c in rows.columns] for row in rows.rows)  # None is written as an empty cell
    return (BOM if excel else "") + out.getvalue()
