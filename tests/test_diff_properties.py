"""Property tests of ``plan-extract diff`` on random plans (``extract.synthetic``).

- diff(a, a) is empty, and so is the diff of one tree in two random layouts;
- diff(b, a) is the mirror image of diff(a, b), ties included;
- a random set of edits (``edit_plan``) is reported exactly: the true pairing of the two
  editions is known from each copied node's ``origin``, and the expected changes are worked
  out from the two trees, never from the diff.
"""

from __future__ import annotations

import random
import tomllib
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from extract.diff.match import title_key
from extract.diff.report import build_report
from extract.models import iter_nodes
from extract.pipeline import parse_text
from extract.stages.agencies import load_lineage, load_registry
from extract.stages.profile import load_profile
from extract.synthetic import TITLE_ENDINGS, Layout, SynthNode, edit_plan, random_plan, render

from .paths import ROOT

PROFILE = load_profile()
# Each example parses two or three plans: a share of the profile's examples keeps the suite
# quick (HYPOTHESIS_PROFILE=thorough still runs thousands).
EXAMPLES = max(settings.default.max_examples // 2, 10)
HANGUL_FIRST, HANGUL_COUNT = 0xAC00, 11172
# Titles this much alike could be one task renamed; the distinctness assumption keeps
# every other pair of titles below it (the documented title floor: 0.7 × 0.5 + 0.3 = 0.65).
ALIKE = 0.5

DEFAULT_LAYOUT = Layout()
layouts = st.builds(
    Layout,
    run_on=st.floats(0, 1),
    wrap=st.floats(0, 0.3),
    lost_comma=st.floats(0, 1),
    header_every=st.sampled_from([0, 0, 3]),
)


def _document(nodes: list[SynthNode], rng: random.Random, layout: Layout = DEFAULT_LAYOUT, year: int = 2021):
    return parse_text(render(nodes, rng, layout, year=year)).document


def _diff(a, b):
    return build_report(a, b, old_path="a", new_path="b")


def _hangul_word(rng: random.Random) -> str:
    return "".join(chr(HANGUL_FIRST + rng.randrange(HANGUL_COUNT)) for _ in range(rng.randint(2, 4)))


def _distinct_titles(rng: random.Random, nodes: list[SynthNode]) -> None:
    """Titles of random syllables (two or three words and an ending), so that two nodes are
    alike only when one was made from the other."""
    for node in nodes:
        node.title = " ".join([*(_hangul_word(rng) for _ in range(rng.randint(2, 3))), rng.choice(TITLE_ENDINGS)])
        _distinct_titles(rng, node.children)


@settings(max_examples=EXAMPLES // 2, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), layout=layouts, other=layouts)
def test_an_edition_against_itself_is_identical(rng: random.Random, layout: Layout, other: Layout) -> None:
    tree = random_plan(rng, PROFILE)
    a = _document(tree, rng, layout)
    for b in (a, _document(tree, rng, other)):  # the same plan, laid out another way
        report = _diff(a, b)
        assert report.summary.identical
        assert all(e.status == "unchanged" and e.old.id == e.new.id for e in report.tasks + report.headings)
        assert len(report.tasks) + len(report.headings) == sum(1 for _ in iter_nodes(a.children))


def _by_pair(report) -> dict[tuple[str | None, str | None], tuple]:
    return {
        (e.old.id if e.old else None, e.new.id if e.new else None): (
            e.status,
            tuple(e.changes),
            e.similarity,
            _agency_changes(e),
            e.related.id if e.related else None,
        )
        for e in report.tasks + report.headings
    }


def _agency_changes(entry) -> tuple:
    """The entry's agency changes as a sorted tuple of (relation, old text, new text, date)."""
    return tuple(
        sorted(
            (c.relation, c.old.text if c.old else "", c.new.text if c.new else "", c.reorganised or "")
            for c in entry.agency_changes
        )
    )


MIRROR_RELATION = {"added": "removed", "removed": "added"}
MIRROR_STATUS = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), count=st.integers(0, 12))
def test_reversed_diff_is_the_mirror_image(rng: random.Random, count: int) -> None:
    """Synthetic titles repeat a lot, so ties between pairings are common here."""
    tree = random_plan(rng, PROFILE)
    edited, _ = edit_plan(rng, tree, count)
    a, b = _document(tree, rng), _document(edited, rng)
    forward, backward = _by_pair(_diff(a, b)), _by_pair(_diff(b, a))
    mirrored = {
        (new, old): (MIRROR_STATUS[status], changes, similarity, _mirror(agencies), related)
        for (old, new), (status, changes, similarity, agencies, related) in backward.items()
    }
    assert forward == mirrored
    ab, ba = _diff(a, b).summary, _diff(b, a).summary
    for part in ("tasks", "headings"):
        one, two = getattr(ab, part), getattr(ba, part)
        assert (one.old, one.new, one.status.added, one.status.removed) == (
            two.new,
            two.old,
            two.status.removed,
            two.status.added,
        )
        assert one.changes == two.changes


