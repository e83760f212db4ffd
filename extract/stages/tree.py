"""Stage 4, build tree: candidate markers → nested ``Draft`` nodes + numbering diagnostics.

Nesting comes from marker families, not from a fixed list of levels: a family
already open closes back to its level, a new family opens a child level under
the deepest open node. Numbering decides which candidates are headings:

* in sequence (the next number of an open family, or the first number of a
  new one, with ``1-2.`` agreeing with its open ``1.``) → a heading;
* out of sequence, but of a ``strong`` family (``①``, ``분야 N |``) or first on
  its line → a heading, with a diagnostic (gap, repeat, out of order);
* otherwise → text: ``정부 3.0``, a stray ``2.`` in a title.

Where numbering or levels do not go as expected: a family opening past its first number
goes above the levels the plan has shown under its family and under the rest (an edition
that dropped ``①``), or at the top when the marker after it starts an open family again
at 1 (a list cut from a longer plan); a ``top`` family (``붙임 1``) closes everything; in a
reader's printed lines (``token.style``) one family may hold several levels, told apart by
type size and indent (where the outer level's setting comes again after, or the plan has
set its levels so before: a box's □ lines then the page's, set otherwise, are one level),
and a ``1`` right after a childless ``1`` opens a level below it.

Chapters (an ``outer`` family, Ⅰ.) open at the top of the plan or of the appendix sheet they
are in (a ``sheet`` family: 붙임, 참고자료), and a sheet numbers its own Ⅰ. and 1. again;
chapter numbers that start again inside a chapter and stop short before the plan's next
chapter are text (``_intruding_chapters``: a table's '시나리오 Ⅰ' wrapped); an
open weak family may skip ``MAX_SKIP`` numbers at most (``20 학년도`` after 3 is no heading);
numbers run on across banners (headings without a marker); a group row (``Family.group_of``)
takes the level of its family's rows.

Each heading's content (up to the next heading) is then cut into title, label
and agencies by ``content.py``.
"""

from __future__ import annotations

from functools import partial

from ..records import Record
from .profile import MAX_LEVELS, Family
from .tokenize import MarkerToken


class Issue(Record):
    """A diagnostic before it has a line and column."""

    __slots__ = ("severity", "code", "message", "offset", "page")

    def __init__(self, severity: str, code: str, message: str, offset: int, page: int | None = None) -> None:
        self.severity = severity
        self.code = code
        self.message = message
        self.offset = offset
        self.page = page  # where a reader knows the page better than the offset does (a page without text)


class Draft(Record):
    """A node while the tree is being built."""

    __slots__ = ("token", "number", "children", "id")

    def __init__(self, token: MarkerToken, number: int, children: list[Draft] | None = None, id: str = "") -> None:
        self.token = token
        self.number = number
        self.children = [] if children is None else children
        self.id = id

    @property
    def family(self) -> Family:
        return self.token.family


# A family's list opening under a new parent with the number after the family's last one
# (from this on) numbers on across parents, as a plan of 120 national tasks does.
CONTINUED_FROM = 2


def build_tree(tokens: list[MarkerToken]) -> tuple[list[Draft], list[Draft], list[Issue]]:
    """Return (top-level drafts, every accepted draft in text order, diagnostics)."""
    roots: list[Draft] = []
    accepted: list[Draft] = []
    issues: list[Issue] = []
    # The open nodes, outermost first; a family is open at most once. An open
    # node's number is the last number its family had at that level.
    stack: list[Draft] = []
    running: dict[str, int] = {}  # last number of each continuous family, plan-wide
    above: set[tuple[str, str]] = set()  # (family, family) pairs this plan has shown one over the other
    intruding = _intruding_chapters(tokens)
    next_numbers = _next_numbers(tokens)
    nested: set[tuple[float, float]] = set()  # (type size over, type size under) of the levels by style so far
    for index, token in enumerate(tokens):
        if index in intruding:
            continue  # stays text
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        decision = _place(token, stack, running, following, above, partial(_nests, tokens, index, nested), next_numbers[index])
        if decision is None:
            continue  # stays text
        depth, number, issue = decision
        depth = min(depth, MAX_LEVELS - 1)  # the tree's depth stays bounded (profile.MAX_LEVELS)
        running[token.family.name] = number
        above.update((node.family.name, token.family.name) for node in stack[:depth])
        if issue:
            issues.append(issue)
        draft = Draft(token, number)
        del stack[depth:]
        (stack[-1].children if stack else roots).append(draft)
        stack.append(draft)
        accepted.append(draft)
    _assign_ids(roots, "")
    return roots, accepted, issues


