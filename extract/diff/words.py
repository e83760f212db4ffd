"""Changed words between two titles, for the readable reports: two strings → two lists of ``Run``.

Titles are compared word by word (``difflib`` on whitespace-separated words): a
Korean word carries its particles, so a changed particle marks its word.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    text: str  # one or more words, joined by single spaces
    changed: bool  # only on this side (deleted from the old, inserted into the new)


def word_diff(old: str, new: str) -> tuple[list[Run], list[Run]]:
    """``제도 내실화`` / ``운영 내실화`` → ``[제도*] [내실화]`` / ``[운영*] [내실화]``."""
    a, b = old.split(), new.split()
    old_runs: list[Run] = []
    new_runs: list[Run] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_runs.append(Run(" ".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            new_runs.append(Run(" ".join(b[j1:j2]), op != "equal"))
    return old_runs, new_runs
