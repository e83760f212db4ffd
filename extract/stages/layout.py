"""Stage 3b, layout (a reader's own lines only): which lines open headings, which continue a
heading's title, which are body text or a table of contents.

Takes the normalized text, the marker tokens, the composed blocks and the profile's
``[layout]``; returns the tokens that open headings and the furniture it found beside the
reader's (``table-of-contents``, ``body``). Run for documents whose lines are the reader's
(PDF, HWP, HWPX), where a heading starts its line; run-on text (a scraped list) keeps every
marker the tokenizer found.

A line is, in this order of tests:

* a table-of-contents title (``목 차``), or an entry after one (it ends in a page number),
  or any line ending in dot leaders or a slash and a page number → ``table-of-contents``;
* opened by a body bullet (ㅇ, -, *, ※, ▸ …) → a task when it names its lead agencies (at
  its end, ``ㅇ … 확대 (고용부)``, also over the printed lines it wraps into; at its start,
  ``ㅇ (국토부) …``), or is a table row with a filled agency cell; a heading when it is a
  heading family's bullet (○) over numbered items; else ``body`` (the text under a heading);
* opened by a heading marker → a heading (kept with its line's indent, size and page: the
  tree tells apart two levels that share a marker by them);
* right after a heading (or its continuation) in a document of wrapped lines (PDF), indented
  past the heading's marker but less than three ems, in its size, on the same page → the
  heading's title continues;
* anything else → ``body``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from ..document import Document
from .compose import Composed
from .furniture import Furniture
from .profile import Profile
from .tokenize import MarkerToken, Spans

INDENT_SLACK = 1.0  # points: a continuation starts right of the heading's marker by more than this
SIZE_SLACK = 1.5  # points: a continuation is set in (about) the heading's size
MAX_WRAPPED = 4  # lines a body bullet's text may wrap into, looked at for its agencies
MARKER_EMS = 3.0  # a continuation starts at most this many ems right of its heading (past "Ⅲ. " or "1-1. ")


def read_layout(
    value: str,
    tokens: list[MarkerToken],
    composed: Composed,
    document: Document,
    profile: Profile,
    furniture: Spans,
    names_agencies: Callable[[str], bool],
) -> tuple[list[MarkerToken], list[Furniture]]:
    """``names_agencies(line)``: whether a line ends in its lead agencies (a body bullet that
    does is a task, not body text)."""
    layout = profile.layout
    if layout is None:
        return [t for t in tokens if t.line_start], []
    starts = composed.line_starts
    opening: dict[int, MarkerToken] = {}
    for token in tokens:
        if token.line_start:
            opening.setdefault(bisect_right(starts, token.start) - 1, token)
    # A table row with a filled lead-agency cell names its agencies, whatever the registry makes of them.
    with_agency_cell = {bisect_right(starts, start) - 1 for start, _ in composed.agency_cells}
    kept: list[MarkerToken] = []
    found: list[Furniture] = []
    in_toc = False
    heading = None  # the block of the heading whose title may continue
    opened = False  # lines before the first heading are the preamble (title, cover): read elsewhere
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(value)
        line = value[start:end]
        stripped = line.strip()
        if not stripped:
            heading = None
            continue
        first = start + len(line) - len(line.lstrip())
        last = start + len(line.rstrip())
        if furniture.overlaps(first, first + 1):  # furniture opens the line (a page number, a header row)
            continue
        if layout.toc_title.fullmatch(stripped):
            in_toc = True
            found.append(Furniture("table-of-contents", first, last))
            continue
        if (in_toc and stripped[-1].isdigit()) or layout.toc_entry.search(stripped):
            found.append(Furniture("table-of-contents", first, last))
            continue
        in_toc = False
        token = opening.get(i)
        opens = token is not None and token.start == first  # a marker opens the line
        # A body bullet opens body text, unless a numbered marker that begins the same way
        # (<1> 주요 성과, -1- …) opens the line.
        is_body = layout.body_bullet.match(stripped) is not None and not (opens and token.family.numbering != "bullet")
        # A body bullet's line is a heading (a task) when it names its agencies (a printed line
        # with the lines it wraps into: 'ㅇ … 확대 (고용' + '부)') or heads numbered items.
        body_heading = is_body and opens and (
            i in with_agency_cell
            or names_agencies(_wrapped_text(value, starts, i, composed, opening) if document.wrapped else stripped)
            or _heads_numbered_items(token, opening.get(_next_line(value, starts, i)))
        )
        if not opened:
            if not opens or (is_body and not body_heading):
                continue
            opened = True
        if is_body:
            heading = None
            if body_heading:
                heading = composed.block_at(start)  # its wrapped lines are its own, not body text
                kept.append(_styled(token, heading, document.wrapped))
                continue
        elif opens:
            heading = composed.block_at(start)
            kept.append(_styled(token, heading, document.wrapped))
            continue
        elif heading is not None and document.wrapped and _continues(composed.block_at(start), heading):
            continue
        else:
            heading = None
        found.append(Furniture("body", first, last))
    return kept, found


def _wrapped_text(value: str, starts: list[int], i: int, composed: Composed, opening: dict) -> str:
    """Line ``i`` of a PDF with the lines it wraps into (each continuing it: see ``_continues``,
    and opened by no marker), joined by spaces."""
    block = composed.block_at(starts[i])
    pieces = [_line_text(value, starts, i)]
    for j in range(i + 1, min(i + 1 + MAX_WRAPPED, len(starts))):
        text = _line_text(value, starts, j)
        token = opening.get(j)
        opened = token is not None and not value[starts[j] : token.start].strip()  # a marker opens it
        if not text or opened or not _continues(composed.block_at(starts[j]), block):
            break
        pieces.append(text)
    return " ".join(pieces)


def _line_text(value: str, starts: list[int], i: int) -> str:
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(value)
    return value[starts[i] : end].strip()


def _next_line(value: str, starts: list[int], i: int) -> int | None:
    """The index of the first line after line ``i`` with any text."""
    return next((j for j in range(i + 1, len(starts)) if _line_text(value, starts, j)), None)


def _heads_numbered_items(token: MarkerToken, following: MarkerToken | None) -> bool:
    """A heading family's bullet (○, not a body-only bullet like ㅇ or -) whose next line is a
    numbered item (①, 1)) heads those items: ``○ 신분증 플랫폼 제고`` over ``① 플랫폼 개선 국토부``."""
    return (
        not token.family.lines_only
        and following is not None
        and following.family.numbering != "bullet"
        and following.family is not token.family
    )


def _styled(token: MarkerToken, block, wrapped: bool) -> MarkerToken:
    """``token`` with its printed line's indent and type size: the tree tells apart two levels
    that share a marker (a lost glyph) by them. Only for a document of printed lines (PDF): a
    word processor's paragraphs vary in size at will (a □ in 15 pt under a □ in 16 pt is no
    deeper), and there the outline level and numbering say what the style would."""
    if not wrapped or block.indent is None or block.size is None:
        return token._replace(style=(None, None, block.page))  # a line of its own, its style unknown
    return token._replace(style=(block.indent, block.size, block.page))


def _continues(block, heading) -> bool:
    """A wrapped heading's next line: same page, indented past the marker but no further than
    a marker is wide (a line far to the right is a table's header or a centred caption, not
    the title going on), same type size."""
    if block.page != heading.page or block.indent is None or heading.indent is None:
        return False
    if block.indent <= heading.indent + INDENT_SLACK:
        return False
    if heading.size is not None and block.indent > heading.indent + MARKER_EMS * heading.size:
        return False
    return block.size is None or heading.size is None or abs(block.size - heading.size) <= SIZE_SLACK
