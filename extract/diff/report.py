"""Build the diff report: two ``PlanDocument``s → ``DiffReport`` (``models.py``).

``build_report`` matches the editions (``match.py``) and says, for every task
and heading of either edition, whether it is unchanged, changed, added or
removed, and what changed.

Change kinds of a matched pair:
  renamed     the title (or a heading's label) differs
  moved       the node sits under another heading: its old parent is not matched
              to its new parent (a renamed or renumbered parent is still the same parent)
  renumbered  same parent, other number
  agencies    the lead agencies changed other than in spelling: a successor, a
              reassignment, an agency added or removed (``agency_changes``, ``lineage.py``,
              say which; order and alias do not count)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Node, PlanDocument
from ..stages.profile import Profile, default_profile
from . import match as matching_rules
from . import tasks as task_rules
from .lineage import Window, agency_changes, edition_period
from .match import Matching, Outline, match
from .models import (
    CHANGES,
    RELATIONS,
    STATUSES,
    Change,
    ChangeCounts,
    Counts,
    DiffReport,
    Edition,
    Entry,
    MatchingRules,
    NodeRef,
    RelationCounts,
    RelatedRef,
    Status,
    StatusCounts,
    Summary,
)

# Similarities are rounded so the report's bytes do not depend on the last bits of a float.
DIGITS = 4


def build_report(
    old_document: PlanDocument,
    new_document: PlanDocument,
    *,
    old_path: str,
    new_path: str,
    task_kinds: tuple[str, ...] = (),
    profile: Profile | None = None,
) -> DiffReport:
    """``task_kinds`` overrides which nodes are tasks (``tasks.py``); ``profile`` (default: the
    default profile) gives the task kinds, the title's date pattern and the agency registry."""
    profile = profile or default_profile()
    rule = task_rules.choose(old_document, new_document, profile.task_kinds, task_kinds)
    old = Outline.of(old_document, rule.is_task)
    new = Outline.of(new_document, rule.is_task)
    result = match(old, new)
    old_edition = _edition(old_document, old_path, profile)
    new_edition = _edition(new_document, new_path, profile)
    context = Context(old, new, profile.registry_file, Window.between(old_edition.period, new_edition.period))
    old_task_ids = {n.id for n in old.tasks}
    new_task_ids = {n.id for n in new.tasks}
    old_headings = tuple(n for n in old.nodes if n.id not in old_task_ids)
    new_headings = tuple(n for n in new.nodes if n.id not in new_task_ids)
    headings = _entries(context, old_headings, new_headings, result)
    tasks = _entries(context, old.tasks, new.tasks, result)
    heading_counts = _counts(headings, len(old_headings), len(new_headings))
    task_counts = _counts(tasks, len(old.tasks), len(new.tasks))
    identical = all(e.status == "unchanged" for e in (*headings, *tasks))
    return DiffReport(
        old=old_edition,
        new=new_edition,
        matching=MatchingRules(
            tasks=rule.rule,
            task_kinds=list(rule.kinds),
            task_weights=matching_rules.TASK_WEIGHTS,
            task_threshold=matching_rules.TASK_THRESHOLD,
            heading_weights=matching_rules.HEADING_WEIGHTS,
            heading_threshold=matching_rules.HEADING_THRESHOLD,
            related_floor=matching_rules.RELATED_FLOOR,
        ),
        summary=Summary(identical=identical, headings=heading_counts, tasks=task_counts),
        headings=headings,
        tasks=tasks,
    )


@dataclass(frozen=True)
class Context:
    """What an entry is built from besides its nodes."""

    old: Outline
    new: Outline
    registry_file: str  # the agency registry, for its lineage
    window: Window  # the days between the editions


def _edition(document: PlanDocument, path: str, profile: Profile) -> Edition:
    return Edition(
        path=path,
        source=document.source.path,
        sha256=document.source.sha256,
        title=document.title,
        year=document.year,
        period=edition_period(document, profile.date_pattern),
    )


