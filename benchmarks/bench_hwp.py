"""Benchmark the HWP and HWPX readers on the corpus files (prints a table; not a test).

For each ``*.hwp`` / ``*.hwpx`` of ``../shared/corpus`` (beside the repository), best of
--runs, in CPU seconds of this process (other work on a shared machine does not count),
run round-robin so what remains of the noise hits every column alike:

  ours          read_hwpx / read_hwp: the file's bytes → extract.document.Document
  + parse       the same, then the whole parse of the document (extract.pipeline)
  python-hwpx   HwpxDocument.open(path).export_text(), when python-hwpx is installed
                (Apache-2.0; a test-only oracle, never a dependency)

Targets (issue 12): ours ≤ 0.1 s for each file; the whole parse within 2× of the reader.
``read_hwp`` is imported lazily and skipped when extract/readers/hwp.py is absent, and so
is each column whose library is missing.

    python benchmarks/bench_hwp.py [--runs 5] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
TARGET_SECONDS = 0.1
TARGET_PARSE_RATIO = 2.0


def our_reader(suffix: str):
    """Our reader for ``.hwp`` / ``.hwpx``, or None when its module is not there."""
    try:
        if suffix == ".hwpx":
            from extract.readers.hwpx import read_hwpx

            return read_hwpx
        from extract.readers.hwp import read_hwp

        return read_hwp
    except ImportError:
        return None


def whole_parse():
    try:
        from extract.pipeline import parse_document

        return parse_document
    except ImportError:
        return None


def python_hwpx():
    try:
        warnings.simplefilter("ignore")  # its deprecation notices are not ours to print
        from hwpx import HwpxDocument

        return lambda path: HwpxDocument.open(str(path)).export_text()
    except ImportError:
        return None


def best_of(runs: int, work: dict[str, object]) -> dict[str, float | str]:
    """The best CPU time of each job, round-robin; a job that raises reports its error."""
    times: dict[str, list[float]] = {name: [] for name in work}
    failed: dict[str, str] = {}
    for _ in range(runs):
        for name, job in work.items():
            if name in failed:
                continue
            start = time.process_time()
            try:
                job()
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                failed[name] = f"{type(exc).__name__}: {str(exc)[:60]}"
                continue
            times[name].append(time.process_time() - start)
    return {name: failed.get(name) or min(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    files = sorted(p for p in args.corpus.glob("*") if p.suffix in (".hwp", ".hwpx"))
    if not files:
        print(f"no .hwp/.hwpx files in {args.corpus}", file=sys.stderr)
        return 1
    parse, oracle = whole_parse(), python_hwpx()
    header = f"{'file':48} {'ours s':>8} {'+parse s':>9} {'ratio':>6} {'python-hwpx s':>14}  target ≤{TARGET_SECONDS}s"
    print(header)
    print("-" * len(header))
    all_met = True
    for path in files:
        reader = our_reader(path.suffix)
        data = path.read_bytes()
        work: dict[str, object] = {}
        if reader is not None:
            work["ours"] = lambda reader=reader: reader(data, str(path))
            if parse is not None:
                work["parse"] = lambda reader=reader: parse(reader(data, str(path)))
        if oracle is not None:
            work["python-hwpx"] = lambda: oracle(path)
        result = best_of(args.runs, work)
        ours, whole, theirs = result.get("ours"), result.get("parse"), result.get("python-hwpx")
        met = isinstance(ours, float) and ours <= TARGET_SECONDS
        ratio = whole / ours if isinstance(whole, float) and isinstance(ours, float) and ours else None
        all_met &= met and (ratio is None or ratio <= TARGET_PARSE_RATIO)
        print(
            f"{path.name:48} {_cell(ours, 8)} {_cell(whole, 9)} {(f'{ratio:.1f}×' if ratio else '-'):>6} {_cell(theirs, 14)}  "
            f"{'ok' if met else ('no reader' if ours is None else 'MISSED')}"
        )
        for name, value in result.items():
            if isinstance(value, str):
                print(f"    {name}: {value}")
    return 0 if all_met else 1


def _cell(value, width: int) -> str:
    if value is None:
        return f"{'-':>{width}}"
    if isinstance(value, str):
        return f"{'error':>{width}}"
    return f"{value:>{width}.3f}"


if __name__ == "__main__":
    sys.exit(main())
