"""Synthetic plans: a random tree of headings and tasks, rendered as run-on text.

One generator for the property tests (fed by hypothesis' ``randoms()``) and
the benchmarks (fed by a seeded ``random.Random``). ``random_plan`` makes the
tree; ``render`` lays it out the way a scrape does (wraps, run-on headings,
repeated table headers, page numbers); ``expected_outline`` is what a correct
parse must return, computed from the tree, never from the parser.
``edit_plan`` makes a next edition: a copy with random edits, each copied node
pointing at its ``origin``, so a test knows the true pairing of the editions.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .stages.profile import Family, Profile

# Title words: commas, periods, quotes, parentheses and digits included, none of
# them a marker or an agency at the end of a title.
TITLE_WORDS = (
    "국민", "참여", "확대", "기반", "마련", "공공서비스", "혁신", "디지털", "데이터", "연계·공유",
    "활성화", "제도", "개선,", "적극행정", "지원위원회", "‘도전. 한국’사업", "(RPA)", "AI,", "IoT", "등",
    "정부 3.0", "2019. 10. 29.", "5G", "DB화·확산", "100%", "모바일", "신분증", "행안부", "중심의",
    "협업", "(민원처리 대행, 수수료 감면 등)", "‘스마트 보고 시스템’", "지자체", "민간-정부", "2단계",
    "1인 가구", "4차 산업혁명", "플랫폼", "「전자정부법」", "[시범]", "~2025년", "제3차", "정부혁신",
)
TITLE_ENDINGS = ("확대", "강화", "추진", "제고", "개선", "도입", "구축", "마련", "지원", "활성화", "실현", "정비")
LABELS = ("참여", "협력", "서비스", "일하는 방식", "신뢰")
KNOWN_AGENCIES = (
    "행안부", "기재부", "인사처", "국조실", "과기부", "복지부", "중기부", "산업부", "조달청", "감사원",
    "공정위", "고용부", "외교부", "관세청", "경찰청", "국세청", "여가부", "국토부", "권익위", "전 부처",
    "행정안전부", "개인정보보호위원회", "관계부처",
)
UNKNOWN_AGENCIES = ("미래혁신처", "데이터정책청", "국가디지털전환위원회")

# Families a synthetic tree may stack, outermost first; tasks come last.
HEADING_FAMILIES = (
    "part", "area", "named-strategy", "national-task", "strategy", "substrategy",
    "hangul-dot", "arabic-paren", "hangul-paren", "arabic-parens", "square-bullet", "circle-bullet",
)
TASK_FAMILIES = ("task", "dingbat")
TABLE_HEADER = "대표 과제 주관기관"


@dataclass
class SynthNode:
    family: Family
    number: int
    title: str
    label: str | None = None
    agencies: list[str] | None = None  # as written
    children: list[SynthNode] = field(default_factory=list)
    # In an edited copy (``edit_plan``): the node of the previous edition this one continues.
    origin: SynthNode | None = field(default=None, repr=False, compare=False)

    @property
    def is_task(self) -> bool:
        return self.family.name in TASK_FAMILIES


@dataclass(frozen=True)
class Layout:
    """How to lay a plan out; every choice a scrape or a PDF copy makes."""

    run_on: float = 0.3  # chance a heading starts on the line of the text before it
    wrap: float = 0.1  # chance of a line break at any space
    lost_comma: float = 0.3  # chance an agency list drops a comma
    header_every: int = 0  # repeat the table header every N nodes (0: never)
    page_numbers: bool = False
    one_line: bool = False
    preamble: bool = True


def random_plan(
    rng: random.Random, profile: Profile, *, size: int | None = None, chain: tuple[str, ...] | None = None
) -> list[SynthNode]:
    """A random tree: random families and depth; ``size`` ≈ the number of tasks wanted;
    ``chain`` fixes the families, outermost first, e.g. ("area", "strategy", "substrategy", "task")."""
    chain = [profile.family(n) for n in chain] if chain else _random_chain(rng, profile)
    fanout = 4 if size is None else max(2, round(size ** (1 / max(len(chain) - 1, 1))) + 1)
    budget = [size if size is not None else rng.randint(1, 30)]
    return _children(rng, chain, 0, fanout, budget, {})


def _random_chain(rng: random.Random, profile: Profile) -> list[Family]:
    names = rng.sample(HEADING_FAMILIES, rng.randint(0, 3))
    names.sort(key=HEADING_FAMILIES.index)
    # 1-2. only makes sense directly under 1.
    names = [n for i, n in enumerate(names) if n != "substrategy" or (i and names[i - 1] == "strategy")]
    names.append(rng.choice(TASK_FAMILIES))
    return [profile.family(n) for n in names]


def _children(
    rng: random.Random, chain: list[Family], level: int, fanout: int, budget: list[int], running: dict[str, int]
) -> list[SynthNode]:
    family = chain[level]
    is_task = level == len(chain) - 1
    first = running.get(family.name, 0) + 1 if family.continuous else 1
    limit = min(family.max_number, first - 1 + (rng.randint(1, fanout) if budget[0] > 0 else 1))
    nodes = []
    for number in range(first, limit + 1):
        if family.continuous:
            running[family.name] = number
        node = SynthNode(family, number, _title(rng, family))
        if family.label:
            node.label = rng.choice(LABELS)
        if is_task:
            budget[0] -= 1
            node.agencies = _agencies(rng)
        else:
            # Skip a level now and then (areas 1-2 of the 2020 list have no 1-1.).
            nxt = level + 1
            if nxt + 1 < len(chain) and not chain[nxt + 1].parent_family and rng.random() < 0.3:
                nxt += 1
            node.children = _children(rng, chain, nxt, fanout, budget, running)
        nodes.append(node)
        if budget[0] <= 0:
            break
    return nodes


def _title(rng: random.Random, family: Family) -> str:
    words = rng.choices(TITLE_WORDS, k=rng.randint(0, 6))
    return " ".join([*words, rng.choice(TITLE_ENDINGS)])


def _agencies(rng: random.Random) -> list[str]:
    pool = KNOWN_AGENCIES + UNKNOWN_AGENCIES if rng.random() < 0.1 else KNOWN_AGENCIES
    return rng.sample(pool, rng.randint(1, 4))


def marker_of(node: SynthNode, parent_number: int | None) -> str:
    """The marker as a plan writes it, from the family's own sample format."""
    family = node.family
    spelled = family.spell(node.number)
    return {
        "area": f"분야 {spelled} |",
        "part": f"{spelled}.",
        "national-task": f"[국정{node.number:02d}]",
        "named-strategy": f"전략 {spelled}:",
        "strategy": f"{spelled}.",
        "substrategy": f"{parent_number}-{spelled}.",
        "hangul-dot": f"{spelled}.",
        "arabic-paren": f"{spelled})",
        "hangul-paren": f"{spelled})",
        "arabic-parens": f"({spelled})",
        "square-bullet": "□",
        "circle-bullet": "○",
    }.get(family.name, spelled)


