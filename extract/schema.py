"""JSON Schema files, generated from the pydantic models (``plan-extract schema -o schema/``).

``schema/`` in the repository holds the committed copies; a test fails when
they differ from what the models generate, so the contract cannot drift.
One file per JSON the tool writes:

- ``plan.schema.json``: ``parse`` output (``models.PlanDocument``);
- ``task-row.schema.json``: a line of ``export --format jsonl`` (``export_rows.TaskRow``);
- ``agency-table.schema.json``: ``agencies --format json`` (``agency_counts.AgencyTable``);
- ``diff.schema.json``: ``diff --format json`` (``diff.models.DiffReport``).

The core schema ``parse`` validates with is not for users: ``core_schema.py``.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from .export.agency_counts import TABLE_SCHEMA_VERSION, AgencyTable
from .diff.models import DIFF_SCHEMA_VERSION, DiffReport  # pydantic only: no diff extra needed
from .export.rows import GROUP_COLUMN, ROW_SCHEMA_VERSION, TaskRow
from .models import SCHEMA_VERSION, PlanDocument

SCHEMA_BASE = "https://plan-extract.invalid/schema"


def _schema(model: type[BaseModel], name: str, version: str) -> dict:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_BASE}/{version}/{name}"
    return schema


def plan_schema() -> dict:
    return _schema(PlanDocument, "plan.schema.json", SCHEMA_VERSION)


def task_row_schema() -> dict:
    schema = _schema(TaskRow, "task-row.schema.json", ROW_SCHEMA_VERSION)
    # The ancestor columns are named after the plan's levels (area_title, strategy_id …): say their form.
    extra = schema.pop("additionalProperties")
    schema["patternProperties"] = {GROUP_COLUMN.pattern: extra}
    schema["additionalProperties"] = False
    return schema


def agency_table_schema() -> dict:
    return _schema(AgencyTable, "agency-table.schema.json", TABLE_SCHEMA_VERSION)


def diff_schema() -> dict:
    return _schema(DiffReport, "diff.schema.json", DIFF_SCHEMA_VERSION)


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every JSON document plan-extract writes."""
    schemas = {
        "plan.schema.json": plan_schema(),
        "task-row.schema.json": task_row_schema(),
        "agency-table.schema.json": agency_table_schema(),
        "diff.schema.json": diff_schema(),
    }
    return {name: json.dumps(s, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for name, s in schemas.items()}

