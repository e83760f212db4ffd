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
from ..stages.agencies import load_lineage
from .models import AgencyChange, Period


def edition_period(document: PlanDocument, date_pattern: regex.Pattern[str] | None) -> Period | None:
    """The days an edition speaks for: its year, joined with the date its title gives (if any)."""
    spans: list[tuple[date, date]] = []
    found = date_pattern.search(document.title) if date_pattern is not None and document.title else None
    # A year read from the dotted date itself (업무보고 2025. 12. 17.) is that date, not a plan
    # year of its own; one written as such (2026년 업무계획, 2024년 2월 29일) is.
    from_date = found is not None and document.title.find(str(document.year)) == found.start() and found.group().startswith(f"{document.year}.")
    if document.year and not from_date:
        spans.append((date(document.year, 1, 1), date(document.year, 12, 31)))
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
def _descendants(registry_file: str, name: str) -> dict[str, tuple[date | None, ...]]:
    """Every agency ``name`` became (a chain, a split's heirs) → the dates of the steps that led there."""
    heirs = load_lineage(registry_file)
    found: dict[str, tuple[date | None, ...]] = {name: ()}
    queue = deque([name])
    while queue:
        current = queue.popleft()
        for heir in heirs.get(current, ()):
            if heir.name not in found:
                found[heir.name] = (*found[current], heir.since)
                queue.append(heir.name)
    del found[name]
    return found


def lineage_relation(steps: tuple[date | None, ...], window: Window) -> AgencyChange:
    """``successor`` when one of the ``steps`` between two agencies of one lineage lies in the
    window (dated by the latest such step), else ``renamed``: the same agency by another name."""
    inside = [day for day in steps if window.holds(day)]
    if not inside:
        return AgencyChange(relation="renamed", old=None, new=None, reorganised=None)
    dated = [day for day in inside if day is not None]
    return AgencyChange(relation="successor", old=None, new=None, reorganised=max(dated).isoformat() if dated else None)


def _lineage_pairs(
    olds: list[Agency], news: list[Agency], registry_file: str
) -> list[tuple[Agency, Agency, tuple[date | None, ...]]]:
    """(old, new, steps) for each old and new agency of one lineage, either way round.

    Each agency's descendants are looked up once (cached) and indexed, so the work grows with
    the agencies and the pairs found, never with old × new.
    """
    new_at = {b.name: b for b in news if b.name}
    old_at = {a.name: a for a in olds if a.name}
    pairs: dict[tuple[str, str], tuple[Agency, Agency, tuple[date | None, ...]]] = {}
    for a in old_at.values():  # the new agency descends from the old one
        for name, steps in _descendants(registry_file, a.name).items():  # type: ignore[arg-type]
            if name in new_at:
                pairs[(a.name, name)] = (a, new_at[name], steps)  # type: ignore[index]
    for b in new_at.values():  # the old agency descends from the new one (a diff read backwards)
        for name, steps in _descendants(registry_file, b.name).items():  # type: ignore[arg-type]
            if name in old_at and (name, b.name) not in pairs:
                pairs[(name, b.name)] = (old_at[name], b, steps)  # type: ignore[index]
    order = {a.name: i for i, a in enumerate(olds)}
    new_order = {b.name: j for j, b in enumerate(news)}
    return [pairs[k] for k in sorted(pairs, key=lambda k: (order[k[0]], new_order[k[1]]))]


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
    for a, b, steps in _lineage_pairs(rest_old, rest_new, registry_file):
        changes.append(lineage_relation(steps, window).model_copy(update={"old": a, "new": b}))
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

