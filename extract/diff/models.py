"""The diff report's data model: what ``plan-extract diff --format json`` writes, in one place.

Pydantic models define the JSON contract; ``schema/diff.schema.json`` is
generated from ``DiffReport`` (``plan-extract schema``). This module needs only
pydantic, so the schema can be written without the ``diff`` extra.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..models import Agency, Model

DIFF_SCHEMA_VERSION = "1.0"

Status = Literal["unchanged", "changed", "added", "removed"]
Change = Literal["renamed", "moved", "renumbered", "agencies"]
STATUSES: tuple[Status, ...] = ("unchanged", "changed", "added", "removed")
CHANGES: tuple[Change, ...] = ("renamed", "moved", "renumbered", "agencies")


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


class Entry(Model):
    status: Status
    changes: list[Change] = Field(description="what changed, for a matched pair; empty otherwise")
    similarity: float | None = Field(ge=0, le=1, description="the matching score of the pair; null if unmatched")
    old: NodeRef | None = Field(description="the node in the old edition; null when added")
    new: NodeRef | None = Field(description="the node in the new edition; null when removed")
    agencies_added: list[str] = Field(description="canonical names (as written when unknown) only the new node has")
    agencies_removed: list[str] = Field(description="canonical names only the old node has")
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


class Counts(Model):
    old: int = Field(description="nodes in the old edition")
    new: int = Field(description="nodes in the new edition")
    status: StatusCounts
    changes: ChangeCounts = Field(description="changed entries with each change kind")


class Summary(Model):
    identical: bool = Field(description="every task and heading unchanged (exit code 0)")
    headings: Counts
    tasks: Counts


class Edition(Model):
    path: str = Field(description="the file given to diff (plan text or plan JSON)")
    source: str = Field(description="the plan text the document was parsed from")
    sha256: str
    title: str | None
    year: int | None


class MatchingRules(Model):
    """The documented constants the matching used (docs/diff.md)."""

    task_kinds: list[str]
    task_weights: dict[str, float]
    task_threshold: float
    heading_weights: dict[str, float]
    heading_threshold: float
    related_floor: float


class DiffReport(Model):
    schema_version: Literal["1.0"] = DIFF_SCHEMA_VERSION
    old: Edition
    new: Edition
    matching: MatchingRules
    summary: Summary
    headings: list[Entry] = Field(description="one entry per heading of either edition, in reading order")
    tasks: list[Entry] = Field(description="one entry per task of either edition, in reading order")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
