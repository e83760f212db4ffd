"""``plan-extract agencies INPUT... [--format table|csv|json] [-o FILE] [--compact] [--strict] [-j N] [-q]``

How many tasks each agency leads, one column per edition, side by side: one
input per edition (parse output or plan text, as for ``export``). Sorted by
total, most tasks first. A task with two lead agencies counts for both; an
agency the registry lacks is counted as written and marked ``*``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._shared import (
    add_batch_arguments,
    add_compact_argument,
    add_formula_argument,
    add_strict_argument,
    write_stdout,
)

if TYPE_CHECKING:
    from ..export.agency_counts import AgencyTable

HELP = "count tasks per lead agency, editions side by side"

FORMATS = ("table", "csv", "json")
UNKNOWN_MARK = " *"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="parse output (*.json) or plan text, one per edition; directories, globs",
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="table", help="default: table")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_formula_argument(parser)
    add_compact_argument(parser)
    add_strict_argument(parser)
    add_batch_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..export.agency_counts import count_agencies
    from ..inputs import expand_inputs
    from ._shared import Report, cached_profile
    from .export import EXPORT_SUFFIXES, loaded_editions

    cached_profile(args.profile, tuple(args.registry))  # a bad profile is a usage error before any input is read
    inputs = expand_inputs(args.inputs, EXPORT_SUFFIXES)
    report = Report(len(inputs), quiet=args.quiet)
    documents = []
    try:
        for _, result in loaded_editions(args, inputs, report):
            documents += result
    finally:
        report.close()
    report.finish(f"counted {len(documents)} edition{'s' * (len(documents) != 1)}")
    if not documents:
        return report.status
    table = count_agencies(documents)
    text = table.to_json(compact=args.compact) if args.format == "json" else as_csv(table, args.allow_formulas) if args.format == "csv" else as_text(table)
    if args.output in (None, "-"):
        write_stdout(text)
    else:
        from ..write import write_atomic

        write_atomic(args.output, text)
    return report.status


def as_text(table: AgencyTable) -> str:
    from ..text_table import format_table

    several = len(table.editions) > 1
    header = ["agency", *(e.label for e in table.editions), *(["total"] if several else [])]

    def numbers(counts: list[int]) -> list[str | int]:
        return [*counts, *([sum(counts)] if several else [])]

    rows = [[a.name + ("" if a.known else UNKNOWN_MARK), *numbers(a.counts)] for a in table.agencies]
    footer = [["tasks", *numbers([e.tasks for e in table.editions])]]
    if any(e.tasks_without_agency for e in table.editions):
        footer.append(["tasks without agency", *numbers([e.tasks_without_agency for e in table.editions])])
    text = format_table(header, rows, footer)
    if not all(a.known for a in table.agencies):
        text += f"{UNKNOWN_MARK.strip()} not in the agency registry: counted as written\n"
    return text


def as_csv(table: AgencyTable, formulas: bool = False) -> str:
    from ..export.csv import write_csv

    header = ["agency", "known", *(e.label for e in table.editions), "total"]
    body = [[a.name, str(a.known).lower(), *a.counts, a.total] for a in table.agencies]
    return write_csv([header, *body], formulas=formulas)
