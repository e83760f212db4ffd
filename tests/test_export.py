"""Task rows, CSV and JSON Lines: the rows say what the plan says, and read back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode
from extract.export.csv import to_csv
from extract.export.jsonl import to_jsonl
from extract.export.rows import TaskRow, task_rows
from extract.load import load_documents
from extract.models import SCHEMA_VERSION, Node, PlanDocument, iter_nodes
from extract.pipeline import parse_file

from .editions import TASKS, write_editions
from .factories import parse
from .paths import FIXTURE, PDF_FIXTURES

SMALL_PLAN = """\
2021 정부혁신 대표과제 목록

분야 1 | 참여 확대(참여)
1. 기반 마련
① 참여 과제 추진 행안부
② 협업 과제 추진 기재부, 미래혁신처
2. 제도 개선
2-1. 세부 전략
① 세부 과제 추진 인사처
분야 2 | 협력 강화(협력)
1. 협력 기반
① 협력 과제 추진 전 부처
"""

SMALL_COLUMNS = (
    "id", "edition_title", "edition_year",
    "area_id", "area_number", "area_title", "area_label",
    "strategy_id", "strategy_number", "strategy_title",
    "substrategy_id", "substrategy_number", "substrategy_title",
    "path", "kind", "marker", "number", "title", "label",
    "agencies", "agency_names", "unknown_agencies",
    "source_path", "source_sha256", "line", "column", "page", "schema_version",
)  # fmt: skip

# id | area id, title, label | strategy id, title | substrategy id, title | path | marker, title | agencies
# as written, canonical, unknown | line. Written from SMALL_PLAN by hand.
SMALL_ROWS = [
    ("1.1.1", "1", "참여 확대", "참여", "1.1", "기반 마련", None, None,
     "분야 1 참여 확대 > 1. 기반 마련", "①", "참여 과제 추진", ["행안부"], ["행정안전부"], [], 5),
    ("1.1.2", "1", "참여 확대", "참여", "1.1", "기반 마련", None, None,
     "분야 1 참여 확대 > 1. 기반 마련", "②", "협업 과제 추진", ["기재부", "미래혁신처"], ["기획재정부", "미래혁신처"], ["미래혁신처"], 6),
    ("1.2.1.1", "1", "참여 확대", "참여", "1.2", "제도 개선", "1.2.1", "세부 전략",
     "분야 1 참여 확대 > 2. 제도 개선 > 2-1. 세부 전략", "①", "세부 과제 추진", ["인사처"], ["인사혁신처"], [], 9),
    ("2.1.1", "2", "협력 강화", "협력", "2.1", "협력 기반", None, None,
     "분야 2 협력 강화 > 1. 협력 기반", "①", "협력 과제 추진", ["전 부처"], ["전 부처"], [], 12),
]  # fmt: skip


def test_one_row_per_task_with_its_full_path() -> None:
    rows = task_rows([parse(SMALL_PLAN)])
    assert rows.columns == SMALL_COLUMNS
    got = [
        (
            r["id"], r["area_id"], r["area_title"], r["area_label"], r["strategy_id"], r["strategy_title"],
            r["substrategy_id"], r["substrategy_title"], r["path"], r["marker"], r["title"],
            r["agencies"], r["agency_names"], r["unknown_agencies"], r["line"],
        )
        for r in rows.rows
    ]  # fmt: skip
    assert got == SMALL_ROWS
    first = rows.rows[0]
    assert (first["edition_title"], first["edition_year"], first["kind"], first["number"]) == (
        "2021 정부혁신 대표과제 목록",
        2021,
        "task",
        1,
    )
    assert (first["area_number"], first["strategy_number"], first["label"], first["page"]) == (1, 1, None, None)


def test_every_row_fits_the_row_model() -> None:
    rows = task_rows([parse(SMALL_PLAN), parse_file(str(FIXTURE)).document])
    for row in rows.rows:
        assert TaskRow.model_validate(row).model_dump() == row


def _node(id: str, kind: str, start: int, children: list[Node] = (), *, agencies: bool = False, label=None) -> Node:
    return Node(
        id=id,
        kind=kind,
        marker=f"{id}.",
        number=int(id.rsplit(".", 1)[-1]),
        title=f"{kind} {id}",
        label=label,
        agencies=[{"text": "행안부", "name": "행정안전부"}] if agencies else None,
        children=list(children),
        span={"start": start, "end": start + 1, "line": start + 1, "column": 1},
    )


def _document(children: list[Node], title: str = "문서") -> PlanDocument:
    return PlanDocument(
        schema_version=SCHEMA_VERSION,
        title=title,
        year=None,
        profile="test",
        source={
            "path": "x.txt",
            "sha256": "0" * 64,
            "format": "text",
            "encoding": "utf-8",
            "document": None,
            "pages": None,
        },
        children=children,
        noise=[],
        diagnostics=[],
    )


@pytest.mark.parametrize(
    ("documents", "groups"),
    [
        # A kind met twice on one path gets _2.
        (
            [[_node("1", "item", 0, [_node("1.1", "item", 1, [_node("1.1.1", "task", 2, agencies=True)])])]],
            ["item", "item_2"],
        ),
        # A kind whose columns would be fixed columns (edition_title) moves aside.
        ([[_node("1", "edition", 0, [_node("1.1", "task", 1, agencies=True)])]], ["edition_2"]),
        # Kinds need no quoting as columns.
        ([[_node("1", "national-task", 0, [_node("1.1", "task", 1, agencies=True)])]], ["national_task"]),
        # Two editions with other levels: a new level goes below the level above it on its path.
        (
            [
                [_node("1", "area", 0, [_node("1.1", "strategy", 1, [_node("1.1.1", "task", 2, agencies=True)])])],
                [_node("1", "area", 0, [_node("1.1", "section", 1, [_node("1.1.1", "task", 2, agencies=True)])])],
                [_node("1", "part", 0, [_node("1.1", "task", 1, agencies=True)])],
            ],
            ["part", "area", "section", "strategy"],
        ),
        # Branches nest kinds differently: section sits below national-task once both are seen.
        (
            [
                [
                    _node("1", "strategy", 0, [_node("1.1", "national-task", 1, [_node("1.1.1", "task", 2, agencies=True)])]),
                    _node("2", "strategy", 3, [_node("2.1", "section", 4, [_node("2.1.1", "task", 5, agencies=True)])]),
                    _node("3", "strategy", 6, [_node("3.1", "national-task", 7, [_node("3.1.1", "section", 8, [_node("3.1.1.1", "task", 9, agencies=True)])])]),
                ]
            ],
            ["strategy", "national_task", "section"],
        ),
        # Contradicting paths (area above part here, part above area there): the first placement stands.
        (
            [
                [_node("1", "area", 0, [_node("1.1", "part", 1, [_node("1.1.1", "task", 2, agencies=True)])])],
                [_node("1", "part", 0, [_node("1.1", "area", 1, [_node("1.1.1", "task", 2, agencies=True)])])],
            ],
            ["area", "part"],
        ),
        # A node with agencies and children is a task, and so are its children with agencies.
        ([[_node("1", "task", 0, [_node("1.1", "task", 1, agencies=True)], agencies=True)]], ["task"]),
    ],
    ids=["kind-twice", "fixed-name", "hyphen", "other-levels", "branches-differ", "contradiction", "nested-tasks"],
)
def test_column_groups_follow_the_documents_levels(documents: list[list[Node]], groups: list[str]) -> None:
    rows = task_rows([_document(children) for children in documents])
    group_columns = rows.columns[3 : -len(SMALL_COLUMNS[13:])]
    assert group_columns == tuple(f"{g}_{f}" for g in groups for f in ("id", "number", "title"))
    for row in rows.rows:
        TaskRow.model_validate(row)


def test_group_label_column_only_for_kinds_with_labels() -> None:
    labelled = _node("1", "area", 0, [_node("1.1", "task", 1, agencies=True)], label="참여")
    rows = task_rows([_document([labelled])])
    assert rows.columns[3:7] == ("area_id", "area_number", "area_title", "area_label")
    assert rows.rows[0]["area_label"] == "참여"


def _task_nodes(document: PlanDocument) -> list[Node]:
    return [n for n in iter_nodes(document.children) if n.agencies is not None]


def test_rows_are_the_documents_tasks() -> None:
    document = parse_file(str(FIXTURE)).document
    rows = task_rows([document]).rows
    tasks = _task_nodes(document)
    assert len(rows) == len(tasks) == TASKS
    assert [(r["id"], r["title"], r["agencies"]) for r in rows] == [
        (n.id, n.title, [a.text for a in n.agencies]) for n in tasks
    ]


def _as_cells(rows: list[dict]) -> list[dict[str, str]]:
    """What a CSV reader gives back for a row: null as an empty cell, numbers as text, lists joined by '; '."""
    return [{k: "" if v is None else "; ".join(v) if isinstance(v, list) else str(v) for k, v in row.items()} for row in rows]


@pytest.fixture
def two_editions(tmp_path: Path) -> list[PlanDocument]:
    json_2020, text_2021 = write_editions(tmp_path / "in")
    return load_documents(json_2020) + load_documents(text_2021)


def test_csv_reads_back_as_the_rows(two_editions: list[PlanDocument]) -> None:
    rows = task_rows(two_editions)
    text = to_csv(rows)
    assert not text.startswith("\ufeff") and "\r" not in text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == rows.columns
    assert list(reader) == _as_cells(rows.rows)
    assert len(rows.rows) == 2 * TASKS


def test_jsonl_reads_back_as_the_rows(two_editions: list[PlanDocument]) -> None:
    rows = task_rows(two_editions)
    lines = to_jsonl(rows).splitlines()
    assert [json.loads(line) for line in lines] == rows.rows
    assert all(list(json.loads(line)) == list(rows.columns) for line in lines)
    assert "\\u" not in lines[0] and "행안부" in to_jsonl(rows)  # Korean as is, not escaped


def test_export_csv_for_excel_has_a_bom_and_crlf(tmp_path: Path) -> None:
    out = tmp_path / "tasks.csv"
    assert main(["export", str(FIXTURE), "-o", str(out), "--excel", "-q"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,edition_title,")
    assert data.count(b"\r\n") == TASKS + 1 and data.count(b"\n") == TASKS + 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle)) == _as_cells(task_rows([parse_file(str(FIXTURE)).document]).rows)


def test_export_writes_stdout_by_default(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(FIXTURE), "--format", "jsonl", "-q"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == TASKS
    assert json.loads(lines[3])["title"] == "공공기관 운영·관리체계 및 혁신성과 평가 개선"
    assert json.loads(lines[3])["agency_names"] == ["기획재정부", "행정안전부"]  # arrays since row schema 2.0


def test_export_reads_a_pdf_plan(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    pdf = next(iter(PDF_FIXTURES.values()))
    assert main(["export", str(pdf), "--format", "jsonl", "-q"]) == 0
    rows = [json.loads(line) for line in capsysbinary.readouterr().out.decode("utf-8").splitlines()]
    # The PDF holds the text fixture's table: the same tasks, found elsewhere in another file.
    where = {"source_path", "source_sha256", "line", "column", "page"}
    same = [{k: v for k, v in row.items() if k not in where} for row in rows]
    assert same == [{k: v for k, v in row.items() if k not in where} for row in task_rows([parse_file(str(FIXTURE)).document]).rows]
    assert all(isinstance(row["page"], int) and row["page"] >= 1 for row in rows)  # text has none


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say which format: --format csv|jsonl|sqlite (or give -o a .csv, .jsonl or .sqlite file)"),
        (["-o", "tasks.txt"], "say which format"),
        (["--format", "jsonl", "--excel"], "--excel is for CSV, not jsonl"),
        (["-o", "x.jsonl", "--excel"], "--excel is for CSV, not jsonl"),
        (["--format", "sqlite"], "SQLite needs -o FILE"),
        (["--format", "sqlite", "-o", "-"], "SQLite needs -o FILE"),
    ],
    ids=["no-format", "unknown-suffix", "excel-jsonl", "excel-by-suffix", "sqlite-stdout", "sqlite-dash"],
)
def test_export_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(FIXTURE), *args]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"plan-extract export: error: {message}") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "first_bytes"),
    [
        ("t.csv", b"id,"),
        ("t.jsonl", b'{"id": '),
        ("t.ndjson", b'{"id": '),
        ("t.sqlite", b"SQLite format 3\x00"),
        ("t.db", b"SQLite format 3\x00"),
    ],
)
def test_export_format_from_the_output_suffix(name: str, first_bytes: bytes, tmp_path: Path) -> None:
    out = tmp_path / name
    assert main(["export", str(FIXTURE), "-o", str(out), "-q"]) == 0
    assert out.read_bytes().startswith(first_bytes)


def test_row_model_rejects_a_column_that_is_not_a_level() -> None:
    row = task_rows([parse(SMALL_PLAN)]).rows[0]
    with pytest.raises(ValueError, match="neither a task column nor an ancestor column"):
        TaskRow.model_validate({**row, "colour": "red"})
