"""Loading parse output back: the same document, or one line that says where the file is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode, PlanError
from extract.load import load_document, load_documents
from extract.pipeline import parse_file

from .paths import FIXTURE, GOLDEN_DIR

GOLDEN = GOLDEN_DIR / "source.json"


def fixture_dict() -> dict:
    return json.loads(parse_file(str(FIXTURE)).document.to_json())


def edited(change) -> bytes:
    data = fixture_dict()
    change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# (file content, the error line after "x.json", exit code)
BAD_JSON = [
    (b"", ":1:1: error: not valid JSON: Expecting value", ExitCode.BAD_INPUT),
    (b'{"title": "x",\n  "year": 2020,}', ":2:16: error: not valid JSON: Expecting property name enclosed in double quotes", ExitCode.BAD_INPUT),
    (b'{"title": "\xff"}', ":1:12: error: not valid UTF-8 JSON (byte 0xff)", ExitCode.BAD_INPUT),
    (b"[]", ": error: not a plan-extract document (expected a JSON object, or an array of them)", ExitCode.BAD_INPUT),
    (b"42", ": error: not a plan-extract document (expected a JSON object, or an array of them)", ExitCode.BAD_INPUT),
    (b"[1]", ": error: [0] is not a JSON object, so not a plan-extract document", ExitCode.BAD_INPUT),
    (b'{"title": "x"}', ": error: not a plan-extract document: schema_version: Field required (and 6 more)", ExitCode.BAD_INPUT),
    (
        edited(lambda d: d.update(schema_version="2.0")),
        ": error: schema_version is '2.0'; this plan-extract reads '1.0' and '1.1' (parse the source again)",
        ExitCode.BAD_INPUT,
    ),
    (
        edited(lambda d: d["children"][0]["children"][1]["span"].update(end=-1)),
        ": error: not a plan-extract document: children[0].children[1].span.end: Input should be greater than or equal to 0",
        ExitCode.BAD_INPUT,
    ),
    (
        edited(lambda d: d["children"].append(d["children"][0])),
        ": error: not a plan-extract document: Value error, children[4]: duplicate node id '1'",
        ExitCode.BAD_INPUT,
    ),
    (
        edited(lambda d: d["children"][1]["children"][0]["span"].update(end=0)),
        ": error: not a plan-extract document: Value error, children[1].children[0].span: span ends (0) before it starts (456)",
        ExitCode.BAD_INPUT,
    ),
    (
        b"[" + edited(lambda d: None) + b", " + edited(lambda d: d.update(profile=7)) + b"]",
        ": error: not a plan-extract document: [1].profile: Input should be a valid string",
        ExitCode.BAD_INPUT,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "error", "code"),
    BAD_JSON,
    ids=["empty", "syntax", "not-utf-8", "empty-array", "number", "array-of-number", "missing-fields",
         "version", "negative-offset", "duplicate-id", "end-before-start", "second-of-array"],
)  # fmt: skip
def test_bad_json_is_one_located_line(content: bytes, error: str, code: int, tmp_path: Path, capsys) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(PlanError) as caught:
        load_documents(path)
    assert caught.value.one_line() == f"{path}{error}"
    assert caught.value.code == code
    # The same line from the command, and no output.
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-o", str(out)]) == code
    assert capsys.readouterr().err == f"{path}{error}\n"
    assert not out.exists()


def test_parse_output_loads_back_as_the_same_document(tmp_path: Path) -> None:
    document = parse_file(str(FIXTURE)).document
    path = tmp_path / "source.JSON"  # the suffix in any case
    path.write_bytes(b"\xef\xbb\xbf" + document.to_json().encode("utf-8"))  # a BOM is tolerated
    assert load_document(path) == document
    assert load_document(FIXTURE) == document  # plan text is parsed


def test_an_array_holds_several_documents(tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.txt"
    other.write_text("① 과제 추진 행안부\n", encoding="utf-8")
    assert main(["parse", str(FIXTURE), str(other), "-o", "-", "-q"]) == 0
    path = tmp_path / "both.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    documents = load_documents(path)
    assert [d.source.path for d in documents] == [str(FIXTURE), str(other)]
    with pytest.raises(PlanError, match="holds 2 plan documents, expected one"):
        load_document(path)


@pytest.mark.parametrize(
    ("name", "message", "code"),
    [("missing.json", "no such file", ExitCode.UNREADABLE), ("missing.txt", "no such file", ExitCode.UNREADABLE)],
)
def test_unreadable_input(name: str, message: str, code: int, tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        load_documents(tmp_path / name)
    assert (caught.value.msg, caught.value.code) == (message, code)


def test_a_1_0_file_without_confidence_is_still_read(tmp_path) -> None:
    """1.1 only added ``confidence``: a file written by the previous version loads as it is."""
    from extract.load import documents_from_json

    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data["schema_version"] = "1.0"
    del data["confidence"]
    (document,) = documents_from_json(json.dumps(data, ensure_ascii=False).encode())
    assert document.confidence is None and document.children[0].title == data["children"][0]["title"]
