"""Stage 3b, layout (a reader's own lines only): which lines open headings, which continue a
heading's title, which are body text or a table of contents.

Takes the normalized text, the marker tokens, the composed blocks and the profile's
``[layout]``; returns the tokens that open headings and the furniture it found beside the
reader's (``table-of-contents``, ``body``). Run for documents whose lines are the reader's
(PDF, HWP, HWPX), where a heading starts its line; run-on text (a scraped list) keeps every
marker the tokenizer found.

A line is, in this order of tests:

* a table-of-contents title (``목 차``), or an entry after one (it ends in a page number, or
  it is an appendix sheet's, printed again over the sheet), or any line ending in dot leaders
  or a slash and a page number → ``table-of-contents``;
* opened by a body bullet (ㅇ, -, *, ※, ▸ …) → a task when it names its lead agencies (at
  its end, ``ㅇ … 확대 (고용부)``, also over the printed lines it wraps into; at its start,
  ``ㅇ (국토부) …``), or is a table row with a filled agency cell; a heading when it is a
  heading family's bullet (○) over numbered items; else ``body`` (the text under a heading);
* opened by a heading marker → a heading (kept with its line's indent, size and page: the
  tree tells apart two levels that share a marker by them);
* a table row with a filled lead-agency cell and no marker → a task (an empty marker);
* right after a heading whose line holds its marker alone (``【참고자료 6】``), on its page →
  the heading's title, wherever it stands (a centred title);
* right after a heading, a line that names its lead agencies under a label (``주관부처 :
  행정안전부``, ``(주관) 교육부``) → the heading's, as if its line ended in them;
* right after a heading (or its continuation) in a document of wrapped lines (PDF), indented
  past the heading's marker but less than three ems, in its size, on the same page → the
  heading's title continues;
* anything else → ``body``, unless it is an unnumbered banner: a short title in a box or in
  larger type right over a heading, one of a series set alike (``_banners``) → a heading of
  its own level, with an empty marker.

Last, a run of numbered headings whose titles come again as the sections right after them
(a chapter listing its sections before it opens them) is that chapter's contents list →
``table-of-contents`` (``_echoed_lists``); a heading printed again on the next line (a
divider page's title, a running header over the chapter's first page) →
``repeated-heading`` (``_repeated_headings``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from ..document import Block, Document
from ..stored import compile_regex
from .agencies import LEAD_LINE, trailing_parenthesis_start
from .compose import Composed
from .furniture import Furniture
from .normalize import visible_length
from .profile import Family, Profile
from .tokenize import MarkerToken, Spans
from .tree import STYLE_INDENT, STYLE_SIZE

INDENT_SLACK = 1.0  # points: a continuation starts right of the heading's marker by more than this
SIZE_SLACK = 1.5  # points: a continuation is set in (about) the heading's size
TASK_END_SLACK = 3.0  # points: or this much smaller, when it ends in the task's agencies
MAX_WRAPPED = 4  # lines a body bullet's text may wrap into, looked at for its agencies
MARKER_EMS = 3.0  # a continuation starts at most this many ems right of its heading (past "Ⅲ. " or "1-1. ")

# An unnumbered banner: a heading level some plans set without a marker (the areas of a
# chapter, each over its own numbered tasks). It has no marker, so no family in the profile.
BANNER = Family(
    name="banner", kind="section", pattern="", numbering="bullet", strong=False, continuous=False,
    parent_family=None, label=None, agencies="never", lines_only=True,
)
# A task row of a table whose title cell has no marker ('식중독 예방 교육 | … | 시 교육청'):
# a task all the same, its agency cell says so.
TABLE_ROW = Family(
    name="table-row", kind="task", pattern="", numbering="bullet", strong=False, continuous=False,
    parent_family=None, label=None, agencies="always", lines_only=True,
)
BANNER_MAX_LENGTH = 60  # visible characters: a banner is a title, not a sentence
# Visible characters: a ○ heading names a topic or a period ('2017년 4분기', '데이터 완전공개
# 웹사이트'); a longer ○ line says what is done, the text under the heading.
BULLET_HEADING_MAX = 30
BANNER_SIZE_STEP = 0.5  # points: a banner without a frame is set this much larger than the heading under it
LOOKAHEAD = 8  # lines past a banner looked at for its heading (page furniture may stand between)
BANNER_SERIES = 2  # a plan sets its banners alike: one line alone is no evidence
# What ends a sentence, a label, a list item or a title cut short, never a banner: '… 추진함.',
# '주요내용:', '기후변화 적응 및' (the rest of that title is in the next column of a diagram)
SENTENCE_END = ".,:;다함음임됨및"
# What opens a caption, a note or a unit line, never a banner: '< 추진 일정 >', '(단위: 억원)'
NOT_BANNER_START = "<(〈《「『（*※"
CAPTION_STEP = 2.0  # points: a sheet's title set this much larger than a caption line over it
PARENTHESISED = compile_regex(r"\([^()]*\)")  # (’09~’13): a part a repeated title may set elsewhere
# A chapter's own contents list: at least this share (numerator, denominator) of its entries
# come again as its sections (one retitled since the list was written does not).
ECHO_SHARE = (2, 3)
ECHO_PREFIX = 8  # characters (spaces removed) an entry and its section's title share at least, or all of the shorter
ECHO_SHORT = 3  # an entry shorter than ECHO_PREFIX is looked up by its first characters, this many
ECHO_LOOK = 4  # headings with an entry's title looked at for its section: each costs a test


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
    charted = _chart_labels(opening, composed)
    for i in charted:
        del opening[i]
    # A table row with a filled lead-agency cell names its agencies, whatever the registry makes of them.
    with_agency_cell = {bisect_right(starts, start) - 1 for start, _ in composed.agency_cells}
    # Of those, the rows whose agency cell is written in the plan's script: a cell of figures
    # ('45.8 (’18)') is a value column taken for the agency column, no lead agency.
    named = {bisect_right(starts, start) - 1 for start, end in composed.agency_cells if layout.script.search(value, start, end)}
    kept: list[MarkerToken] = []
    found: list[Furniture] = []
    in_toc = False
    repeated: list[Counter] = []  # each line's text (see _line_key) → how often: counted when first needed
    heading = None  # the block of the heading whose title may continue
    bare = False  # that heading's line holds its marker alone
    unmarked: list[tuple[int, int, int, bool]] = []  # (line, first, last, continues a heading) of lines no marker opens
    heading_lines: set[int] = set()  # lines a heading marker opens (not a body bullet's task)
    bulleted: set[int] = set()  # lines of body text a body bullet opens (✓ …, ※ …)
    last_heading: tuple[Family, Block] | None = None  # the family and block of the last heading line (not a task's)
    opened = False  # lines before the first heading are the preamble (title, cover): read elsewhere
    for i, start in enumerate(starts):
        end = _line_stop(value, starts, i)
        line = value[start:end]
        stripped = line.strip()
        if not stripped:
            heading = None
            continue
        first = start + len(line) - len(line.lstrip())
        last = start + len(line.rstrip())
        if furniture.overlaps(first, first + 1):  # furniture opens the line (a page number, a header row)
            continue
        if i in charted:  # a chart's numbered label: neither heading nor a heading's title
            found.append(Furniture("chart-label", first, last))
            heading = None
            continue
        if layout.toc_title.fullmatch(stripped):
            in_toc = True
            found.append(Furniture("table-of-contents", first, last))
            continue
        if (in_toc and (stripped[-1].isdigit() or _ends_in_digit(value, starts, _next_line(value, starts, i)) or _listed_sheet(i, value, starts, opening, furniture, repeated))) or layout.toc_entry.search(stripped):
            # (a contents entry without a page number between two with one is a part's title:
            # 'Ⅲ. 주요업무 추진계획' over '1. 언어자원, 키우기  6'; the last entry may have none
            # when its sheet is unnumbered: '<붙임> 주요사업 추진 로드맵', printed again over it)
            found.append(Furniture("table-of-contents", first, last))
            continue
        in_toc = False
        token = opening.get(i)
        opens = token is not None and token.start == first  # a marker opens the line
        # A body bullet opens body text, unless a numbered marker that begins the same way
        # (<1> 주요 성과, -1- …) or an appendix's (<참고>, <붙임>) opens the line.
        is_body = layout.body_bullet.match(stripped) is not None and not (opens and (token.family.numbering != "bullet" or token.family.top))
        # A body bullet's line is a heading (a task) when it names its agencies (a printed line
        # with the lines it wraps into: 'ㅇ … 확대 (고용' + '부)') or heads numbered items.
        whole = _wrapped_text(value, starts, i, composed, opening, names_agencies) if is_body and opens and document.wrapped else stripped
        below = _next_line(value, starts, i) if is_body and opens else None
        first_level = is_body and opens and _first_bullet_level(token, whole, composed.block_at(start), last_heading)
        body_heading = is_body and opens and (
            i in with_agency_cell or (names_agencies(whole) and not LEAD_LINE.match(stripped)) or _heads_numbered_items(token, opening.get(below)) or first_level
        )
        if not opened:
            if not opens or (is_body and not body_heading):
                continue
            opened = True
        if heading is not None and _lead_line(stripped, names_agencies, kept[-1] if kept else None, _line_text(value, starts, i - 1)):
            heading = None  # '주관부처 : 행정안전부' right under a heading: its lead agencies, with its title
            unmarked.append((i, first, last, True))
            continue
        if is_body and opens and not body_heading and _heads_task_rows(token, below, value, starts, opening, with_agency_cell):
            token, body_heading = token._replace(family=_group_family(token.family)), True
        if is_body:
            heading, bare = None, False
            if not body_heading:
                bulleted.add(i)
            if body_heading:
                heading = composed.block_at(start)  # its wrapped lines are its own, not body text
                kept.append(_styled(token, heading, document.wrapped))
                if first_level:
                    last_heading = (token.family, heading)
                continue
        elif opens:
            heading = composed.block_at(start)
            if token.family.agencies == "always" and i not in with_agency_cell and not _names_own_agencies(value, starts, i, composed, opening, names_agencies, document.wrapped):
                token = token._replace(family=_heading_family(token.family))
            kept.append(_styled(token, heading, document.wrapped))
            heading_lines.add(i)
            last_heading = (token.family, heading)
            bare = not value[token.end : last].strip()  # the marker alone: its title is on the next line
            continue
        elif i in named:  # a table row naming its lead agency, no marker before its title
            heading, bare = None, False
            kept.append(_styled(MarkerToken(TABLE_ROW, first, first, "", None, None, True), composed.block_at(start), document.wrapped))
            continue
        elif bare and heading is not None and _caption_over_title(composed, value, starts, i, furniture, heading):
            unmarked.append((i, first, last, False))  # '[별지 제3호서식] …' between '【참고자료 4】' and its title
        elif bare and heading is not None and composed.block_at(start).page == heading.page and visible_length(stripped) > 1:
            bare = False  # '【참고자료 6】' over its centred title: the title, wherever it stands;
            heading = composed.block_at(start)  # lines wrapping it continue it, not the marker
            continue
        elif heading is not None and document.wrapped and _continues(composed.block_at(start), heading, names_agencies(stripped)):
            unmarked.append((i, first, last, True))
            continue
        else:
            heading, bare = None, False
            unmarked.append((i, first, last, False))
        found.append(Furniture("body", first, last))
    marked = {bisect_right(starts, t.start) - 1 for t in tokens if not t.line_start and t.family.numbering != "bullet"}
    banners = _banners(value, starts, composed, heading_lines, unmarked, furniture, document.wrapped, marked, bulleted, opening)
    if banners:
        lines = {token.start for token in banners}
        found = [f for f in found if f.kind != "body" or f.start not in lines]
        kept = sorted(kept + banners, key=lambda token: token.start)
    echoed = _echoed_lists(value, starts, kept)
    if echoed:
        found.extend(Furniture("table-of-contents", kept[k].start, _line_end(value, starts, kept[k].start)) for k in echoed)
        kept = [token for k, token in enumerate(kept) if k not in echoed]
    repeats = _repeated_headings(value, starts, kept, furniture)
    if repeats:
        found.extend(Furniture("repeated-heading", kept[k].start, _line_end(value, starts, kept[k].start)) for k in repeats)
        kept = [token for k, token in enumerate(kept) if k not in repeats]
    return kept, found


def _repeated_headings(value: str, starts: list[int], kept: list[MarkerToken], furniture: Spans) -> set[int]:
    """The headings (indices into ``kept``) printed again on the very next line of text: the
    same family and number, the same title up to spaces and where its parenthesised parts stand. A
    booklet prints a chapter's title on its divider page, in the page's running header and
    over its text ('Ⅳ 녹색성장 (’09~’13) 재정투자계획', 'Ⅳ. 녹색성장 재정투자계획(’09~’13)',
    'Ⅳ. 녹색성장재정투자계획(’09~’13)'): one chapter, the last of them. (A boxed 1 right
    after a boxed 1 with another title is a level below: not a repeat.)"""
    repeats: set[int] = set()
    for k in range(len(kept) - 1):
        token, after = kept[k], kept[k + 1]
        if token.number is None or after.number != token.number or after.family.name != token.family.name:
            continue
        i, j = bisect_right(starts, token.start) - 1, bisect_right(starts, after.start) - 1
        if _text_line(value, starts, i, furniture, 1) != j:
            continue
        if _reordered_key(_title_key(value, starts, token)) == _reordered_key(_title_key(value, starts, after)):
            repeats.add(k)
    return repeats


def _reordered_key(key: str) -> tuple[str, tuple[str, ...]]:
    """A title as it compares with its print elsewhere: its text outside parentheses, and its
    parenthesised parts in any order ('녹색성장(’09~’13)재정투자계획' and
    '녹색성장재정투자계획(’09~’13)' are one title, '가나다라' and '나가라다' are not)."""
    parts = PARENTHESISED.findall(key)
    return PARENTHESISED.sub("", key), tuple(sorted(parts))


def _echoed_lists(value: str, starts: list[int], kept: list[MarkerToken]) -> set[int]:
    """The headings (indices into ``kept``) that are a chapter's own contents list.

    A chapter may open by listing its sections, numbered 1, 2 … and without page numbers
    ('주요내용 | 1. 비상시 학교급식 운영 / 2. 사안별 급식운영 대책'), before the sections
    themselves under markers of another family ('󰊱 비상시 학교급식 운영'). Read as headings,
    the list holds the sections as its children. A run of at least two headings of one
    family, numbered on by one, is such a list when most of its titles come again, in the
    same order, as headings of another family before the scope the run stands in ends: the
    next sibling of the last heading of another family before it (a vision diagram's '1.
    효율적 온실가스 감축' … '10.' under '1. 비전체계' stand in chapter Ⅱ, as their sections do).
    """
    keys = [_title_key(value, starts, token) for token in kept]
    # A title's first ECHO_PREFIX characters → the headings whose titles open so; and its first
    # ECHO_SHORT, for the entries shorter than ECHO_PREFIX ('보고서식' of '보고서식(별지 1)').
    later: dict[str, list[int]] = {}
    numbered: dict[tuple[str, int | None], list[int]] = {}  # (family, number) → the headings
    for k, token in enumerate(kept):
        if keys[k]:
            later.setdefault(keys[k][:ECHO_PREFIX], []).append(k)
            later.setdefault("\0" + keys[k][:ECHO_SHORT], []).append(k)
        numbered.setdefault((token.family.name, token.number), []).append(k)
    echoed: set[int] = set()
    above: int | None = None  # the last heading of another family than the run's: its scope holds the run
    k = 0
    while k < len(kept):
        if k and kept[k - 1].family.name != kept[k].family.name:
            above = k - 1
        run_end = k + 1
        if kept[k].number is not None:
            while run_end < len(kept) and kept[run_end].family.name == kept[k].family.name and kept[run_end].number == kept[run_end - 1].number + 1:
                run_end += 1
        if run_end - k >= 2 and _echoed(kept, keys, later, _scope_end(kept, numbered, above, run_end), k, run_end):
            echoed.update(range(k, run_end))
        k = run_end
    return echoed


def _scope_end(kept: list[MarkerToken], numbered: dict, above: int | None, end: int) -> int:
    """Where the scope of a run ending before ``end`` ends: at the next sibling of the heading
    ``above`` it (chapter Ⅵ's list ends at Ⅶ), or the end."""
    if above is None:
        return len(kept)
    token = kept[above]
    number = None if token.number is None else token.number + 1
    places = numbered.get((token.family.name, number), [])
    j = bisect_right(places, end - 1)
    return places[j] if j < len(places) else len(kept)


def _echoed(kept: list[MarkerToken], keys: list[str], later: dict[str, list[int]], limit: int, first: int, end: int) -> bool:
    """Whether the titles of the run ``kept[first:end]`` come again, in order, as headings of
    another family before ``limit``: at least ``ECHO_SHARE`` of them (a section may be
    retitled since the list was written). An entry may be the start of its section's title
    ('식재료 품질관리기준' and '식재료 품질관리기준(「학교급식법 시행규칙」 제4조)')."""
    family = kept[first].family.name
    at, found = end - 1, 0
    for k in range(first, end):
        key = keys[k]
        places = (later.get(key[:ECHO_PREFIX] if len(key) >= ECHO_PREFIX else "\0" + key[:ECHO_SHORT], [])) if key else []
        j = bisect_right(places, at)
        for place in places[j : j + ECHO_LOOK]:  # a few: the same title under the list's own family may come first
            if place >= limit:
                break
            if kept[place].family.name != family and (keys[place].startswith(key) or key.startswith(keys[place])):
                at, found = place, found + 1
                break
    return found >= 2 and found * ECHO_SHARE[1] >= (end - first) * ECHO_SHARE[0]


def _title_key(value: str, starts: list[int], token: MarkerToken) -> str:
    """The rest of a heading's line after its marker, spaces removed: what a contents entry
    and its section share ('보고 서식' and '보고서식'). A marker alone on its line
    ('【참고자료 1】') is titled by the next line."""
    key = "".join(value[token.end : _line_end(value, starts, token.start)].split())
    if not key:
        i = bisect_right(starts, token.start)  # the next line
        if i < len(starts):
            key = "".join(value[starts[i] : _line_end(value, starts, starts[i])].split())
    return key


def _line_stop(value: str, starts: list[int], i: int) -> int:
    """Where line ``i``'s text stops: at its line break, or the end of the text."""
    return starts[i + 1] - 1 if i + 1 < len(starts) else len(value)


def _line_end(value: str, starts: list[int], offset: int) -> int:
    """The end of the text of the line holding ``offset`` (trailing blanks left out)."""
    i = bisect_right(starts, offset) - 1
    end = _line_stop(value, starts, i)
    return starts[i] + len(value[starts[i] : end].rstrip())


def _caption_over_title(composed: Composed, value: str, starts: list[int], i: int, furniture: Spans, marker: Block) -> bool:
    """Whether line ``i``, right under a marker alone on its line, is a caption over the
    marker's title rather than the title: set no larger than the marker, with the line after
    it, on the same page, ``CAPTION_STEP`` larger ('【참고자료 4】' / '[별지 제3호서식] 학교급식법
    시행규칙 제8조제3항' / '출입․검사 등 기록부', 10 / 10 / 13 pt)."""
    line = composed.block_at(starts[i])
    j = _text_line(value, starts, i, furniture, 1)
    if j is None or line.size is None or marker.size is None or line.size > marker.size + SIZE_SLACK:
        return False
    title = composed.block_at(starts[j])
    return title.page == marker.page and title.size is not None and title.size >= line.size + CAPTION_STEP


def _listed_sheet(i: int, value: str, starts: list[int], opening: dict[int, MarkerToken], furniture: Spans, repeated: list) -> bool:
    """Whether line ``i``, among contents entries, is an appendix sheet's entry: opened by an
    appendix marker (붙임, 별첨, 참고) and printed again elsewhere with the same family and
    title ('<붙임> 주요사업 추진 로드맵' in the contents, '붙 임 주요사업 추진 로드맵' over the
    sheet). Only a sheet: the body's first heading, right after the contents, may well be
    printed again (a summary, an appendix restating it) and is a heading all the same.
    Page furniture, which repeats by nature, is not counted."""
    token = opening.get(i)
    if token is None or not (token.family.sheet or token.family.top):
        return False
    if not repeated:
        repeated.append(Counter(_line_key(j, value, starts, opening) for j in range(len(starts)) if _text_opens(j, value, starts, furniture)))
    return repeated[0][_line_key(i, value, starts, opening)] > 1


def _text_opens(j: int, value: str, starts: list[int], furniture: Spans) -> bool:
    """Whether line ``j`` holds text that furniture does not open."""
    end = _line_stop(value, starts, j)
    line = value[starts[j] : end]
    first = starts[j] + len(line) - len(line.lstrip())
    return bool(line.strip()) and not furniture.overlaps(first, first + 1)


def _line_key(j: int, value: str, starts: list[int], opening: dict[int, MarkerToken]) -> tuple[str | None, str]:
    """A line as it compares with its printing elsewhere: the family of the marker opening it
    and the rest of the line, or the whole line; spaces removed."""
    end = _line_stop(value, starts, j)
    token = opening.get(j)
    if token is not None and not value[starts[j] : token.start].strip():
        return token.family.name, "".join(value[token.end : end].split())
    return None, "".join(value[starts[j] : end].split())


def _banners(
    value: str,
    starts: list[int],
    composed: Composed,
    heading_lines: set[int],
    unmarked: list[tuple[int, int, int, bool]],
    furniture: Spans,
    wrapped: bool,
    marked: set[int],
    bulleted: set[int],
    opening: dict[int, MarkerToken],
) -> list[MarkerToken]:
    """Unnumbered banners among the lines no marker opens.

    A banner is a short title, not a sentence, with no numbered marker inside (``marked``:
    those lines; '주요내용 1. 학교급식 …' is a contents list run together), right before
    (past body-bullet lines: ``bulleted``) a heading's line, and set apart
    from the text around it: drawn in a box (a word processor's one-cell table), or in type
    ``BANNER_SIZE_STEP`` larger than both the heading under it and the body text. A plan
    sets its banners alike and each names its own area, so a banner is one of at least
    ``BANNER_SERIES`` such lines set alike (type size, indent), with a text of its own (a
    label repeated over each chapter's contents, ``주요내용``, is no banner). A line that may
    be the wrapped end of the line above (on its page, right of it) counts only when lines
    that cannot be are set like it. A plan's areas come this way (``[정 부] 국민에게 신뢰받고
    …`` over ``1⃞ 시민참여 …``; ``노동시장 격차 해소`` over ``1⃞ 모든 청년의 …``); one bold
    line over a heading does not.
    """
    body: list[float | None] = []  # the body text's size, measured the first time a line needs it
    candidates: list[tuple[int, Block, bool, str]] = []  # (offset, block, may be a wrapped line, text)
    opens: dict[int, str] = {}  # a candidate's offset → the marker of the heading under it
    for i, first, last, continues in unmarked:
        text = value[first:last]
        if "\t" in text or text[0] in NOT_BANNER_START or text[-1] in SENTENCE_END or i in marked:
            continue
        if text.split(maxsplit=1)[0].isdigit():  # '3 2026학년도 …': a number no family could read
            continue
        if not 2 <= visible_length(text) <= BANNER_MAX_LENGTH:
            continue
        j = _text_line(value, starts, i, furniture, 1)
        while j is not None and j in bulleted and j - i < LOOKAHEAD:  # a ✓ summary or a ※ note may come first
            j = _text_line(value, starts, j, furniture, 1)
        if j is None or j not in heading_lines:
            continue
        block, under = composed.block_at(first), composed.block_at(starts[j])
        if not block.framed:
            body = body or [_body_size(composed, value)]
            if not _set_larger(block, under, body[0]):
                continue
        if wrapped and block.indent is not None and under.indent is not None and under.indent > block.indent + MARKER_EMS * (block.size or 10):
            continue  # the heading far right of it: two columns of a diagram, not a banner over its heading
        if wrapped and not continues:
            above = _text_line(value, starts, i, furniture, -1)
            continues = above is not None and _may_wrap(block, composed.block_at(starts[above]))
        candidates.append((first, block, wrapped and continues, " ".join(text.split())))
        opens[first] = opening[j].marker if j in opening else ""
    texts = Counter(text for *_, text in candidates)
    # A banner names its own area; a label repeated over each chapter's contents ('주요내용'
    # over 1., 2. …) does not. A boxed line may repeat where each of its prints opens another
    # area: the headings under them are numbered each their own ('세부추진과제 목록' over 1-1.,
    # 2-1., 3-1. …, each policy direction's task table).
    under: dict[str, list[str]] = {}
    for first, block, _, text in candidates:
        under.setdefault(text, []).append(opens[first] if block.framed else "")
    own_areas = {text for text, markers in under.items() if all(markers) and len(set(markers)) == len(markers)}
    candidates = [c for c in candidates if texts[c[3]] == 1 or c[3] in own_areas]
    series = Counter(_style_key(block) for _, block, wrapped, _ in candidates if not wrapped)
    return [
        MarkerToken(BANNER, first, first, "", None, None, True, (block.indent, block.size, block.page))
        for first, block, _, _ in candidates
        if sum(series[key] for key in _alike_keys(block)) >= BANNER_SERIES
    ]


def _set_larger(block: Block, under: Block, body: float | None) -> bool:
    """Set ``BANNER_SIZE_STEP`` larger than the heading under it and than the body text."""
    if block.size is None or under.size is None or body is None:
        return False
    return block.size >= max(under.size, body) + BANNER_SIZE_STEP


def _body_size(composed: Composed, value: str) -> float | None:
    """The type size most of the document's text is set in (by characters), to the half point."""
    sizes: Counter[float] = Counter()
    for i, block in enumerate(composed.line_blocks):
        if block.size is not None:
            end = composed.line_starts[i + 1] if i + 1 < len(composed.line_starts) else len(value)
            sizes[round(block.size * 2) / 2] += end - composed.line_starts[i]
    return sizes.most_common(1)[0][0] if sizes else None


def _may_wrap(block: Block, above: Block | None) -> bool:
    """Whether a printed line may be the wrapped end of the line above: on its page and right
    of it (a hanging indent). Not its type size: a PDF may measure a line that opens with a
    dingbat (➋) smaller than the text it wraps into."""
    if above is None or block.page is None or above.page != block.page or block.indent is None or above.indent is None:
        return False
    return block.indent > above.indent + INDENT_SLACK


def _style_key(block: Block) -> tuple[bool, int | None, int | None]:
    """A line's setting, quantized: framed, type size to the half point, indent to 3 points."""
    size = None if block.size is None else round(block.size * 2)
    indent = None if block.indent is None else round(block.indent / 3)
    return block.framed, size, indent


def _alike_keys(block: Block) -> list[tuple[bool, int | None, int | None]]:
    """The style keys of lines set like ``block``: its own and the neighbouring steps."""
    framed, size, indent = _style_key(block)
    sizes = [None] if size is None else [size - 1, size, size + 1]
    indents = [None] if indent is None else [indent - 1, indent, indent + 1]
    return [(framed, s, x) for s in sizes for x in indents]


def _text_line(value: str, starts: list[int], i: int, furniture: Spans, step: int) -> int | None:
    """The nearest line after (``step`` 1) or before (-1) line ``i`` with text that furniture
    does not open (a page number, a running header), looked for over ``LOOKAHEAD`` lines."""
    stop = min(i + 1 + LOOKAHEAD, len(starts)) if step > 0 else max(i - 1 - LOOKAHEAD, -1)
    for j in range(i + step, stop, step):
        if _text_opens(j, value, starts, furniture):
            return j
    return None


def _wrapped_text(value: str, starts: list[int], i: int, composed: Composed, opening: dict, names_agencies: Callable[[str], bool]) -> str:
    """Line ``i`` of a PDF with the lines it wraps into (each continuing it: see ``_continues``,
    and opened by no marker), joined by spaces."""
    return _wrapped_lines(value, starts, i, composed, opening, names_agencies)[0]


def _wrapped_lines(value: str, starts: list[int], i: int, composed: Composed, opening: dict, names_agencies: Callable[[str], bool]) -> tuple[str, int]:
    """``_wrapped_text``, and the index of the last line it takes."""
    block = composed.block_at(starts[i])
    pieces = [_line_text(value, starts, i)]
    last = i
    for j in range(i + 1, min(i + 1 + MAX_WRAPPED, len(starts))):
        text = _line_text(value, starts, j)
        token = opening.get(j)
        opened = token is not None and not value[starts[j] : token.start].strip()  # a marker opens it
        if not text or opened or not _continues(composed.block_at(starts[j]), block, names_agencies(text)):
            break
        pieces.append(text)
        last = j
    return " ".join(pieces), last


def _line_text(value: str, starts: list[int], i: int) -> str:
    end = _line_stop(value, starts, i)
    return value[starts[i] : end].strip()


def _ends_in_digit(value: str, starts: list[int], j: int | None) -> bool:
    text = _line_text(value, starts, j) if j is not None else ""
    return bool(text) and text[-1].isdigit()


def _next_line(value: str, starts: list[int], i: int) -> int | None:
    """The index of the first line after line ``i`` with any text."""
    return next((j for j in range(i + 1, len(starts)) if _line_text(value, starts, j)), None)


def _heads_task_rows(token: MarkerToken, j: int | None, value: str, starts: list[int], opening: dict, rows: set[int]) -> bool:
    """A body bullet's line naming no agencies right over (``j``: the next line with text) a
    table's task rows opened by another bullet heads them: ``✓ 공공택지 사업속도 제고`` (a group
    row, its other cells empty) over ``▸ 전략환경영향평가 관련 절차 단축 | … | 국토교통부``."""
    following = opening.get(j) if j is not None else None
    opens_row = following is not None and not value[starts[j] : following.start].strip()
    return j in rows and opens_row and following.marker != token.marker


def _names_own_agencies(value: str, starts: list[int], i: int, composed: Composed, opening: dict, names_agencies: Callable[[str], bool], wrapped: bool) -> bool:
    """Whether line ``i`` (with the printed lines it wraps into) ends in its lead agencies, or
    the line after them names them under a label ('주관부처 : 행정안전부')."""
    line, last = _wrapped_lines(value, starts, i, composed, opening, names_agencies) if wrapped else (_line_text(value, starts, i), i)
    if names_agencies(line):
        return True
    j = _next_line(value, starts, last)
    return j is not None and _lead_line(_line_text(value, starts, j), names_agencies, opening.get(i), line)


# A chart's boxes read row by row interleave two runs of one family's numbers (➎ ➊ ➏ ➋ ➌
# ➐ ➍ ➑): the numbers go down to one other than 1 and go on up from there, not from a new 1
# as a list of two levels does (1 | 1 2 3 | 2 | 1 2 3 4 | 3), at least this often on a page…
CHART_DESCENTS = 2
# …and jump up by this much at least once (the other run's next box; an edition's slip of
# two swapped items, 1 2 4 3 5, jumps by 2).
CHART_JUMP = 3


def _chart_labels(opening: dict[int, MarkerToken], composed: Composed) -> set[int]:
    """The lines (of ``opening``: line → the marker opening it) whose numbered markers label
    a chart: on one page, one family's numbers go down to a number other than 1 and on up
    from there ``CHART_DESCENTS`` times or more, and jump up by ``CHART_JUMP`` somewhere.
    Linear: one pass over the markers, in line order."""
    if not composed.has_pages:
        return set()
    groups: dict[tuple[int | None, str], list[int]] = {}
    for i in sorted(opening):
        token = opening[i]
        if token.number is not None and token.family.numbering != "bullet":
            groups.setdefault((composed.page_at(token.start), token.family.name), []).append(i)
    charted: set[int] = set()
    for lines in groups.values():
        numbers = [opening[i].number for i in lines]
        steps = list(zip(numbers, numbers[1:], numbers[2:]))
        interleaved = sum(1 for a, b, c in steps if 1 != b < a and c > b)
        if interleaved >= CHART_DESCENTS and any(b - a >= CHART_JUMP for a, b in zip(numbers, numbers[1:])):
            charted.update(lines)
    return charted


def _lead_line(text: str, names_agencies: Callable[[str], bool], token: MarkerToken | None = None, above: str = "") -> bool:
    """A line naming a heading's lead agencies under a label ('주관부처 : 행정안전부'), or in
    a parenthesis that is the whole line ('(고용부, 교육부)' under '① 청년 일자리 확대'): the
    latter only under a heading (``token``) of a family that may name agencies, whose own
    line (``above``) names none."""
    if LEAD_LINE.match(text) is None:
        if trailing_parenthesis_start(text.strip()) != 0:
            return False
        if token is None or token.family.agencies == "never" or names_agencies(above):
            return False
    return names_agencies(text)


@lru_cache(maxsize=None)
def _heading_family(family: Family) -> Family:
    """A task family's marker on a line that names no agencies (① 디지털 정부 구현, over
    '- 전자정부 고도화 (행안부)'): a heading, whose agencies are its items' where it has
    items. The same name: its numbering and level are the family's."""
    return family._replace(agencies="leaf")


@lru_cache(maxsize=None)
def _group_family(family: Family) -> Family:
    """``family`` as a group row over task rows: a level of its own, whose agencies are its rows'."""
    return family._replace(name=f"{family.name}:group", agencies="leaf", group_of=family.name)


def _heads_numbered_items(token: MarkerToken, following: MarkerToken | None) -> bool:
    """A heading family's bullet (○, not a body-only bullet like ㅇ or -) whose next line is a
    numbered item (①, 1)) heads those items: ``○ 신분증 플랫폼 제고`` over ``① 플랫폼 개선 국토부``."""
    return (
        not token.family.lines_only
        and following is not None
        and following.family.numbering != "bullet"
        and following.family is not token.family
    )


def _first_bullet_level(token: MarkerToken, text: str, block: Block, last_heading: tuple[Family, Block] | None) -> bool:
    """A heading family's bullet (○, not ㅇ or -) with a short title, right under a numbered
    heading or after another such set alike: the plan's first bullet level, its □ level
    (``5 세부 추진 일정`` over ``○ 2017년 4분기`` over ``- 공청회 개최``). Under a □, or a
    sentence, it is the text under its heading."""
    if token.family.lines_only or token.family.numbering != "bullet" or last_heading is None:
        return False
    if visible_length(text) > BULLET_HEADING_MAX or text[-1] in SENTENCE_END:
        return False
    family, above = last_heading
    if family.numbering != "bullet":
        return True
    return family is token.family and _set_alike(block, above)


def _set_alike(a: Block, b: Block) -> bool:
    """Two lines set alike: type size within ``STYLE_SIZE``, indent within ``STYLE_INDENT`` (where
    known), the tree's tolerances for two levels of one marker, on any page."""
    if a.size is not None and b.size is not None and abs(a.size - b.size) > STYLE_SIZE:
        return False
    return a.indent is None or b.indent is None or abs(a.indent - b.indent) <= STYLE_INDENT


def _styled(token: MarkerToken, block, wrapped: bool) -> MarkerToken:
    """``token`` with its printed line's indent and type size: the tree tells apart two levels
    that share a marker (a lost glyph) by them. Only for a document of printed lines (PDF): a
    word processor's paragraphs vary in size at will (a □ in 15 pt under a □ in 16 pt is no
    deeper), and there the outline level and numbering say what the style would."""
    if not wrapped or block.indent is None or block.size is None:
        return token._replace(style=(None, None, block.page))  # a line of its own, its style unknown
    return token._replace(style=(block.indent, block.size, block.page))


def _continues(block, heading, ends_task: bool = False) -> bool:
    """A wrapped heading's next line: same page, indented past the marker but no further than
    a marker is wide (a line far to the right is a table's header or a centred caption, not
    the title going on), same type size — or up to ``TASK_END_SLACK`` smaller when it ends in
    the task's lead agencies (``ends_task``: '해독, 비교유전체 (질병관리본부)', squeezed)."""
    if block.page != heading.page or block.indent is None or heading.indent is None:
        return False
    if block.indent <= heading.indent + INDENT_SLACK:
        return False
    if heading.size is not None and block.indent > heading.indent + MARKER_EMS * heading.size:
        return False
    if block.size is None or heading.size is None:
        return True
    smaller = heading.size - block.size
    return abs(smaller) <= SIZE_SLACK or (ends_task and 0 < smaller <= TASK_END_SLACK)


def rejected_lines(value: str, tokens: list[MarkerToken], drafts: list, composed: Composed) -> list[Furniture]:
    """The lines opened by a marker the tree kept as text, as ``body``: ``drafts`` are the
    headings it made of ``tokens`` (both in text order)."""
    accepted = {draft.token.start for draft in drafts}
    starts = composed.line_starts
    found = []
    for token in tokens:
        if token.start in accepted:
            continue
        i = bisect_right(starts, token.start) - 1
        end = _line_stop(value, starts, i)
        last = token.start + len(value[token.start : end].rstrip())
        found.append(Furniture("body", token.start, last))
    return found