def _mirror(agency_changes: tuple) -> tuple:
    return tuple(
        sorted((MIRROR_RELATION.get(relation, relation), new, old, day) for relation, old, new, day in agency_changes)
    )


def _ids(nodes: list[SynthNode], prefix: str = "") -> dict[int, tuple[str, SynthNode | None]]:
    """id(node) → (the node's id in the parsed document, its parent node)."""
    out: dict[int, tuple[str, SynthNode | None]] = {}

    def walk(children: list[SynthNode], prefix: str, parent: SynthNode | None) -> None:
        for node in children:
            node_id = f"{prefix}.{node.number}" if prefix else str(node.number)
            out[id(node)] = (node_id, parent)
            walk(node.children, node_id, node)

    walk(nodes, prefix, None)
    return out


def _all(nodes: list[SynthNode]):
    for node in nodes:
        yield node
        yield from _all(node.children)


def _expected(tree: list[SynthNode], edited: list[SynthNode], a, b) -> dict[tuple[str | None, str | None], tuple]:
    """(old id, new id) → (status, changes), from the trees and their origin links."""
    old_ids, new_ids = _ids(tree), _ids(edited)
    agencies_a = {n.id: {x.name or x.text for x in n.agencies or ()} for n in iter_nodes(a.children)}
    agencies_b = {n.id: {x.name or x.text for x in n.agencies or ()} for n in iter_nodes(b.children)}
    expected: dict[tuple[str | None, str | None], tuple] = {}
    continued = set()
    for node in _all(edited):
        new_id, new_parent = new_ids[id(node)]
        if node.origin is None:
            expected[(None, new_id)] = ("added", ())
            continue
        continued.add(id(node.origin))
        old_id, old_parent = old_ids[id(node.origin)]
        changes = []
        if node.title != node.origin.title:
            changes.append("renamed")
        same_parent = (new_parent.origin if new_parent else None) is old_parent
        if not same_parent:
            changes.append("moved")
        elif node.number != node.origin.number:
            changes.append("renumbered")
        if agencies_a[old_id] != agencies_b[new_id]:
            changes.append("agencies")
        expected[(old_id, new_id)] = ("changed" if changes else "unchanged", tuple(changes))
    for node in _all(tree):
        if id(node) not in continued:
            expected[(old_ids[id(node)][0], None)] = ("removed", ())
    return expected


def _distinguishable(tree: list[SynthNode], edited: list[SynthNode]) -> bool:
    """No two titles are alike unless one node continues the other."""
    olds = list(_all(tree))
    for node in _all(edited):
        key = title_key(node.title)
        for old in olds:
            if old is not node.origin and fuzz.ratio(key, title_key(old.title)) / 100 >= ALIKE:
                return False
    return True


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(rng=st.randoms(use_true_random=False), count=st.integers(1, 10))
def test_random_edits_are_reported(rng: random.Random, count: int) -> None:
    tree = random_plan(rng, PROFILE)
    _distinct_titles(rng, tree)
    edited, edits = edit_plan(rng, tree, count, word=lambda: _hangul_word(rng))
    assume(_distinguishable(tree, edited))
    a, b = _document(tree, rng, year=2020), _document(edited, rng)
    report = _diff(a, b)
    actual = {key: (status, changes) for key, (status, changes, *_rest) in _by_pair(report).items()}
    assert actual == _expected(tree, edited, a, b), edits