def render(nodes: list[SynthNode], rng: random.Random, layout: Layout, *, year: int = 2021) -> str:
    """Lay the tree out as text a scrape would give."""
    pieces: list[str] = []
    if layout.preamble:
        pieces += [f"{year} 정부혁신 대표과제 목록", "\n\n", "문서에서 정 부 혁 신 종합 추진계획 (페이지 36-40)", "\n\n"]
    if layout.header_every:
        pieces += [TABLE_HEADER, "\n\n"]
    count = [0]

    def emit(node: SynthNode, parent_number: int | None) -> None:
        count[0] += 1
        if pieces and pieces[-1] not in ("\n\n",) and rng.random() >= layout.run_on:
            pieces.append("\n\n")
        elif pieces and pieces[-1] != "\n\n":
            pieces.append(" ")
        if layout.header_every and count[0] % layout.header_every == 0:
            if layout.page_numbers:
                pieces.extend([f"- {count[0] // layout.header_every} -", "\n"])
            pieces.extend([TABLE_HEADER, rng.choice([" ", "\n\n"])])
        text = f"{marker_of(node, parent_number)} {node.title}"
        if node.label:
            text += f"({node.label})"
        if node.agencies:
            text += " " + _agency_list(node.agencies, rng, layout)
        pieces.append(_wrap(text, rng, layout))
        for child in node.children:
            emit(child, node.number)

    for node in nodes:
        emit(node, None)
    text = "".join(pieces) + "\n"
    if layout.one_line:
        text = " ".join(text.split()) + "\n"
    return text


