"""JSON Schema files, generated from the pydantic models (``plan-extract schema -o schema/``).

``schema/`` in the repository holds the committed copies; a test fails when
they differ from what the models generate, so the contract cannot drift.
One file per JSON the tool writes:

- ``plan.schema.json``: ``parse`` output (``models.PlanDocument``);
- ``task-row.schema.json``: a line of ``export --format jsonl`` (``export_rows.TaskRow``);
- ``agency-table.schema.json``: ``agencies --format json`` (``agency_counts.AgencyTable``);
- ``diff.schema.json``: ``diff --format json`` (``diff.models.DiffReport``).

And one that is not for users: ``plain_core_schema(PlanDocument)``, the core
schema ``parse`` validates with (``validate.py``; written into the package by
``scripts/make_core_schema.py``).
"""

from __future__ import annotations

import json

from pydantic import BaseModel
from pydantic_core import CoreSchema

from .agency_counts import TABLE_SCHEMA_VERSION, AgencyTable
from .diff.models import DIFF_SCHEMA_VERSION, DiffReport  # pydantic only: no diff extra needed
from .export_rows import GROUP_COLUMN, ROW_SCHEMA_VERSION, TaskRow
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


# Model validators the core schema may leave out because ``validate_plan`` runs
# the same check itself. Any other Python validator stops the conversion: the
# stored schema would silently skip it.
CHECKED_BY_VALIDATE = {"PlanDocument._check_plan"}


def plain_core_schema(model: type[BaseModel]) -> dict:
    """``model``'s core schema with plain dicts for models, as JSON-ready data.

    Models become typed dicts with the same fields, constraints and extra-field
    rule; a field with a default becomes optional with no default (``parse``
    writes only what it sets, as ``exclude_unset`` does); descriptions, which
    validate nothing, are dropped; definition refs lose their ``:id`` suffix,
    which changes from run to run.
    """
    return _plain(model.__pydantic_core_schema__)


def _plain(schema: CoreSchema) -> dict:
    kind = schema["type"]
    if kind.startswith("function-"):
        name = getattr(schema["function"]["function"], "__qualname__", repr(schema["function"]))
        if name not in CHECKED_BY_VALIDATE:
            raise ValueError(f"validator {name} is Python code the stored core schema cannot run")
        return _with_ref(_plain(schema["schema"]), schema)
    if kind == "model":
        fields = schema["schema"]
        if fields["type"] != "model-fields" or fields.get("computed_fields"):
            raise ValueError(f"model {schema['cls'].__name__} has a shape plain_core_schema does not know")
        plain = {"type": "typed-dict", "fields": {name: _field(f) for name, f in fields["fields"].items()}}
        extra = schema.get("config", {}).get("extra_fields_behavior")
        if extra:
            plain["extra_behavior"] = extra
        return _with_ref(plain, schema)
    plain = {}
    for key, value in schema.items():
        if key == "metadata":
            continue
        if key in ("ref", "schema_ref"):
            value = _stable_ref(value)
        elif isinstance(value, dict):
            value = _plain(value)
        elif isinstance(value, list):
            value = [_plain(item) if isinstance(item, dict) else item for item in value]
        plain[key] = value
    return plain


def _field(field: dict) -> dict:
    schema, required = field["schema"], True
    if schema["type"] == "default":
        schema, required = schema["schema"], False
    return {"type": "typed-dict-field", "schema": _plain(schema), "required": required}


def _with_ref(plain: dict, schema: CoreSchema) -> dict:
    if "ref" in schema:
        plain["ref"] = _stable_ref(schema["ref"])
    return plain


def _stable_ref(ref: str) -> str:
    return ref.split(":")[0]  # extract.models.Node:93925601437648 → extract.models.Node


def core_schema_text(model: type[BaseModel]) -> str:
    return json.dumps(plain_core_schema(model), ensure_ascii=False, indent=1) + "\n"
