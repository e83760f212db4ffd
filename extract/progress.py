"""A one-line progress bar on stderr, only when stderr is a terminal.

``Progress(total)`` draws ``[######......]  6/12  plans/2021.txt`` on one line,
redrawn in place with ``\\r``; ``echo(line)`` prints a message above it;
``close()`` wipes it. In a pipe, a log file or a CI job nothing is drawn,
so captured stderr holds only the messages.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .text_table import display_width

BAR_WIDTH = 24
REDRAW_EVERY = 0.1  # seconds; a thousand small files should not mean a thousand redraws
CLEAR_LINE = "\r\x1b[K"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = total > 1 and _is_terminal(self.stream)
        self.enabled = enabled
        self.shown = False
        self.label = ""
        self._last_draw = float("-inf")

    def advance(self, label: str = "") -> None:
        self.done += 1
        self.label = label
        now = time.monotonic()
        if self.enabled and (now - self._last_draw >= REDRAW_EVERY or self.done == self.total):
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
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        count = f"{self.done}/{self.total}"
        text = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {count:>{2 * len(str(self.total)) + 1}}"
        import shutil  # here: only a terminal draws, and shutil costs ~3 ms of every run's start-up

        room = shutil.get_terminal_size(fallback=(80, 24)).columns - 1 - len(text) - 2
        if self.label and room > 4:
            text += "  " + _fit(self.label, room)
        self.stream.write(CLEAR_LINE + text)
        self.stream.flush()
        self.shown = True


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
