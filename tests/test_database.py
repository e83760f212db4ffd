"""The SQLite export: the same tasks and agencies as the JSON, editions that accumulate and
replace each other whole, and the README's example queries, run against a real database."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from extract.export import database
from extract.cli import main
from extract.export.database import DB_SCHEMA_VERSION, open_database, write_edition
from extract.errors import ExitCode, PlanError
from extract.load import load_document
from extract.models import PlanDocument, iter_nodes

from .editions import COUNTS_2020, COUNTS_2021, TASKS, edition_2021_text, write_editions
from .paths import FIXTURE, ROOT

TABLES = ("meta", "editions", "nodes", "agencies", "node_agencies")


def export(*args: str) -> int:
    return main(["export", *map(str, args), "-q"])


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a database before and after."""
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    return write_editions(tmp_path / "in")


def test_nodes_and_agencies_are_the_documents(editions: tuple[Path, Path], tmp_path: Path) -> None:
    json_2020, _ = editions
    db = tmp_path / "plans.sqlite"
    assert export(json_2020, "-o", db) == 0
    document = load_document(json_2020)

    expected_nodes = []
    parents = {c.id: c for n in iter_nodes(document.children) for c in n.children}
    for position, node in enumerate(iter_nodes(document.children), 1):
        parent = next((p.id for p in iter_nodes(document.children) if node in p.children), None)
        expected_nodes.append(
            (node.id, parent, position, node.kind, node.marker, node.number, node.title, node.label,
             int(node.agencies is not None), node.span.line, node.span.column, node.span.start, node.span.end)
        )  # fmt: skip
    assert len(parents) == len(expected_nodes) - len(document.children)
    assert (
        query(
            db,
            """SELECT node_id, parent_id, position, kind, marker, number, title, label, is_task,
                  source_line, source_column, span_start, span_end FROM nodes ORDER BY position""",
        )
        == expected_nodes
    )

    expected_agencies = [
        (node.id, i, a.text, a.name)
        for node in iter_nodes(document.children)
        for i, a in enumerate(node.agencies or [], 1)
    ]
    assert (
        query(
            db,
            """SELECT na.node_id, na.position, na.text, CASE WHEN na.known THEN a.name END
           FROM node_agencies AS na JOIN agencies AS a USING (agency_id)
           JOIN nodes AS n USING (edition_id, node_id) ORDER BY n.position, na.position""",
        )
        == expected_agencies
    )
    assert query(db, "SELECT title, year, source_sha256, first_page, last_page FROM editions") == [
        (document.title, 2020, document.source.sha256, 36, 40)
    ]
    assert query(db, "SELECT count(*) FROM nodes WHERE is_task") == [(TASKS,)]
    assert query(db, "PRAGMA foreign_key_check") == []


def test_editions_accumulate(editions: tuple[Path, Path], tmp_path: Path) -> None:
    json_2020, text_2021 = editions
    db = tmp_path / "plans.sqlite"
    assert export(json_2020, "-o", db) == 0
    assert export(text_2021, "-o", db) == 0
    assert query(db, "SELECT edition_id, year FROM editions ORDER BY edition_id") == [(1, 2020), (2, 2021)]
    assert query(db, "SELECT edition_id, count(*) FROM nodes WHERE is_task GROUP BY edition_id") == [
        (1, TASKS),
        (2, TASKS),
    ]
    # An agency the registry lacks is stored as written, and marked unknown where it is named.
    assert query(
        db,
        "SELECT a.name, na.known, na.node_id FROM agencies a JOIN node_agencies na USING (agency_id) WHERE NOT na.known",
    ) == [("미래혁신처", 0, "1.2.1")]
    # One agencies row per name, shared by both editions.
    assert query(db, "SELECT count(*) FROM agencies WHERE name = '행정안전부'") == [(1,)]


