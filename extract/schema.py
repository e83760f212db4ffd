"""JSON Schema files, generated from the pydantic models (``plan-extract schema -o schema/``).

``schema/`` in the repository holds the committed copies; a test fails when
they differ from what the models generate, so the contract cannot drift.
"""

from __future__ import annotations

import json

from .models import SCHEMA_VERSION, PlanDocument

SCHEMA_BASE = "https://plan-extract.invalid/schema"


def plan_schema() -> dict:
    schema = PlanDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_BASE}/{SCHEMA_VERSION}/plan.schema.json"
    return schema


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every JSON document plan-extract writes."""
    return {"plan.schema.json": json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"}
