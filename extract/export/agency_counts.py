"""Count tasks per lead agency, edition by edition (``plan-extract agencies``).

``count_agencies(documents)`` → ``AgencyTable``: one column per document (an
edition), one row per agency, the number of tasks that list it as a lead
agency. A task with two lead agencies counts for both. An agency is its
canonical name; one the registry lacks is counted under the text as written
and marked ``known: false``. Rows are sorted by total, most tasks first, then
by name. The model is also the JSON contract of ``agencies --format json``
(``schema/agency-table.schema.json``).
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .rows import iter_tasks
from ..models import PlanDocument

TABLE_SCHEMA_VERSION = "1.0"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


class Edition(Model):
    label: str = Field(description="the column heading: the year, or the title when years repeat or are missing")
    title: str | None
    year: int | None
    source_path: str
    source_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    tasks: int = Field(ge=0, description="tasks in the edition")
    tasks_without_agency: int = Field(ge=0, description="tasks whose lead-agency list is empty")


class AgencyCount(Model):
    name: str = Field(description="canonical name; as written when the registry lacks it")
    known: bool = Field(description="the registry knows the name (in at least one edition's year)")
    counts: list[int] = Field(description="tasks led, one number per edition, in the order of `editions`")
    total: int = Field(ge=0)


class AgencyTable(Model):
    schema_version: Literal["1.0"] = TABLE_SCHEMA_VERSION
    editions: list[Edition]
    agencies: list[AgencyCount]

    def to_json(self, *, compact: bool = False) -> str:
        return self.model_dump_json(indent=None if compact else 2) + "\n"


def count_agencies(documents: list[PlanDocument]) -> AgencyTable:
    counters: list[Counter[str]] = []
    known: dict[str, bool] = {}
    editions = []
    labels = edition_labels(documents)
    for document, label in zip(documents, labels, strict=True):
        counter: Counter[str] = Counter()
        tasks = empty = 0
        for _ancestors, node in iter_tasks(document.children):
            tasks += 1
            empty += not node.agencies
            # A name listed twice in one row still leads that task once.
            names = dict.fromkeys(a.name or a.text for a in node.agencies or [])
            counter.update(names.keys())
            for agency in node.agencies or []:
                key = agency.name or agency.text
                known[key] = known.get(key, False) or agency.name is not None
        counters.append(counter)
        editions.append(
            Edition(
                label=label,
                title=document.title,
                year=document.year,
                source_path=document.source.path,
                source_sha256=document.source.sha256,
                tasks=tasks,
                tasks_without_agency=empty,
            )
        )
    rows = [
        AgencyCount(name=name, known=known[name], counts=counts, total=sum(counts))
        for name in known
        for counts in [[c[name] for c in counters]]
    ]
    rows.sort(key=lambda r: (-r.total, r.name))
    return AgencyTable(editions=editions, agencies=rows)


def edition_labels(documents: list[PlanDocument]) -> list[str]:
    """Short, distinct column headings: years when they tell the editions apart, else titles, else paths."""
    years = [d.year for d in documents]
    if None not in years and len(set(years)) == len(years):
        return [str(y) for y in years]
    labels = [d.title or d.source.path for d in documents]
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return out
