"""The Python API: ``extract.parse(source, …)`` → the validated ``models.PlanDocument``.

``source`` is

- a ``pathlib.Path`` (or any ``os.PathLike``): the file, in any format the readers know;
- ``bytes``: a file's content (text in any supported encoding, PDF, HWP, HWPX, by signature);
- ``str``: a path when it names an existing file and holds no line break, else the plan's text.

The document has ``iter_nodes()``, ``to_json()``, ``to_rows()`` (the rows ``export`` writes)
and ``to_dataframe()`` (with pandas installed). Bad input raises ``errors.PlanError``, whose
``one_line()`` is the command line's message and ``code`` its exit code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import PlanDocument
    from .stages.profile import Profile


def parse(
    source: str | bytes | os.PathLike[str],
    *,
    profile: str | os.PathLike[str] | Profile | None = None,
    registries: tuple[str, ...] = (),
    name: str | None = None,
    pages: str | None = None,
    engine: str | None = None,
    max_bytes: int | None = None,
) -> PlanDocument:
    """Parse one plan (see the module docstring for ``source``); ``name`` is its ``source.path``
    for bytes or text (default ``<input>``); ``profile`` a profile file or a loaded ``Profile``."""
    from .stages.profile import Profile, default_profile, load_profile
    from .pipeline import load, parse_document
    from .readers import document_from_bytes

    if isinstance(profile, Profile):
        loaded = profile
    elif profile is None and not registries:
        loaded = default_profile()
    else:
        loaded = load_profile(profile, tuple(registries))
    if isinstance(source, str) and _names_a_file(source):
        source = Path(source)
    if isinstance(source, os.PathLike):
        return load(os.fspath(source), loaded, pages=pages, engine=engine, max_bytes=max_bytes).document
    data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    document = document_from_bytes(data, name or "<input>", loaded, pages=pages, engine=engine)
    return parse_document(document, loaded).document


def _names_a_file(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and os.path.isfile(text)
