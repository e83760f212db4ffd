"""The ``plan-extract`` command (also ``python -m extract``).

The sub-commands live in ``extract/commands/``, one module each. Every failure
is one line on stderr, ``path[:line:column]: error: …``, and an exit code from
``errors.ExitCode``; never a traceback, never a half-written file.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

from . import __version__, commands
from .errors import ExitCode, PlanError, internal_message

if TYPE_CHECKING:
    import argparse

REST_LITERAL = r"``(.+?)``"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``command``, only that sub-command's options are built (the others
    keep their name and help, all a run of ``command`` can show): ~3 ms less start-up."""
    import argparse  # here: a plain ``parse`` run reads its arguments without it (commands/parse.py)

    class _Formatter(argparse.RawDescriptionHelpFormatter):
        """Keeps the description's paragraphs and line breaks as the docstring wrote them."""

    parser = argparse.ArgumentParser(
        prog="plan-extract",
        description="Turn Korean government plans into validated hierarchical JSON.",
        epilog="Exit codes: 0 ok, 1 differences (diff), 2 usage, 3 unreadable input, 4 bad input, "
        "5 --strict warnings, 6 output not written, 70 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in commands.COMMANDS:
        module = commands.load(name)
        sub = subparsers.add_parser(
            name, help=module.HELP, description=plain_text(module.__doc__ or ""), formatter_class=_Formatter
        )
        if command is None or name == command:
            module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def plain_text(doc: str) -> str:
    """A command module's docstring as ``--help`` shows it: reST ````code```` marks dropped."""
    return re.sub(REST_LITERAL, r"\1", doc, flags=re.DOTALL).strip()


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``, as the program); its exit code."""
    if argv is None and sys.argv[1:2] == ["parse"]:
        _serializer_without_uuid()
    code = _main(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _before_exit()
    return code


def _serializer_without_uuid() -> None:
    """pydantic-core's first serialization looks up every type it knows how to write, among them
    ``uuid.UUID``: it imports ``uuid``, which imports ``platform`` (nine ``re`` patterns), ~2.5 ms
    of a ~90 ms run, for a type no plan holds. The ``parse`` program (not a library caller, whose
    own data may hold UUIDs, nor the commands that load pydantic's models) lets that look-up find
    a stand-in module, then takes it back out: ``import uuid`` later gets the real one, but
    pydantic-core would no longer write its UUIDs, of which this program has none."""
    if "uuid" in sys.modules:
        return
    from types import ModuleType

    from pydantic_core import to_json

    stand_in = ModuleType("uuid")
    stand_in.UUID = type("UUID", (), {})  # type: ignore[attr-defined]
    sys.modules["uuid"] = stand_in
    try:
        to_json(None)  # the look-up is made once per process, on the first call
    finally:
        if sys.modules.get("uuid") is stand_in:
            del sys.modules["uuid"]


def _before_exit() -> None:
    """The program (the console script, ``python -m extract``) is about to exit: the collector's
    passes over every object while the interpreter shuts down cost 6–25 ms here (more on a busy
    machine), up to a fifth of a small plan's run, and find nothing to free that exiting does not
    free. ``gc.freeze`` leaves the objects there are now out of them; modules are still torn down,
    files closed and atexit handlers run as usual. Not when ``main`` is called with its arguments
    (tests, embedding): that process goes on, and its cycles must stay collectable."""
    import gc

    gc.freeze()


def _main(argv: list[str]) -> int:
    command = argv[0] if argv and argv[0] in commands.COMMANDS else None
    quick = getattr(commands.load(command), "quick_args", None) if command else None
    args = quick(argv[1:]) if quick else None  # a plain command line, read without argparse
    if args is None:
        args = build_parser(command).parse_args(argv)
    try:
        code = args.run(args)
        _flush_stdout()
        return code
    except PlanError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.code
    except BrokenPipeError:  # `| head` stopped reading: nothing more to say, and nothing to flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except KeyboardInterrupt:
        print("plan-extract: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # a bug: one line, not a traceback
        print(f"plan-extract: internal error: {internal_message(exc)}", file=sys.stderr)
        return ExitCode.INTERNAL


def _flush_stdout() -> None:
    """Flush here, not at exit, so that a full disk (``> /dev/full``) is exit 6 with a message."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise PlanError(f"cannot write output: {exc.strerror or exc}", path="<stdout>", code=ExitCode.OUTPUT) from None


if __name__ == "__main__":
    sys.exit(main())
