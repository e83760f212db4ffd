"""The readable reports' outline: ``DiffReport`` → one ``Section`` per top-level heading (area).

A task belongs to the area it is in in the new edition; a removed task to the
new area its old area was matched to, or to its old area when that was removed
too. Tasks outside every heading form a first section without a heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import AgencyChange, DiffReport, Entry, NodeRef


@dataclass
class Section:
    heading: Entry | None  # the area's own entry; None for tasks outside every heading
    tasks: list[Entry] = field(default_factory=list)
    moved_out: list[Entry] = field(default_factory=list)  # tasks now in another section

    @property
    def changed(self) -> list[Entry]:
        return [e for e in self.tasks if e.status != "unchanged"]

    @property
    def unchanged(self) -> list[Entry]:
        return [e for e in self.tasks if e.status == "unchanged"]


def sections(report: DiffReport) -> list[Section]:
    top: dict[tuple[str, str], Section] = {}
    renamed_to = {e.old.id: e.new.id for e in report.headings if e.old and e.new}
    for entry in report.headings:
        ref = entry.new or entry.old
        if ref is not None and ref.parent is None:
            top[_key(entry)] = Section(entry)
    loose = Section(None)
    for entry in report.tasks:
        old_key = None
        if entry.old is not None:
            area = _area_id(entry.old)
            old_key = ("new", renamed_to[area]) if area in renamed_to else ("old", area)
        key = ("new", _area_id(entry.new)) if entry.new is not None else old_key
        assert key is not None
        top.get(key, loose).tasks.append(entry)
        if old_key is not None and old_key != key:
            top.get(old_key, loose).moved_out.append(entry)
    return ([loose] if loose.tasks or loose.moved_out else []) + list(top.values())


def section_name(heading: Entry | None) -> str:
    """How a report names the section of a ``Section.heading``, unescaped; None is the loose tasks'."""
    if heading is None:
        return "Tasks outside every heading"
    ref = heading.new or heading.old
    assert ref is not None
    return heading_name(ref)


def heading_name(ref: NodeRef) -> str:
    """How a report names a heading, unescaped: ``분야 2 민관협력 … (협력)``."""
    name = f"{ref.marker} {ref.title}".strip()
    if ref.label:
        name += f" ({ref.label})"
    return name


def headings_by_id(report: DiffReport) -> tuple[dict[str, NodeRef], dict[str, NodeRef]]:
    """Old id → old heading, new id → new heading."""
    old = {e.old.id: e.old for e in report.headings if e.old}
    new = {e.new.id: e.new for e in report.headings if e.new}
    return old, new


def _key(entry: Entry) -> tuple[str, str]:
    return ("new", entry.new.id) if entry.new else ("old", entry.old.id)  # type: ignore[union-attr]


def _area_id(ref: NodeRef) -> str:
    return ref.id.split(".")[0]


def handed_over(entry: Entry) -> tuple[set[str], set[str]]:
    """Canonical names (as written when unknown) of the old agencies that gave the task up and
    the new ones that took it: removed, added, reassigned; a reorganisation is not a handover."""
    old = {c.old.name or c.old.text for c in entry.agency_changes if c.old and c.relation in ("removed", "reassigned")}
    new = {c.new.name or c.new.text for c in entry.agency_changes if c.new and c.relation in ("added", "reassigned")}
    return old, new


def agency_change_text(change: AgencyChange) -> str:
    """``기재부 → 재경부 (reorganised 2026-01-02)``, ``산업부 → 기후부 (reassigned)``, ``+ 복지부 (added)``; unescaped."""
    if change.old is None:
        return f"+ {change.new.text} (added)"  # type: ignore[union-attr]
    if change.new is None:
        return f"− {change.old.text} (removed)"
    why = change.relation
    if change.relation == "successor":
        why = "reorganised " + change.reorganised if change.reorganised else "reorganised"
    return f"{change.old.text} → {change.new.text} ({why})"


def headline(report: DiffReport) -> str:
    """The summary in one sentence, unescaped (numbers only): ``Tasks 57 → 56: 4 changed, 6 only renumbered, 2 added, 3 removed, 44 unchanged.``

    A task that only moved up or down a place because another was dropped did not change:
    it is counted apart, so "changed" means changed in substance.
    """
    tasks = report.summary.tasks
    parts = [f"{tasks.status.changed - tasks.renumbered_only} changed"]
    if tasks.renumbered_only:
        parts.append(f"{tasks.renumbered_only} only renumbered")
    parts += [f"{tasks.status.added} added", f"{tasks.status.removed} removed", f"{tasks.status.unchanged} unchanged"]
    line = f"Tasks {tasks.old} → {tasks.new}: " + ", ".join(parts) + "."
    moves = tasks.agency_changes
    handed = [f"{n} {what}" for n, what in ((moves.reassigned, "reassigned"), (moves.successor, "reorganised")) if n]
    if handed:
        line += " Lead agencies: " + ", ".join(handed) + "."
    return line
