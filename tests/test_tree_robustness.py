"""Numbering that does not go as expected must not wreck the tree: a property over random
plans (issue 13). Remove one item, or give one item the number of the item before it (a new
edition that dropped a task or did not renumber): every other node keeps its place, title and
agencies, and a numbering diagnostic is reported."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract.pipeline import parse_bytes
from extract.stages.profile import load_profile
from extract.synthetic import Layout, SynthNode, random_plan, render

PROFILE = load_profile()
NUMBERING = {"numbering-gap", "numbering-repeat", "numbering-out-of-order"}


def places(nodes) -> list[tuple]:
    """(titles of the ancestors, title, agencies) per node, depth first: a node's place by its
    content, whatever its number."""
    out: list[tuple] = []

    def walk(node, ancestors: tuple) -> None:
        agencies = tuple(getattr(node, "agencies", None) or ())
        agencies = tuple(a if isinstance(a, str) else a.text for a in agencies)
        out.append((ancestors, node.title, agencies))
        for child in node.children:
            walk(child, (*ancestors, node.title))

    for node in nodes:
        walk(node, ())
    return out


def siblings_lists(nodes: list[SynthNode]) -> list[list[SynthNode]]:
    """Every list of siblings in the tree (the top level included)."""
    out = [nodes]
    for node in nodes:
        out.extend(siblings_lists(node.children))
    return out


def parse(nodes, rng) -> tuple[list[tuple], list[str]]:
    document = parse_bytes(render(nodes, rng, Layout(run_on=0, wrap=0, lost_comma=0, preamble=False)).encode()).document
    return places(document.children), [d.code for d in document.diagnostics]


def numbered_groups(nodes) -> list[list[SynthNode]]:
    """Sibling lists of a numbered family with two items or more, where titles are distinct
    (a place is told by its title)."""
    titles = [p[1] for p in places(nodes)]
    if len(set(titles)) != len(titles):
        return []
    return [
        group
        for group in siblings_lists(nodes)
        if len(group) >= 2 and group[0].family.numbering != "bullet" and not group[0].family.continuous
    ]


def a_sibling_list(rng, data, first: int, last_from_end: int) -> tuple[list[SynthNode], list[SynthNode], int]:
    """A random plan's copy to edit, one of its numbered sibling lists in that copy, and an
    index into it drawn from [first, len - last_from_end]."""
    nodes = random_plan(rng, PROFILE)
    groups = numbered_groups(nodes)
    assume(groups)
    group = data.draw(st.sampled_from(groups))
    at = data.draw(st.integers(first, len(group) - last_from_end))
    edited = copy.deepcopy(nodes)
    target = next(g for g in numbered_groups(edited) if [n.title for n in g] == [n.title for n in group])
    return edited, target, at


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=150)
@given(rng=st.randoms(use_true_random=False), data=st.data())
def test_removing_one_item_changes_the_tree_at_that_item_only(rng, data) -> None:
    edited, siblings, at = a_sibling_list(rng, data, 0, 2)  # not the last: the next one shows the gap
    assume(not siblings[at].children)  # an item: a heading with children takes them along
    removed = siblings.pop(at)
    got, codes = parse(edited, rng)
    assert got == places(edited)
    assert NUMBERING & set(codes), f"no numbering diagnostic after removing {removed.title!r}"


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=150)
@given(rng=st.randoms(use_true_random=False), data=st.data())
def test_an_item_repeating_the_number_before_it_changes_nothing_else(rng, data) -> None:
    edited, siblings, at = a_sibling_list(rng, data, 1, 1)
    siblings[at].number = siblings[at - 1].number  # the edition forgot to renumber
    got, codes = parse(edited, rng)
    assert got == places(edited)
    assert NUMBERING & set(codes)

def test_the_2020_list_without_any_one_of_its_first_tasks() -> None:
    """The issue's case: an edition drops one ① and does not renumber. For every ① of the
    2020 list followed by a ②, the list without it keeps every other node in its place."""
    from extract.pipeline import parse_text

    from .paths import FIXTURE

    text = FIXTURE.read_text(encoding="utf-8")
    lines = text.split("\n")
    whole = places(parse_text(text).document.children)
    following = [next((line for line in lines[i + 1 :] if line.strip()), "") for i in range(len(lines))]
    dropped = [i for i, line in enumerate(lines) if line.startswith("①") and following[i].startswith("②")]
    assert len(dropped) >= 10
    for i in dropped:
        document = parse_text("\n".join(lines[:i] + lines[i + 1 :])).document
        title = next(p[1] for p in whole if lines[i].startswith("① " + p[1]))
        assert places(document.children) == [p for p in whole if p[1] != title], lines[i]
        assert "numbering-gap" in {d.code for d in document.diagnostics}
