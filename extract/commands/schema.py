"""``plan-extract schema [-o DIR]``: the JSON Schema of every JSON document the tool writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ExitCode

HELP = "print or write the JSON Schema of the output"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="DIR", help="write *.schema.json into DIR (e.g. schema/)")


def run(args: argparse.Namespace) -> int:
    from ..schema import schema_files

    files = schema_files()
    if args.output is None:
        for text in files.values():
            sys.stdout.write(text)
        return ExitCode.OK
    from ..write import write_atomic

    for name, text in files.items():
        write_atomic(Path(args.output) / name, text)
    return ExitCode.OK
