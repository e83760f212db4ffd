"""Stored forms of what a run would otherwise parse or compile each time: bundled TOML data
(``loads_toml(text, path) → dict``) and compiled `regex` patterns (``compile_regex``, below).

``tomllib`` is pure Python: the agency registry (~110 entries) takes ~15 ms to parse, more
than parsing a plan. ``scripts/store_toml.py`` writes ``NAME.toml.json`` beside each bundled
TOML file (``extract/data/``, ``extract/profiles/``): the TOML text's sha256 and its data,
which pydantic-core's JSON reader reads in well under a millisecond (it is loaded already, for
validation; importing the ``json`` module would add ~1.5 ms to each run; ``tests/test_stored.py``
checks that both read every stored file alike). The copy is used only while its
sha256 is that of the text being read, so an edited TOML file is never read stale: it is
parsed as before, only slower, and ``tests/test_stored.py`` fails until the copies are rewritten.
"""

from __future__ import annotations

from pathlib import Path

from pydantic_core import from_json

from .sha import sha256

SUFFIX = ".json"  # agencies.toml → agencies.toml.json


def stored_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def digest(text: str) -> str:
    return sha256(text.encode("utf-8")).hexdigest()


def loads_toml(text: str, path: Path | None = None) -> dict:
    """``tomllib.loads(text)``, from the stored copy of ``path`` when it holds this very text's data."""
    if path is not None:
        try:
            stored = from_json(stored_path(path).read_bytes())
        except (OSError, ValueError):
            stored = None
        if isinstance(stored, dict) and stored.get("sha256") == digest(text):
            return stored["data"]
    import tomllib  # here: a run that reads only stored copies does not import it (~2 ms)

    return tomllib.loads(text)


def is_toml_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a ``tomllib.TOMLDecodeError``, without importing tomllib: a run that
    never imported it has parsed no TOML."""
    import sys

    tomllib = sys.modules.get("tomllib")
    return tomllib is not None and isinstance(exc, tomllib.TOMLDecodeError)


def read_toml(path: Path) -> dict:
    """The bundled TOML file at ``path``, through its stored copy."""
    return loads_toml(path.read_text(encoding="utf-8"), path)


def stored_text(path: Path) -> str:
    """What ``stored_path(path)`` must hold: the text's sha256 and its data (TOML dates and
    times have no JSON form: a bundled file must not use them, and json.dumps says so)."""
    import json
    import tomllib

    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return json.dumps({"sha256": digest(text), "data": data}, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


# Compiled `regex` patterns. The `regex` module compiles in pure Python (~0.3 ms a pattern,
# ~20 ms for the ~40 a parse compiles, the profile's combined marker pattern alone ~5 ms). A
# compiled pattern's pickle holds its compiled code, not its source: ``pickle.loads`` calls
# ``regex._regex.compile(*data)``, which only builds the pattern object from that code.
# ``extract/data/patterns.json`` holds that data for every pattern a parse compiles (written by
# ``scripts/store_toml.py``), for the `regex` version it was made with; a pattern is restored
# from it only under that very version and for that very (pattern, flags), so a store made by
# another version, or an edited pattern, is compiled as before, only slower.
# ``tests/test_stored.py`` fails when a pattern the parse compiles is not stored, or a stored
# one no longer compiles to the same data.
PATTERNS_FILE = Path(__file__).parent / "data" / "patterns.json"
MISSED: list[tuple[str, int]] = []  # (pattern, flags) compiled without a stored form, in order
_patterns: dict | None = None


def compile_regex(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, restored from its stored compiled form when there is one."""
    global _patterns
    if _patterns is None:
        _patterns = _read_patterns()
    key = (pattern, flags)
    found = _patterns.get(key)
    if found is None:
        import regex

        MISSED.append(key)
        return regex.compile(pattern, flags)
    if isinstance(found, list):  # restored on first use, then kept
        found = _patterns[key] = _restore(found)
    return found


def _read_patterns() -> dict:
    import regex

    try:
        stored = from_json(PATTERNS_FILE.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("regex") != regex.__version__:
        return {}
    return {(data[0], flags): data for flags, data in stored["patterns"]}


def _restore(data: list):
    """What ``pickle.loads`` does with a compiled pattern's pickle, from ``_pickled(…)``'s JSON form."""
    from regex._regex import compile as build

    pattern, flags, code, group_index, index_group, named_lists, named_list_indexes, req_offset, req_chars, req_flags, groups = data
    index_group = {int(k): v for k, v in index_group.items()}
    return build(pattern, flags, bytes.fromhex(code), group_index, index_group, named_lists, named_list_indexes, req_offset, tuple(req_chars), req_flags, groups)


def pickled(compiled) -> list:
    """A compiled pattern's pickle data (``copyreg``'s reduction of it) in a JSON form; a pattern
    with named lists (``\\L<name>``: sets, given at compile time) has none here."""
    import copyreg

    import regex
    from regex._regex import compile as build

    function, data = copyreg.dispatch_table[regex.Pattern](compiled)
    if function is not build:
        raise ValueError(f"regex {regex.__version__} pickles patterns with {function!r}, not regex._regex.compile")
    pattern, flags, code, group_index, index_group, named_lists, named_list_indexes, req_offset, req_chars, req_flags, groups = data
    if named_lists or named_list_indexes:
        raise ValueError(f"pattern {pattern!r} uses named lists, which are not stored")
    return [pattern, flags, code.hex(), group_index, {str(k): v for k, v in index_group.items()}, {}, [], req_offset, list(req_chars), req_flags, groups]


def patterns_text(entries: list[list]) -> str:
    """``PATTERNS_FILE``'s text for these ``[flags, pickled(…)]`` entries: one a line, so that a new
    pattern or `regex` version shows as lines changed."""
    import json

    import regex

    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    return f'{{"regex": {json.dumps(regex.__version__)}, "patterns": [\n{lines}\n]}}\n'


def same_compilation(a: list, b: list) -> bool:
    """Whether two ``pickled(…)`` forms are one compilation of one pattern. `regex` lists some
    sets (a character class's members, a first set) in the order of their objects' hashes, which
    differs from process to process: the code's bytes may come in another order, nothing else."""
    return a[:2] == b[:2] and a[3:] == b[3:] and sorted(bytes.fromhex(a[2])) == sorted(bytes.fromhex(b[2]))