# --- reorganisations: a successor is never a reassignment -----------------------------------------

REGISTRY = tomllib.loads((ROOT / "extract" / "data" / "agencies.toml").read_text(encoding="utf-8"))["agency"]
LINEAGE = load_lineage(PROFILE.registry_file)
# Every dated reorganisation in the registry: day → the agencies it changed.
REORGANISATION_DAYS = sorted({heir.since for heirs in LINEAGE.values() for heir in heirs if heir.since})


def _valid(entry: dict, day: date) -> bool:
    since = date.fromisoformat(entry["since"]) if "since" in entry else date.min
    until = date.fromisoformat(entry["until"]) if "until" in entry else date.max
    return since <= day <= until and entry["type"] != "collective"


def _written_forms(name: str, year: int) -> list[str]:
    """The ways a plan of ``year`` may write agency ``name``: its name, and each alias that means it then."""
    registry = load_registry(PROFILE, year)
    entry = next(e for e in REGISTRY if e["name"] == name)
    return [w for w in (name, *entry.get("aliases", ())) if registry.canonical(w) == name]


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(rng=st.randoms(use_true_random=False), day=st.sampled_from(REORGANISATION_DAYS))
def test_a_reorganisation_reads_as_successors_never_as_reassignments(rng: random.Random, day: date) -> None:
    """A random plan; a reorganisation of the registry (all its changes on one day: successors,
    splits); the next edition writes each affected agency as one or all of its heirs, and any
    agency under any of its names then: every agency change is successor or renamed."""
    old_year = day.year if day > date(day.year, 7, 1) else day.year - 1  # a plan of old_year predates it
    new_year = day.year if day <= date(day.year, 7, 1) else day.year + 1  # … one of new_year follows it
    before, after = date(old_year, 7, 1), date(new_year, 7, 1)
    changed = {
        name: [h.name for h in heirs]
        for name, heirs in LINEAGE.items()
        if any(h.since == day for h in heirs) and _valid(next(e for e in REGISTRY if e["name"] == name), before)
    }
    assume(changed)
    stable = [e["name"] for e in REGISTRY if _valid(e, before) and _valid(e, after) and e["name"] not in changed]
    tree = random_plan(rng, PROFILE)
    tasks = [n for n in _all(tree) if n.is_task]
    rewrites: list[tuple[list[str], list[str]]] = []  # per task: (old agencies, new agencies) as canonical names
    for i, task in enumerate(tasks):
        names = rng.sample(sorted(changed), min(len(changed), rng.randint(1, 2))) if i % 2 == 0 else []
        names += [n for n in rng.sample(stable, rng.randint(0, 2)) if n not in names]
        names = names or [rng.choice(sorted(changed))]
        new_names: list[str] = []
        for name in names:
            heirs = changed.get(name, [name])
            for heir in heirs if rng.random() < 0.5 else [rng.choice(heirs)]:
                if heir not in new_names:
                    new_names.append(heir)
        rewrites.append((names, new_names))
    edited, _ = edit_plan(rng, tree, 0)
    edited_tasks = [n for n in _all(edited) if n.is_task]
    for task, copy, (names, new_names) in zip(tasks, edited_tasks, rewrites, strict=True):
        task.agencies = [rng.choice(_written_forms(n, old_year)) for n in names]
        copy.agencies = [rng.choice(_written_forms(n, new_year)) for n in new_names]
    a, b = _document(tree, rng, year=old_year), _document(edited, rng, year=new_year)
    for document, expected in ((a, [r[0] for r in rewrites]), (b, [r[1] for r in rewrites])):
        parsed = [[x.name for x in n.agencies or ()] for n in iter_nodes(document.children) if n.kind == "task"]
        assume(parsed == expected)  # the rows read back as written (a title word may swallow an agency)
    report = _diff(a, b)
    relations = {c.relation for e in report.tasks for c in e.agency_changes}
    assert relations <= {"successor", "renamed"}, [
        (e.old.title, [(c.relation, c.old, c.new) for c in e.agency_changes]) for e in report.tasks
    ]
    assert all(e.status != "added" and e.status != "removed" for e in report.tasks)
