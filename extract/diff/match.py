"""Match the nodes of two editions by content, not by number: two ``Outline``s → ``Matching``.

Tasks are matched first, all together: each old × new pair gets a score, a
weighted sum of four similarities in [0, 1] (``TASK_WEIGHTS``), and the
assignment that maximises the total score over pairs scoring at least
``TASK_THRESHOLD`` is solved exactly (``scipy.optimize.linear_sum_assignment``).
A task left without a partner is removed (old) or added (new).

Headings are matched next, kind by kind from the outermost (areas, then strategies
…), by title, by content — how many of their tasks the task matching pairs up —,
by position and by whether their parents were matched to each other
(``HEADING_WEIGHTS``, ``HEADING_THRESHOLD``). So a renamed area whose tasks stayed
put is one renamed heading, and its tasks keep their partners.

The matching depends only on the two editions, not on which is "old": it is
always solved in one canonical orientation and flipped, so ``diff(b, a)`` is the
mirror image of ``diff(a, b)`` even where two pairings tie.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import regex
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from ..models import Node, PlanDocument

# Task pair score = Σ weight × similarity (weights sum to 1):
#   title     character similarity of the titles (letters and digits only, so spacing
#             and punctuation do not count): rapidfuzz's normalized Indel similarity
#   agencies  Jaccard overlap of the lead agencies' canonical names (as written when unknown)
#   position  1 − the distance between the tasks' relative places in document order
#   parent    title similarity of the headings the tasks sit under
TASK_WEIGHTS = {"title": 0.70, "agencies": 0.15, "position": 0.10, "parent": 0.05}
# A pair scoring below this is not a match: the old task is removed and the new one added.
# With everything else equal, the titles must be at least half alike (0.7 × 0.5 + 0.3);
# in the 2020 list no two different tasks are more than 0.45 alike.
TASK_THRESHOLD = 0.65

# Heading pair score, within one kind:
#   title     as for tasks
#   content   tasks below both, through the task matching: common / (old + new − common + 1),
#             a Jaccard overlap damped so that one task in common counts for less than ten
#   position  as for tasks, among the headings of that kind
#   parent    1 when their parents were matched to each other (or both are top level), else 0
# When neither heading has tasks below it, content is left out and the other weights scaled up.
# The title leads: a heading with a new title is recognised by its tasks only when there
# are several of them (a renamed area with 6 tasks, 5 kept: 0.5×0.47 + 0.3×0.71 + 0.2 = 0.65).
HEADING_WEIGHTS = {"title": 0.50, "content": 0.30, "position": 0.10, "parent": 0.10}
HEADING_THRESHOLD = 0.50

# An added or removed node names its most similar counterpart (a split, a merge, a
# rewrite) when their titles are at least this alike.
RELATED_FLOOR = 0.50

# Title pairs from which rapidfuzz's threads pay for their start-up. Measured on 2 cores:
# 900 pairs 0.09 ms on one thread, 0.26 ms on all; 10,000 pairs 0.92 vs 0.72 ms; 10⁶ 87 vs 43 ms.
PARALLEL_PAIRS = 10_000

# What title similarity compares: letters and digits, case-folded.
NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def title_key(title: str) -> str:
    """``‘정부 보조금’ 제공(확대)`` → ``정부보조금제공확대``."""
    return NOT_WORD.sub("", title).casefold()


def agency_keys(node: Node) -> frozenset[str]:
    return frozenset(a.name or a.text for a in node.agencies or ())


@dataclass(frozen=True)
class Outline:
    """One edition's nodes in document order, split into tasks (``tasks.py``) and headings by kind."""

    nodes: tuple[Node, ...]
    parent: dict[str, Node | None]  # node id → the node it sits under
    ancestors: dict[str, tuple[Node, ...]]  # node id → the nodes above it, innermost first
    tasks: tuple[Node, ...]
    headings: dict[str, tuple[Node, ...]]  # kind → headings of that kind

    @classmethod
    def of(cls, document: PlanDocument, is_task: Callable[[Node], bool]) -> Outline:
        nodes: list[Node] = []
        parent: dict[str, Node | None] = {}
        ancestors: dict[str, tuple[Node, ...]] = {}

        def walk(children: list[Node], above: tuple[Node, ...]) -> None:
            for node in children:
                nodes.append(node)
                parent[node.id] = above[0] if above else None
                ancestors[node.id] = above
                walk(node.children, (node, *above))

        walk(document.children, ())
        headings: dict[str, list[Node]] = {}
        tasks: list[Node] = []
        for node in nodes:
            if is_task(node):
                tasks.append(node)
            else:
                headings.setdefault(node.kind, []).append(node)
        return cls(
            nodes=tuple(nodes),
            parent=parent,
            ancestors=ancestors,
            tasks=tuple(tasks),
            headings={kind: tuple(group) for kind, group in headings.items()},
        )

    def fingerprint(self) -> tuple:
        """Everything matching looks at, in order: equal fingerprints, equal matchings."""
        tasks = {n.id for n in self.tasks}
        return tuple(
            (self.depth(n), n.id in tasks, n.kind, n.title, n.label or "", tuple(sorted(agency_keys(n))))
            for n in self.nodes
        )

    def depth(self, node: Node) -> int:
        return len(self.ancestors[node.id])


