"""The README's exit-code table is the contract: every failure class, its code, one line.

Exit 70 is for bugs only: nothing a user can feed the tool may end in it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .paths import FIXTURE, ROOT, TESTS

BULLETED = TESTS / "profiles" / "bulleted.toml"


def profile_with(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def many_levels(count: int) -> str:
    families = "".join(
        f'[[family]]\nname = "l{i}"\nkind = "k{i}"\npattern = \'\'\'(?P<marker> L{i}- (?P<number>\\d+) \\. )\'\'\'\n\n'
        for i in range(count)
    )
    return 'name = "deep"\n' + families + "[title]" + BULLETED.read_text(encoding="utf-8").split("[title]")[1]


# (case, command line with {tmp} and {fixture}, setup: file name → content, expected code, message pattern)
CASES = [
    ("-o names a file", ["parse", "{fixture}", "-o", "{tmp}/afile"], {"afile": "x"}, 2, r"afile: error: is not a directory"),
    ("no such profile", ["parse", "{fixture}", "--profile", "{tmp}/none.toml"], {}, 2, r"none\.toml: error: no such profile file"),
    ("profile without families", ["parse", "{fixture}", "--profile", "{tmp}/p.toml"], {"p.toml": 'name = "x"\n'}, 2,
     r"p\.toml: error: invalid profile: it has no \[\[family\]\] table"),
    ("profile naming a missing registry", ["parse", "{fixture}", "--profile", "{tmp}/p.toml"],
     {"p.toml": BULLETED.read_text(encoding="utf-8").replace('"agencies.toml"', '"gone.toml"')}, 2,
     r"p\.toml: error: invalid profile: \[agencies\] registry = 'gone\.toml' is neither"),
    ("profile of too many levels", ["parse", "{fixture}", "--profile", "{tmp}/p.toml"], {"p.toml": many_levels(101)}, 2,
     r"p\.toml: error: invalid profile: 101 marker families; at most 100"),
    ("profile not TOML", ["parse", "{fixture}", "--profile", "{tmp}/p.toml"], {"p.toml": "name = \n"}, 2,
     r"p\.toml: error: profile is not valid TOML"),
    ("missing --registry", ["parse", "{fixture}", "--registry", "{tmp}/r.toml"], {}, 2, r"r\.toml: error: cannot read the registry"),
    ("no such input", ["parse", "{tmp}/none.txt"], {}, 3, r"none\.txt: error: no such file"),
    ("a device", ["parse", "/dev/null"], {}, 3, r"/dev/null: error: is a character device, not a plan file"),
    ("empty input", ["parse", "{tmp}/e.txt", "-o", "{tmp}/out"], {"e.txt": ""}, 4, r"e\.txt:1:1: error: empty input"),
    ("over --max-bytes", ["parse", "{fixture}", "--max-bytes", "1K"], {}, 4, r".*/source\.txt: error: larger than --max-bytes"),
    ("deeply nested JSON to export", ["export", "{tmp}/d.json", "-f", "csv"], {"d.json": "[" * 100_000}, 4,
     r"d\.json: error: JSON nested more than \d+ levels deep"),
    ("--strict with warnings", ["parse", "{tmp}/w.txt", "--strict", "-o", "{tmp}/out", "-q"],
     {"w.txt": "① 과제 추진 행안부\n③ 다음 과제 기재부\n"}, 5, r"w\.txt: error: 1 warning\(s\) and --strict"),
    ("stdout on a full disk", ["parse", "{fixture}", "-o", "-", ">/dev/full"], {}, 6, r"<stdout>: error: cannot write output: No space left"),
    ("--strict on export", ["export", "{tmp}/w.txt", "--strict", "-f", "csv", "-q"],
     {"w.txt": "① 과제 추진 행안부\n③ 다음 과제 기재부\n"}, 5, r"w\.txt: error: 1 warning\(s\) and --strict"),
    ("--strict on agencies", ["agencies", "{tmp}/w.txt", "--strict", "-q"],
     {"w.txt": "① 과제 추진 행안부\n③ 다음 과제 기재부\n"}, 5, r"w\.txt: error: 1 warning\(s\) and --strict"),
]


@pytest.mark.parametrize(("case", "argv", "files", "code", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_failure_class_has_its_code_and_one_line(
    tmp_path: Path, case: str, argv: list[str], files: dict[str, str], code: int, message: str
) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    args = [a.format(tmp=tmp_path, fixture=FIXTURE) for a in argv]
    stdout = subprocess.DEVNULL
    if args[-1] == ">/dev/full":
        args.pop()
        stdout = open("/dev/full", "wb")  # noqa: SIM115  (closed below)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "extract", *args], cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE, timeout=60
        )
    finally:
        if stdout is not subprocess.DEVNULL:
            stdout.close()
    err = result.stderr.decode()
    assert result.returncode == code, err
    lines = err.splitlines()
    # One line; --strict first shows the warnings it refuses (here one), as parse always has.
    assert len(lines) == (2 if "--strict" in args else 1), err
    assert re.match(message, lines[-1].removeprefix(str(tmp_path) + "/")), err