def test_exporting_an_edition_again_replaces_it(editions: tuple[Path, Path], tmp_path: Path) -> None:
    json_2020, text_2021 = editions
    db = tmp_path / "plans.sqlite"
    assert export(json_2020, text_2021, "-o", db) == 0
    before = dump(db)
    assert export(json_2020, "-o", db) == 0  # the same bytes
    after = dump(db)
    for table in ("nodes", "agencies", "node_agencies"):
        assert after[table] == before[table], table
    assert [e[:2] for e in after["editions"]] == [e[:2] for e in before["editions"]]  # same ids, same titles

    # A corrected 2021 list (same title and year, other bytes) replaces the 2021 list, keeping its id.
    corrected = tmp_path / "2021-corrected.txt"
    corrected.write_text(edition_2021_text().replace("기재부, 미래혁신처", "기재부"), encoding="utf-8")
    assert export(corrected, "-o", db) == 0
    assert query(db, "SELECT edition_id, year, source_path FROM editions ORDER BY edition_id") == [
        (1, 2020, str(FIXTURE)),
        (2, 2021, str(corrected)),
    ]
    assert query(db, "SELECT count(*) FROM nodes") == [(len(before["nodes"]),)]
    # 미래혁신처 was named only by the replaced edition: it is gone.
    assert query(db, "SELECT count(*) FROM agencies WHERE name = '미래혁신처'") == [(0,)]


def test_a_failure_mid_export_leaves_the_old_edition(
    editions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    json_2020, _ = editions
    db = tmp_path / "plans.sqlite"
    assert export(json_2020, "-o", db) == 0
    before = dump(db)

    # After the old edition is deleted and the new nodes are in, the agencies fail.
    inserted = []

    def fail_after_nodes(conn: sqlite3.Connection, edition_id: int, document: PlanDocument) -> int:
        inserted.append(conn.execute("SELECT count(*) FROM nodes WHERE edition_id = ?", (edition_id,)).fetchone()[0])
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(database, "_insert_agencies", fail_after_nodes)
    conn = open_database(db)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_edition(conn, load_document(json_2020))
    assert inserted == [len(before["nodes"])]  # the failure really came mid-way
    # Rolled back, not merely uncommitted: the same connection sees the old edition and can go on.
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM nodes").fetchone() == (len(before["nodes"]),)
    conn.close()
    assert dump(db) == before


def test_a_database_error_mid_export_is_exit_6_and_changes_nothing(
    editions: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    json_2020, _ = editions
    db = tmp_path / "plans.sqlite"
    assert export(json_2020, "-o", db) == 0
    with sqlite3.connect(db) as conn:  # a real SQL failure, half-way through the nodes
        conn.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON nodes WHEN NEW.node_id = '3.1' BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    before = dump(db)
    assert main(["export", str(json_2020), "-o", str(db)]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    assert err == f"{db}: error: edition from {json_2020} not written (the database is as before): boom\n"
    assert dump(db) == before


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: p.write_text("not a database", encoding="utf-8"), "cannot use database: file is not a database"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
            "not a plan-extract database (it has other tables)",
        ),
        (
            lambda p: (
                open_database(p).close(),
                sqlite3.connect(p).execute("UPDATE meta SET value = '0'").connection.commit(),
            ),
            f"database schema version 0; this plan-extract writes version {DB_SCHEMA_VERSION} (export into a new file)",
        ),
        (lambda p: p.mkdir(), "is a directory, not a database file"),
    ],
    ids=["not-sqlite", "foreign-database", "old-schema", "directory"],
)
def test_a_database_that_is_not_ours_is_refused(prepare, message: str, tmp_path: Path, capsys) -> None:
    db = tmp_path / "plans.sqlite"
    prepare(db)
    assert main(["export", str(FIXTURE), "-o", str(db)]) == ExitCode.OUTPUT
    assert capsys.readouterr().err == f"{db}: error: {message}\n"


def test_foreign_keys_hold(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "plans.sqlite")
    write_edition(conn, load_document(FIXTURE))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute("INSERT INTO nodes VALUES (1, '9.9', '9', 999, 2, 'task', '①', 1, 'x', NULL, 1, 1, 1, 0, 1, NULL)")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute("INSERT INTO node_agencies VALUES (1, '1.1.1', 9, 12345, '행안부', 1)")
    conn.execute("DELETE FROM editions")  # the cascade takes nodes and their agency rows along
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("nodes", "node_agencies")] == [0, 0]
    conn.close()


