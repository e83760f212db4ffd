"""The Python API: ``extract.parse(path_or_bytes_or_text)`` → the validated PlanDocument."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import extract
from extract.errors import ExitCode, PlanError
from extract.models import PlanDocument
from extract.pipeline import parse_file

from .paths import FIXTURE, PDF_FIXTURES, ROOT

EXPECTED = parse_file(str(FIXTURE)).document


@pytest.mark.parametrize(
    ("source", "path"),
    [
        (FIXTURE, str(FIXTURE)),  # a Path
        (str(FIXTURE), str(FIXTURE)),  # a str naming a file
        (FIXTURE.read_bytes(), "<input>"),  # bytes
        (FIXTURE.read_text(encoding="utf-8"), "<input>"),  # text
    ],
    ids=["path", "str-path", "bytes", "text"],
)
def test_every_kind_of_source_gives_the_same_tree(source: object, path: str) -> None:
    document = extract.parse(source)
    assert isinstance(document, PlanDocument)
    assert document.source.path == path
    assert document.children == EXPECTED.children


def test_the_document_helpers() -> None:
    document = extract.parse(FIXTURE)
    nodes = list(document.iter_nodes())
    assert [n.id for n in nodes[:3]] == ["1", "1.1", "1.1.1"]
    assert len(nodes) == 93  # 4 areas, the strategies and sub-strategies, 57 tasks (golden)
    rows = document.to_rows()
    assert len(rows) == 57 and rows[0]["agency_names"] == ["행정안전부"]
    assert json.loads(document.to_json()) == json.loads(document.to_json(compact=True))
    assert "\n" not in document.to_json(compact=True).rstrip("\n")


def test_rows_are_what_export_writes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from extract.cli import main

    assert main(["export", str(FIXTURE), "-f", "jsonl", "-q"]) == 0
    exported = [json.loads(line) for line in capsysbinary.readouterr().out.decode().splitlines()]
    assert extract.parse(FIXTURE).to_rows() == exported


def test_bad_input_raises_plan_error() -> None:
    with pytest.raises(PlanError) as caught:
        extract.parse(b"", name="empty.txt")
    assert (caught.value.one_line(), caught.value.code) == ("empty.txt:1:1: error: empty input (no text at all)", ExitCode.BAD_INPUT)


def test_parse_stays_callable_after_the_stages_are_imported() -> None:
    import extract.stages.profile  # noqa: F401  (the stages live apart from the API's name)

    assert extract.parse("① 과제 추진 행안부\n").children[0].title == "과제 추진"


def test_pdf_bytes() -> None:
    pytest.importorskip("pypdfium2")
    pdf = PDF_FIXTURES["plan-2020"]
    assert extract.parse(pdf.read_bytes()).children == extract.parse(pdf).children


def test_import_is_cheap() -> None:
    """``import extract`` loads none of the parse path: pydantic, regex and the pipeline wait for a call."""
    code = "import sys, extract; print(sorted(m for m in ('pydantic', 'regex', 'extract.pipeline', 'extract.models') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_to_dataframe_when_pandas_is_installed() -> None:
    pandas = pytest.importorskip("pandas")
    frame = extract.parse(FIXTURE).to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 57

