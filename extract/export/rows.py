"""Flatten plan documents into task rows: what ``export --format csv|jsonl`` writes.

``task_rows(documents)`` → ``Rows`` (the column names and one dict per task).

A *task* is a node that carries a lead-agency list (its ``agencies`` is not
null): the profile decides which nodes do (``agencies = "always"``, or
``"leaf"`` for nodes without children), so this works for any plan's levels,
not just the 2020 list's ``task``. Rows come in document order, documents in
the order given.

Every row has the same columns. Each ancestor level gets a column group named
after its ``kind`` (``area_id``, ``area_number``, ``area_title``,
``area_label``, ``strategy_id`` …, in the order the levels nest); a level a
task does not have (area 1 has no sub-strategies) is null. ``*_label`` is only
there for kinds that have labels. A kind met twice on one path gets ``_2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models import Node, PlanDocument

ROW_SCHEMA_VERSION = "2.0"  # 2.0: agencies, agency_names, unknown_agencies became arrays

AGENCY_SEPARATOR = "; "
PATH_SEPARATOR = " > "

# The fixed columns, around the ancestor groups: [*HEAD, <groups>, *TAIL].
HEAD_COLUMNS = ("id", "edition_title", "edition_year")
TAIL_COLUMNS = (
    "path",
    "kind",
    "marker",
    "number",
    "title",
    "label",
    "agencies",
    "agency_names",
    "unknown_agencies",
    "source_path",
    "source_sha256",
    "line",
    "column",
    "page",
    "schema_version",
)
FIXED_COLUMNS = frozenset(HEAD_COLUMNS + TAIL_COLUMNS)

# Per ancestor level: (column suffix, the node's value).
GROUP_FIELDS = ("id", "number", "title", "label")
GROUP_COLUMN = re.compile(r"^\S+_(?:id|number|title|label)$")

# `national-task` → `national_task`: kinds come from profiles, column names should not need quoting.
NOT_A_NAME = re.compile(r"\W+")


class TaskRow(BaseModel):
    """One task, flattened; the ancestor groups are the ``<kind>_<field>`` extra columns."""

    model_config = ConfigDict(
        extra="allow", frozen=True, title="TaskRow", json_schema_serialization_defaults_required=True
    )
    __pydantic_extra__: dict[str, str | int | None] = Field(init=False)

    id: str = Field(description="the node id in its edition, e.g. 3.1.2.1; (source_sha256, id) is unique")
    edition_title: str | None = Field(description="the plan's title line, e.g. 2020 정부혁신 대표과제 목록")
    edition_year: int | None = Field(description="the year in the title")
    path: str = Field(description="the ancestors, `marker title` joined with ' > '")
    kind: str = Field(description="the node's kind, e.g. task")
    marker: str = Field(description="as written, e.g. ④")
    number: int = Field(ge=1)
    title: str
    label: str | None
    agencies: list[str] = Field(description="lead agencies as written (CSV: joined with '; ')")
    agency_names: list[str] = Field(
        description="canonical names, in the same order; an agency the registry lacks as written (CSV: joined with '; ')"
    )
    unknown_agencies: list[str] = Field(description="the agencies the registry lacks, as written (CSV: joined with '; ')")
    source_path: str
    source_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    line: int = Field(ge=1, description="1-based line of the task in the source")
    column: int = Field(ge=1)
    page: int | None = Field(ge=1, description="the page, for PDF input")
    schema_version: Literal["2.0"] = ROW_SCHEMA_VERSION

    @model_validator(mode="after")
    def _groups_named(self) -> TaskRow:
        for name in self.__pydantic_extra__ or {}:
            if not GROUP_COLUMN.match(name):
                raise ValueError(f"column {name!r} is neither a task column nor an ancestor column <kind>_<field>")
        return self


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: list[dict[str, str | int | list[str] | None]]  # the agency columns are lists


def task_rows(documents: list[PlanDocument]) -> Rows:
    """One row per task of every document; every row has every column."""
    groups = _Groups()
    flat: list[tuple[dict, dict[str, Node]]] = []
    for document in documents:
        for ancestors, node in iter_tasks(document.children):
            flat.append((_task_columns(document, ancestors, node), groups.place(ancestors)))
    group_columns = groups.columns()
    columns = (*HEAD_COLUMNS, *group_columns, *TAIL_COLUMNS)
    rows = []
    for own, placed in flat:
        row: dict[str, str | int | None] = dict.fromkeys(columns)
        row.update(own)
        for group, ancestor in placed.items():
            for field in GROUP_FIELDS:
                column = f"{group}_{field}"
                if column in row:
                    row[column] = getattr(ancestor, field)
        rows.append(row)
    return Rows(columns, rows)


def iter_tasks(nodes: list[Node], ancestors: tuple[Node, ...] = ()) -> Iterator[tuple[tuple[Node, ...], Node]]:
    """(ancestors, node) for every node that carries a lead-agency list, in document order."""
    for node in nodes:
        if node.agencies is not None:
            yield ancestors, node
        yield from iter_tasks(node.children, (*ancestors, node))


def _task_columns(document: PlanDocument, ancestors: tuple[Node, ...], node: Node) -> dict[str, str | int | None]:
    agencies = node.agencies or []
    return {
        "id": node.id,
        "edition_title": document.title,
        "edition_year": document.year,
        "path": PATH_SEPARATOR.join(f"{a.marker} {a.title}".strip() for a in ancestors),
        "kind": node.kind,
        "marker": node.marker,
        "number": node.number,
        "title": node.title,
        "label": node.label,
        "agencies": [a.text for a in agencies],
        "agency_names": [a.name or a.text for a in agencies],
        "unknown_agencies": [a.text for a in agencies if a.name is None],
        "source_path": document.source.path,
        "source_sha256": document.source.sha256,
        "line": node.span.line,
        "column": node.span.column,
        "page": node.span.page,
        "schema_version": ROW_SCHEMA_VERSION,
    }


class _Groups:
    """Names the ancestor column groups and orders them as the levels nest, across documents."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, int], str] = {}  # (kind, nth time on its path) → group name
        self.guess: list[str] = []  # each group placed below the level above it when first met
        self.above: dict[str, set[str]] = {}  # group → the groups some path puts directly above it
        self.labelled: set[str] = set()

    def place(self, ancestors: tuple[Node, ...]) -> dict[str, Node]:
        placed: dict[str, Node] = {}
        seen: dict[str, int] = {}
        previous: str | None = None
        for ancestor in ancestors:
            seen[ancestor.kind] = seen.get(ancestor.kind, 0) + 1
            group = self._name(ancestor.kind, seen[ancestor.kind])
            if group not in self.guess:
                self.guess.insert(self.guess.index(previous) + 1 if previous else 0, group)
            self.above.setdefault(group, set())
            if previous is not None:
                self.above[group].add(previous)
            if ancestor.label is not None:
                self.labelled.add(group)
            placed[group] = ancestor
            previous = group
        return placed

    def order(self) -> list[str]:
        """Groups ordered so that every path's levels read left to right.

        Placing a new level just below the level above it (``guess``) is right
        until branches nest the same kinds differently: a strategy holding
        sections in one place and national tasks in another, then national
        tasks holding sections. So the order is a topological one over every
        "directly above" seen, ties going to the guess's order (which it keeps
        wherever the guess was right). Only when two paths contradict each
        other (A above B here, B above A there) can no order serve both; the
        guess then decides.
        """
        rank = {group: i for i, group in enumerate(self.guess)}
        waiting = {group: set(above) for group, above in self.above.items()}
        order: list[str] = []
        while waiting:
            ready = [g for g, above in waiting.items() if not above] or list(waiting)
            group = min(ready, key=rank.__getitem__)
            order.append(group)
            del waiting[group]
            for above in waiting.values():
                above.discard(group)
        return order

    def _name(self, kind: str, nth: int) -> str:
        key = (kind, nth)
        if key not in self.names:
            base = NOT_A_NAME.sub("_", kind.lower()).strip("_") or "level"
            taken = set(self.names.values())
            candidates = (base if i == 1 else f"{base}_{i}" for i in range(nth, nth + 1000))
            self.names[key] = next(
                c for c in candidates if c not in taken and not any(f"{c}_{f}" in FIXED_COLUMNS for f in GROUP_FIELDS)
            )
        return self.names[key]

    def columns(self) -> list[str]:
        return [
            f"{group}_{field}"
            for group in self.order()
            for field in GROUP_FIELDS
            if field != "label" or group in self.labelled
        ]