@dataclass(frozen=True)
class Pair:
    old: str  # node ids
    new: str
    similarity: float  # the pair's score


@dataclass(frozen=True)
class Related:
    id: str  # the most similar node on the other side
    similarity: float  # title similarity


@dataclass(frozen=True)
class Matching:
    pairs: tuple[Pair, ...]  # tasks and headings
    related_old: dict[str, Related]  # unmatched old node id → most similar new node
    related_new: dict[str, Related]

    def mirror(self) -> Matching:
        return Matching(
            pairs=tuple(Pair(p.new, p.old, p.similarity) for p in self.pairs),
            related_old=self.related_new,
            related_new=self.related_old,
        )


def match(old: Outline, new: Outline) -> Matching:
    """Pair the tasks, then the headings, of two editions (see the module docstring)."""
    if old.fingerprint() <= new.fingerprint():
        return _match(old, new)
    return _match(new, old).mirror()


def _match(old: Outline, new: Outline) -> Matching:
    pairs: list[Pair] = []
    related_old: dict[str, Related] = {}
    related_new: dict[str, Related] = {}

    titles = _title_similarity(old.tasks, new.tasks)
    scores = (
        TASK_WEIGHTS["title"] * titles
        + TASK_WEIGHTS["agencies"] * _agency_similarity(old.tasks, new.tasks)
        + TASK_WEIGHTS["position"] * _position_similarity(len(old.tasks), len(new.tasks))
        + TASK_WEIGHTS["parent"] * _parent_similarity(old, new)
    )
    task_pairs = _assign(old.tasks, new.tasks, scores, TASK_THRESHOLD)
    pairs += task_pairs
    _relate(old.tasks, new.tasks, titles, task_pairs, related_old, related_new)

    # Kind by kind from the outermost, twice: the second round knows every kind's first-round
    # pairs, so a heading's parent is known to be matched even where kinds nest unevenly.
    w = HEADING_WEIGHTS
    kinds = _outermost_first(old, new)
    titles_of, base_of = {}, {}
    for kind in kinds:
        olds, news = old.headings[kind], new.headings[kind]
        titles_of[kind] = _title_similarity(olds, news)
        content, has_content = _content_similarity(old, new, olds, news, task_pairs)
        base = w["title"] * titles_of[kind] + w["position"] * _position_similarity(len(olds), len(news))
        base_of[kind] = (base, content, has_content)
    by_kind: dict[str, list[Pair]] = {}
    for _ in range(2):
        for kind in kinds:
            olds, news = old.headings[kind], new.headings[kind]
            base, content, has_content = base_of[kind]
            known = [p for group in by_kind.values() for p in group]
            rest = base + w["parent"] * _same_parent(old, new, olds, news, known)
            scores = np.where(has_content, rest + w["content"] * content, rest / (1.0 - w["content"]))
            by_kind[kind] = _assign(olds, news, scores, HEADING_THRESHOLD)
    for kind in kinds:
        pairs += by_kind[kind]
        _relate(old.headings[kind], new.headings[kind], titles_of[kind], by_kind[kind], related_old, related_new)
    # A kind only one edition has: all its headings are added or removed.
    return Matching(tuple(pairs), related_old, related_new)


