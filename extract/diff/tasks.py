"""Which nodes of two editions are their tasks: two ``PlanDocument``s → a ``TaskRule``.

What a task is comes from the plans themselves, never from a fixed kind name. The
first of these that finds tasks in both editions is used for both (so that the
two sides are cut alike):

  agencies  the nodes that carry lead agencies (and the leaves of the profile's task
            kinds, a task row whose agencies were lost);
  profile   the nodes of the profile's declared ``task_kinds``;
  leaves    the nodes without children.

``--task-kind KIND`` overrides all three (rule ``option``). Every other node is a heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import Node, PlanDocument, iter_nodes

Rule = Literal["agencies", "profile", "leaves", "option"]


@dataclass(frozen=True)
class TaskRule:
    rule: Rule
    kinds: tuple[str, ...]  # the profile's task kinds, or the --task-kind override

    def is_task(self, node: Node) -> bool:
        if self.rule == "option" or self.rule == "profile":
            return node.kind in self.kinds
        if self.rule == "agencies":
            return bool(node.agencies) or (node.kind in self.kinds and not node.children)
        return not node.children


def choose(old: PlanDocument, new: PlanDocument, declared: tuple[str, ...], override: tuple[str, ...] = ()) -> TaskRule:
    """The rule for this pair of editions (see the module docstring)."""
    if override:
        return TaskRule("option", tuple(override))
    if _both(old, new, lambda n: bool(n.agencies)):
        return TaskRule("agencies", declared)
    if declared and _both(old, new, lambda n: n.kind in declared):
        return TaskRule("profile", declared)
    return TaskRule("leaves", ())


def _both(old: PlanDocument, new: PlanDocument, test) -> bool:
    return any(map(test, iter_nodes(old.children))) and any(map(test, iter_nodes(new.children)))
