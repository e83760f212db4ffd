"""Every JSON the tool writes fits its committed schema in schema/ (checked with a JSON Schema
validator, not with the pydantic models the schemas come from)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from extract.cli import main
from extract.schema import schema_files

from .editions import write_editions
from .paths import FIXTURE, ROOT


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_parse_output_fits_plan_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURE), "-o", "-", "-q"]) == 0
    validator("plan.schema.json").validate(json.loads(capsys.readouterr().out))


def test_jsonl_lines_fit_task_row_schema(tmp_path: Path) -> None:
    out = tmp_path / "tasks.jsonl"
    assert main(["export", *map(str, write_editions(tmp_path / "in")), "-o", str(out), "-q"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    check = validator("task-row.schema.json")
    for row in rows:
        check.validate(row)
    assert any(row["unknown_agencies"] for row in rows)
    # The schema is not a rubber stamp: a stray column, a wrong type, a missing column fail.
    for bad in ({**rows[0], "colour": "red"}, {**rows[0], "number": "1"}, {k: v for k, v in rows[0].items() if k != "id"}):
        assert not check.is_valid(bad)


def test_agency_table_fits_its_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agencies", *map(str, write_editions(tmp_path / "in")), "--format", "json", "-q"]) == 0
    table = json.loads(capsys.readouterr().out)
    check = validator("agency-table.schema.json")
    check.validate(table)
    del table["schema_version"]
    assert not check.is_valid(table)


def test_schema_command_names_every_schema_file(capsys: pytest.CaptureFixture[str]) -> None:
    for name in schema_files():
        assert main(["schema", name.removesuffix(".schema.json")]) == 0
        assert capsys.readouterr().out == schema_files()[name]


def test_diff_report_fits_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(FIXTURE), str(ROOT / "fixtures" / "edition-2021.txt"), "-q"]) == 1
    report = json.loads(capsys.readouterr().out)
    check = validator("diff.schema.json")
    check.validate(report)
    entry = report["tasks"][0]
    without_old = {k: v for k, v in entry.items() if k != "old"}
    for bad in ({**entry, "status": "moved"}, {**entry, "changes": ["retitled"]}, without_old):
        assert not check.is_valid({**report, "tasks": [bad]})
