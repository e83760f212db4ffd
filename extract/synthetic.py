"""Synthetic plans: a random tree of headings and tasks, rendered as run-on text.

One generator for the property tests (fed by hypothesis' ``randoms()``) and
the benchmarks (fed by a seeded ``random.Random``). ``random_plan`` makes the
tree; ``render`` lays it out the way a scrape does (wraps, run-on headings,
repeated table headers, page numbers); ``expected_outline`` is what a correct
parse must return, computed from the tree, never from the parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .profile import Family, Profile

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


def random_plan(rng: random.Random, profile: Profile, *, size: int | None = None) -> list[SynthNode]:
    """A random tree: random families and depth; ``size`` ≈ the number of tasks wanted."""
    chain = _random_chain(rng, profile)
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
