"""The pipeline: read (a ``Document``) → compose → normalize → furniture/tokenize → build
tree → cut content → resolve agencies → validate → ``Parsed``.

``load(path)`` reads any input the readers know (text, PDF, HWP, HWPX: by signature);
``parse_file(path)``, ``parse_bytes`` and ``parse_text`` read text; ``parse_document``
takes a reader's ``Document``. All return a ``Parsed``: the validated plan as plain data
(``data``, ``to_json()``), the same as a ``models.PlanDocument`` built on first use
(``document``), and the source parts, for the lossless check.

Compose turns the blocks into the one text the stages read and keeps what only the blocks
know beside it — the page of every line, each table row's lead-agency cell, furniture the
reader found, the reader's diagnostics — and the stages below take those into account.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from pydantic_core import to_json

from .stages.agencies import agencies_at_end, agencies_in_leading_parenthesis, agencies_in_parenthesis, load_registry
from .stages.content import Cut, Part, agency_issues, cut_node, fold, read_preamble, trailing_fragment
from .errors import ExitCode, PlanError
from .stages.furniture import Furniture, find_furniture, merge_furniture
from .stages.normalize import Text, normalize, visible_length
from .stages.profile import Profile, default_profile
from .document import Document
from .records import NamedTuple, Record
from .stages.compose import compose
from .stages.confidence import measure
from .readers import read_document
from .readers.text import decode_bytes, read_source, text_document
from .stages.tokenize import Spans, find_markers
from .stages.tree import Draft, Issue, build_tree
from .validate import SCHEMA_VERSION, validate_plan

if TYPE_CHECKING:
    from .models import PlanDocument


class Claims(NamedTuple):
    """Which text went where: the plan title, each heading's cut, the noise."""

    title_span: tuple[int, int] | None
    cuts: list[tuple[Draft, Cut]]
    noise: list[tuple[str, int, int]]  # (kind, start, end)


class Parsed(Record):
    """A parsed plan: its validated data, and the text and claims behind it."""

    _fields = ("data", "text", "claims")  # a __dict__, not slots: the cached properties live in it
    _hidden = ("claims",)

    def __init__(self, data: dict, text: Text, claims: Claims) -> None:
        self.data = data  # the validated plan, as ``parse`` writes it
        self.text = text  # the normalized text the parts index into
        self.claims = claims

    @cached_property
    def document(self) -> PlanDocument:
        """The plan as pydantic models, built from ``data`` on first use."""
        from .models import PlanDocument

        return PlanDocument.model_validate(self.data)

    @cached_property
    def parts(self) -> list[Part]:
        """Every piece of the text the output claims (for the lossless check), listed on first use."""
        claims = self.claims
        parts = [Part("plan-title", *claims.title_span)] if claims.title_span else []
        for draft, cut in claims.cuts:
            parts.extend(_parts_of(draft, cut))
        parts.extend(Part("noise", start, end) for _, start, end in claims.noise)
        return parts

    def to_json(self, *, compact: bool = False) -> str:
        """The plan as ``parse`` writes it: indented by two, or on one line when ``compact``."""
        return to_json(self.data, indent=None if compact else 2).decode() + "\n"


def load(
    path: str,
    profile: Profile | None = None,
    *,
    pages: str | None = None,
    engine: str | None = None,
    max_bytes: int | None = None,
) -> Parsed:
    """Parse the plan at ``path`` (``-``: stdin), whatever its format (text, PDF, HWP, HWPX: known
    by its signature); ``pages`` and ``engine`` apply to PDF input; more than ``max_bytes`` is refused."""
    profile = profile or default_profile()
    with _gc_paused():  # the reader's objects too (see _gc_paused)
        return parse_document(read_document(path, profile, pages=pages, engine=engine, max_bytes=max_bytes), profile)


def parse_file(path: str, profile: Profile | None = None) -> Parsed:
    """Parse the text file at ``path``."""
    profile = profile or default_profile()
    with _gc_paused():
        return parse_document(text_document(read_source(path), profile), profile)


def parse_bytes(data: bytes, path: str = "<input>", profile: Profile | None = None) -> Parsed:
    profile = profile or default_profile()
    with _gc_paused():
        return parse_document(text_document(decode_bytes(data, path=path), profile), profile)


def parse_text(decoded: str, path: str = "<input>", profile: Profile | None = None) -> Parsed:
    return parse_bytes(decoded.encode("utf-8"), path, profile)


