"""Benchmark batch runs: ``parse DIR --jobs 1`` against ``--jobs N``, and the exports.

    python3 benchmarks/batch.py [--plans 40] [--tasks 300] [--jobs 2] [--save]

Writes ``--plans`` synthetic plans of about ``--tasks`` tasks each (``extract.synthetic``,
seeded, so every run reads the same text) into a temporary directory, then times, as a user
would run them (a fresh ``python -m extract`` process each): parse with one process and with
``--jobs``; export of the parsed JSON to CSV, JSON Lines and SQLite; and a second SQLite
export of the same editions (every one replaced). Prints the figures; ``--save`` also writes
them to ``benchmarks/results/batch.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.stages.profile import load_profile  # noqa: E402
from extract.synthetic import Layout, random_plan, render  # noqa: E402


def make_plans(directory: Path, plans: int, tasks: int) -> int:
    profile = load_profile()
    size = 0
    for seed in range(plans):
        rng = random.Random(seed)
        layout = Layout(header_every=12, page_numbers=True)
        text = render(random_plan(rng, profile, size=tasks), rng, layout, year=2000 + seed)
        path = directory / f"plan-{seed:03d}.txt"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


CPU: dict[str, float] = {}  # command → CPU seconds of it and its worker processes


def timed(*args: str) -> float:
    """Wall-clock seconds of ``plan-extract ARGS -q``; its CPU seconds go to ``CPU``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "extract", *args, "-q"], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"plan-extract {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    CPU[" ".join(args)] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=40)
    parser.add_argument("--tasks", type=int, default=300, help="about this many tasks per plan")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--save", action="store_true", help="write benchmarks/results/batch.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "plans").mkdir()
        size = make_plans(work / "plans", args.plans, args.tasks)
        plans = str(work / "plans")
        figures: dict[str, float | int] = {"plans": args.plans, "input_bytes": size, "jobs": args.jobs}
        figures["parse_jobs_1_s"] = timed("parse", plans, "-o", str(work / "json-1"))
        figures["parse_jobs_1_cpu_s"] = CPU.popitem()[1]
        figures[f"parse_jobs_{args.jobs}_s"] = timed("parse", plans, "-o", str(work / "json-n"), "--jobs", str(args.jobs))
        figures[f"parse_jobs_{args.jobs}_cpu_s"] = CPU.popitem()[1]
        figures["load_average"] = os.getloadavg()[0]  # other work on the machine leaves fewer CPUs to the workers
        outputs = sorted((work / "json-1").glob("*.json"))
        same = all(p.read_bytes() == (work / "json-n" / p.name).read_bytes() for p in outputs)
        figures["jobs_outputs_identical"] = same
        json_dir = str(work / "json-1")
        figures["export_csv_s"] = timed("export", json_dir, "-o", str(work / "tasks.csv"))
        figures["export_jsonl_s"] = timed("export", json_dir, "-o", str(work / "tasks.jsonl"))
        figures["export_sqlite_s"] = timed("export", json_dir, "-o", str(work / "plans.sqlite"))
        figures["export_sqlite_again_s"] = timed("export", json_dir, "-o", str(work / "plans.sqlite"))
        figures["tasks"] = (work / "tasks.csv").read_text(encoding="utf-8").count("\n") - 1
        figures["sqlite_bytes"] = (work / "plans.sqlite").stat().st_size
        figures["csv_bytes"] = (work / "tasks.csv").stat().st_size

    one, many = figures["parse_jobs_1_s"], figures[f"parse_jobs_{args.jobs}_s"]
    print(f"{args.plans} plans, {figures['tasks']} tasks, {size / 1e6:.1f} MB of text ({os.cpu_count()} CPUs)")
    cpu_one, cpu_many = figures["parse_jobs_1_cpu_s"], figures[f"parse_jobs_{args.jobs}_cpu_s"]
    print(f"parse --jobs 1:         {one:6.2f} s  ({args.plans / one:5.1f} plans/s), CPU {cpu_one:.2f} s")
    print(
        f"parse --jobs {args.jobs}:         {many:6.2f} s  ({args.plans / many:5.1f} plans/s, x{one / many:.2f}),"
        f" CPU {cpu_many:.2f} s"
    )
    print(f"  load average:         {figures['load_average']:.2f} (other processes compete for the CPUs)")
    print(f"  same outputs:         {same}")
    for name in ("csv", "jsonl", "sqlite", "sqlite_again"):
        seconds = figures[f"export_{name}_s"]
        print(f"export {name:<14}  {seconds:6.2f} s  ({figures['tasks'] / seconds:7.0f} tasks/s)")
    print(f"SQLite file:            {figures['sqlite_bytes'] / 1e6:6.2f} MB (CSV {figures['csv_bytes'] / 1e6:.2f} MB)")
    if args.save:
        out = ROOT / "benchmarks" / "results" / "batch.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
