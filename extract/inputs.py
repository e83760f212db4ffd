"""Command-line inputs → the files a batch reads: paths, glob patterns, directories.

``expand_inputs(args, suffixes)`` → ``list[Input]``, in the order given:

- an existing file is taken as it is, whatever its name;
- a directory stands for every file under it, at any depth, whose suffix is in
  ``suffixes`` (hidden files and folders left out), sorted by path;
- a pattern with ``*``, ``?`` or ``[`` that names no existing file is
  expanded here (``**`` spans folders), sorted, for shells that pass it on
  unexpanded (Windows, quoted arguments); a directory it matches is expanded
  as above;
- ``-`` is standard input (its output, under ``-o DIR``, is ``stdin.json``);
- anything else is kept, so that reading it reports the problem ("no such file").

A pattern that matches nothing, or a directory without a single matching file,
becomes an ``Input`` that carries its error. A file reached twice is read once.
Each input also gets the name its output takes: its stem, or under a
directory argument its path relative to that directory (``2021/list``), so
that two ``list.txt`` in different folders do not overwrite each other.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .records import NamedTuple
from .errors import ExitCode, PlanError

GLOB_MAGIC = re.compile(r"[*?[]")
STDIN = "-"  # standard input, read once
STDIN_STEM = "stdin"  # its output's name under -o DIR


class Input(NamedTuple):
    path: str  # as the user wrote it, or as found under their directory or pattern
    name: str  # the output's name under -o DIR, without suffix: a stem, or a relative path
    error: PlanError | None = None  # the pattern or directory gave no file


def expand_inputs(args: list[str], suffixes: tuple[str, ...]) -> list[Input]:
    found: list[Input] = []
    for arg in args:
        if arg == STDIN:
            found.append(Input(arg, STDIN_STEM))
        elif os.path.isdir(arg):
            found += _directory(arg, suffixes)
        elif not os.path.lexists(arg) and GLOB_MAGIC.search(arg):
            found += _pattern(arg, suffixes)
        else:
            found.append(Input(arg, Path(arg).stem))
    return _once(found)


def _directory(directory: str, suffixes: tuple[str, ...]) -> list[Input]:
    root = Path(directory)
    files = sorted(
        path
        for path in root.rglob("*")
        if path.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.is_file()
    )
    if not files:
        wanted = " or ".join(f"*{s}" for s in suffixes)
        error = PlanError(f"is a directory without plan files ({wanted})", path=directory, code=ExitCode.UNREADABLE)
        return [Input(directory, Path(directory).name, error)]
    return [Input(str(path), path.relative_to(root).with_suffix("").as_posix()) for path in files]


def _pattern(pattern: str, suffixes: tuple[str, ...]) -> list[Input]:
    import glob  # here: most runs name their files (~0.5 ms of start-up)

    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        error = PlanError("no file matches this pattern", path=pattern, code=ExitCode.UNREADABLE)
        return [Input(pattern, Path(pattern).stem, error)]
    out: list[Input] = []
    for match in matches:
        out += _directory(match, suffixes) if os.path.isdir(match) else [Input(match, Path(match).stem)]
    return out


def _once(inputs: list[Input]) -> list[Input]:
    seen: set[str] = set()
    out = []
    for item in inputs:
        key = item.path if item.error or item.path == STDIN else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
