"""Bundled TOML data read through a stored JSON copy: ``loads_toml(text, path) → dict``.

``tomllib`` is pure Python: the agency registry (~110 entries) takes ~15 ms to parse, more
than parsing a plan. ``scripts/store_toml.py`` writes ``NAME.toml.json`` beside each bundled
TOML file (``extract/data/``, ``extract/profiles/``): the TOML text's sha256 and its data,
which the C ``json`` module reads in well under a millisecond. The copy is used only while its
sha256 is that of the text being read, so an edited TOML file is never read stale: it is
parsed as before, only slower, and ``tests/test_stored.py`` fails until the copies are rewritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SUFFIX = ".json"  # agencies.toml → agencies.toml.json


def stored_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def loads_toml(text: str, path: Path | None = None) -> dict:
    """``tomllib.loads(text)``, from the stored copy of ``path`` when it holds this very text's data."""
    if path is not None:
        try:
            stored = json.loads(stored_path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = None
        if isinstance(stored, dict) and stored.get("sha256") == digest(text):
            return stored["data"]
    import tomllib  # here: a run that reads only stored copies does not import it (~2 ms)

    return tomllib.loads(text)


def read_toml(path: Path) -> dict:
    """The bundled TOML file at ``path``, through its stored copy."""
    return loads_toml(path.read_text(encoding="utf-8"), path)


def stored_text(path: Path) -> str:
    """What ``stored_path(path)`` must hold: the text's sha256 and its data (TOML dates and
    times have no JSON form: a bundled file must not use them, and json.dumps says so)."""
    import tomllib

    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return json.dumps({"sha256": digest(text), "data": data}, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
