"""The ``plan-extract`` command (also ``python -m extract``).

    plan-extract parse INPUT... [-o DIR | -o -] [--strict] [--profile FILE] [-q]
    plan-extract schema [-o DIR]

Every failure is one line on stderr, ``path[:line:column]: error: …``, and an
exit code from ``errors.ExitCode``; never a traceback, never a half-written file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ExitCode, PlanError

DEFAULT_OUT = "out"
SCHEMA_DIR = "schema"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-extract",
        description="Turn Korean government plans into validated hierarchical JSON.",
        epilog="Exit codes: 0 ok, 2 usage, 3 unreadable input, 4 bad input, 5 --strict warnings, "
        "6 output not written, 70 internal error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse plan text into JSON")
    parse.add_argument("inputs", nargs="+", metavar="INPUT", help="plan text files (UTF-8/16, CP949, EUC-KR)")
    parse.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"directory for INPUT-stem.json (default: {DEFAULT_OUT}/); '-' writes JSON to stdout",
    )
    parse.add_argument("--strict", action="store_true", help="fail (exit 5, no output) on any warning")
    parse.add_argument("--profile", metavar="FILE", help="a profile TOML instead of the default one")
    parse.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")

    schema = commands.add_parser("schema", help="print or write the JSON Schema of the output")
    schema.add_argument("-o", "--output", metavar="DIR", help=f"write *.schema.json into DIR (e.g. {SCHEMA_DIR}/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "parse":
            return run_parse(args)
        return run_schema(args)
    except PlanError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("plan-extract: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # a bug: one line, not a traceback
        print(f"plan-extract: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return ExitCode.INTERNAL


def run_parse(args: argparse.Namespace) -> int:
    from .pipeline import parse_file
    from .profile import load_profile

    profile = load_profile(args.profile)
    to_stdout = args.output == "-"
    targets = {} if to_stdout else _targets(args.inputs, Path(args.output))
    status = ExitCode.OK
    documents = []
    for path in args.inputs:
        try:
            document = parse_file(path, profile).document
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
            from .write import write_atomic

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


def run_schema(args: argparse.Namespace) -> int:
    from .schema import schema_files

    files = schema_files()
    if args.output is None:
        for text in files.values():
            sys.stdout.write(text)
        return ExitCode.OK
    from .write import write_atomic

    for name, text in files.items():
        write_atomic(Path(args.output) / name, text)
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