def _next_numbers(tokens: list[MarkerToken]) -> list[int | None]:
    """For each token, the number of the next token of its family (None: none comes)."""
    out: list[int | None] = [None] * len(tokens)
    seen: dict[str, int | None] = {}
    for index in range(len(tokens) - 1, -1, -1):
        name = tokens[index].family.name
        out[index] = seen.get(name)
        seen[name] = tokens[index].number
    return out


def _intruding_chapters(tokens: list[MarkerToken]) -> set[int]:
    """Chapter numbers (an ``outer`` family) that start again from Ⅰ and stop short inside a
    chapter, which the plan's own chapters then go on from: 'Ⅰ 연 평균 …', 'Ⅱ 연 평균 …' (a
    table's '시나리오 Ⅰ' wrapped) inside Ⅴ, before Ⅵ. A restart that gets as far as the
    chapters before it (a summary's Ⅰ ~ Ⅲ, then the body's Ⅰ ~ Ⅴ) is the new sequence, and an
    appendix sheet numbers its own chapters. Returns indices into ``tokens``."""
    dropped: set[int] = set()
    last: dict[str, int] = {}  # family → the last number of its chapters so far
    restart: dict[str, list[int]] = {}  # family → the indices of a restart not yet decided
    for index, token in enumerate(tokens):
        family = token.family
        if family.sheet:
            last.clear()
            restart.clear()
            continue
        if not family.outer or token.number is None:
            continue
        name, number = family.name, token.number
        before = last.get(name)
        pending = restart.get(name)
        if before is not None and number == before + 1 and pending:
            dropped.update(pending)  # the plan's chapters go on: the restart stopped short
            del restart[name]
        elif pending is not None:
            pending.append(index)
            if number >= before:
                del restart[name]  # the restart caught up: it is the plan's sequence now
            else:
                continue
        elif before is not None and number < before:
            restart[name] = [index]
            continue
        last[name] = number
    return dropped


