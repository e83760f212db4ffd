"""Agency changes of a matched task, told apart by the registry's lineage.

Two agency lists (old, new) → ``AgencyChange``s, each with a ``relation``:

  renamed     the same agency: the same canonical name written otherwise (행안부 → 행정안전부),
              or one is the other's registered successor by a reorganisation that does not
              lie between the two editions (a plan that still wrote the old name)
  successor   one is the other's registered successor — directly, through a chain, or as
              one of the heirs of a split — by a reorganisation dated between the editions
  reassigned  another agency took the task (the old and the new agency, paired in order)
  added       an agency only the new edition names (when the old list has no one left to pair)
  removed     an agency only the old edition names

The lineage is data: the registry's ``successor`` (a name, or a list for a split) and
``until`` (the reorganisation is the day after). The editions' dates (``Period``: the
plan's year, and a date the title gives) decide which reorganisations lie between.
"""

from __future__ import annotations

import calendar
from collections import deque
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from ..models import Agency, PlanDocument
from ..parse.agencies import load_lineage
from .models import AgencyChange, Period


def edition_period(document: PlanDocument, date_pattern: regex.Pattern[str] | None) -> Period | None:
    """The days an edition speaks for: its year, joined with the date its title gives (if any)."""
    spans: list[tuple[date, date]] = []
    if document.year:
        spans.append((date(document.year, 1, 1), date(document.year, 12, 31)))
    found = date_pattern.search(document.title) if date_pattern is not None and document.title else None
    if found is not None:
        year, month = int(found["year"]), int(found["month"])
        last_day = calendar.monthrange(year, month)[1]
        day = found.groupdict().get("day")
        if day and int(day) <= last_day:
            spans.append((date(year, month, int(day)), date(year, month, int(day))))
        else:
            spans.append((date(year, month, 1), date(year, month, last_day)))
    if not spans:
        return None
    return Period(first=min(s[0] for s in spans).isoformat(), last=max(s[1] for s in spans).isoformat())


@dataclass(frozen=True)
class Window:
    """The days between two editions; an edition without a date leaves its end open."""

    first: date | None
    last: date | None

    @classmethod
    def between(cls, a: Period | None, b: Period | None) -> Window:
        firsts = [date.fromisoformat(p.first) for p in (a, b) if p is not None]
        lasts = [date.fromisoformat(p.last) for p in (a, b) if p is not None]
        both = a is not None and b is not None
        return cls(min(firsts) if both else None, max(lasts) if both else None)

    def holds(self, day: date | None) -> bool:
        """A reorganisation on ``day`` (None: undated) lies after the first day and by the last."""
        if day is None:
            return True
        return (self.first is None or self.first < day) and (self.last is None or day <= self.last)


@lru_cache(maxsize=4096)
def _steps(lineage_key: str, older: str, newer: str) -> tuple[date | None, ...] | None:
    """The dates of the reorganisations that lead from ``older`` to ``newer``, or None."""
    heirs = load_lineage(lineage_key)
    seen = {older: ()}
    queue = deque([older])
    while queue:
        name = queue.popleft()
        if name == newer:
            return seen[name]
        for heir in heirs.get(name, ()):
            if heir.name not in seen:
                seen[heir.name] = (*seen[name], heir.since)
                queue.append(heir.name)
    return None


def lineage_relation(registry_file: str, old: str, new: str, window: Window) -> AgencyChange | None:
    """``successor`` or ``renamed`` when one agency descends from the other (either way round), else None."""
    steps = _steps(registry_file, old, new)
    if steps is None:
        steps = _steps(registry_file, new, old)
    if steps is None:
        return None
    inside = [day for day in steps if window.holds(day)]
    if not inside:
        return AgencyChange(relation="renamed", old=None, new=None, reorganised=None)
    dated = [day for day in inside if day is not None]
    return AgencyChange(relation="successor", old=None, new=None, reorganised=max(dated).isoformat() if dated else None)


def agency_changes(
    old: list[Agency] | None, new: list[Agency] | None, registry_file: str, window: Window
) -> list[AgencyChange]:
    """The changes from one agency list to the other, in the old list's order, then the new one's."""
    olds, news = _unique(old or []), _unique(new or [])
    changes: list[AgencyChange] = []
    new_by_key = {_key(a): a for a in news}
    common = [a for a in olds if _key(a) in new_by_key]
    for a in common:
        b = new_by_key[_key(a)]
        if a.text != b.text:
            changes.append(AgencyChange(relation="renamed", old=a, new=b, reorganised=None))
    keys = {_key(a) for a in common}
    rest_old = [a for a in olds if _key(a) not in keys]
    rest_new = [b for b in news if _key(b) not in keys]
    used_old: set[str] = set()
    used_new: set[str] = set()
    for a in rest_old:  # agency lists are short: every pair is looked at
        for b in rest_new:
            if a.name is None or b.name is None:
                continue
            relation = lineage_relation(registry_file, a.name, b.name, window)
            if relation is not None:
                changes.append(relation.model_copy(update={"old": a, "new": b}))
                used_old.add(_key(a))
                used_new.add(_key(b))
    left_old = [a for a in rest_old if _key(a) not in used_old]
    left_new = [b for b in rest_new if _key(b) not in used_new]
    for a, b in zip(left_old, left_new, strict=False):
        changes.append(AgencyChange(relation="reassigned", old=a, new=b, reorganised=None))
    paired = min(len(left_old), len(left_new))
    changes += [AgencyChange(relation="removed", old=a, new=None, reorganised=None) for a in left_old[paired:]]
    changes += [AgencyChange(relation="added", old=None, new=b, reorganised=None) for b in left_new[paired:]]
    return changes


def _key(agency: Agency) -> str:
    return agency.name or agency.text


def _unique(agencies: list[Agency]) -> list[Agency]:
    seen: set[str] = set()
    out = []
    for agency in agencies:
        if _key(agency) not in seen:
            seen.add(_key(agency))
            out.append(agency)
    return out

