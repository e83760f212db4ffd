"""Task rows → JSON Lines text (``export --format jsonl``).

One JSON object per task on its own line, keys in column order, UTF-8 as is
(not ``\\uXXXX``); null where a CSV cell is empty. ``schema/task-row.schema.json``
describes a line.
"""

from __future__ import annotations

import json

from .rows import Rows


def to_jsonl(rows: Rows) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows.rows)
