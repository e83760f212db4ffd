"""Load plans for the commands that read them back: a path → ``PlanDocument`` (or several).

A ``*.json`` file (any case) is read as ``plan-extract parse`` output: one
document, or the JSON array ``parse -o -`` writes for several inputs. It is
checked against the data model, so a hand-edited or foreign file fails with
one line that says where. Anything else is a plan, text or PDF, and is
parsed with ``pipeline.load``. The suffix decides, not the content: a plan may start
with ``[`` (``[국정01] …``), so sniffing would guess wrong. Only stdin (``-``), which has
no suffix, is sniffed: ``{`` or ``[{`` opens parse output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from .errors import PlanError
from .models import PlanDocument
from .validate import READABLE_VERSIONS
from .stages.profile import MAX_LEVELS, Profile
from .readers.text import STDIN, STDIN_NAME, read_bytes

JSON_SUFFIX = ".json"
# A plan's tree is at most MAX_LEVELS (profile.py) deep, two JSON levels a node, plus the
# document's own: anything deeper is not parse output, and would exhaust the stack downstream.
MAX_JSON_DEPTH = 2 * MAX_LEVELS + 8


def load_document(
    path: str | os.PathLike[str], profile: Profile | None = None, *, max_bytes: int | None = None
) -> PlanDocument:
    """The one plan in ``path`` (JSON or plan text); a JSON array of several is an error."""
    documents = load_documents(path, profile, max_bytes=max_bytes)
    if len(documents) != 1:
        raise PlanError(f"holds {len(documents)} plan documents, expected one", path=os.fspath(path))
    return documents[0]


def load_documents(
    path: str | os.PathLike[str], profile: Profile | None = None, *, max_bytes: int | None = None
) -> list[PlanDocument]:
    """Every plan in ``path``: the documents of a JSON file, or the parse of a plan (text or PDF).

    ``-`` is stdin, read once: JSON when it opens like parse output (``{``, or ``[`` then ``{``),
    else a plan."""
    if os.fspath(path) == STDIN:
        data = read_bytes(path, max_bytes=max_bytes)
        if looks_like_json(data):
            return documents_from_json(data, path=STDIN_NAME)
        from .stages.profile import default_profile
        from .pipeline import parse_document
        from .readers import document_from_bytes

        profile = profile or default_profile()
        return [parse_document(document_from_bytes(data, STDIN_NAME, profile), profile).document]
    shown = os.fspath(path)
    if is_json(shown):
        return documents_from_json(read_bytes(path, max_bytes=max_bytes), path=shown)
    from .pipeline import load

    return [load(shown, profile, max_bytes=max_bytes).document]


def looks_like_json(data: bytes) -> bool:
    """Whether stdin's bytes open like parse output: ``{``, or ``[`` then ``{`` or ``]``
    (a plan may open with ``[국정01]``, never with ``[{``)."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{") or (head.startswith(b"[") and head[1:].lstrip()[:1] in (b"{", b"]"))


def is_json(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() == JSON_SUFFIX


def documents_from_json(data: bytes, *, path: str = "<input>") -> list[PlanDocument]:
    """Decode, parse and validate JSON bytes (UTF-8, a BOM tolerated) into documents."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        raise PlanError(
            f"not valid UTF-8 JSON (byte 0x{data[exc.start]:02x})", prefix, len(prefix), path=path
        ) from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(f"not valid JSON: {exc.msg}", text, exc.pos, path=path) from None
    except RecursionError:  # the decoder recurses per level: [[[[… runs out of stack
        raise PlanError(_too_deep(), path=path) from None
    if json_depth(value) > MAX_JSON_DEPTH:  # before the validator and the exporters recurse into it
        raise PlanError(_too_deep(), path=path)
    if isinstance(value, dict):
        return [_validate(value, "", path)]
    if isinstance(value, list) and value:
        return [_validate(item, f"[{i}]", path) for i, item in enumerate(value)]
    raise PlanError("not a plan-extract document (expected a JSON object, or an array of them)", path=path)


def json_depth(value: object) -> int:
    """How deeply ``value`` nests (a scalar is 0, ``[]`` is 1), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_JSON_DEPTH:  # past the limit the answer is known: stop descending
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _too_deep() -> str:
    return f"JSON nested more than {MAX_JSON_DEPTH} levels deep: not a plan-extract document"


def _validate(value: object, where: str, path: str) -> PlanDocument:
    if not isinstance(value, dict):
        raise PlanError(f"{where or 'the top level'} is not a JSON object, so not a plan-extract document", path=path)
    version = value.get("schema_version")
    if version is not None and version not in READABLE_VERSIONS:
        raise PlanError(
            f"{json_path(('schema_version',), where)} is {version!r}; this plan-extract reads {' and '.join(map(repr, READABLE_VERSIONS))}"
            " (parse the source again)",
            path=path,
        )
    try:
        return PlanDocument.model_validate(value)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        at = json_path(first["loc"], where)
        raise PlanError(
            f"not a plan-extract document: {at}{': ' if at else ''}{first['msg']}{more}", path=path
        ) from None


def json_path(loc: tuple[int | str, ...], prefix: str = "") -> str:
    """pydantic's ``('children', 0, 'span', 'end')`` → ``children[0].span.end``."""
    out = prefix
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