def test_the_database_has_indexes_on_its_keys(tmp_path: Path) -> None:
    open_database(tmp_path / "plans.sqlite").close()
    indexed = {
        (table, tuple(c[2] for c in query(tmp_path / "plans.sqlite", f"PRAGMA index_info('{name}')")))
        for table in TABLES
        for (_seq, name, *_rest) in query(tmp_path / "plans.sqlite", f"PRAGMA index_list('{table}')")
    }
    for wanted in [
        ("nodes", ("edition_id", "parent_id")),
        ("nodes", ("kind",)),
        ("node_agencies", ("agency_id",)),
        ("agencies", ("name",)),
        ("editions", ("source_sha256",)),
    ]:
        assert wanted in indexed, wanted


# --- the example queries of README.md and docs/export.md ---------------------------------

SQL_BLOCK = re.compile(r"<!-- sql: (?P<name>[\w-]+) -->\s*```sql\n(?P<sql>.*?)```", re.S)


def examples() -> dict[str, str]:
    found: dict[str, str] = {}
    for doc in (ROOT / "README.md", ROOT / "docs" / "export.md"):
        for match in SQL_BLOCK.finditer(doc.read_text(encoding="utf-8")):
            name = match["name"]
            assert found.get(name, match["sql"]) == match["sql"], f"{name} differs between README and docs"
            found[name] = match["sql"]
    return found


@pytest.fixture
def two_edition_db(editions: tuple[Path, Path], tmp_path: Path) -> Path:
    db = tmp_path / "plans.sqlite"
    assert export(*editions, "-o", db) == 0
    return db


def test_readme_has_the_example_queries() -> None:
    readme = {m["name"] for m in SQL_BLOCK.finditer((ROOT / "README.md").read_text(encoding="utf-8"))}
    assert readme == {"editions", "tasks-per-agency-per-year", "one-agency-across-years"}


@pytest.mark.parametrize("name", sorted(examples()))
def test_example_query_runs(name: str, two_edition_db: Path) -> None:
    assert query(two_edition_db, examples()[name])


def test_example_editions(two_edition_db: Path) -> None:
    rows = query(two_edition_db, examples()["editions"])
    assert [(r[0], r[1], r[-1]) for r in rows] == [(1, 2020, TASKS), (2, 2021, TASKS)]


def test_example_tasks_per_agency_per_year(two_edition_db: Path, editions: tuple[Path, Path]) -> None:
    rows = query(two_edition_db, examples()["tasks-per-agency-per-year"])
    counts = {(year, agency): tasks for year, agency, tasks in rows}
    for year, expected in ((2020, COUNTS_2020), (2021, COUNTS_2021)):
        for agency, tasks in expected.items():
            assert counts[(year, agency)] == tasks, (year, agency)
    # Every count, checked against the documents themselves.
    for year, document in zip((2020, 2021), map(load_document, editions), strict=True):
        counter = Counter(
            name for n in iter_nodes(document.children) for name in {a.name or a.text for a in n.agencies or []}
        )
        assert {a: t for (y, a), t in counts.items() if y == year} == counter
    assert rows == sorted(rows, key=lambda r: (r[0], -r[2], r[1]))


def test_example_one_agency_across_years(two_edition_db: Path, editions: tuple[Path, Path]) -> None:
    rows = query(two_edition_db, examples()["one-agency-across-years"])
    assert Counter(r[0] for r in rows) == {2020: COUNTS_2020["인사혁신처"], 2021: COUNTS_2021["인사혁신처"]}
    assert ("2.2.1", "민간인재 채용시 역량평가제도 보완") in [(r[1], r[2]) for r in rows if r[0] == 2020]
    assert ("2.2.1", "민간인재 채용시 역량평가제도 보완") not in [(r[1], r[2]) for r in rows if r[0] == 2021]


def test_open_database_error_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        open_database(tmp_path)
    assert caught.value.code == ExitCode.OUTPUT
