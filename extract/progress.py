"""A one-line progress bar on stderr, only when stderr is a terminal.

``Progress(total)`` draws ``[######......]  6/12  plans/2021.txt`` on one line,
redrawn in place with ``\\r``; ``echo(line)`` prints a message above it;
``close()`` wipes it. In a pipe, a log file or a CI job nothing is drawn,
so captured stderr holds only the messages. A single input gets a bar of its pages
(``step``, from the PDF reader) once it has taken a second.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .errors import printable
from .text_table import display_width

BAR_WIDTH = 24
REDRAW_EVERY = 0.1  # seconds; a thousand small files should not mean a thousand redraws
CLEAR_LINE = "\r\x1b[K"


FIRST_STEP_DRAW = 1.0  # seconds into one input before its pages get a bar: a quick file draws nothing


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream)
        self.enabled = enabled
        self.shown = False
        self.label = ""
        self.inner: tuple[int, int] | None = None  # (pages done, pages) of the input being read
        self._last_draw = float("-inf")
        self._input_started = time.monotonic()

    def advance(self, label: str = "") -> None:
        self.done += 1
        self.label = label
        self.inner = None
        self._input_started = now = time.monotonic()
        # One input alone gets no bar for itself, only for its pages (``step``).
        if self.enabled and self.total > 1 and (now - self._last_draw >= REDRAW_EVERY or self.done == self.total):
            self._last_draw = now
            self._draw()

    def step(self, done: int, total: int) -> None:
        """Progress inside the input being read (a PDF's pages), drawn once it has taken a second."""
        now = time.monotonic()
        if not self.enabled or now - self._input_started < FIRST_STEP_DRAW or now - self._last_draw < REDRAW_EVERY:
            return
        self.inner = (done, total)
        self._last_draw = now
        self._draw()

    def echo(self, line: str) -> None:
        """Print ``line`` (a message) on its own line, keeping the bar below it."""
        if self.shown:
            self.stream.write(CLEAR_LINE)
        self.stream.write(line + "\n")
        if self.shown:
            self._draw()
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown = False

    def _draw(self) -> None:
        done, total = self.done, self.total
        if self.total == 1 and self.inner:  # one input: the bar is its pages
            done, total = self.inner
        filled = BAR_WIDTH * done // max(total, 1)
        count = f"{done}/{total}" + (" pages" if (done, total) == self.inner else "")
        text = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {count:>{2 * len(str(total)) + 1}}"
        if self.inner and self.total > 1:
            text += f" (page {self.inner[0]}/{self.inner[1]})"
        import shutil  # here: only a terminal draws, and shutil costs ~3 ms of every run's start-up

        room = shutil.get_terminal_size(fallback=(80, 24)).columns - 1 - len(text) - 2
        if self.label and room > 4:
            text += "  " + _fit(printable(self.label), room)
        self.stream.write(CLEAR_LINE + text)
        self.stream.flush()
        self.shown = True


# The bar the running command draws, so that a reader deep in the pipeline can report its
# pages without being handed it; None in worker processes and outside the command line.
_active: Progress | None = None


def activate(progress: Progress | None) -> None:
    global _active
    _active = progress


def step(done: int, total: int) -> None:
    """A reader's ``done`` of ``total`` pages, for the running command's bar (if any)."""
    if _active is not None:
        _active.step(done, total)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def _fit(label: str, room: int) -> str:
    """``label`` cut from the left to ``room`` display columns: the file name matters most."""
    if display_width(label) <= room:
        return label
    while display_width(label) > room - 1:
        label = label[1:]
    return "…" + label
