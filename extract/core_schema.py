"""The models (``models.py``) → the core schema ``parse`` validates with (``validate.py`` says why).

``core_schema_text(PlanDocument)`` is what ``scripts/make_core_schema.py``
writes to ``extract/data/plan.core-schema.json``; a test compares the two.

The conversion is an allow-list: models become typed dicts with the same
fields, constraints and extra-field rule, and anything it does not translate
(a Python validator, strict mode, an alias, a custom serializer …) stops it,
since the stored schema would silently skip it. Its output is canonical, so it
changes when the models do, not when pydantic's own choices do: only recursive
definitions stay definitions (pydantic inlines or references the others as its
version sees fit), refs lose their per-run ``:id``, keys are sorted (field order
is kept: it is the order ``parse`` writes).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

# Model validators that may be left out because ``validate.validate_plan`` runs the same check.
CHECKED_BY_VALIDATE = {"PlanDocument._check_plan"}

# What is translated; any other key stops the conversion.
MODEL_KEYS = {"type", "cls", "schema", "config", "ref", "metadata", "custom_init", "root_model"}
CONFIG_KEYS = {"title", "extra_fields_behavior"}
FIELD_KEYS = {"type", "schema", "metadata"}
FIELDS_KEYS = {"type", "fields", "model_name", "computed_fields"}
# Schema types copied as they are, with the keys each may carry (besides type, ref, metadata).
PLAIN_TYPES = {
    "str": {"pattern", "min_length", "max_length"},
    "int": {"ge", "gt", "le", "lt"},
    "float": {"ge", "gt", "le", "lt", "allow_inf_nan"},
    "bool": set(),
    "literal": {"expected"},
    "nullable": {"schema"},
    "list": {"items_schema", "min_length", "max_length"},
    "definitions": {"schema", "definitions"},
    "definition-ref": {"schema_ref"},
}


def core_schema_text(model: type[BaseModel]) -> str:
    return json.dumps(plain_core_schema(model), ensure_ascii=False, indent=1) + "\n"


def plain_core_schema(model: type[BaseModel]) -> dict:
    """``model``'s core schema with typed dicts for models, canonical, as JSON-ready data.

    A field with a default becomes optional with no default: ``parse`` writes
    only what it sets, as ``exclude_unset`` does. Descriptions validate nothing
    and are dropped.
    """
    return _canonical(_plain(model.__pydantic_core_schema__))


def _plain(schema: dict) -> dict:
    kind = schema["type"]
    if kind.startswith("function-"):
        name = getattr(schema["function"]["function"], "__qualname__", repr(schema["function"]))
        if name not in CHECKED_BY_VALIDATE:
            raise ValueError(f"validator {name} is Python code the stored core schema cannot run")
        return _with_ref(_plain(schema["schema"]), schema)
    if kind == "model":
        return _with_ref(_typed_dict(schema), schema)
    if kind not in PLAIN_TYPES:
        raise ValueError(f"core schema type {kind!r} is not translated")
    _refuse(schema, PLAIN_TYPES[kind] | {"type", "ref", "metadata"}, kind)
    plain: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "metadata":
            continue
        if key in ("ref", "schema_ref"):
            value = value.split(":")[0]  # extract.models.Node:93925601437648 → extract.models.Node
        elif isinstance(value, dict):
            value = _plain(value)
        elif key == "definitions":
            value = [_plain(item) for item in value]
        plain[key] = value
    return plain


def _typed_dict(model: dict) -> dict:
    name = model["cls"].__name__
    _refuse(model, MODEL_KEYS, name)
    _refuse(model.get("config", {}), CONFIG_KEYS, f"{name} config")
    if model.get("custom_init") or model.get("root_model"):
        raise ValueError(f"model {name}: a custom __init__ or a root model is not translated")
    fields = model["schema"]
    _refuse(fields, FIELDS_KEYS, f"{name} fields")
    if fields["type"] != "model-fields" or fields.get("computed_fields"):
        raise ValueError(f"model {name}: computed fields are not translated")
    plain: dict[str, Any] = {
        "type": "typed-dict",
        "cls_name": name,  # errors then name the model, as the models' own would
        "fields": {field: _field(spec, f"{name}.{field}") for field, spec in fields["fields"].items()},
    }
    extra = model.get("config", {}).get("extra_fields_behavior")
    if extra:
        plain["extra_behavior"] = extra
    return plain


def _field(spec: dict, where: str) -> dict:
    _refuse(spec, FIELD_KEYS, where)
    schema, required = spec["schema"], True
    if schema["type"] == "default":
        _refuse(schema, {"type", "schema", "default", "default_factory", "default_factory_takes_data"}, where)
        schema, required = schema["schema"], False
    return {"type": "typed-dict-field", "schema": _plain(schema), "required": required}


def _with_ref(plain: dict, schema: dict) -> dict:
    if "ref" in schema:
        plain["ref"] = schema["ref"].split(":")[0]
    return plain


def _refuse(schema: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(schema) - allowed)
    if unknown:
        raise ValueError(f"{where}: {', '.join(unknown)} not translated into the stored core schema")


def _canonical(schema: dict) -> dict:
    """The same schema, whatever pydantic inlined: only recursive definitions stay definitions."""
    table: dict[str, dict] = {}
    _collect(schema, table)
    recursive = sorted(ref for ref in table if _reaches(table[ref], ref, table, set()))
    root = _rebuild(schema, table, set(recursive))
    if not recursive:
        return root
    definitions = [{**_rebuild(table[ref], table, set(recursive), top=True), "ref": ref} for ref in recursive]
    return {"definitions": definitions, "schema": root, "type": "definitions"}


def _collect(node: Any, table: dict[str, dict]) -> None:
    """Every schema that carries a ``ref`` → that schema without it."""
    if isinstance(node, dict):
        if "ref" in node:
            table[node["ref"]] = {key: value for key, value in node.items() if key != "ref"}
        for value in node.values():
            _collect(value, table)
    elif isinstance(node, list):
        for value in node:
            _collect(value, table)


def _reaches(node: Any, target: str, table: dict[str, dict], seen: set[str]) -> bool:
    """Whether ``node`` refers, directly or through other definitions, to ``target``."""
    if isinstance(node, dict):
        ref = node.get("schema_ref") if node.get("type") == "definition-ref" else None
        if ref is not None:
            if ref == target:
                return True
            if ref in seen:
                return False
            seen.add(ref)
            return _reaches(table[ref], target, table, seen)
        return any(_reaches(value, target, table, seen) for value in node.values())
    if isinstance(node, list):
        return any(_reaches(value, target, table, seen) for value in node)
    return False


def _rebuild(node: Any, table: dict[str, dict], recursive: set[str], *, top: bool = False) -> Any:
    if isinstance(node, list):
        return [_rebuild(value, table, recursive) for value in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "definitions":
        return _rebuild(node["schema"], table, recursive)
    if node.get("type") == "definition-ref":
        ref = node["schema_ref"]
        return node if ref in recursive else _rebuild(table[ref], table, recursive)
    if not top and node.get("ref") in recursive:  # the definition itself, where pydantic inlined it
        return {"schema_ref": node["ref"], "type": "definition-ref"}
    rebuilt = {}
    for key in sorted(node):
        if key == "ref":
            continue
        value = node[key]
        if key == "fields":  # field order is output order: kept
            rebuilt[key] = {name: _rebuild(spec, table, recursive) for name, spec in value.items()}
        else:
            rebuilt[key] = _rebuild(value, table, recursive)
    return rebuilt
