"""The diff report's data model: what ``plan-extract diff --format json`` writes, in one place.

Pydantic models define the JSON contract; ``schema/diff.schema.json`` is
generated from ``DiffReport`` (``plan-extract schema``). This module needs only
pydantic, so the schema can be written without the ``diff`` extra.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..models import Agency, Model

DIFF_SCHEMA_VERSION = "2.0"

Status = Literal["unchanged", "changed", "added", "removed"]
Change = Literal["renamed", "moved", "renumbered", "agencies"]
STATUSES: tuple[Status, ...] = ("unchanged", "changed", "added", "removed")
CHANGES: tuple[Change, ...] = ("renamed", "moved", "renumbered", "agencies")
Relation = Literal["successor", "renamed", "reassigned", "added", "removed"]
RELATIONS: tuple[Relation, ...] = ("successor", "renamed", "reassigned", "added", "removed")
# Which nodes were taken for tasks (extract/diff/tasks.py).
TaskRuleName = Literal["agencies", "profile", "leaves", "option"]


class NodeRef(Model):
    """One side of an entry: the node as that edition has it."""

    id: str = Field(description="the node's id in its edition, e.g. 3.1.2.1")
    kind: str
    marker: str
    number: int
    title: str
    label: str | None = Field(description="a heading's label, e.g. 참여")
    agencies: list[Agency] | None = Field(description="lead agencies (tasks); null for headings")
    parent: str | None = Field(description="id of the node it sits under; null at the top level")


class RelatedRef(Model):
    id: str = Field(description="id of the most similar node of the other edition")
    similarity: float = Field(ge=0, le=1, description="title similarity")


class AgencyChange(Model):
    """One agency change of a matched task (extract/diff/lineage.py)."""

    relation: Relation = Field(
        description="successor (a reorganisation between the editions made the old agency the new one), "
        "renamed (the same agency under another name), reassigned (another agency), added, removed"
    )
    old: Agency | None = Field(description="the agency in the old edition (text as written, canonical name)")
    new: Agency | None = Field(description="the agency in the new edition")
    reorganised: str | None = Field(description="successor: the date of the reorganisation (YYYY-MM-DD), if known")


class Entry(Model):
    status: Status
    changes: list[Change] = Field(description="what changed, for a matched pair; empty otherwise")
    similarity: float | None = Field(ge=0, le=1, description="the matching score of the pair; null if unmatched")
    old: NodeRef | None = Field(description="the node in the old edition; null when added")
    new: NodeRef | None = Field(description="the node in the new edition; null when removed")
    agency_changes: list[AgencyChange] = Field(
        description="a matched task's agency changes; a change other than renamed makes the change 'agencies'"
    )
    related: RelatedRef | None = Field(
        description="added or removed: the other edition's most similar node (a split, merge or rewrite), if any"
    )


class StatusCounts(Model):
    unchanged: int
    changed: int
    added: int
    removed: int


class ChangeCounts(Model):
    renamed: int
    moved: int
    renumbered: int
    agencies: int


class RelationCounts(Model):
    successor: int
    renamed: int
    reassigned: int
    added: int
    removed: int


class Counts(Model):
    old: int = Field(description="nodes in the old edition")
    new: int = Field(description="nodes in the new edition")
    status: StatusCounts
    changes: ChangeCounts = Field(description="changed entries with each change kind")
    renumbered_only: int = Field(description="changed entries whose only change is renumbered")
    agency_changes: RelationCounts = Field(description="matched entries with an agency change of each relation")


class Summary(Model):
    identical: bool = Field(description="every task and heading unchanged (exit code 0)")
    headings: Counts
    tasks: Counts


class Period(Model):
    first: str = Field(description="YYYY-MM-DD")
    last: str = Field(description="YYYY-MM-DD")


class Edition(Model):
    path: str = Field(description="the file given to diff (plan text or plan JSON)")
    source: str = Field(description="the plan text the document was parsed from")
    sha256: str
    title: str | None
    year: int | None
    period: Period | None = Field(
        description="the days the edition speaks for: its year joined with a date in its title; null if neither"
    )


class MatchingRules(Model):
    """The documented constants the matching used (docs/diff.md)."""

    tasks: TaskRuleName = Field(
        description="which nodes were tasks: those carrying agencies, the profile's task kinds, the leaves, "
        "or the --task-kind option's kinds"
    )
    task_kinds: list[str] = Field(description="the profile's task kinds (agencies, profile) or the option's")
    task_weights: dict[str, float]
    task_threshold: float
    heading_weights: dict[str, float]
    heading_threshold: float
    related_floor: float


class DiffReport(Model):
    schema_version: Literal["2.0"] = DIFF_SCHEMA_VERSION
    old: Edition
    new: Edition
    matching: MatchingRules
    summary: Summary
    headings: list[Entry] = Field(description="one entry per heading of either edition, in reading order")
    tasks: list[Entry] = Field(description="one entry per task of either edition, in reading order")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