def _place(
    token: MarkerToken,
    stack: list[Draft],
    running: dict[str, int],
    following: MarkerToken | None = None,
    above: set[tuple[str, str]] = frozenset(),
    nests=None,
    next_number: int | None = None,
) -> tuple[int, int, Issue | None] | None:
    """Where ``token`` goes: (stack depth, number, diagnostic), or None to keep it as text.
    ``following``: the candidate marker after ``token``; ``above``: which families the plan
    has so far shown over which; ``nests(style over, style)``: whether a bullet set in another
    style is a level below (see ``_nests``); ``next_number``: the number of the next marker
    of ``token``'s family."""
    family = token.family
    depth = _open_depth(stack, token, nests, next_number)
    if family.top and depth is None:
        depth = 0  # 붙임 1 …: a heading of the whole plan, whatever is open
    is_open = depth is not None and depth < len(stack) and _level(stack[depth].family) == _level(family)
    if depth is None:
        depth = len(stack)
        if family.outer:  # a chapter: at the top, or of the appendix sheet it is in (front matter holds none)
            depth = next((d + 1 for d in range(len(stack) - 1, -1, -1) if stack[d].family.sheet), 0)
        # A task row ends in its agencies; only a strong marker can hang below one. In a
        # reader's own lines (``token.style`` set: not wrapped run-on text), a new family
        # opening a line after a task is a heading beside the task, not text in it.
        if stack and stack[-1].family.agencies == "always" and not family.strong:
            if not token.line_start or token.style is None:
                return None
            while depth and stack[depth - 1].family.agencies == "always":
                depth -= 1
    if family.continuous:
        previous = running.get(family.name, 0)
        is_open = is_open or previous > 0
    else:
        previous = stack[depth].number if is_open else 0

    if family.numbering == "bullet":
        return depth, previous + 1, None

    number = token.number
    assert number is not None
    if number < 1:  # numbering starts at 1: `0.` is text (a date's `0. 29.`, a stray zero)
        return None
    parent_issue = _parent_issue(token, stack, depth)
    expected = previous + 1
    if number == expected and parent_issue is None:
        return depth, number, None
    if not (family.strong or token.line_start):
        return None
    if is_open and not family.strong and number > expected + MAX_SKIP:
        return None  # '20 학년도 …' after 3: a year or a count at a line's start, not a heading 17 numbers on
    if parent_issue is not None and number == expected:
        return depth, number, parent_issue
    if not is_open:
        last = running.get(family.name, 0)
        if number == last + 1:
            if stack and not stack[-1].token.marker:
                return depth, number, None  # numbered on across banners (no marker): 1⃞-4⃞ under one, 5⃞-8⃞ under the next
            if last >= CONTINUED_FROM:
                # Numbered on across parents: tasks 1-2 under 약속 1, 3 under 약속 2 (from 2 on:
                # a ② opening a list after a lone ① is more likely the list's ① dropped); it
                # goes where the plan's other headings of its family went.
                return _usual_depth(family, stack, above), number, None
        # A family opening past its first number: its first items are missing. Either a list
        # cut from a longer plan, where it is an outer level (분야 2 | … right before a 1. that
        # starts an open family again), or an edition that dropped ① (then it goes where the
        # plan's other headings of its family went: see _usual_depth).
        message = f"{family.kind} {token.marker} opens without {family.spell(1)}: its earlier headings are missing"
        restarts = following is not None and following.number == 1 and any(node.family is following.family for node in stack)
        depth = 0 if restarts else _usual_depth(family, stack, above)
        return depth, number, Issue("warning", "numbering-gap", message, token.start)
    elif number == previous:
        code, what = "numbering-repeat", f"{token.marker} repeats the number before it"
    elif number > expected:
        code, what = "numbering-gap", f"{token.marker} follows number {previous}; expected {family.spell(expected)}"
    else:
        code, what = "numbering-out-of-order", f"{token.marker} follows number {previous}; numbers must rise"
    return depth, number, Issue("warning", code, f"{family.kind} {what}", token.start)


def _level(family: Family) -> str:
    """The level a family's headings take: its own, or for a group row that of its items."""
    return family.group_of or family.name


def _usual_depth(family: Family, stack: list[Draft], above: set[tuple[str, str]]) -> int:
    """Where a family that is not open goes when it does not start at 1: above the innermost
    open headings of the families this plan has already shown under it (a 2⃞ after the □
    items of its missing 1⃞ closes them, as a 1⃞ held its □ items before), else under the
    innermost heading (② under the ○ it belongs to)."""
    depth = len(stack)
    while depth and (family.name, stack[depth - 1].family.name) in above:
        depth -= 1
    return depth


def _nests(tokens: list[MarkerToken], index: int, nested: set[tuple[float, float]], over: Style, style: Style) -> bool:
    """Whether ``tokens[index]``, a bullet set in ``style`` under an open one of its family set
    in ``over``, is a level below it: the plan sets the levels so elsewhere (a level below in
    this size under that size was seen), or a bullet set like ``over`` comes again within
    ``STYLE_LOOKAHEAD`` markers (the outer level goes on after these). Else the setting
    changed (a box's □ lines, then the page's, larger or smaller) and it is the same level."""
    key = (_size_key(over), _size_key(style))
    if key in nested:
        return True
    level = _level(tokens[index].family)
    for later in tokens[index + 1 : index + 1 + STYLE_LOOKAHEAD]:
        if _level(later.family) == level and _same_style(later.style, over):
            nested.add(key)
            return True
    return False


def _size_key(style: Style | None) -> float:
    return -1.0 if style is None or style[1] is None else round(style[1] * 2) / 2


