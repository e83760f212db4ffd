"""Plan documents → an SQLite database (``export --format sqlite``), with the stdlib ``sqlite3``.

``open_database(path)`` creates the tables in a new file, or checks that an
existing one is a plan-extract database of this schema version, and returns
the connection. ``write_edition(conn, document)`` adds one edition in one
transaction; ``docs/export.md`` describes the tables.

Several editions accumulate in one database. Exporting *the same edition*
again replaces it: same edition means the same source bytes (sha256), or the
same title and year (a corrected scrape of the 2020 list replaces the 2020
list). The replacement keeps the old ``edition_id`` and happens in one
transaction: a reader sees the old edition or the new one, never half of one,
and a failure leaves the old one as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ExitCode, PlanError
from ..models import Node, PlanDocument

# The version of the tables below; bump it when a table or column changes.
DB_SCHEMA_VERSION = "1"

TABLES = (
    """CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)""",
    """CREATE TABLE editions (
    edition_id              INTEGER PRIMARY KEY,
    title                   TEXT,             -- the plan's title line
    year                    INTEGER,          -- the year in the title
    profile                 TEXT NOT NULL,
    document_schema_version TEXT NOT NULL,    -- of the plan JSON it came from
    source_path             TEXT NOT NULL,
    source_sha256           TEXT NOT NULL UNIQUE,
    source_format           TEXT NOT NULL,
    source_encoding         TEXT,
    source_document         TEXT,             -- the document the list was cut from (its citation)
    first_page              INTEGER,
    last_page               INTEGER,
    exported_at             TEXT NOT NULL     -- UTC, ISO 8601
)""",
    # One edition per title and year; a plan without a title line is told apart by its sha256 only.
    "CREATE UNIQUE INDEX editions_title_year ON editions (title, ifnull(year, 0)) WHERE title IS NOT NULL",
    """CREATE TABLE nodes (
    edition_id    INTEGER NOT NULL REFERENCES editions (edition_id) ON DELETE CASCADE,
    node_id       TEXT NOT NULL,                -- 3.1.2.1, stable within its edition
    parent_id     TEXT,                         -- null for a top-level node
    position      INTEGER NOT NULL,             -- document order within the edition, from 1
    depth         INTEGER NOT NULL,             -- 1 for a top-level node
    kind          TEXT NOT NULL,                -- area, strategy, substrategy, task …
    marker        TEXT NOT NULL,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL,
    label         TEXT,
    is_task       INTEGER NOT NULL CHECK (is_task IN (0, 1)),  -- carries a lead-agency list
    source_line   INTEGER NOT NULL,
    source_column INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    page          INTEGER,
    PRIMARY KEY (edition_id, node_id),
    FOREIGN KEY (edition_id, parent_id) REFERENCES nodes (edition_id, node_id) ON DELETE CASCADE
)""",
    "CREATE INDEX nodes_parent ON nodes (edition_id, parent_id)",
    "CREATE INDEX nodes_kind ON nodes (kind)",
    """CREATE TABLE agencies (
    agency_id INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE                -- canonical name; as written when the registry lacks it
)""",
    """CREATE TABLE node_agencies (
    edition_id INTEGER NOT NULL,
    node_id    TEXT NOT NULL,
    position   INTEGER NOT NULL,                  -- order in the task's list, from 1
    agency_id  INTEGER NOT NULL REFERENCES agencies (agency_id),
    text       TEXT NOT NULL,                     -- as written: 행안부
    known      INTEGER NOT NULL CHECK (known IN (0, 1)),  -- the registry knew it (in the edition's year)
    PRIMARY KEY (edition_id, node_id, position),
    FOREIGN KEY (edition_id, node_id) REFERENCES nodes (edition_id, node_id) ON DELETE CASCADE
)""",
    "CREATE INDEX node_agencies_agency ON node_agencies (agency_id)",
)


@dataclass(frozen=True)
class Written:
    edition_id: int
    replaced: tuple[int, ...]  # edition ids this export replaced
    nodes: int
    tasks: int


def open_database(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection to a plan-extract database at ``path``, created if need be; ``PlanError`` (exit 6) if not."""
    target = Path(path)
    if target.is_dir():
        raise PlanError("is a directory, not a database file", path=str(target), code=ExitCode.OUTPUT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions, ours are explicit (BEGIN IMMEDIATE … COMMIT).
        conn = sqlite3.connect(target, isolation_level=None, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise PlanError(f"cannot open database: {exc}", path=str(target), code=ExitCode.OUTPUT) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        _prepare(conn, str(target))
    except sqlite3.Error as exc:
        conn.close()
        raise PlanError(f"cannot use database: {exc}", path=str(target), code=ExitCode.OUTPUT) from None
    except PlanError:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, shown: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            for statement in TABLES:
                conn.execute(statement)
            conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (DB_SCHEMA_VERSION,))
        elif "meta" not in tables or "editions" not in tables:
            raise PlanError("not a plan-extract database (it has other tables)", path=shown, code=ExitCode.OUTPUT)
        else:
            found = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is None or found[0] != DB_SCHEMA_VERSION:
                raise PlanError(
                    f"database schema version {found[0] if found else 'unknown'}; this plan-extract writes "
                    f"version {DB_SCHEMA_VERSION} (export into a new file)",
                    path=shown,
                    code=ExitCode.OUTPUT,
                )
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def write_edition(conn: sqlite3.Connection, document: PlanDocument, *, exported_at: str | None = None) -> Written:
    """Add ``document`` as an edition, replacing the same edition; all or nothing. Raises ``sqlite3.Error``."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        replaced = same_edition(conn, document)
        for old in replaced:
            conn.execute("DELETE FROM editions WHERE edition_id = ?", (old,))
        edition_id = _insert_edition(conn, document, replaced[0] if replaced else None, exported_at)
        nodes = _insert_nodes(conn, edition_id, document)
        tasks = _insert_agencies(conn, edition_id, document)
        if replaced:
            _drop_unused_agencies(conn)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return Written(edition_id, tuple(replaced), nodes, tasks)


def same_edition(conn: sqlite3.Connection, document: PlanDocument) -> list[int]:
    """Ids of the editions ``document`` replaces: same source sha256 first, then same title and year."""
    found = [
        row[0]
        for row in conn.execute("SELECT edition_id FROM editions WHERE source_sha256 = ?", (document.source.sha256,))
    ]
    if document.title is not None:
        found += [
            row[0]
            for row in conn.execute(
                "SELECT edition_id FROM editions WHERE title = ? AND year IS ?", (document.title, document.year)
            )
            if row[0] not in found
        ]
    return found


def _insert_edition(
    conn: sqlite3.Connection, document: PlanDocument, edition_id: int | None, exported_at: str | None
) -> int:
    source = document.source
    cursor = conn.execute(
        """INSERT INTO editions (edition_id, title, year, profile, document_schema_version, source_path,
               source_sha256, source_format, source_encoding, source_document, first_page, last_page, exported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            edition_id,
            document.title,
            document.year,
            document.profile,
            document.schema_version,
            source.path,
            source.sha256,
            source.format,
            source.encoding,
            source.document,
            source.pages.first if source.pages else None,
            source.pages.last if source.pages else None,
            exported_at or datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    return cursor.lastrowid if edition_id is None else edition_id


def _insert_nodes(conn: sqlite3.Connection, edition_id: int, document: PlanDocument) -> int:
    rows = [
        (
            edition_id,
            node.id,
            parent.id if parent else None,
            position,
            depth,
            node.kind,
            node.marker,
            node.number,
            node.title,
            node.label,
            int(node.agencies is not None),
            node.span.line,
            node.span.column,
            node.span.start,
            node.span.end,
            node.span.page,
        )
        for position, (node, parent, depth) in enumerate(_walk(document.children), 1)
    ]
    conn.executemany(
        """INSERT INTO nodes (edition_id, node_id, parent_id, position, depth, kind, marker, number, title, label,
               is_task, source_line, source_column, span_start, span_end, page)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )
    return len(rows)


def _walk(nodes: list[Node], parent: Node | None = None, depth: int = 1) -> Iterator[tuple[Node, Node | None, int]]:
    """(node, parent, depth), parents before children, so each row's parent is already there."""
    for node in nodes:
        yield node, parent, depth
        yield from _walk(node.children, node, depth + 1)


def _insert_agencies(conn: sqlite3.Connection, edition_id: int, document: PlanDocument) -> int:
    """The agency rows of every task; returns the number of tasks."""
    ids: dict[str, int] = {}
    rows = []
    tasks = 0
    for node, _parent, _depth in _walk(document.children):
        if node.agencies is None:
            continue
        tasks += 1
        for position, agency in enumerate(node.agencies, 1):
            name = agency.name or agency.text
            if name not in ids:
                conn.execute("INSERT INTO agencies (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
                ids[name] = conn.execute("SELECT agency_id FROM agencies WHERE name = ?", (name,)).fetchone()[0]
            rows.append((edition_id, node.id, position, ids[name], agency.text, int(agency.name is not None)))
    conn.executemany(
        "INSERT INTO node_agencies (edition_id, node_id, position, agency_id, text, known) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    return tasks


def _drop_unused_agencies(conn: sqlite3.Connection) -> None:
    """Agencies only a replaced edition named go with it."""
    conn.execute(
        "DELETE FROM agencies WHERE NOT EXISTS (SELECT 1 FROM node_agencies AS n WHERE n.agency_id = agencies.agency_id)"
    )


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
