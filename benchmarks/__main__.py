"""``python -m benchmarks [--quick] [--json PATH]``: speed, scaling and memory, side by side.

Every figure comes from one run on one machine, and the targets are ratios or
rates measured in that run, so they mean the same on a faster or slower box.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .real import CORPUS, bench_batch, bench_cli, bench_pdfs
from .real import bench_memory as real_memory
from .real import render as render_real

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "source.txt"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"


def synthetic_plan(size_bytes: int, seed: int = 1) -> bytes:
    """A run-on plan of about ``size_bytes`` UTF-8 bytes, from the property tests' generator."""
    from extract.stages.profile import load_profile
    from extract.synthetic import Layout, random_plan, render

    profile = load_profile()
    rng = random.Random(seed)
    layout = Layout(header_every=7, page_numbers=True)
    chunks: list[str] = []
    total = 0
    while total < size_bytes:
        chunk = render(random_plan(rng, profile, size=200), rng, layout, year=2021)
        chunks.append(chunk)
        total += len(chunk.encode())
    return "".join(chunks).encode()


def median_time(fn, repeat: int, clock=time.process_time) -> float:
    """Median time of ``repeat`` calls, in seconds (one warm-up call first).

    In-process work is timed in CPU seconds: on a shared virtual machine the wall
    clock also counts time the CPU was lent to others, and varies by ±50% run to run.
    """
    fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def bench_fixture(repeat: int) -> dict:
    from extract.stages.profile import load_profile
    from extract.pipeline import parse_document
    from extract.readers.text import read_source, text_document

    profile = load_profile()
    document = text_document(read_source(FIXTURE))
    seconds = median_time(lambda: parse_document(document, profile), repeat)
    return {"name": "parse + validate fixtures/source.txt", "ms": seconds * 1000, "target_ms": 2.0}


def bench_throughput(sizes: list[int], repeat: int) -> list[dict]:
    from extract.pipeline import parse_bytes
    from extract.stages.profile import load_profile

    marker_pattern = load_profile().marker_pattern
    rows = []
    for size in sizes:
        data = synthetic_plan(size)
        text = data.decode()
        parse = median_time(lambda: parse_bytes(data), repeat)
        scan = median_time(lambda: sum(1 for _ in marker_pattern.finditer(text)), repeat)
        rows.append(
            {
                "name": f"parse synthetic {len(data) / 1e6:.1f} MB",
                "bytes": len(data),
                "seconds": parse,
                "mb_per_s": len(data) / 1e6 / parse,
                "bare_regex_seconds": scan,
                "ratio_to_bare_regex": parse / scan,
                "target_mb_per_s": 5.0,
            }
        )
    return rows


# VmHWM, not ru_maxrss: on Linux a child's ru_maxrss keeps the peak of the parent
# it was forked from (this benchmark, after parsing 10 MB), while exec resets VmHWM.
MEMORY_PROBE = """
import sys
from pathlib import Path
from extract.cli import main
files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]
code = main(["parse", "-q", *files, "-o", sys.argv[3]])
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), code)
"""


def bench_memory(counts: list[int]) -> dict:
    """Peak RSS of one ``parse`` run over N editions: flat means it does not grow with N."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        for i in range(max(counts)):
            (inputs / f"edition-{i:04d}.txt").write_bytes(synthetic_plan(8_000, seed=i))
        peaks = {}
        for count in counts:
            out = Path(work) / f"out-{count}"
            result = subprocess.run(
                [sys.executable, "-c", MEMORY_PROBE, str(inputs), str(count), str(out)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            peaks[count] = int(result.stdout.split()[0]) / 1024  # VmHWM is in kB
    first, last = peaks[min(counts)], peaks[max(counts)]
    return {
        "name": "peak RSS, one parse run over N editions",
        "peak_mib": {str(k): round(v, 1) for k, v in peaks.items()},
        "growth": last / first,
        "target": "flat (growth ≤ 1.1)",
    }


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "system": platform.system(),
    }


def render_table(results: dict) -> str:
    lines = ["| benchmark | figure | target | met |", "| --- | --- | --- | --- |"]
    f = results["fixture"]
    lines.append(f"| {f['name']} | {f['ms']:.2f} ms | ≤ {f['target_ms']} ms | {_met(f['ms'] <= f['target_ms'])} |")
    rows = results["throughput"]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['mb_per_s']:.2f} MB/s ({row['seconds']:.2f} s; "
            f"{row['ratio_to_bare_regex']:.1f}× the bare marker-regex scan) | ≥ {row['target_mb_per_s']} MB/s | "
            f"{_met(row['mb_per_s'] >= row['target_mb_per_s'])} |"
        )
    if len(rows) >= 2:
        ratio = rows[-1]["seconds"] / rows[0]["seconds"]
        size_ratio = rows[-1]["bytes"] / rows[0]["bytes"]
        lines.append(f"| time(10 MB) / time(1 MB) (sizes ×{size_ratio:.1f}) | {ratio:.2f} | ≤ 11 | {_met(ratio <= 11)} |")
    m = results["memory"]
    peaks = ", ".join(f"{k}: {v} MiB" for k, v in m["peak_mib"].items())
    lines.append(f"| {m['name']} | {peaks} (×{m['growth']:.2f}) | {m['target']} | {_met(m['growth'] <= 1.1)} |")
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs and fewer repeats (a smoke run)")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="an older checkout (git archive REV | tar -x -C DIR) measured in the same run, taking turns",
    )
    parser.add_argument("--plans", type=int, help="plans in the batch (default 200; --quick 40)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the results (default {DEFAULT_JSON})")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    quick = args.quick
    results = {
        "machine": machine(),
        "fixture": bench_fixture(repeat=20 if quick else 200),
        "throughput": bench_throughput([100_000, 1_000_000] if quick else [1_000_000, 10_000_000], repeat=1 if quick else 3),
        "memory": bench_memory([10, 100] if quick else [10, 100, 1000]),
    }
    trees = {"this": ROOT} if args.baseline is None else {"before": args.baseline.resolve(), "this": ROOT}
    names = list(trees)
    real = {"trees": {k: str(v) for k, v in trees.items()}}
    if CORPUS.is_dir():
        real["pdfs"] = bench_pdfs(trees, repeat=2 if quick else 5)
        real["batch"] = bench_batch(trees, args.plans or (40 if quick else 200))
        real["memory"] = real_memory(trees)
    real["cli"] = bench_cli(trees, repeat=5 if quick else 21)
    results["real"] = real
    results["self_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = render_table(results) + "\n\nReal plans (" + str(CORPUS) + "):\n\n" + render_real(real, names)
    m = results["machine"]
    print(f"plan-extract benchmarks — Python {m['python']} on {m['cpus']} CPUs ({m['machine']}, {m['system']})")
    print(table)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({**results, "table": table}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
