"""``python -m benchmarks.adversarial [--sizes 0.1,1,10] [--rounds 2] [--json PATH]``: time per MB of inputs
built to be slow, beside the 2020 list's synthetic scale-up measured in the same run.

Each shape is a function ``size in bytes → bytes`` (``SHAPES``), shared with
``tests/test_linear_time.py``, which runs small versions of them. The targets
(issue 14): every shape within 12× going from 1 MB to 10 MB, and none slower per MB
than the synthetic plan by more than 3×.

Beside them, ``linear reference``: no parse, but a pure-Python pass over the synthetic
input that is linear by construction (``linear_reference``). What it grows from 1 to 10
MB in the same run is what this machine's memory system adds (page faults, caches), so
a parse's growth can be read against it.
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


def blank_run(size: int) -> bytes:
    """One task whose title holds a run of blanks the size of the input: no pattern may rescan
    the run from each of its positions (a lookbehind or a leading blank that can)."""
    return ("Ⅰ. 추진 과제\n① 과제" + " " * size + "추진 행안부\n").encode()


def word_stream(size: int) -> bytes:
    """One word per line, as OCR tools write: the word-stream reader rebuilds the lines."""
    return _repeat("○\n과제\n추진\n확대\n중기부\n", size)


def word_stream_column(size: int) -> bytes:
    """A word stream whose agency column the OCR read into the text, on one page: agencies glued
    to words and inside lines, notes ending in agencies one after another, numbers before labels
    (every repair the reader makes, none allowed to look back over the page)."""
    return _repeat("O\n(과제)\n국민\n참여를\n확대하고\n제도를\n중기부\n개선\n*\n주석\n강화산업부\n*\n주석\n노동부\n1\n(라벨)\n과제\n신설재경부\n", size)


def deep_json(size: int) -> bytes:
    """``[`` × N: JSON nested past any parser's stack, for ``export``/``diff`` (refused, exit 4)."""
    return b"[" * size


def linear_reference(data: bytes) -> None:
    """The text split into words, a dict kept for each and then a copy of each (as the validator
    copies the payload): about as many bytes a MB as the synthetic plan's parse holds (~60 MB),
    and no algorithm but one pass. Its growth from 1 to 10 MB is the machine's, not ours."""
    words = data.decode("utf-8").split()
    kept = [{"text": word, "index": i, "length": len(word)} for i, word in enumerate(words)]
    copies = [dict(item) for item in kept]
    del kept, copies  # freed inside the timing, as a parse's result is


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
    "blank-run": (blank_run, parse_plan),
    "word-stream": (word_stream, parse_plan),
    "word-stream-column": (word_stream_column, parse_plan),
    "deep-json": (deep_json, load_json),
}

# Timed beside the shapes, judged by no target: the machine's own growth (see linear_reference).
REFERENCE = "linear reference"
REFERENCES: dict[str, tuple[Callable[[int], bytes], Callable[[bytes], None]]] = {
    REFERENCE: (synthetic, linear_reference),
}


def cpu_seconds(read: Callable[[bytes], None], data: bytes, repeat: int = 1) -> float:
    """Least CPU time of ``repeat`` runs (CPU, not wall: the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        read(data)
        best = min(best, time.process_time() - start)
    return best


def measure(sizes_mb: list[float], rounds: int = 2) -> list[dict]:
    """Each shape's least CPU time at each size over ``rounds`` rounds, the sizes taking turns
    within a round: a burst of load from elsewhere on the machine slows one run, and the 1 → 10 MB
    ratio of single runs moved by ±20% with it; the same number of runs at every size keeps the
    least of them comparable."""
    rows = []
    for name, (make, read) in {**SHAPES, **REFERENCES}.items():
        row: dict = {"shape": name, "seconds_per_mb": {}, "seconds": {}, "reference": name in REFERENCES}
        inputs = {mb: make(int(mb * 1_000_000)) for mb in sizes_mb}
        best = dict.fromkeys(sizes_mb, float("inf"))
        for _ in range(rounds):
            for mb in sizes_mb:
                best[mb] = min(best[mb], cpu_seconds(read, inputs[mb], repeat=2 if mb < 1 else 1))
        for mb in sizes_mb:
            row["seconds_per_mb"][f"{mb:g}"] = best[mb] / (len(inputs[mb]) / 1e6)
            row["seconds"][f"{mb:g}"] = best[mb]
        rows.append(row)
    return rows


def render(rows: list[dict], sizes_mb: list[float]) -> str:
    keys = [f"{mb:g}" for mb in sizes_mb]
    base = rows[0]["seconds_per_mb"][keys[-1]]
    head = " | ".join(f"s/MB @ {k} MB" for k in keys)
    lines = [f"| shape | {head} | time ×{sizes_mb[-1] / sizes_mb[-2]:g} size | per MB / synthetic | met |", "|---" * (len(keys) + 4) + "|"]
    for row in rows:
        per = row["seconds_per_mb"]
        scale = _scale(row, keys)
        relative = per[keys[-1]] / base
        # A shape refused in milliseconds (deep JSON) has no scaling to speak of: timer noise.
        ok = (scale <= SCALE_TARGET or row["seconds"][keys[-1]] < 0.05) and relative <= PER_MB_TARGET
        cells = " | ".join(f"{per[k]:.3f}" for k in keys)
        met = "(reference)" if row.get("reference") else "yes" if ok else "**no**"
        lines.append(f"| {row['shape']} | {cells} | {scale:.1f} | {relative:.2f} | {met} |")
    reference = next((row for row in rows if row.get("reference")), None)
    if reference is not None:
        parses = [_scale(row, keys) for row in rows if not row.get("reference") and row["seconds"][keys[-1]] >= 0.05]
        lines.append(
            f"\nThe {reference['shape']} (one linear pass, no parse) grew ×{_scale(reference, keys):.1f} "
            f"for ×{sizes_mb[-1] / sizes_mb[-2]:g} the input in this run; the parses ×{min(parses):.1f}–×{max(parses):.1f}."
        )
    return "\n".join(lines)


def _scale(row: dict, keys: list[str]) -> float:
    """Time at the largest size / time at the one before."""
    return row["seconds"][keys[-1]] / max(row["seconds"][keys[-2]], 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adversarial", description=__doc__)
    parser.add_argument("--sizes", default="0.1,1,10", help="sizes in MB, comma-separated (default 0.1,1,10)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every size, the least time kept (default 2)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the results (default {DEFAULT_JSON})")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = measure(sizes, args.rounds)
    table = render(rows, sizes)
    print(table)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "table": table}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
