"""``plan-extract schema [NAME] [-o DIR]``: the JSON Schema of every JSON document the tool writes.

NAME is ``plan`` (parse output, the default), ``task-row`` (a line of
``export --format jsonl``), ``agency-table`` (``agencies --format json``) or
``diff`` (``diff --format json``);
``-o DIR`` writes all of them as DIR/NAME.schema.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ExitCode

HELP = "print or write the JSON Schema of the output"
SUFFIX = ".schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        nargs="?",
        default="plan",
        choices=("plan", "task-row", "agency-table", "diff"),
        help="which schema to print (default: plan)",
    )
    parser.add_argument("-o", "--output", metavar="DIR", help="write every *.schema.json into DIR (e.g. schema/)")


def run(args: argparse.Namespace) -> int:
    from ..schema import schema_files

    files = schema_files()
    if args.output is None:
        sys.stdout.write(files[args.name + SUFFIX])
        return ExitCode.OK
    from ..write import write_atomic

    for name, text in files.items():
        write_atomic(Path(args.output) / name, text)
    return ExitCode.OK
