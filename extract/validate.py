"""Stage 6, validate: the parsed tree as plain data → the same data, checked against the data model.

``validate_plan(payload)`` returns the validated dict (what ``parse`` writes as
JSON) or raises ``ValueError`` / pydantic-core's ``ValidationError``.

Why pydantic-core alone, and not the models of ``models.py``: importing
pydantic's model machinery and building the models takes longer than parsing a
plan (~160 ms against ~10), and building a model object per node costs more than
checking the node. So the models are compiled ahead of time into a core schema
stored as data (``data/plan.core-schema.json``, made by ``core_schema.py``
and written by ``scripts/make_core_schema.py``; a test fails when it no longer
matches the models), which pydantic-core turns into a validator in ~1.5 ms.

What a core schema cannot hold is Python code: the checks that span the tree
(ids unique and extending their parent's, spans in document order) are
``check_plan`` here, which ``models.PlanDocument`` runs too, so both ways of
validating a plan accept and reject the same documents.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic_core import SchemaValidator, from_json

from . import DATA_DIR

SCHEMA_VERSION = "1.1"  # of the plan JSON; here so that ``parse`` can write it without the models
# Versions this plan-extract reads back (export, diff, agencies): a minor version only adds
# fields, so an older file of the same major version is read as it is (1.0 lacks confidence).
READABLE_VERSIONS = ("1.0", "1.1")
CORE_SCHEMA_FILE = "plan.core-schema.json"


@lru_cache(maxsize=1)
def plan_validator() -> SchemaValidator:
    # pydantic-core's JSON reader, already loaded: the ``json`` module is ~1.5 ms of start-up
    return SchemaValidator(from_json((DATA_DIR / CORE_SCHEMA_FILE).read_bytes()))


def validate_plan(payload: dict) -> dict:
    """``payload`` checked by the plan schema and ``check_plan``; returns the validated copy."""
    data = plan_validator().validate_python(payload)
    check_plan(data)
    return data


def check_plan(document: dict) -> None:
    """The rules no field type can say; raises ``ValueError`` naming the first one broken and where.

    ``document`` is a plan as plain data (``PlanDocument.model_dump()`` or a
    validated payload): node ids are unique and a child's extends its parent's
    (``3.1`` under ``3``); no span ends before it starts; each node's text
    starts after the text of the node before it (its parent's own text included).
    A message starts with the place, as pydantic's own do: ``children[1].children[0].span: …``.
    """
    for i, noise in enumerate(document["noise"]):
        if noise["span"]["end"] < noise["span"]["start"]:
            raise ValueError(f"noise[{i}].span: {_backwards(noise['span'])}")
    _check_nodes(document["children"], "children", "", 0, set())


def _check_nodes(nodes: list[dict], path: str, prefix: str, previous_end: int, seen: set[str]) -> int:
    """Check ``nodes`` (siblings at ``path``, ids under ``prefix``) and their subtrees; return where the last text ends.

    One walk in document order; each node's id is checked before its place, so
    a node copied elsewhere is reported as the duplicate it is.
    """
    for i, node in enumerate(nodes):
        node_id, span = node["id"], node["span"]
        if not node_id.startswith(prefix):
            raise ValueError(f"{path}[{i}]: child id {node_id!r} does not extend parent id {prefix[:-1]!r}")
        if node_id in seen:
            raise ValueError(f"{path}[{i}]: duplicate node id {node_id!r}")
        seen.add(node_id)
        if span["start"] < previous_end:
            raise ValueError(f"{path}[{i}]: node {node_id} starts before the text of the node before it ends")
        if span["end"] < span["start"]:
            raise ValueError(f"{path}[{i}].span: {_backwards(span)}")
        previous_end = span["end"]
        children = node.get("children")
        if children:  # the path is spelled only where it is needed: most nodes are leaves
            previous_end = _check_nodes(children, f"{path}[{i}].children", node_id + ".", previous_end, seen)
    return previous_end


def _backwards(span: dict) -> str:
    return f"span ends ({span['end']}) before it starts ({span['start']})"
