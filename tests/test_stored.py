"""Bundled TOML files read through their stored JSON copies (``extract/stored.py``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extract.stored import loads_toml, read_toml, stored_path, stored_text

from scripts.store_toml import STORED


@pytest.mark.parametrize("path", STORED, ids=lambda p: p.name)
def test_stored_copy_is_current(path: Path) -> None:
    assert stored_path(path).read_text(encoding="utf-8") == stored_text(path), (
        f"{stored_path(path).name} is stale: run `python3 scripts/store_toml.py`"
    )


@pytest.mark.parametrize("path", STORED, ids=lambda p: p.name)
def test_stored_copy_reads_as_the_toml(path: Path) -> None:
    assert read_toml(path) == tomllib.loads(path.read_text(encoding="utf-8"))


# (TOML text read, stored copy beside it, expected data): the copy counts only for its own text.
CASES = [
    ('a = 1\n', '{"sha256": "SHA(a = 1\\n)", "data": {"a": "from the copy"}}', {"a": "from the copy"}),
    ('a = 2\n', '{"sha256": "SHA(a = 1\\n)", "data": {"a": "from the copy"}}', {"a": 2}),  # edited since: parsed
    ('a = 3\n', None, {"a": 3}),  # no copy
    ('a = 4\n', "not json", {"a": 4}),  # a broken copy
]


@pytest.mark.parametrize(("text", "copy", "expected"), CASES, ids=["current", "stale", "missing", "broken"])
def test_a_copy_is_used_only_for_the_text_it_was_made_from(tmp_path: Path, text, copy, expected) -> None:
    from extract.stored import digest

    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    if copy is not None:
        stored_path(path).write_text(copy.replace('SHA(a = 1\\n)', digest("a = 1\n")), encoding="utf-8")
    assert loads_toml(text, path) == expected
    assert loads_toml(text) == tomllib.loads(text)  # no path: always parsed
