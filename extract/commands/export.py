"""``plan-extract export INPUT... [--format csv|jsonl|sqlite] [-o PATH] [--excel] [--allow-formulas] [--strict] [-j N] [-q]``

INPUT is parse output (*.json: one document or an array of them) or a plan, text
or PDF (anything else, parsed first); - is standard input; a directory stands for every *.json, *.txt
and *.pdf file under it, and glob patterns are expanded. CSV and JSON Lines get one row
per task (to stdout unless -o); SQLite gets every edition, node and agency,
and accumulates editions: exporting the same edition again replaces it.
The format comes from --format, or else from the suffix of -o.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExitCode, PlanError
from ._shared import add_batch_arguments, add_formula_argument, add_strict_argument, cached_profile, write_stdout

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator

    from ..export.database import Written
    from ..inputs import Input
    from ..models import PlanDocument
    from ._shared import Report

HELP = "export tasks to CSV, JSON Lines or an SQLite database"

FORMATS = ("csv", "jsonl", "sqlite")
# -o's suffix → the format it implies when --format is not given.
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
}
# What a directory argument stands for.
EXPORT_SUFFIXES = (".json", ".txt", ".pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="parse output (*.json) or plans (text or PDF); directories (their *.json, *.txt and *.pdf files) and glob patterns too",
    )
    parser.add_argument(
        "-f", "--format", choices=FORMATS, help="default: from the suffix of -o (.csv, .jsonl, .sqlite/.db)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="the file to write (CSV, JSON Lines: default stdout) or the database to add to (SQLite: required)",
    )
    parser.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 with a BOM, CRLF line ends")
    add_formula_argument(parser)
    add_strict_argument(parser)
    add_batch_arguments(parser)


def load_one(
    path: str, profile: str | None, max_bytes: int | None = None, registries: tuple[str, ...] = ()
) -> list[PlanDocument]:
    """The worker: one input → its documents (runs in a worker process with --jobs)."""
    from ..load import load_documents

    return load_documents(path, cached_profile(profile, registries), max_bytes=max_bytes)


def loaded_editions(args: argparse.Namespace, inputs: list[Input], report: Report) -> Iterator[tuple[str, list[PlanDocument]]]:
    """(path, its editions) for each input that loads, in input order (in parallel with --jobs).

    Failures go to ``report``; plan text parsed just now has its warnings printed as parse would,
    and with ``args.strict`` an input with warnings is a failure (exit 5) left out of the output.
    """
    from ..batch import Failure, run_batch
    from ..load import is_json

    work = partial(load_one, profile=args.profile, max_bytes=args.max_bytes, registries=tuple(args.registry))
    for item, result in run_batch(work, inputs, jobs=args.jobs, progress=report.progress):
        if isinstance(result, Failure):
            report.fail(result)
            continue
        if not is_json(item.path):
            strict = getattr(args, "strict", False)
            warnings = sum(
                report.warnings(item.path, [d.model_dump() for d in document.diagnostics], always=strict)
                for document in result
            )
            if strict and warnings:
                report.fail(Failure(f"{item.path}: error: {warnings} warning(s) and --strict: not used", ExitCode.STRICT))
                continue
        yield item.path, result


def run(args: argparse.Namespace) -> int:
    from ..inputs import expand_inputs
    from ._shared import Report

    form = _format(args)
    cached_profile(args.profile, tuple(args.registry))  # a bad profile is a usage error before any input is read
    database = None
    if form == "sqlite":
        from ..export.database import open_database

        database = open_database(args.output)
    inputs = expand_inputs(args.inputs, EXPORT_SUFFIXES)
    report = Report(len(inputs), quiet=args.quiet)
    documents: list[PlanDocument] = []
    editions = tasks = replaced = 0
    try:
        for path, result in loaded_editions(args, inputs, report):
            for document in result:
                if database is None:
                    documents.append(document)
                    continue
                written = _write_edition(database, document, path, args.output)
                tasks += written.tasks
                replaced += len(written.replaced)
            editions += len(result)
    finally:
        report.close()
        if database is not None:
            database.close()
    if database is None and documents:
        tasks = _write_rows(documents, form, args)
    summary = f"exported {editions} edition{'s' * (editions != 1)}, {tasks} task{'s' * (tasks != 1)}"
    if database is not None:
        summary += f" into {args.output}" + (f" ({replaced} replaced)" if replaced else "")
    report.finish(summary)
    return report.status


def _format(args: argparse.Namespace) -> str:
    form = args.format or SUFFIX_FORMATS.get(Path(args.output or "").suffix.lower())
    if form is None:
        raise PlanError(
            "say which format: --format csv|jsonl|sqlite (or give -o a .csv, .jsonl or .sqlite file)",
            path="plan-extract export",
            code=ExitCode.USAGE,
        )
    if args.excel and form != "csv":
        raise PlanError(f"--excel is for CSV, not {form}", path="plan-extract export", code=ExitCode.USAGE)
    if form == "sqlite" and args.output in (None, "-"):
        raise PlanError(
            "SQLite needs -o FILE, the database to create or add to", path="plan-extract export", code=ExitCode.USAGE
        )
    return form


def _write_edition(
    database: sqlite3.Connection, document: PlanDocument, input_path: str, database_path: str
) -> Written:
    import sqlite3

    from ..export.database import write_edition

    try:
        return write_edition(database, document)
    except sqlite3.Error as exc:  # the output's problem, not this input's: stop here, earlier editions stay
        raise PlanError(
            f"edition from {input_path} not written (the database is as before): {exc}",
            path=database_path,
            code=ExitCode.OUTPUT,
        ) from None


def _write_rows(documents: list[PlanDocument], form: str, args: argparse.Namespace) -> int:
    from ..export.rows import task_rows

    rows = task_rows(documents)
    if form == "csv":
        from ..export.csv import to_csv

        text = to_csv(rows, excel=args.excel, formulas=args.allow_formulas)
    else:
        from ..export.jsonl import to_jsonl

        text = to_jsonl(rows)
    if args.output in (None, "-"):
        write_stdout(text)
    else:
        from ..write import write_atomic

        write_atomic(args.output, text)
    return len(rows.rows)
