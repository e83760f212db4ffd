"""The committed JSON Schema matches the models, and the models reject invalid trees."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extract.models import Node, PlanDocument
from extract.pipeline import parse_file
from extract.schema import schema_files

from .paths import FIXTURE, ROOT


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == schema_files()[name], f"schema/{name} is stale: run `plan-extract schema -o schema/`"


def _fixture_dict() -> dict:
    return json.loads(parse_file(str(FIXTURE)).document.to_json())


def test_output_round_trips_through_the_model() -> None:
    data = _fixture_dict()
    assert json.loads(PlanDocument.model_validate(data).to_json()) == data


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
def test_model_rejects_an_invalid_tree(change, message: str) -> None:
    data = _fixture_dict()
    change(data)
    with pytest.raises(ValidationError, match=message):
        PlanDocument.model_validate(data)


def test_node_model_alone() -> None:
    assert Node.model_validate(_node()).title == "과제"
    with pytest.raises(ValidationError):
        Node.model_validate(_node(id="1.x"))
