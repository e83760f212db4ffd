"""Benchmark of ``plan-extract diff``: two synthetic editions of 200 … 2,000 tasks.

    python3 benchmarks/bench_diff.py [--sizes 200 500 1000 2000] [--repeat 3] [--seed 2020]

Each first edition is a random plan shaped like the 2020 list (분야 / 1. / 1-1. / ①) with
N tasks ± 5% (``extract.synthetic.random_plan``, whose sizes vary a lot from seed to seed:
seeds are tried in order from ``--seed`` until one gives such a plan, so the run is still
reproducible); the second is a copy with N/10 random
edits (``edit_plan``: renames, drops, additions, agency changes, moves, swapped headings).
Both are parsed once, outside the timing; the diff (matching + report) is timed, best of
``--repeat``, and so are the two readable renderings. Target: ≤ 2 s for 2,000 tasks.
Prints the machine, a table, how the time grows (the exponent k in time ∝ N^k), and at
the largest size the extremes: an edition against itself, and two unrelated plans.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import time
from importlib.metadata import version

from extract.diff.match import Outline, match
from extract.diff.render_html import render_html
from extract.diff.render_md import render_markdown
from extract.diff.report import build_report
from extract.diff.tasks import choose
from extract.models import iter_nodes
from extract.pipeline import parse_text
from extract.stages.profile import load_profile
from extract.synthetic import Layout, edit_plan, random_plan, render

CHAIN = ("area", "strategy", "substrategy", "task")
TARGET_SECONDS = 2.0
TARGET_SIZE = 2000


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def plan(size: int, seed: int):
    """A 2020-shaped random tree with ``size`` ± 5% tasks, and the generator that made it."""
    profile = load_profile()
    for attempt in range(seed, seed + 1000):
        rng = random.Random(attempt * 100_003 + size)
        tree = random_plan(rng, profile, size=size, chain=CHAIN)
        if abs(sum(1 for _ in _tasks(tree)) - size) <= size * 0.05:
            return tree, rng
    raise SystemExit(f"no seed from {seed} gave a plan of {size} ± 5% tasks")


def editions(size: int, seed: int):
    tree, rng = plan(size, seed)
    edited, edits = edit_plan(rng, tree, max(size // 10, 1))
    old = parse_text(render(tree, rng, Layout(), year=2020)).document
    new = parse_text(render(edited, rng, Layout(), year=2021)).document
    return old, new, len(edits)


def _tasks(nodes):
    for node in nodes:
        if node.is_task:
            yield node
        yield from _tasks(node.children)


def time_one(old, new, repeat: int):
    """Best-of-``repeat`` seconds of the matching alone, the whole diff, and the two renderings."""
    rule = choose(old, new, load_profile().task_kinds)
    match_s, _ = best_of(repeat, lambda: match(Outline.of(old, rule.is_task), Outline.of(new, rule.is_task)))
    diff_s, report = best_of(repeat, lambda: build_report(old, new, old_path="old", new_path="new"))
    md_s, _ = best_of(repeat, lambda: render_markdown(report))
    html_s, _ = best_of(repeat, lambda: render_html(report))
    return match_s, diff_s, md_s, html_s, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"machine: {platform.machine()}, {cores} cores, {platform.processor() or platform.system()}; "
        f"python {platform.python_version()}; rapidfuzz {version('rapidfuzz')}, scipy {version('scipy')}, "
        f"numpy {version('numpy')}"
    )
    header = ("tasks old/new", "nodes", "edits", "match s", "diff s", "md s", "html s", "changed+added+removed")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    rows = []
    for size in args.sizes:
        old, new, n_edits = editions(size, args.seed)
        tasks_old = sum(n.kind == "task" for n in iter_nodes(old.children))
        tasks_new = sum(n.kind == "task" for n in iter_nodes(new.children))
        nodes = sum(1 for _ in iter_nodes(old.children))
        match_s, diff_s, md_s, html_s, report = time_one(old, new, args.repeat)
        status = report.summary.tasks.status
        rows.append((tasks_old, diff_s))
        times = " | ".join(f"{s:.3f}" for s in (match_s, diff_s, md_s, html_s))
        counts = f"{status.changed}+{status.added}+{status.removed}"
        print(f"{tasks_old}/{tasks_new} | {nodes} | {n_edits} | {times} | {counts}")
    print()
    for (n1, t1), (n2, t2) in zip(rows, rows[1:], strict=False):
        k = math.log(t2 / t1) / math.log(n2 / n1)
        print(f"{n1} → {n2} tasks: time × {t2 / t1:.2f} for size × {n2 / n1:.2f} (k ≈ {k:.2f})")
    size = max(args.sizes)
    old, _, _ = editions(size, args.seed)
    unrelated, rng = plan(size, args.seed + 7919)
    other = parse_text(render(unrelated, rng, Layout(), year=2021)).document
    print()
    for name, new in (("an edition against itself", old), ("two unrelated plans", other)):
        _, seconds, _, _, report = time_one(old, new, args.repeat)
        status = report.summary.tasks.status
        print(
            f"{size} tasks, {name}: diff {seconds:.3f} s ({status.unchanged} unchanged, {status.changed} changed, "
            f"{status.added} added, {status.removed} removed)"
        )
    largest = [t for n, t in rows if n >= TARGET_SIZE * 0.95]
    if largest:
        verdict = "met" if max(largest) <= TARGET_SECONDS else "MISSED"
        print(f"target ≤ {TARGET_SECONDS:.0f} s for {TARGET_SIZE} tasks: {verdict} ({max(largest):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
