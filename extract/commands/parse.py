"""``plan-extract parse INPUT... [-o DIR | -o -] [--strict] [--compact] [--profile FILE] [--registry FILE] [-j N] [-q] [--max-bytes N] [--pages N-M] [--engine E]``

INPUT is a plan file (text, PDF, HWP or HWPX, known by its signature), - for
standard input, a directory (every *.txt and *.pdf file under it) or a glob pattern. Each input is parsed on its own: a bad one is reported and the others
are still written; the exit code is that of the first failure.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import NamedTuple
from ..errors import ExitCode, PlanError
from ._shared import add_batch_arguments, add_compact_argument, cached_profile, write_stdout

if TYPE_CHECKING:
    import argparse

    from ..inputs import Input

HELP = "parse a plan (text or PDF) into JSON"
DEFAULT_OUT = "out"

# What a directory argument stands for.
PLAN_SUFFIXES = (".txt", ".pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="plan files: text (UTF-8/16, CP949, EUC-KR) or PDF; directories of them; glob patterns",
    )
    parser.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"directory for INPUT-stem.json (default: {DEFAULT_OUT}/); '-' writes JSON to stdout",
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 5, no output) on any warning")
    add_compact_argument(parser)
    add_batch_arguments(parser)
    _add_pdf_arguments(parser)


def _add_pdf_arguments(parser: argparse.ArgumentParser) -> None:
    pdf = parser.add_argument_group("PDF input (needs the pdf extra)")
    pdf.add_argument("--pages", type=_page_spec, metavar="N-M", help="PDF pages to read, 1-based: 36-40, 7, 10-, 1,3,5-7")
    pdf.add_argument(
        "--engine",
        choices=("pdfium", "pdfplumber"),
        help="PDF engine: pdfium (default, fast) or pdfplumber (the reference, slow)",
    )


def _page_spec(spec: str) -> str:
    import argparse

    from ..readers.pdf.reader import parse_page_spec

    try:
        parse_page_spec(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return spec


# The options of a plain run, read without argparse: importing it and building the parser is
# ~10 ms of a ~100 ms run. Anything else (another option, an abbreviation, --opt=value, --help,
# an input starting with -, no input, inputs on both sides of an option) is left to argparse,
# which also words the errors; tests/test_cli.py checks both read each plain command line alike.
QUICK_FLAGS = {"-q": "quiet", "--quiet": "quiet", "--strict": "strict", "--compact": "compact"}
QUICK_VALUES = {"-o": "output", "--output": "output"}


def quick_args(argv: list[str]):
    """``parse``'s arguments (``argv`` after the command name) as argparse would read them, or
    None when they are not a plain command line: ``INPUT... [-o DIR | -o -] [-q] [--strict] [--compact]``."""
    from types import SimpleNamespace

    from .. import DEFAULT_MAX_BYTES

    values: dict = {"inputs": [], "output": DEFAULT_OUT, "strict": False, "compact": False}
    inputs_closed = False  # argparse takes the first run of inputs only
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in QUICK_FLAGS:
            values[QUICK_FLAGS[arg]] = True
        elif arg in QUICK_VALUES:
            if i + 1 == len(argv) or (argv[i + 1].startswith("-") and argv[i + 1] != "-"):
                return None
            values[QUICK_VALUES[arg]] = argv[i + 1]
            i += 1
        elif arg.startswith("-") or inputs_closed:
            return None
        else:
            values["inputs"].append(arg)
            i += 1
            continue
        inputs_closed = bool(values["inputs"])
        i += 1
    if not values["inputs"]:
        return None
    return SimpleNamespace(
        command="parse",
        jobs=1,
        profile=None,
        registry=[],
        quiet=values.pop("quiet", False),
        max_bytes=DEFAULT_MAX_BYTES,
        pages=None,
        engine=None,
        run=run,
        **values,
    )


class ParsedFile(NamedTuple):
    json: str | None  # the document, for stdout; None once the worker wrote it to its file (or withheld it)
    diagnostics: list[dict]


def parse_one(
    path: str,
    target: str | None = None,
    *,
    profile: str | None,
    pages: str | None = None,
    engine: str | None = None,
    max_bytes: int | None = None,
    registries: tuple[str, ...] = (),
    compact: bool = False,
    strict: bool = False,
) -> ParsedFile:
    """The worker: one input → its document, written atomically to ``target`` where it was parsed
    (so that with --jobs the workers write in parallel and only the diagnostics cross back), or
    returned as JSON when ``target`` is None (stdout). Under --strict a document with warnings is
    not written; the parent reports it."""
    from ..pipeline import load

    parsed = load(path, cached_profile(profile, registries), pages=pages, engine=engine, max_bytes=max_bytes)
    diagnostics = parsed.data["diagnostics"]
    if target is None:
        return ParsedFile(parsed.to_json(compact=compact), diagnostics)
    if not (strict and any(d["severity"] != "info" for d in diagnostics)):
        from ..write import write_atomic

        write_atomic(target, parsed.to_json(compact=compact))
    return ParsedFile(None, diagnostics)


def run(args: argparse.Namespace) -> int:
    from .. import pipeline  # noqa: F401  (here, not in each worker: they fork with it loaded)
    from ..batch import Failure, run_batch
    from ..inputs import expand_inputs
    from ._shared import Report

    cached_profile(args.profile, tuple(args.registry))  # a bad profile is a usage error before any input is read
    to_stdout = args.output == "-"
    if not to_stdout and os.path.exists(args.output) and not os.path.isdir(args.output):
        raise PlanError(
            "is not a directory: parse -o takes the directory to write INPUT.json into, or - for stdout",
            path=args.output,
            code=ExitCode.USAGE,
        )
    inputs = expand_inputs(args.inputs, PLAN_SUFFIXES)
    targets = {} if to_stdout else _targets([i for i in inputs if i.error is None], Path(args.output))
    report = Report(len(inputs), quiet=args.quiet)
    documents: list[str] = []
    parsed = 0
    try:
        work = partial(
            parse_one,
            profile=args.profile,
            pages=args.pages,
            engine=args.engine,
            max_bytes=args.max_bytes,
            registries=tuple(args.registry),
            compact=args.compact,
            strict=args.strict,
        )
        target = (lambda item: ()) if to_stdout else (lambda item: (str(targets[item.path]),))
        for item, result in run_batch(work, inputs, jobs=args.jobs, progress=report.progress, extra=target):
            if isinstance(result, Failure):
                report.fail(result)
                continue
            warnings = report.warnings(item.path, result.diagnostics, always=args.strict)
            if args.strict and warnings:
                message = f"{item.path}: error: {warnings} warning(s) and --strict: no output written"
                report.fail(Failure(message, ExitCode.STRICT))
                continue
            if to_stdout:
                documents.append(result.json)
            parsed += 1
    finally:
        report.close()
    report.finish(f"parsed {parsed}")
    if to_stdout and documents:
        if len(inputs) == 1:
            write_stdout(documents[0])
        else:
            import json  # here: a run of one input writes its JSON as pydantic-core made it

            payload = [json.loads(d) for d in documents]
            write_stdout(json.dumps(payload, ensure_ascii=False, indent=None if args.compact else 2) + "\n")
    return report.status


def _targets(inputs: list[Input], out_dir: Path) -> dict[str, Path]:
    """INPUT → out_dir/NAME.json; two inputs with one name would overwrite each other."""
    targets: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for item in inputs:
        target = out_dir / f"{item.name}.json"
        if target in seen and seen[target] != item.path:
            raise PlanError(
                f"would write {target} for both {seen[target]} and {item.path}; "
                "parse them into different -o directories",
                path=item.path,
                code=ExitCode.USAGE,
            )
        seen[target] = item.path
        targets[item.path] = target
    return targets