def _open_depth(stack: list[Draft], token: MarkerToken, nests=None, next_number: int | None = None) -> int | None:
    """The stack depth where ``token`` continues its family, or None when it opens a new level.

    A family is open once, unless the reader knows each line's indent and type size
    (``token.style``): then one family can hold several levels (``MAX_STYLE_LEVELS`` at
    most), as a plan that draws two levels with the same glyph does. A bullet continues the open level of its family set
    in the same style; a bullet set otherwise opens a level below where ``nests`` says the
    plan sets its levels so (``_nests``), else continues the innermost; a number continues
    the innermost level it is the next number of, and a 1 right after a heading of its
    family that has nothing under it yet opens a level below it (1 수도권 … then 1 LH 직접시행
    …; 1 신규 과제 then 1⃞ …), unless it is that list's 1 repeated (① ① ③).
    """
    family = token.family
    depths = [depth for depth, node in enumerate(stack) if _level(node.family) == _level(family)]
    if not depths:
        return None
    if token.number == 1 and any(node.family.sheet for node in stack[depths[-1] + 1 :]):
        return None  # Ⅰ. or 1. again inside an appendix sheet opened below: the sheet's own numbering
    if token.style is None or stack[depths[0]].token.style is None:
        return depths[0]
    room = len(depths) < MAX_STYLE_LEVELS  # a family may open another level of its own
    if family.numbering == "bullet":
        same = [d for d in depths if _same_style(stack[d].token.style, token.style)]
        if same:
            return same[-1]
        if room and (nests is None or nests(stack[depths[-1]].token.style, token.style)):
            return None
        return depths[-1]
    following = [d for d in depths if stack[d].number + 1 == token.number]
    if following:
        return following[-1]
    same = [d for d in depths if _same_style(stack[d].token.style, token.style)]
    before = stack[depths[-1]]
    # Written and set as that 1 is, it is that list's 1 again (an edition that did not
    # renumber) where the family goes on with 3; where no type size is known (HWP/HWPX
    # paragraphs, a word stream's rebuilt lines), unless a 2 comes next (the list it opens
    # goes on). A plan with type sizes may print an area's 1 and its first section's 1 alike
    # (housing: 1 수도권 …, 1 LH …). (Plain text has no style: it returned above.)
    alike = depths[-1] in same and before.token.marker == token.marker
    repeated = alike and (next_number == 3 or (token.style[1] is None and next_number != 2))
    if token.number == 1 and not before.children and room and not repeated:
        return None
    return same[-1] if same else depths[0]


MAX_SKIP = 3  # numbers an open family of a weak marker may skip (an edition that dropped items)
MAX_STYLE_LEVELS = 3  # levels one family may hold by style (a plan draws two or three with one glyph)
STYLE_LOOKAHEAD = 64  # markers looked at for the outer level's style coming again (bounded: linear time)
STYLE_INDENT = 3.0  # points: two lines of one page this close in indent are set alike
STYLE_SIZE = 0.8  # points: and two lines this close in type size


Style = tuple[float | None, float | None, int | None]  # (indent, size, page) of a printed line


def _same_style(a: Style | None, b: Style | None) -> bool:
    """Whether two printed lines are set alike: type size within ``STYLE_SIZE``, and on one
    page indent within ``STYLE_INDENT`` (across pages indents drift with a page's layout)."""
    if a is None or b is None:
        return False
    if a[1] is None or b[1] is None:
        return True  # a paragraph's style says nothing here (see layout._styled)
    if abs(a[1] - b[1]) > STYLE_SIZE:
        return False
    return a[2] != b[2] or abs(a[0] - b[0]) <= STYLE_INDENT


def _parent_issue(token: MarkerToken, stack: list[Draft], depth: int) -> Issue | None:
    """``1-2.`` must sit under the open ``1.`` of its parent family, above ``depth`` in ``stack``."""
    parent_family = token.family.parent_family
    if parent_family is None:
        return None
    parent = next((node for node in reversed(stack[:depth]) if node.family.name == parent_family), None)
    if parent is None:
        message = f"{token.marker} has no open {parent_family} heading above it"
    elif parent.number != token.parent:
        message = f"{token.marker} sits under {parent.token.marker}, whose number is {parent.number}"
    else:
        return None
    return Issue("warning", "parent-mismatch", message, token.start)


def _assign_ids(nodes: list[Draft], prefix: str) -> None:
    """Set each node's ``id``: its path of numbers under ``prefix``, ``~2`` for a repeated number."""
    seen: dict[int, int] = {}
    for node in nodes:
        number = node.number
        count = seen[number] = seen.get(number, 0) + 1
        own = str(number) if count == 1 else f"{number}~{count}"
        node.id = f"{prefix}.{own}" if prefix else own
        if node.children:  # most nodes are leaves: skip the call
            _assign_ids(node.children, node.id)
