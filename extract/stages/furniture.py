"""Stage 3a, furniture: normalized text → ``Furniture`` spans to set aside.

Page furniture (repeated table headers, page numbers, citations of the source
document) and scrape debris are found by the profile's ``[[furniture]]``
patterns wherever they fall, even glued to a heading in mid-line. They are
kept as ``noise`` with their location; the tree never sees them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from ..records import NamedTuple
from .profile import Profile


NO_FIELDS: Mapping[str, str] = MappingProxyType({})


class Furniture(NamedTuple):
    kind: str
    start: int
    end: int
    fields: Mapping[str, str] = NO_FIELDS  # a citation's document and pages

    def __eq__(self, other: object) -> bool:  # the fields are what it says, not where it is
        return isinstance(other, Furniture) and self[:3] == other[:3]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:3])


def find_furniture(text: str, profile: Profile) -> list[Furniture]:
    """All furniture in ``text``, in order, no two overlapping (the earlier rule wins a tie)."""
    found: list[Furniture] = []
    for rule in profile.furniture:
        for m in rule.pattern.finditer(text):
            end = m.end()
            if rule.at_end:  # the pattern swallowed trailing whitespace to reach \Z
                end = m.start() + len(m.group().rstrip())
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(Furniture(rule.kind, m.start(), end, fields))
    return _without_overlaps(found)


def merge_furniture(found: list[Furniture], extra: list[Furniture]) -> list[Furniture]:
    """``found`` plus ``extra`` (furniture a PDF's layout found), no two overlapping."""
    return _without_overlaps(found + extra)


def _without_overlaps(found: list[Furniture]) -> list[Furniture]:
    """In order; of two that overlap, the one that starts first (or, at one start, the longer) wins."""
    found = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[Furniture] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept
