"""Property tests for the exports: random plans (``extract.synthetic``) of random levels go out
as CSV, JSON Lines and SQLite and come back as the tree they were made from."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.export.database import open_database, write_edition
from extract.export.csv import to_csv
from extract.export.jsonl import to_jsonl
from extract.export.rows import task_rows
from extract.pipeline import parse_text
from extract.stages.profile import load_profile
from extract.synthetic import Layout, expected_outline, random_plan, render

PROFILE = load_profile()


def made(rng) -> tuple[list[tuple], str]:
    nodes = random_plan(rng, PROFILE)
    return expected_outline(nodes), render(nodes, rng, Layout(header_every=4), year=2021)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), excel=st.booleans())
def test_rows_are_the_tasks_the_plan_was_made_of(rng, excel: bool) -> None:
    outline, text = made(rng)
    rows = task_rows([parse_text(text).document])
    # From the generator's tree, not from the parser: every node with agencies is a task row.
    expected = [(id_, title, "; ".join(agencies)) for id_, _kind, _n, title, _label, agencies in outline if agencies]
    read_back = list(csv.DictReader(io.StringIO(to_csv(rows, excel=excel).removeprefix("\ufeff"), newline="")))
    assert [(r["id"], r["title"], r["agencies"]) for r in read_back] == expected
    assert [json.loads(line) for line in to_jsonl(rows).splitlines()] == rows.rows
    kinds = {id_: kind for id_, kind, *_ in outline}
    for row in rows.rows:
        # Each ancestor group holds an ancestor of the row: its id is a prefix, its kind names the group.
        ancestors = [c.removesuffix("_id") for c in rows.columns if c.endswith("_id") and c != "id" and row[c]]
        assert [row[f"{g}_id"] for g in ancestors] == [p for p in _prefixes(row["id"]) if p in kinds]
        assert all(g.split("_")[0] in kinds[row[f"{g}_id"]].replace("-", "_") for g in ancestors)


def _prefixes(node_id: str) -> list[str]:
    parts = node_id.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50)
@given(rng=st.randoms(use_true_random=False))
def test_sqlite_holds_the_tree_the_plan_was_made_of(rng) -> None:
    outline, text = made(rng)
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "plans.sqlite")
        write_edition(conn, parse_text(text).document)
        write_edition(conn, parse_text(text).document)  # again: replaced, not doubled
        nodes = conn.execute("SELECT node_id, kind, number, title, label FROM nodes ORDER BY position").fetchall()
        agencies: dict[str, list[str]] = {}
        for node_id, agency in conn.execute("SELECT node_id, text FROM node_agencies ORDER BY node_id, position"):
            agencies.setdefault(node_id, []).append(agency)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
    assert nodes == [(id_, kind, number, title, label) for id_, kind, number, title, label, _a in outline]
    assert agencies == {id_: list(a) for id_, *_rest, a in outline if a}