def _agency_list(agencies: list[str], rng: random.Random, layout: Layout) -> str:
    out = agencies[0]
    for agency in agencies[1:]:
        out += (" " if rng.random() < layout.lost_comma else ", ") + agency
    return out


def _wrap(text: str, rng: random.Random, layout: Layout) -> str:
    if not layout.wrap:
        return text
    return "".join(ch if ch != " " or rng.random() >= layout.wrap else "\n" for ch in text)


def expected_outline(nodes: list[SynthNode]) -> list[tuple]:
    """(id, kind, number, title, label, agencies) per node, depth first: what a parse must give."""
    out: list[tuple] = []

    def walk(node: SynthNode, prefix: str) -> None:
        node_id = f"{prefix}.{node.number}" if prefix else str(node.number)
        label = node.label if node.family.label else None
        out.append((node_id, node.family.kind, node.number, node.title, label, tuple(node.agencies or ())))
        for child in node.children:
            walk(child, node_id)

    for node in nodes:
        walk(node, "")
    return out


EDIT_KINDS = ("rename", "drop", "add", "agencies", "move", "rename-heading", "swap-headings")


@dataclass(frozen=True)
class Edit:
    kind: str  # one of EDIT_KINDS
    title: str  # the edited node's title before the edit (the new title for "add")


def edit_plan(
    rng: random.Random,
    nodes: list[SynthNode],
    count: int,
    *,
    kinds: tuple[str, ...] = EDIT_KINDS,
    word: Callable[[], str] | None = None,
) -> tuple[list[SynthNode], list[Edit]]:
    """A next edition of ``nodes``: a copy with up to ``count`` random edits, at most one per node.

    rename / rename-heading: one or two words inserted before the title's last word, or that
    last word replaced; drop: a task whose heading keeps another; add: a new task; agencies:
    one added, removed or replaced; move: a task to another heading that holds tasks;
    swap-headings: two neighbouring headings trade places, with all below them. Everything
    is renumbered afterwards as a plan would be. Every copied node's ``origin`` is its node
    in ``nodes``; added tasks have none. ``word`` draws a title word (default: ``TITLE_WORDS``).
    """
    draw = word or (lambda: rng.choice(TITLE_WORDS))
    copy = _copy(nodes)
    top = SynthNode(copy[0].family, 1, "", children=copy) if copy else None  # a stand-in root
    edits: list[Edit] = []
    touched: set[int] = set()
    for _ in range(count):
        kind = rng.choice(kinds)
        edit = _EDITORS[kind](rng, top, touched, draw) if top is not None else None
        if edit is not None:
            edits.append(edit)
    if top is not None:
        _renumber(top, {})
        copy = top.children
    return copy, edits


def _copy(nodes: list[SynthNode]) -> list[SynthNode]:
    return [
        SynthNode(n.family, n.number, n.title, n.label, _list(n.agencies), _copy(n.children), origin=n)
        for n in nodes
    ]


def _list(agencies: list[str] | None) -> list[str] | None:
    return None if agencies is None else list(agencies)


def _walk(parent: SynthNode):
    """(node, its parent) pairs, depth first."""
    for child in parent.children:
        yield child, parent
        yield from _walk(child)


def _editable(node: SynthNode, touched: set[int]) -> bool:
    """A task of the previous edition no edit has touched yet."""
    return node.is_task and id(node) not in touched and node.origin is not None


def _reworded(rng: random.Random, title: str, draw: Callable[[], str]) -> str:
    *head, last = title.split(" ")
    choice = rng.randrange(3)
    if choice == 0:
        head.append(draw())
    elif choice == 1:
        head += [draw(), draw()]
    else:
        last = rng.choice([e for e in TITLE_ENDINGS if e != last])
    return " ".join([*head, last])


def _edit_rename(rng, top, touched, draw) -> Edit | None:
    tasks = [n for n, _ in _walk(top) if _editable(n, touched)]
    return _rename(rng, tasks, touched, draw, "rename")