def _outermost_first(old: Outline, new: Outline) -> list[str]:
    """The heading kinds both editions have, by the mean depth they occur at, then by name."""
    depths: dict[str, list[int]] = {}
    for outline in (old, new):
        for kind, nodes in outline.headings.items():
            depths.setdefault(kind, []).extend(outline.depth(n) for n in nodes)
    return sorted(old.headings.keys() & new.headings.keys(), key=lambda k: (sum(depths[k]) / len(depths[k]), k))


def _same_parent(
    old: Outline, new: Outline, olds: tuple[Node, ...], news: tuple[Node, ...], pairs: list[Pair]
) -> np.ndarray:
    """1 where both headings are top level or their parents are a matched pair, else 0."""
    matched = {p.old: p.new for p in pairs}
    # The new parent each old heading's parent became ("" if none: equals no new parent id).
    wanted = np.array([_id_or_top(old.parent[n.id], matched) for n in olds], dtype=object)
    actual = np.array([_id_or_top(new.parent[n.id]) for n in news], dtype=object)
    return np.equal.outer(wanted, actual).astype(np.float64)


def _id_or_top(parent: Node | None, through: dict[str, str] | None = None) -> str:
    if parent is None:
        return "/"  # both top level: never a node id
    return parent.id if through is None else through.get(parent.id, "")


def _title_similarity(olds: tuple[Node, ...], news: tuple[Node, ...]) -> np.ndarray:
    return _ratio([title_key(n.title) for n in olds], [title_key(n.title) for n in news])


def _ratio(left: list[str], right: list[str]) -> np.ndarray:
    if not left or not right:
        return np.zeros((len(left), len(right)))
    workers = -1 if len(left) * len(right) >= PARALLEL_PAIRS else 1
    return process.cdist(left, right, scorer=fuzz.ratio, dtype=np.float64, workers=workers) / 100.0


def _agency_similarity(olds: tuple[Node, ...], news: tuple[Node, ...]) -> np.ndarray:
    """Jaccard overlap of canonical agency sets; two empty sets are alike (1)."""
    old_sets = [agency_keys(n) for n in olds]
    new_sets = [agency_keys(n) for n in news]
    vocabulary = {name: i for i, name in enumerate(sorted(set().union(*old_sets, *new_sets)))}

    def indicator(sets: list[frozenset[str]]) -> np.ndarray:
        matrix = np.zeros((len(sets), len(vocabulary)))
        for row, names in enumerate(sets):
            matrix[row, [vocabulary[n] for n in names]] = 1.0
        return matrix

    a, b = indicator(old_sets), indicator(new_sets)
    common = a @ b.T
    union = a.sum(axis=1)[:, None] + b.sum(axis=1)[None, :] - common
    return np.divide(common, union, out=np.ones_like(common), where=union > 0)


def _position_similarity(n_old: int, n_new: int) -> np.ndarray:
    """1 − |relative place of the old node − relative place of the new node|."""
    old_at = (np.arange(n_old) + 0.5) / max(n_old, 1)
    new_at = (np.arange(n_new) + 0.5) / max(n_new, 1)
    return 1.0 - np.abs(old_at[:, None] - new_at[None, :])


