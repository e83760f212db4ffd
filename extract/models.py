"""The data model: what ``plan-extract parse`` writes, in one place.

Pydantic models define the JSON contract; ``schema/plan.schema.json`` is
generated from ``PlanDocument`` (``plan-extract schema``), and so is the core
schema ``parse`` validates with (``validate.py``, which says why). Validation
rejects an invalid tree: duplicate ids, a child id that does not extend its
parent's, spans out of document order (``validate.check_plan``, run on the
whole document: a ``Node`` or ``Span`` validated alone has its fields checked,
not these rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .validate import SCHEMA_VERSION as SCHEMA_VERSION, check_plan

Severity = Literal["error", "warning", "info"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(Model):
    """Where a node or a piece of noise stands in the decoded input text."""

    start: int = Field(ge=0, description="offset of the first character (in characters of the decoded text)")
    end: int = Field(ge=0, description="offset just past the last character")
    line: int = Field(ge=1, description="1-based line of `start`")
    column: int = Field(ge=1, description="1-based column of `start`")
    page: int | None = Field(default=None, ge=1, description="page number, for PDF input")
    section: int | None = Field(default=None, ge=0, description="HWP/HWPX: the body section (0-based) `start` is in")
    paragraph: int | None = Field(
        default=None, ge=0, description="HWP/HWPX: the paragraph of that section (0-based, table cells and text boxes counted in reading order)"
    )


class Agency(Model):
    text: str = Field(min_length=1, description="as written in the plan, e.g. 행안부")
    name: str | None = Field(description="canonical full name from the registry, e.g. 행정안전부; null when unknown")


class Node(Model):
    id: str = Field(pattern=r"^\d+(~\d+)?(\.\d+(~\d+)?)*$", description="stable path of numbers, e.g. 3.1.2.1")
    kind: str = Field(min_length=1, description="from the profile: area, strategy, substrategy, task …")
    marker: str = Field(description="as written: 분야 1, 1., 1-2., ①")
    number: int = Field(ge=1)
    title: str
    label: str | None = Field(default=None, description="short label, e.g. 참여 (areas)")
    agencies: list[Agency] | None = Field(default=None, description="lead agencies (tasks)")
    references: list[str] | None = Field(
        default=None, description="page cross-references and footnote marks after the title, as written: 18페이지, *, 1｣ (1.1)"
    )
    children: list[Node] = Field(default_factory=list)
    span: Span = Field(description="the node's own text: marker, title, label, agencies; not its children")


class PageRange(Model):
    first: int = Field(ge=1)
    last: int = Field(ge=1)


class SourceInfo(Model):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["text", "pdf", "hwp", "hwpx"]
    encoding: str | None = Field(description="the text encoding detected (text input)")
    document: str | None = Field(description="the document the list was cut from, from its citation")
    pages: PageRange | None = Field(description="the page range the citation gives")


class Noise(Model):
    """Text kept out of the tree: page furniture, scrape debris, what was not understood."""

    kind: str = Field(description="table-header, citation, debris, page-number, trailing-fragment, unrecognized …")
    text: str
    span: Span


class Diagnostic(Model):
    severity: Severity
    code: str = Field(description="numbering-gap, unknown-agency, missing-agencies …")
    message: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class Confidence(Model):
    """How far to trust the tree (``stages/confidence.py``): shares from 0 to 1."""

    claimed: float = Field(ge=0, le=1, description="of the text (page furniture aside), the share inside the tree's sections")
    numbering: float = Field(ge=0, le=1, description="of the numbered headings, the share placed without a numbering diagnostic")
    agencies: float | None = Field(ge=0, le=1, description="of the tasks, the share naming lead agencies; null when the plan names none")
    score: float = Field(ge=0, le=1, description="the lowest of the three; under 0.8 the parse warns (low-confidence)")


class PlanDocument(Model):
    schema_version: Literal["1.0", "1.1"] = Field(description="bumped when the format changes; see the README")
    title: str | None = Field(description="the plan's title line, e.g. 2020 정부혁신 대표과제 목록")
    year: int | None = Field(description="the year in the title")
    profile: str = Field(description="the profile the plan was read with")
    source: SourceInfo
    children: list[Node] = Field(description="the top-level nodes")
    noise: list[Noise]
    diagnostics: list[Diagnostic]
    confidence: Confidence | None = Field(default=None, description="how far to trust the tree (1.1; absent in 1.0 files)")

    @model_validator(mode="after")
    def _check_plan(self) -> PlanDocument:
        check_plan(self.model_dump())
        return self

    def to_json(self, *, compact: bool = False) -> str:
        """The plan as ``parse`` writes it (on one line when ``compact``)."""
        return self.model_dump_json(indent=None if compact else 2, exclude_unset=True) + "\n"

    def iter_nodes(self) -> Iterator[Node]:
        """Every node of the tree, depth first, in document order."""
        return iter_nodes(self.children)

    def to_rows(self) -> list[dict]:
        """One dict per task, the columns ``export --format jsonl`` writes (``export/rows.py``)."""
        from .export.rows import task_rows

        return task_rows([self]).rows

    def to_dataframe(self):
        """``to_rows()`` as a pandas DataFrame (needs pandas, which plan-extract does not install)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install pandas") from None
        from .export.rows import task_rows

        rows = task_rows([self])
        return pandas.DataFrame(rows.rows, columns=list(rows.columns))


def iter_nodes(nodes: list[Node]) -> Iterator[Node]:
    """Every node, depth first, in document order."""
    for node in nodes:
        yield node
        yield from iter_nodes(node.children)
