"""What the word-processor readers (HWP, HWPX) share about tables: when a first row is a header row."""

from __future__ import annotations

HEADER_CELL_CHARS = 40  # a first row whose cells are longer than this is data, not headers


def labels_only(texts: list[str]) -> bool:
    """Whether a table's first row, not flagged as a header, reads as one: two cells or more,
    each a short label ('과제명', '주관부처'), none empty."""
    return len(texts) >= 2 and all(0 < len(" ".join(text.split())) <= HEADER_CELL_CHARS for text in texts)
