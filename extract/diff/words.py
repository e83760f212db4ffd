"""Changed words between two titles, for the readable reports: two strings → two lists of ``Run``.

Titles are compared word by word (``difflib``), where a word is a run of letters and
digits and every other character (a parenthesis, a comma, a middle dot) stands alone:
``추진(대상발굴, 유인확보 등)`` against ``추진`` marks only ``(대상발굴, 유인확보 등)``.
A Korean word carries its particles, so a changed particle marks its word. A run's
text keeps the spaces between its pieces; joined with ``""`` the runs give the title
back (whitespace folded to single spaces).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import regex

# A word (letters and digits), a stretch of whitespace, or one other character.
TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+|\s+|[^\s\p{L}\p{N}\p{M}]")


@dataclass(frozen=True)
class Run:
    text: str  # one or more tokens as written, spaces included
    changed: bool  # only on this side (deleted from the old, inserted into the new)


def word_diff(old: str, new: str) -> tuple[list[Run], list[Run]]:
    """``제도 내실화`` / ``운영 내실화`` → ``[제도*] [ 내실화]`` / ``[운영*] [ 내실화]``."""
    a, b = _tokens(old), _tokens(new)
    old_runs: list[Run] = []
    new_runs: list[Run] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        _add(old_runs, a[i1:i2], op != "equal")
        _add(new_runs, b[j1:j2], op != "equal")
    return old_runs, new_runs


def _tokens(text: str) -> list[str]:
    return [" " if token.isspace() else token for token in TOKEN.findall(text.strip())]


def _add(runs: list[Run], tokens: list[str], changed: bool) -> None:
    """Append ``tokens`` as a run; a changed run's outer spaces are left unmarked."""
    if not tokens:
        return
    text = "".join(tokens)
    if changed:
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        pieces = [(lead, False), (core, bool(core)), (trail, False)]
    else:
        pieces = [(text, False)]
    for piece, marked in pieces:
        if not piece:
            continue
        if runs and runs[-1].changed == marked:
            runs[-1] = Run(runs[-1].text + piece, marked)
        else:
            runs.append(Run(piece, marked))
