"""Stage 7, confidence: the finished tree → how far a reader should trust it.

A user re-running the tool on a new edition needs to know when to look. Three figures, each
a share from 0 to 1, measured on what the parse already knows:

* ``claimed`` — of the document's text (page furniture aside: headers, page numbers, table
  headers, citations, contents), the share inside the tree's sections rather than left as
  text the parser did not understand (before the first heading, or after the last task);
* ``numbering`` — of the numbered headings (1., ①, 가. …), the share placed without a
  numbering diagnostic (gap, repeat, out of order, wrong parent);
* ``agencies`` — of the tasks (the nodes of the families most of whose nodes name lead
  agencies in this plan), the share that name them; null when no family does.

``score`` is the lowest of them. A figure below ``LOW``, measured on ``MIN_EVIDENCE``
headings or tasks at least, adds a ``low-confidence`` warning saying which figure is weak. Takes the text, the drafts and their cuts, the diagnostics and
the noise; returns the ``confidence`` object of the output and that warning, if any.
"""

from __future__ import annotations

from .normalize import visible_length
from .tree import Draft, Issue

LOW = 0.8  # a figure under this warns: the tree is probably wrong somewhere
# A family is one of tasks when this share of its nodes name lead agencies at least: a plan
# naming a body for 15 of its 26 ○ items (2017) does so by choice, not by the parser's fault.
TASK_FAMILY_SHARE = 2 / 3
MIN_EVIDENCE = 10  # …when measured on this many headings or tasks at least (claimed: always)
NUMBERING_CODES = frozenset({"numbering-gap", "numbering-repeat", "numbering-out-of-order", "parent-mismatch"})
UNCLAIMED = frozenset({"unrecognized", "trailing-fragment"})  # noise the parser did not understand
PAGE_FURNITURE = frozenset({"page-number", "running-header", "running-footer", "table-header", "citation", "table-of-contents", "repeated-heading"})


def measure(value: str, drafts: list[Draft], cuts: dict, issues: list[Issue], noise: list[tuple[str, int, int]]) -> tuple[dict, Issue | None]:
    """(the confidence object, a ``low-confidence`` warning or None)."""
    figures = {  # name → (share, how many things it was measured on)
        "claimed": _claimed(value, noise),
        "numbering": _numbering(drafts, issues),
        "agencies": _agencies(drafts, cuts),
    }
    present = [share for share, _ in figures.values() if share is not None]
    score = min(present) if present else 1.0
    confidence = {name: (round(share, 3) if share is not None else None) for name, (share, _) in figures.items()}
    confidence["score"] = round(score, 3)
    # Warn on evidence only: one gap among three headings is no reason to doubt a plan.
    weak = [
        f"{WHAT[name]} {share:.0%}"
        for name, (share, count) in figures.items()
        if share is not None and share < LOW and count >= MIN_EVIDENCE
    ]
    if not weak:
        return confidence, None
    message = "the tree is probably wrong in places (" + "; ".join(weak) + "): check it against the document"
    return confidence, Issue("warning", "low-confidence", message, drafts[0].token.start if drafts else 0)


WHAT = {
    "claimed": "text understood",
    "numbering": "headings in sequence",
    "agencies": "tasks with lead agencies",
}


def _claimed(value: str, noise: list[tuple[str, int, int]]) -> tuple[float, int]:
    furniture = sum(visible_length(value[s:e]) for kind, s, e in noise if kind in PAGE_FURNITURE)
    unclaimed = sum(visible_length(value[s:e]) for kind, s, e in noise if kind in UNCLAIMED)
    total = visible_length(value) - furniture
    return (1.0 - unclaimed / total if total > 0 else 1.0), MIN_EVIDENCE


def _numbering(drafts: list[Draft], issues: list[Issue]) -> tuple[float, int]:
    numbered = [d for d in drafts if d.family.numbering != "bullet"]
    if not numbered:
        return 1.0, 0
    broken = {issue.offset for issue in issues if issue.code in NUMBERING_CODES}
    return 1.0 - sum(1 for d in numbered if d.token.start in broken) / len(numbered), len(numbered)


def _agencies(drafts: list[Draft], cuts: dict) -> tuple[float | None, int]:
    """Of the task families — a family the profile says always names them (① of a task list)
    half of whose nodes do, any other ``TASK_FAMILY_SHARE`` of whose nodes that could name
    lead agencies do (not the 1) items of a prose plan, one of which names a body, nor the ○
    items of a plan that names a body for some of them only) — the share of nodes that name
    them."""
    candidates: dict[str, list[bool]] = {}
    # (by name: a task line naming no agencies reads as a heading of its family, agencies
    # "leaf", under the family's own name; see layout._heading_family)
    declared = {d.family.name for d in drafts if d.family.agencies == "always"}
    for d in drafts:
        agencies = cuts[id(d)].agencies
        if agencies is not None and (d.family.agencies == "always" or not d.children):
            candidates.setdefault(d.family.name, []).append(bool(agencies))
    tasks = [
        named
        for name, nodes in candidates.items()
        if sum(nodes) >= (0.5 if name in declared else TASK_FAMILY_SHARE) * len(nodes)
        for named in nodes
    ]
    if not tasks:
        return None, 0  # the plan names no lead agency in any family of its: nothing to measure
    return sum(tasks) / len(tasks), len(tasks)