def _parent_similarity(old: Outline, new: Outline) -> np.ndarray:
    """Title similarity of the tasks' parents, computed once per distinct pair of parents."""
    old_keys = [_parent_key(old, t) for t in old.tasks]
    new_keys = [_parent_key(new, t) for t in new.tasks]
    old_unique, old_index = np.unique(np.array(old_keys, dtype=object), return_inverse=True)
    new_unique, new_index = np.unique(np.array(new_keys, dtype=object), return_inverse=True)
    table = _ratio(list(old_unique), list(new_unique))
    if table.size == 0:
        return np.zeros((len(old_keys), len(new_keys)))
    return table[old_index.reshape(-1)][:, new_index.reshape(-1)]


def _parent_key(outline: Outline, node: Node) -> str:
    parent = outline.parent[node.id]
    return title_key(parent.title) if parent is not None else ""


def _content_similarity(
    old: Outline, new: Outline, olds: tuple[Node, ...], news: tuple[Node, ...], task_pairs: list[Pair]
) -> tuple[np.ndarray, np.ndarray]:
    """Damped Jaccard overlap of the tasks below each pair of headings (see HEADING_WEIGHTS).

    Returns the overlap and where it is defined (at least one of the two has tasks below it).
    """
    old_row = {h.id: i for i, h in enumerate(olds)}
    new_col = {h.id: j for j, h in enumerate(news)}
    old_sizes = _tasks_below(old, old_row)
    new_sizes = _tasks_below(new, new_col)
    common = np.zeros((len(olds), len(news)))
    for pair in task_pairs:
        rows = [old_row[a.id] for a in old.ancestors[pair.old] if a.id in old_row]
        cols = [new_col[a.id] for a in new.ancestors[pair.new] if a.id in new_col]
        for row in rows:
            common[row, cols] += 1.0
    union = old_sizes[:, None] + new_sizes[None, :] - common
    return common / (union + 1.0), union > 0


def _tasks_below(outline: Outline, index: dict[str, int]) -> np.ndarray:
    sizes = np.zeros(len(index))
    for task in outline.tasks:
        for ancestor in outline.ancestors[task.id]:
            if ancestor.id in index:
                sizes[index[ancestor.id]] += 1.0
    return sizes


def _assign(olds: tuple[Node, ...], news: tuple[Node, ...], scores: np.ndarray, threshold: float) -> list[Pair]:
    """The one-to-one pairing with the greatest total score among pairs scoring ≥ threshold.

    Pairs below the threshold are worth 0, so the solver may use them as filler; they
    are dropped afterwards, which leaves exactly the best matching of eligible pairs.
    """
    if not olds or not news:
        return []
    worth = np.where(scores >= threshold, scores, 0.0)
    rows, cols = linear_sum_assignment(worth, maximize=True)
    return [
        Pair(olds[r].id, news[c].id, float(scores[r, c]))
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        if scores[r, c] >= threshold
    ]


def _relate(
    olds: tuple[Node, ...],
    news: tuple[Node, ...],
    titles: np.ndarray,
    pairs: list[Pair],
    related_old: dict[str, Related],
    related_new: dict[str, Related],
) -> None:
    """For each unmatched node, the node on the other side with the most similar title, if any."""
    if not olds or not news:
        return
    matched_old = {p.old for p in pairs}
    matched_new = {p.new for p in pairs}
    for i, node in enumerate(olds):
        if node.id not in matched_old:
            j = int(np.argmax(titles[i]))  # the first of equals: document order
            if titles[i, j] >= RELATED_FLOOR:
                related_old[node.id] = Related(news[j].id, float(titles[i, j]))
    for j, node in enumerate(news):
        if node.id not in matched_new:
            i = int(np.argmax(titles[:, j]))
            if titles[i, j] >= RELATED_FLOOR:
                related_new[node.id] = Related(olds[i].id, float(titles[i, j]))
