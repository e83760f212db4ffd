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
    ('a = 1\n', '{"sha256": "SHA(a = 1\n)", "data": {"a": "from the copy"}}', {"a": "from the copy"}),
    ('a = 2\n', '{"sha256": "SHA(a = 1\n)", "data": {"a": "from the copy"}}', {"a": 2}),  # edited since: parsed
    ('a = 3\n', None, {"a": 3}),  # no copy
    ('a = 4\n', "not json", {"a": 4}),  # a broken copy
]


@pytest.mark.parametrize(("text", "copy", "expected"), CASES, ids=["current", "stale", "missing", "broken"])
def test_a_copy_is_used_only_for_the_text_it_was_made_from(tmp_path: Path, text, copy, expected) -> None:
    from extract.stored import digest

    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    if copy is not None:
        stored_path(path).write_text(copy.replace('SHA(a = 1\n)', digest("a = 1\n")), encoding="utf-8")
    assert loads_toml(text, path) == expected
    assert loads_toml(text) == tomllib.loads(text)  # no path: always parsed


# Compiled regex patterns (extract/data/patterns.json, ``stored.compile_regex``).


def test_stored_patterns_are_those_the_parse_compiles() -> None:
    """Every pattern a CLI parse of the fixture compiles is stored (an edited pattern or a new one
    fails), and under the `regex` version that wrote them as the compilation it gives now. Under
    another version (a newer `regex` from the package index) the copies are not used, and the
    parse compiles as it would without them: that is tested below, not failed here."""
    import regex

    from extract.stored import same_compilation
    from scripts.store_toml import probe, stored_entries

    stale = "extract/data/patterns.json is stale: run `python3 scripts/store_toml.py`"
    version, entries = stored_entries()
    fresh = probe(empty=True)["fresh"]
    assert [(data[0], flags) for flags, data in entries] == [(data[0], flags) for flags, data in fresh], stale
    if version == regex.__version__:  # (under another `regex` the copies are not used: compiled as before)
        for (_, old), (_, new) in zip(entries, fresh):
            assert same_compilation(old, new), f"{old[0]!r}: {stale}"
        assert probe(empty=False)["missed"] == []


def test_the_parse_compiles_every_pattern_through_the_store() -> None:
    """A module-level ``regex.compile`` on the parse path costs start-up on every run and no
    stored form can spare it: the parse's patterns go through ``stored.compile_regex``."""
    from scripts.store_toml import probe

    assert probe(empty=False)["direct"] == []


def test_a_restored_pattern_is_the_compiled_one() -> None:
    import regex

    from extract.stored import _read_patterns, _restore, pickled, same_compilation
    from scripts.store_toml import stored_entries

    version, entries = stored_entries()
    if version != regex.__version__:  # written under another `regex`: not read at all
        assert _read_patterns() == {}
        return
    for flags, data in entries:
        restored = _restore(data)
        compiled = regex.compile(data[0], flags)
        assert same_compilation(pickled(restored), pickled(compiled))
        assert (restored.pattern, restored.flags, restored.groupindex, restored.groups) == (
            compiled.pattern, compiled.flags, compiled.groupindex, compiled.groups)


def test_a_pattern_not_stored_is_compiled(monkeypatch) -> None:
    import regex

    import extract.stored as stored

    monkeypatch.setattr(stored, "_patterns", {})
    monkeypatch.setattr(stored, "MISSED", [])
    assert stored.compile_regex(r"(?P<a>x)+", regex.VERBOSE).groupindex == {"a": 1}
    assert stored.MISSED == [(r"(?P<a>x)+", regex.VERBOSE)]


def test_a_store_from_another_regex_version_is_not_read(tmp_path, monkeypatch) -> None:
    import extract.stored as stored

    text = stored.PATTERNS_FILE.read_text(encoding="utf-8")
    path = tmp_path / "patterns.json"
    path.write_text(text.replace('"regex": "', '"regex": "0.', 1), encoding="utf-8")
    monkeypatch.setattr(stored, "PATTERNS_FILE", path)
    assert stored._read_patterns() == {}


def _stored_json_files() -> list[Path]:
    from extract import DATA_DIR, PROFILES_DIR

    return sorted([*DATA_DIR.glob("*.json"), *PROFILES_DIR.glob("*.json")])


@pytest.mark.parametrize("path", _stored_json_files(), ids=lambda p: p.name)
def test_stored_json_reads_alike_with_either_reader(path: Path) -> None:
    """The run reads its stored JSON with pydantic-core (loaded already), not the ``json`` module:
    both must give the same data, floats to the bit and key order included."""
    import json

    from pydantic_core import from_json

    ours, theirs = from_json(path.read_bytes()), json.loads(path.read_text(encoding="utf-8"))
    assert repr(ours) == repr(theirs)


def test_the_parse_program_imports_neither_json_nor_uuid(tmp_path: Path) -> None:
    """``python -m extract parse FILE``: no ``json`` (stored data is read with pydantic-core) and no
    ``uuid`` (``cli._serializer_without_uuid``), and the same output as a library call's."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import runpy, sys; sys.argv = ['extract', 'parse', 'fixtures/source.txt', '-o', sys.argv[1]]\n"
        "try:\n    runpy.run_module('extract', run_name='__main__')\n"
        "finally:\n    print(sorted(m for m in ('json', 'uuid', 'platform') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "[]"
    from extract.pipeline import load

    assert (tmp_path / "source.json").read_text(encoding="utf-8") == load(str(root / "fixtures/source.txt")).to_json().replace(
        str(root / "fixtures/source.txt"), "fixtures/source.txt"
    )
