"""One error class for everything a user can get wrong, and the exit codes.

Built like tomli's ``TOMLDecodeError``: the raiser passes ``(msg, doc, pos)``
and the error works out line and column itself, so no call site has to.
``doc`` may be ``str`` (decoded text, ``pos`` a character offset) or ``bytes``
(``pos`` a byte offset, column counted in bytes).
"""

from __future__ import annotations

import re
from enum import IntEnum

# What must not reach a terminal raw from a file name or a document's text: C0 and C1
# controls (ESC starts the sequences that retitle, recolour or rewrite a terminal), DEL,
# and the bidirectional overrides that reorder what is shown. (A pattern compiled on first use,
# by re's cache: a run without a message to print never compiles it.)
UNSAFE_FOR_TERMINAL = r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


class ExitCode(IntEnum):
    """Exit codes of the ``plan-extract`` command (documented in the README)."""

    OK = 0
    DIFFERENCES = 1  # reserved for ``diff``: inputs differ, like diff(1)
    USAGE = 2  # bad command line (argparse's own code)
    UNREADABLE = 3  # missing file, directory, no permission
    BAD_INPUT = 4  # empty, binary, undecodable, or no plan markers at all
    STRICT = 5  # --strict and the parse produced warnings
    OUTPUT = 6  # the output could not be written
    INTERNAL = 70  # a bug in plan-extract (EX_SOFTWARE); please report it
    INTERRUPTED = 130  # Ctrl-C


class PlanError(Exception):
    """An input problem, reported as ``path:line:column: message``.

    Attributes: ``msg``, ``path``, ``pos``, ``lineno`` and ``colno`` (1-based,
    ``None`` when the problem has no position, e.g. a directory), ``code``.
    """

    def __init__(
        self,
        msg: str,
        doc: str | bytes | None = None,
        pos: int | None = None,
        *,
        path: str = "<input>",
        code: ExitCode = ExitCode.BAD_INPUT,
    ) -> None:
        self.msg = msg
        self.path = path
        self.pos = pos
        self.code = code
        self.lineno: int | None = None
        self.colno: int | None = None
        if doc is not None and pos is not None:
            newline = b"\n" if isinstance(doc, bytes) else "\n"
            self.lineno = doc.count(newline, 0, pos) + 1  # type: ignore[arg-type]
            line_start = doc.rfind(newline, 0, pos) + 1  # type: ignore[arg-type]
            self.colno = pos - line_start + 1
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.path
        if self.lineno is not None:
            where += f":{self.lineno}:{self.colno}"
        return printable(f"{where}: error: {self.msg}")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``): one line, safe to print."""
    return re.sub(UNSAFE_FOR_TERMINAL, lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def internal_message(exc: BaseException) -> str:
    """``Type: message`` of an unexpected exception, on one line (pydantic's messages span several)."""
    return printable(" ".join(f"{type(exc).__name__}: {exc}".split()))