def read_layout(*args, **kwargs):
    """``stages.layout.read_layout``, imported on first use (~0.5 ms of start-up): verbatim text
    (a scraped run-on list) has no layout to read. A function here, so ``benchmarks.stages``
    counts it."""
    from .stages.layout import read_layout as read

    return read(*args, **kwargs)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one parse.

    A parse allocates hundreds of thousands of small objects and no cycles worth
    collecting; the collector would walk them again and again as they pile up,
    which costs a fifth of the time and grows faster than the input.

    Reading is paused too (``load``, ``parse_file``, ``parse_bytes``): the text reader makes
    a block and a locator a line, and collected as they piled up they took 15× the time
    for 10× the input (1 → 10 MB); without the collector, 9.7×. The readers leave only a
    few hundred cyclic objects (a PDF's), collected once the parse is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_document(document: Document, profile: Profile | None = None) -> Parsed:
    """Parse a reader's ``Document`` into the validated plan."""
    with _gc_paused():
        return _parse_document(document, profile)


def _parse_document(document: Document, profile: Profile | None = None) -> Parsed:
    profile = profile or default_profile()
    composed = compose(document, _agency_header_test(profile), _header_test(profile.aside_header), _header_test(profile.title_header))
    text = normalize(composed.text)
    value = text.value
    if not document.verbatim:
        if text.origin is not None:  # compose normalizes a reader's text: offsets must not move
            raise RuntimeError(f"internal error: the text composed from the {document.format} input is not normalized")
        _refuse_unusable_text(value, document, profile)
    furniture = find_furniture(value, profile)
    if composed.furniture:
        furniture = merge_furniture(furniture, composed.furniture)
    cells = {end: start for start, end in composed.agency_cells} or None
    blocked = Spans([(f.start, f.end) for f in furniture])
    tokens = find_markers(value, profile, blocked, lines=not document.verbatim)
    if document.verbatim:  # run-on text: a marker may open a heading mid-line, but not a lines-only one
        tokens = [token for token in tokens if not token.family.lines_only]
    else:  # the reader's own lines: headings open lines; the rest is title, body or contents
        tokens, found = read_layout(value, tokens, composed, document, profile, blocked, _agency_test(profile))
        if found:
            furniture = merge_furniture(furniture, found)
            blocked = Spans([(f.start, f.end) for f in furniture])
    roots, drafts, issues = build_tree(tokens)
    if not document.verbatim and len(drafts) < len(tokens):
        # A line a marker opens that the tree keeps as text (20 학년도 … after 3) is body
        # text, not the title of the heading before it going on.
        from .stages.layout import rejected_lines  # (loaded already: read_layout ran)

        rejected = rejected_lines(value, tokens, drafts, composed)
        if rejected:
            furniture = merge_furniture(furniture, rejected)
            blocked = Spans([(f.start, f.end) for f in furniture])
    if not drafts:
        raise PlanError(
            f"no plan markers found (none of profile {profile.name}'s heading markers, e.g. 분야 1 |, 1., ①)",
            composed.text,
            0,
            path=document.path,
        )

    noise: list[tuple[str, int, int]] = [(f.kind, f.start, f.end) for f in furniture]

    preamble = read_preamble(value, drafts[0].token.start, blocked, profile)
    registry = load_registry(profile, preamble.year)
    for start, end in preamble.unrecognized:
        noise.append(("unrecognized", start, end))
        issues.append(Issue("warning", "unrecognized-text", f"text before the first heading kept as noise: {fold(value[start:end])[:40]!r}", start))

    cuts: dict[int, Cut] = {}
    for i, draft in enumerate(drafts):
        end = drafts[i + 1].token.start if i + 1 < len(drafts) else len(value)
        cut = cut_node(value, draft, draft.token.end, end, blocked, profile, registry, cells, lines=not document.verbatim)
        if i + 1 == len(drafts):
            split = trailing_fragment(value, draft, cut, blocked, profile, registry)
            if split:
                cut, fragment = split
                noise.extend(("trailing-fragment", s, e) for s, e in fragment if e > s)
                words = fold(" ".join(value[s:e] for s, e in fragment))
                issues.append(Issue("info", "trailing-fragment", f"text after the last task's agencies kept as noise: {words[:40]!r}", fragment[0][0]))
        if not cut.title:
            issues.append(Issue("warning", "empty-title", f"{draft.family.kind} {draft.token.marker} has no title", draft.token.start))
        issues.extend(agency_issues(draft, cut))
        cuts[id(draft)] = cut

    issues.extend(composed.issues)
    confidence, doubt = measure(value, drafts, cuts, issues, noise)
    if doubt is not None:
        issues.append(doubt)
    pages = _locator(composed)
    citation = next((f for f in furniture if f.kind == "citation"), None)
    payload = {
        "schema_version": SCHEMA_VERSION,
        "title": preamble.title,
        "year": preamble.year,
        "profile": profile.name,
        "source": _source_info(document, citation),
        "children": [_node(d, cuts, text, pages) for d in roots],
        "noise": [
            {"kind": kind, "text": fold(value[start:end]), "span": _span(text, start, end, pages)}
            for kind, start, end in sorted(noise, key=lambda n: n[1])
        ],
        "diagnostics": [_diagnostic(text, issue, pages) for issue in sorted(issues, key=lambda i: i.offset)],
        "confidence": confidence,
    }
    try:
        data = validate_plan(payload)
    except ValueError as exc:  # pydantic-core's ValidationError is one; a bug, not bad input: say so plainly
        raise RuntimeError(f"internal error: the parsed tree failed validation: {exc}") from exc
    claims = Claims(preamble.title_span, [(draft, cuts[id(draft)]) for draft in drafts], noise)
    return Parsed(data, text, claims)


def _parts_of(draft: Draft, cut: Cut) -> list[Part]:
    parts = [Part("marker", draft.token.start, draft.token.end), Part("title", *cut.title_span)]
    if cut.label_span:
        parts.append(Part("label", *cut.label_span))
    if cut.agencies_span:
        parts.append(Part("agencies", *cut.agencies_span))
    return parts


PageOf = Callable[[int], dict] | None  # offset → where in the source: {"page": n} (PDF), {"section", "paragraph"} (HWP/HWPX); None for text


def _locator(composed) -> PageOf:
    """What a span adds to its offsets: the PDF page, or the HWP/HWPX section and paragraph."""
    if composed.has_pages:
        return lambda offset: {"page": composed.page_at(offset)}
    if not composed.sources:
        return None  # plain text: offsets say it all, and the output keeps its shape

    def where(offset: int) -> dict:
        found = composed.where_at(offset)
        return {k: v for k, v in (("section", found.section), ("paragraph", found.paragraph)) if v is not None}

    return where


def _node(draft: Draft, cuts: dict[int, Cut], text: Text, pages: PageOf) -> dict:
    """A draft and its subtree as payload; the validator writes the fields in the model's order."""
    cut = cuts[id(draft)]
    token = draft.token
    family = token.family
    node = {
        "id": draft.id,
        "kind": family.kind,
        "marker": token.marker,
        "number": draft.number,
        "title": cut.title,
        "children": [_node(child, cuts, text, pages) for child in draft.children] if draft.children else [],
        "span": _span(text, token.start, cut.end, pages),
    }
    if family.label:
        node["label"] = cut.label
    if cut.agencies is not None:
        node["agencies"] = [{"text": a.text, "name": a.name} for a in cut.agencies]
    if cut.references:
        node["references"] = cut.references
    return node


def _span(text: Text, start: int, end: int, pages: PageOf = None) -> dict:
    offset, line, column = text.position(start)
    span = {"start": offset, "end": text.decoded_offset(end), "line": line, "column": column}
    if pages is not None:  # not set for text, so its output keeps its shape (exclude_unset)
        span.update(pages(start))
    return span


def _diagnostic(text: Text, issue: Issue, pages: PageOf = None) -> dict:
    pos = text.position(issue.offset)
    where = {"page": issue.page} if issue.page is not None else pages(issue.offset) if pages is not None else {}
    if "page" in where:
        message = f"{issue.message} (page {where['page']})"
    elif "paragraph" in where:
        message = f"{issue.message} (section {where.get('section', 0) + 1}, paragraph {where['paragraph'] + 1})"
    else:
        message = issue.message
    return {"severity": issue.severity, "code": issue.code, "message": message, "line": pos.line, "column": pos.column}


def _refuse_unusable_text(value: str, document: Document, profile: Profile) -> None:
    """A reader's text that is almost none of the plan's script (a text layer of digits and boxes)
    cannot be parsed into anything true: say that OCR is needed instead of writing nonsense."""
    layout = profile.layout
    if layout is None:
        return
    visible = visible_length(value)
    in_script = len(layout.script.findall(value))
    if visible and in_script < layout.min_script_share * visible:
        raise PlanError(
            f"no usable text: {in_script} of {visible} characters are Hangul (a scan, or a text layer "
            "without Unicode for the plan's script); OCR is needed",
            path=document.path,
        )


def _agency_test(profile: Profile) -> Callable[[str], bool]:
    """Whether a line ends in a list of lead agencies the registry knows (in a parenthesis or not)."""
    registry = load_registry(profile)

    def names_agencies(line: str) -> bool:
        if agencies_in_parenthesis(line, 0, line, profile.separators, registry):
            return True
        body = line.split(None, 1)[1] if " " in line.strip() else ""  # after the line's bullet
        if body and agencies_in_leading_parenthesis(body, 0, body, profile.separators, registry):
            return True
        found = agencies_at_end(line, 0, line, profile.separators, registry)
        return any(agency.name for agency in found)

    return names_agencies


def _agency_header_test(profile: Profile) -> Callable[[str], bool]:
    """Whether a table column's header names the lead agencies (주관기관, 소관부처 …)."""
    return _header_test(profile.pdf_agency_header)


def _header_test(pattern) -> Callable[[str], bool]:
    """Whether a table column's header matches ``pattern`` (never, without one)."""
    return (lambda header: pattern.search(header) is not None) if pattern is not None else (lambda header: False)


def _source_info(source: Document, citation: Furniture | None) -> dict:
    document = pages = None
    if citation is not None:
        document = collapse_letter_spacing(fold(citation.fields.get("document", ""))) or None
        first = citation.fields.get("first_page")
        if first:
            last = citation.fields.get("last_page") or first
            pages = {"first": int(first), "last": int(last)}
    return {
        "path": source.path,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "document": document,
        "pages": pages,
    }


def collapse_letter_spacing(name: str) -> str:
    """``정 부 혁 신 종합 추진계획`` → ``정부혁신 종합 추진계획``: join runs of single syllables."""
    out: list[str] = []
    run: list[str] = []
    for word in name.split(" "):
        if len(word) == 1:
            run.append(word)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(word)
    if run:
        out.append("".join(run))
    return " ".join(out)
