"""``plan-extract diff OLD NEW [--format json|md|html] [-o FILE] [--profile FILE] [--task-kind KIND] [-q] [--strict]``

Compares two editions of a plan, matching tasks and headings by content, not by
number. Each side is plan JSON (``*.json``, from ``parse``) or anything ``parse``
reads (plan text, PDF). Exit code, like diff(1): 0 the editions are identical,
1 they differ, 2 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import ExitCode, PlanError
from ._shared import Report, write_stdout

HELP = "compare two editions: tasks matched by content, not number (needs the 'diff' extra)"
FORMATS = ("json", "md", "html")
# -o FILE with one of these suffixes and no --format picks the format.
FORMAT_OF_SUFFIX = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
# Modules of the 'diff' extra: when one is missing, say which extra to install.
EXTRA_MODULES = ("rapidfuzz", "scipy", "numpy")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier edition: plan JSON (*.json) from `parse`, or a plan")
    parser.add_argument("new", metavar="NEW", help="the later edition, likewise")
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="json (default; schema/diff.schema.json), md, or html (one self-contained page); "
        "default: from the -o suffix, else json",
    )
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="write the report to FILE (atomically); default: stdout"
    )
    parser.add_argument("--profile", metavar="FILE", help="a profile TOML for inputs that are not plan JSON")
    parser.add_argument(
        "--task-kind",
        action="append",
        dest="task_kinds",
        metavar="KIND",
        help="a node kind that is a task row (repeatable); overrides what the plans say "
        "(the nodes carrying agencies, else the profile's task kinds, else the leaves)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the warnings of inputs parsed now")
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit 2, no report) when either edition has warnings"
    )


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except PlanError as exc:  # diff(1) convention: any trouble is 2, whatever parse would exit with
        print(exc.one_line(), file=sys.stderr)
        return ExitCode.USAGE


def _run(args: argparse.Namespace) -> int:
    try:
        from ..diff.report import build_report
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in EXTRA_MODULES:
            raise PlanError(
                f"needs the 'diff' extra ({exc.name} is not installed): pip install 'plan-extract[diff]'",
                path="plan-extract diff",
                code=ExitCode.USAGE,
            ) from None
        raise
    from ..load import is_json, load_document
    from ..pipeline import load
    from ..stages.profile import load_profile

    profile = load_profile(args.profile)
    documents = []
    warnings = Report(1, quiet=args.quiet)
    for path in (args.old, args.new):
        if is_json(path):
            document = load_document(path)
            diagnostics = [d.model_dump() for d in document.diagnostics]
            # A JSON side's warnings were printed when it was parsed; --strict still counts them.
            count = warnings.warnings(path, diagnostics, always=args.strict) if args.strict else 0
        else:  # parsed now: its warnings are news
            parsed = load(path, profile)
            document = parsed.document
            count = warnings.warnings(path, parsed.data["diagnostics"], always=args.strict)
        if args.strict and count:
            warnings.close()
            raise PlanError(f"{count} warning(s) and --strict: no report written", path=path, code=ExitCode.USAGE)
        documents.append(document)
    warnings.close()
    old, new = documents
    report = build_report(
        old,
        new,
        old_path=args.old,
        new_path=args.new,
        task_kinds=tuple(args.task_kinds or ()),
        profile=profile,
    )
    text = render(report, args.format or FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower(), "json"))
    if args.output == "-":
        write_stdout(text)
    else:
        from ..write import write_atomic

        write_atomic(args.output, text)
    return ExitCode.OK if report.summary.identical else ExitCode.DIFFERENCES


def render(report, format: str) -> str:
    if format == "md":
        from ..diff.render_md import render_markdown

        return render_markdown(report)
    if format == "html":
        from ..diff.render_html import render_html

        return render_html(report, made=made_at())
    return report.to_json()


def made_at() -> str:
    """When the report is made, in UTC; ``SOURCE_DATE_EPOCH`` (the reproducible-builds
    convention) fixes it, so that a build can compare two reports byte for byte."""
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
