"""``python -m benchmarks.adversarial [--sizes 0.1,1,10] [--json PATH]``: time per MB of inputs
built to be slow, beside the 2020 list's synthetic scale-up measured in the same run.

Each shape is a function ``size in bytes → bytes`` (``SHAPES``), shared with
``tests/test_linear_time.py``, which runs small versions of them. The targets
(issue 14): every shape within 12× going from 1 MB to 10 MB, and none slower per MB
than the synthetic plan by more than 3×.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "adversarial.json"
SCALE_TARGET = 12.0  # time(10 MB) / time(1 MB)
PER_MB_TARGET = 3.0  # time per MB / the synthetic plan's


def _repeat(unit: str, size: int, head: str = "") -> bytes:
    count = max(1, (size - len(head.encode())) // len(unit.encode()))
    return (head + unit * count).encode()


def synthetic(size: int) -> bytes:
    """The baseline: the property tests' random plans, rendered run-on, with page furniture."""
    from benchmarks.__main__ import synthetic_plan

    return synthetic_plan(size)


def one_long_line(size: int) -> bytes:
    """The synthetic plan with every line break made a space: one line of ``size`` bytes."""
    return synthetic(size).replace(b"\r\n", b" ").replace(b"\n", b" ")


def marker_soup(size: int) -> bytes:
    """Task markers, a word and an agency, over and over on one line (16,000 in 250 KB)."""
    return _repeat("① 과제 행안부 ", size)


def prose(size: int) -> bytes:
    """One task, then prose without a marker: the trailing-fragment search's worst case."""
    return _repeat("국민 참여를 확대하고 제도를 개선한다 ", size, head="① 공공서비스 개선 행안부\n")


def substrategy_run(size: int) -> bytes:
    """``1-1. `` × N: markers that all claim the same number."""
    return _repeat("1-1. ", size)


def staircase(size: int) -> bytes:
    """As deep as the default profile nests (every family, one level each), over and over."""
    unit = "Ⅰ. 부문\n분야 1 | 영역\n1. 전략\n1-1. 세부\n가. 항목\n1) 세목\n가) 소목\n(1) 과제군\n① 과제 추진 행안부\n"
    return _repeat(unit, size)


def glued_word(size: int) -> bytes:
    """One task whose last word runs on without a space for the whole input: the search for an
    agency run into the title (강화산업부) must not try every ending of it."""
    return _repeat("가", size, head="① 과제 추진 ")


def word_stream(size: int) -> bytes:
    """One word per line, as OCR tools write: the word-stream reader rebuilds the lines."""
    return _repeat("○\n과제\n추진\n확대\n중기부\n", size)


def deep_json(size: int) -> bytes:
    """``[`` × N: JSON nested past any parser's stack, for ``export``/``diff`` (refused, exit 4)."""
    return b"[" * size


def parse_plan(data: bytes) -> None:
    from extract.errors import PlanError
    from extract.pipeline import parse_bytes

    try:
        parse_bytes(data)
    except PlanError:
        pass  # a shape without a plan in it is refused: the time to say so is what counts


def load_json(data: bytes) -> None:
    from extract.errors import PlanError
    from extract.load import documents_from_json

    try:
        documents_from_json(data)
    except PlanError:
        pass


# name → (make input of about N bytes, what reads it)
SHAPES: dict[str, tuple[Callable[[int], bytes], Callable[[bytes], None]]] = {
    "synthetic": (synthetic, parse_plan),
    "one-long-line": (one_long_line, parse_plan),
    "marker-soup": (marker_soup, parse_plan),
    "prose": (prose, parse_plan),
    "1-1. × N": (substrategy_run, parse_plan),
    "staircase": (staircase, parse_plan),
    "glued-word": (glued_word, parse_plan),
    "word-stream": (word_stream, parse_plan),
    "deep-json": (deep_json, load_json),
}


def cpu_seconds(read: Callable[[bytes], None], data: bytes, repeat: int = 1) -> float:
    """Least CPU time of ``repeat`` runs (CPU, not wall: the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        read(data)
        best = min(best, time.process_time() - start)
    return best


def measure(sizes_mb: list[float]) -> list[dict]:
    rows = []
    for name, (make, read) in SHAPES.items():
        row: dict = {"shape": name, "seconds_per_mb": {}}
        for mb in sizes_mb:
            data = make(int(mb * 1_000_000))
            seconds = cpu_seconds(read, data, repeat=3 if mb < 1 else 1)
            row["seconds_per_mb"][f"{mb:g}"] = seconds / (len(data) / 1e6)
            row.setdefault("seconds", {})[f"{mb:g}"] = seconds
        rows.append(row)
    return rows


def render(rows: list[dict], sizes_mb: list[float]) -> str:
    keys = [f"{mb:g}" for mb in sizes_mb]
    base = rows[0]["seconds_per_mb"][keys[-1]]
    head = " | ".join(f"s/MB @ {k} MB" for k in keys)
    lines = [f"| shape | {head} | time ×{sizes_mb[-1] / sizes_mb[-2]:g} size | per MB / synthetic | met |", "|---" * (len(keys) + 4) + "|"]
    for row in rows:
        per = row["seconds_per_mb"]
        scale = row["seconds"][keys[-1]] / max(row["seconds"][keys[-2]], 1e-9)
        relative = per[keys[-1]] / base
        # A shape refused in milliseconds (deep JSON) has no scaling to speak of: timer noise.
        ok = (scale <= SCALE_TARGET or row["seconds"][keys[-1]] < 0.05) and relative <= PER_MB_TARGET
        cells = " | ".join(f"{per[k]:.3f}" for k in keys)
        lines.append(f"| {row['shape']} | {cells} | {scale:.1f} | {relative:.2f} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adversarial", description=__doc__)
    parser.add_argument("--sizes", default="0.1,1,10", help="sizes in MB, comma-separated (default 0.1,1,10)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the results (default {DEFAULT_JSON})")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = measure(sizes)
    table = render(rows, sizes)
    print(table)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "table": table}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
