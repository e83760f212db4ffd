"""``plan-extract parse INPUT... [-o DIR | -o -] [--strict] [--profile FILE] [-q] [--pages N-M] [--engine E]``"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import ExitCode, PlanError

HELP = "parse a plan (text or PDF) into JSON"
DEFAULT_OUT = "out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="plan files: text (UTF-8/16, CP949, EUC-KR) or PDF")
    parser.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"directory for INPUT-stem.json (default: {DEFAULT_OUT}/); '-' writes JSON to stdout",
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 5, no output) on any warning")
    parser.add_argument("--profile", metavar="FILE", help="a profile TOML instead of the default one")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
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
    from ..read_pdf import parse_page_spec

    try:
        parse_page_spec(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return spec


def run(args: argparse.Namespace) -> int:
    from ..pipeline import load
    from ..profile import load_profile

    profile = load_profile(args.profile)
    to_stdout = args.output == "-"
    targets = {} if to_stdout else _targets(args.inputs, Path(args.output))
    status = ExitCode.OK
    documents = []
    for path in args.inputs:
        try:
            document = load(path, profile, pages=args.pages, engine=args.engine).document
        except PlanError as exc:
            print(exc.one_line(), file=sys.stderr)
            status = status or exc.code
            continue
        warnings = [d for d in document.diagnostics if d.severity != "info"]
        if not args.quiet or args.strict:
            for d in warnings:
                print(f"{path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.code}]", file=sys.stderr)
        if args.strict and warnings:
            print(f"{path}: error: {len(warnings)} warning(s) and --strict: no output written", file=sys.stderr)
            status = status or ExitCode.STRICT
            continue
        if to_stdout:
            documents.append(document)
        else:
            from ..write import write_atomic

            write_atomic(targets[path], document.to_json())
    if to_stdout and documents:
        if len(args.inputs) == 1:
            sys.stdout.write(documents[0].to_json())
        else:
            payload = [json.loads(d.to_json()) for d in documents]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return status


def _targets(inputs: list[str], out_dir: Path) -> dict[str, Path]:
    """INPUT → out_dir/STEM.json; two inputs with one stem would overwrite each other."""
    targets: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for path in inputs:
        target = out_dir / f"{Path(path).stem}.json"
        if target in seen and seen[target] != path:
            raise PlanError(
                f"would write {target} for both {seen[target]} and {path}; parse them into different -o directories",
                path=path,
                code=ExitCode.USAGE,
            )
        seen[target] = path
        targets[path] = target
    return targets
