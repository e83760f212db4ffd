"""What the batch commands (``parse``, ``export``, ``agencies``) share: options and the report on stderr.

Not a command itself (it is not in ``COMMANDS``).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ExitCode, PlanError, printable

if TYPE_CHECKING:  # imported where used, so that `plan-extract --help` starts light
    import argparse

    from ..batch import Failure
    from ..stages.profile import Profile


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=job_count,
        default=1,
        metavar="N",
        help="read N inputs at once in worker processes (0: one per CPU; default 1)",
    )
    parser.add_argument("--profile", metavar="FILE", help="a profile TOML instead of the default one")
    parser.add_argument(
        "--registry",
        metavar="FILE",
        action="append",
        default=[],
        help="an agency registry TOML whose entries add to or replace the profile's (repeatable)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="only errors: no warnings, progress bar or summary"
    )
    add_max_bytes(parser)


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    from .. import DEFAULT_MAX_BYTES  # not from readers.text: --help should not import the readers

    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse (exit 4) an input larger than N bytes; K, M, G suffixes (default: {DEFAULT_MAX_BYTES >> 20}M)",
    )


def add_compact_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--compact", action="store_true", help="JSON on one line, without indentation (smaller, faster)")


def add_strict_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict", action="store_true", help="a plan parsed with warnings is a failure (exit 5) and is left out"
    )


def add_formula_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-formulas",
        action="store_true",
        help="CSV: write cells starting with = + - @ as they are (by default they get a leading ' "
        "so that a spreadsheet does not run them)",
    )


BYTE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def byte_count(text: str) -> int:
    """``300000``, ``512K``, ``256M``, ``1G`` → bytes (binary units)."""
    number, unit = text.strip(), ""
    if number[-1:].upper() in BYTE_UNITS:
        number, unit = number[:-1], number[-1].upper()
    try:
        count = int(number) * BYTE_UNITS[unit]
    except ValueError:
        raise _type_error(f"not a size: {text!r} (e.g. 50M)") from None
    if count <= 0:
        raise _type_error("must be more than 0")
    return count


def job_count(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise _type_error(f"not a number: {text!r}") from None
    if jobs < 0:
        raise _type_error("must be 0 (one per CPU) or more")
    return jobs or os.cpu_count() or 1


def _type_error(message: str) -> Exception:
    """argparse's error for an option's bad value (argparse is imported only when a parser is built)."""
    import argparse

    return argparse.ArgumentTypeError(message)


@lru_cache(maxsize=4)
def cached_profile(path: str | None, registries: tuple[str, ...] = ()) -> Profile:
    """One profile load per process, however many inputs a worker reads."""
    from ..stages.profile import load_profile

    return load_profile(path, registries)


class Report:
    """Messages on stderr above the progress bar, the failures, the exit status, the closing summary."""

    def __init__(self, total: int, *, quiet: bool = False) -> None:
        from ..progress import Progress, activate

        self.total = total
        self.quiet = quiet
        self.progress = Progress(total, enabled=False if quiet else None)
        activate(self.progress)  # a reader's pages show on it
        self.failures: list[Failure] = []
        self.status = ExitCode.OK

    def message(self, line: str) -> None:
        self.progress.echo(printable(line))

    def fail(self, failure: Failure) -> None:
        """One line now; the summary repeats it. The exit status is the first failure's code."""
        self.failures.append(failure)
        self.status = self.status or failure.code
        self.message(failure.message)

    def warnings(self, path: str, diagnostics: list[dict], *, always: bool = False) -> int:
        """Print the warnings among ``diagnostics`` (unless quiet, or ``always``); return how many there are.

        ``diagnostics`` as in the plan JSON (``Parsed.data["diagnostics"]``, or ``Diagnostic.model_dump()``).
        """
        warnings = [d for d in diagnostics if d["severity"] != "info"]
        if always or not self.quiet:
            for d in warnings:
                self.message(f"{path}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]")
        return len(warnings)

    def close(self) -> None:
        from ..progress import activate

        activate(None)
        self.progress.close()

    def finish(self, done: str) -> None:
        """After several inputs: ``parsed 11, failed 1`` and the failures again, so a long log ends with them."""
        self.close()
        if self.total <= 1 or self.quiet:  # quiet: each error was shown once when it happened, and nothing else
            return
        lines = [done + (f", failed {len(self.failures)}" if self.failures else "")]
        lines += [f"  {printable(f.message)}" for f in self.failures]
        sys.stderr.write("\n".join(lines) + "\n")


def write_stdout(text: str) -> None:
    """Exactly these bytes (UTF-8, BOM and CRLF as made), whatever stdout's encoding and newline setting.

    A stdout that cannot take them (``> /dev/full``, a closed descriptor) is exit 6, not a bug.
    """
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
    except BrokenPipeError:
        raise  # the reader went away (| head): cli.main ends quietly
    except OSError as exc:
        raise PlanError(f"cannot write output: {exc.strerror or exc}", path="<stdout>", code=ExitCode.OUTPUT) from None