def _edit_rename_heading(rng, top, touched, draw) -> Edit | None:
    headings = [n for n, _ in _walk(top) if not n.is_task and id(n) not in touched]
    return _rename(rng, headings, touched, draw, "rename-heading")


def _rename(rng, candidates, touched, draw, kind: str) -> Edit | None:
    if not candidates:
        return None
    node = rng.choice(candidates)
    before = node.title
    node.title = _reworded(rng, before, draw)
    touched.add(id(node))
    return Edit(kind, before)


def _edit_drop(rng, top, touched, draw) -> Edit | None:
    candidates = [(n, p) for n, p in _walk(top) if _editable(n, touched) and len(p.children) > 1]
    if not candidates:
        return None
    node, parent = rng.choice(candidates)
    parent.children.remove(node)
    return Edit("drop", node.title)


def _task_parents(top: SynthNode) -> list[SynthNode]:
    """Headings whose children are tasks (the stand-in root too, for a plan of bare tasks)."""
    parents = [p for p in [top, *(n for n, _ in _walk(top))] if p.children and p.children[0].is_task]
    return [p for p in parents if len(p.children) < p.children[0].family.max_number]


def _edit_add(rng, top, touched, draw) -> Edit | None:
    parents = _task_parents(top)
    if not parents:
        return None
    parent = rng.choice(parents)
    family = parent.children[0].family
    title = " ".join([*(draw() for _ in range(rng.randint(1, 3))), rng.choice(TITLE_ENDINGS)])
    node = SynthNode(family, 1, title, agencies=_agencies(rng))
    parent.children.insert(rng.randint(0, len(parent.children)), node)
    touched.add(id(node))
    return Edit("add", title)


def _edit_agencies(rng, top, touched, draw) -> Edit | None:
    tasks = [n for n, _ in _walk(top) if _editable(n, touched)]
    if not tasks:
        return None
    node = rng.choice(tasks)
    agencies = list(node.agencies or [])
    unused = [a for a in KNOWN_AGENCIES if a not in agencies]
    choice = rng.randrange(3)
    if choice == 0 or len(agencies) < 2:
        agencies.insert(rng.randint(0, len(agencies)), rng.choice(unused))
    elif choice == 1:
        agencies.pop(rng.randrange(len(agencies)))
    else:
        agencies[rng.randrange(len(agencies))] = rng.choice(unused)
    node.agencies = agencies
    touched.add(id(node))
    return Edit("agencies", node.title)


def _edit_move(rng, top, touched, draw) -> Edit | None:
    candidates = [(n, p) for n, p in _walk(top) if _editable(n, touched) and len(p.children) > 1]
    if not candidates:
        return None
    node, parent = rng.choice(candidates)
    targets = [p for p in _task_parents(top) if p is not parent and p.children[0].family is node.family]
    if not targets:
        return None
    target = rng.choice(targets)
    parent.children.remove(node)
    target.children.insert(rng.randint(0, len(target.children)), node)
    touched.add(id(node))
    return Edit("move", node.title)


def _edit_swap_headings(rng, top, touched, draw) -> Edit | None:
    parents = [p for p in [top, *(n for n, _ in _walk(top))] if len(p.children) > 1 and not p.children[0].is_task]
    if not parents:
        return None
    parent = rng.choice(parents)
    i = rng.randrange(len(parent.children) - 1)
    first, second = parent.children[i], parent.children[i + 1]
    parent.children[i : i + 2] = [second, first]
    return Edit("swap-headings", first.title)


_EDITORS = {
    "rename": _edit_rename,
    "rename-heading": _edit_rename_heading,
    "drop": _edit_drop,
    "add": _edit_add,
    "agencies": _edit_agencies,
    "move": _edit_move,
    "swap-headings": _edit_swap_headings,
}


def _renumber(parent: SynthNode, running: dict[str, int]) -> None:
    """Number 1, 2, 3 … under each parent again (across the plan for a continuous family),
    in document order, as after an editor's pass."""
    for index, child in enumerate(parent.children, 1):
        if child.family.continuous:
            running[child.family.name] = child.number = running.get(child.family.name, 0) + 1
        else:
            child.number = index
        _renumber(child, running)
