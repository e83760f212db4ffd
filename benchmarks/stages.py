"""``python -m benchmarks.stages [SIZE_BYTES | FILE]``: CPU time per pipeline stage, per node.

Wraps the stage functions the pipeline module calls with a CPU-time counter
(only the outermost: a stage called inside another counts as part of it) and
parses one synthetic plan (or FILE, 200 times). A profiler's own overhead falls
hardest on small Python functions; this counts whole stages, where the targets
are set. Each counter costs ~1-2 µs a call, included in its stage's figure.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.__main__ import synthetic_plan  # noqa: E402
from extract import pipeline  # noqa: E402


_depth = [0]  # stage calls in progress


def counted(name: str, totals: dict[str, float]):
    inner = getattr(pipeline, name)

    def wrapper(*args, **kwargs):
        if _depth[0]:
            return inner(*args, **kwargs)
        _depth[0] += 1
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.process_time() - start
            _depth[0] -= 1

    return wrapper


def _count(nodes: list[dict]) -> int:
    return sum(1 + _count(node.get("children", [])) for node in nodes)


def main(argv: list[str]) -> int:
    given = Path(argv[0]) if argv and not argv[0].isdigit() else None
    data = given.read_bytes() if given else synthetic_plan(int(argv[0]) if argv else 1_000_000)
    repeat = 200 if given else 1  # a small file is timed over many parses
    totals: dict[str, float] = {}
    # Every callable the pipeline module holds that is one of our stages, by name.
    names = [
        name
        for name, value in vars(pipeline).items()
        if callable(value) and getattr(value, "__module__", "").startswith("extract.") and not isinstance(value, type)
        and name not in {"parse_document", "_parse_document", "read_document", "text_document", "parse_bytes", "parse_text", "parse_file", "load", "contextmanager"}
    ]
    for name in names:
        setattr(pipeline, name, counted(name, totals))
    pipeline.parse_bytes(data)  # warm-up: registry, profile and regex caches
    totals.clear()
    start = time.process_time()
    for _ in range(repeat):
        parsed = pipeline.parse_bytes(data)
    total = (time.process_time() - start) / repeat
    totals = {name: seconds / repeat for name, seconds in totals.items()}
    nodes = _count(parsed.data["children"])
    print(f"{len(data) / 1e6:.2f} MB, {nodes} nodes: {total * 1000:.0f} ms CPU, {len(data) / total / 1e6:.2f} MB/s, {total / nodes * 1e6:.1f} µs/node")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {seconds * 1000:8.1f} ms {seconds / nodes * 1e6:7.1f} µs/node")
    rest = total - sum(totals.values())
    print(f"  {'(the pipeline itself)':22s} {rest * 1000:8.1f} ms {rest / nodes * 1e6:7.1f} µs/node")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