def _entries(context: Context, olds: tuple[Node, ...], news: tuple[Node, ...], result: Matching) -> list[Entry]:
    """An entry per node of ``olds`` and ``news``, in the new edition's order, with each
    removed node where it used to be (see ``_removed_places``)."""
    old, new = context.old, context.new
    forward = {p.old: p for p in result.pairs}
    backward = {p.new: p for p in result.pairs}
    new_at = {n.id: j for j, n in enumerate(news)}
    old_by_id = {n.id: n for n in olds}
    keyed: list[tuple[tuple[int, int, int], Entry]] = []
    for j, node in enumerate(news):
        pair = backward.get(node.id)
        if pair is None:
            keyed.append(((j, 0, 0), _unmatched("added", None, node, new, result.related_new.get(node.id))))
        else:
            keyed.append(((j, 0, 0), _matched(context, old_by_id[pair.old], node, pair.similarity, forward)))
    partner_at = [new_at.get(forward[n.id].new, -1) if n.id in forward else None for n in olds]
    places = _removed_places(old, olds, partner_at)
    for i, node in enumerate(olds):
        if partner_at[i] is None:
            entry = _unmatched("removed", node, None, old, result.related_old.get(node.id))
            keyed.append((places[i], entry))
    keyed.sort(key=lambda item: item[0])
    return [entry for _, entry in keyed]


def _removed_places(old: Outline, olds: tuple[Node, ...], partner_at: list[int | None]) -> dict[int, tuple]:
    """Sort key of each removed ``olds[i]``: right after the new place of its nearest matched
    earlier sibling, else right before that of its nearest matched later sibling (so it stays
    among its siblings), else after the nearest matched node before it in the document."""
    siblings: dict[str | None, list[int]] = {}
    for i, node in enumerate(olds):
        parent = old.parent[node.id]
        siblings.setdefault(parent.id if parent else None, []).append(i)
    places: dict[int, tuple] = {}
    for group in siblings.values():
        before = after = None
        for i in group:
            if partner_at[i] is not None:
                before = partner_at[i]
            elif before is not None:
                places[i] = (before, 1, i)
        for i in reversed(group):
            if partner_at[i] is not None:
                after = partner_at[i]
            elif i not in places and after is not None:
                places[i] = (after, -1, i)
    anchor = -1
    for i, at in enumerate(partner_at):
        if at is not None:
            anchor = at
        elif i not in places:
            places[i] = (anchor, 1, i)
    return places


def _matched(context: Context, before: Node, after: Node, similarity: float, forward: dict) -> Entry:
    old, new = context.old, context.new
    changes: list[Change] = []
    if before.title != after.title or before.label != after.label:
        changes.append("renamed")
    old_parent, new_parent = old.parent[before.id], new.parent[after.id]
    if old_parent is None or new_parent is None:
        same_parent = old_parent is None and new_parent is None
    else:
        same_parent = old_parent.id in forward and forward[old_parent.id].new == new_parent.id
    if not same_parent:
        changes.append("moved")
    elif before.number != after.number:
        changes.append("renumbered")
    agencies = agency_changes(before.agencies, after.agencies, context.registry_file, context.window)
    if any(change.relation != "renamed" for change in agencies):
        changes.append("agencies")
    return Entry(
        status="changed" if changes else "unchanged",
        changes=changes,
        similarity=round(similarity, DIGITS),
        old=_ref(old, before),
        new=_ref(new, after),
        agency_changes=agencies,
        related=None,
    )


def _unmatched(status: Status, before: Node | None, after: Node | None, outline: Outline, related) -> Entry:
    node = before or after
    assert node is not None
    return Entry(
        status=status,
        changes=[],
        similarity=None,
        old=_ref(outline, before) if before else None,
        new=_ref(outline, after) if after else None,
        agency_changes=[],
        related=RelatedRef(id=related.id, similarity=round(related.similarity, DIGITS)) if related else None,
    )


def _ref(outline: Outline, node: Node) -> NodeRef:
    parent = outline.parent[node.id]
    return NodeRef(
        id=node.id,
        kind=node.kind,
        marker=node.marker,
        number=node.number,
        title=node.title,
        label=node.label,
        agencies=node.agencies,
        parent=parent.id if parent is not None else None,
    )


def _counts(entries: list[Entry], n_old: int, n_new: int) -> Counts:
    return Counts(
        old=n_old,
        new=n_new,
        status=StatusCounts(**{s: sum(e.status == s for e in entries) for s in STATUSES}),
        changes=ChangeCounts(**{c: sum(c in e.changes for e in entries) for c in CHANGES}),
        renumbered_only=sum(e.changes == ["renumbered"] for e in entries),
        agency_changes=RelationCounts(
            **{r: sum(any(c.relation == r for c in e.agency_changes) for e in entries) for r in RELATIONS}
        ),
    )
