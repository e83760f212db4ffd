"""The committed JSON Schema and core schema match the models; the models and the
parse path's validator (``validate.validate_plan``) reject the same invalid trees."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer, model_validator

from extract.models import Node, PlanDocument
from extract.pipeline import parse_file
from extract.core_schema import core_schema_text, plain_core_schema
from extract.schema import schema_files
from extract.validate import CORE_SCHEMA_FILE, validate_plan

from .paths import FIXTURE, ROOT


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    # Compared as data: pydantic versions spell the same bound 1 or 1.0.
    assert json.loads(committed) == json.loads(schema_files()[name]), (
        f"schema/{name} is stale: run `plan-extract schema -o schema/`"
    )


def test_committed_core_schema_is_current() -> None:
    committed = (ROOT / "extract" / "data" / CORE_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == core_schema_text(PlanDocument), (
        f"extract/data/{CORE_SCHEMA_FILE} is stale: run `python3 scripts/make_core_schema.py`"
    )


class _Checked(BaseModel):
    n: int

    @model_validator(mode="after")
    def _positive(self) -> "_Checked":
        return self


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True)
    n: int


class _Aliased(BaseModel):
    n: int = Field(validation_alias="number")


class _Serialized(BaseModel):
    n: int

    @field_serializer("n")
    def _as_text(self, n: int) -> str:
        return str(n)


# What the stored schema cannot carry stops the conversion, rather than being left out.
@pytest.mark.parametrize(
    ("model", "message"),
    [
        (_Checked, "_positive is Python code"),
        (_Strict, "_Strict config: strict not translated"),
        (_Aliased, "_Aliased.n: validation_alias not translated"),
        (_Serialized, "serialization not translated"),
    ],
    ids=["python-validator", "strict", "alias", "serializer"],
)
def test_core_schema_refuses_what_it_cannot_store(model: type[BaseModel], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plain_core_schema(model)


def test_core_schema_is_canonical_whatever_pydantic_inlines() -> None:
    # Only the recursive Node stays a definition; Span and Agency are inlined wherever used.
    schema = plain_core_schema(PlanDocument)
    assert [d["ref"] for d in schema["definitions"]] == ["extract.models.Node"]
    text = json.dumps(schema)
    assert "extract.models.Span" not in text and "extract.models.Agency" not in text
    assert list(schema["schema"]["fields"]) == list(PlanDocument.model_fields)  # output order kept


def _fixture_dict() -> dict:
    return json.loads(parse_file(str(FIXTURE)).to_json())


def test_output_round_trips_through_the_model() -> None:
    parsed = parse_file(str(FIXTURE))
    assert parsed.document.to_json() == parsed.to_json()
    data = json.loads(parsed.to_json())
    assert json.loads(PlanDocument.model_validate(data).to_json()) == data


def _models(data: dict) -> None:
    PlanDocument.model_validate(data)


# The parse path and the models must agree on what a valid plan is.
VALIDATORS = pytest.mark.parametrize("validate", [_models, validate_plan], ids=["models", "parse-path"])


def _node(**changes) -> dict:
    node = {
        "id": "1",
        "kind": "task",
        "marker": "①",
        "number": 1,
        "title": "과제",
        "agencies": [],
        "children": [],
        "span": {"start": 0, "end": 4, "line": 1, "column": 1},
    }
    node.update(changes)
    return node


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["children"].append(dict(d["children"][0])), "duplicate node id"),
        (lambda d: d["children"][0]["children"][0].update(id="9.1"), "does not extend parent id"),
        (lambda d: d["children"][0]["span"].update(end=-1), "greater than or equal to 0"),
        (lambda d: d["children"][0]["span"].update(start=99999), "ends"),
        (lambda d: d.update(schema_version="0.9"), "schema_version"),
        (lambda d: d["children"][0].update(number=0), "greater than or equal to 1"),
        (lambda d: d["children"][0].update(colour="red"), "Extra inputs"),
        (lambda d: d["children"].reverse(), "starts before"),
    ],
    ids=["duplicate-id", "child-id", "negative-offset", "end-before-start", "version", "number-zero", "extra-field", "order"],
)
@VALIDATORS
def test_invalid_tree_is_rejected(change, message: str, validate) -> None:
    data = _fixture_dict()
    change(data)
    with pytest.raises((ValidationError, ValueError), match=message):
        validate(data)


@VALIDATORS
def test_valid_tree_is_accepted(validate) -> None:
    validate(_fixture_dict())


def test_node_model_alone() -> None:
    assert Node.model_validate(_node()).title == "과제"
    with pytest.raises(ValidationError):
        Node.model_validate(_node(id="1.x"))
