"""Benchmark the PDF reader: pages per second, and memory on a long PDF (prints figures; not a test).

Makes a long PDF with the fixture script (the 2020 list drawn N times in the
plan-2020.pdf layout, into a temporary directory), then times, best of --runs:

  bare pdfplumber   page.extract_words() on every page: the reference engine's floor
  bare pypdfium2    get_textpage().get_text_range() on every page: PDFium's floor
  our pdfplumber    read_pdf(engine="pdfplumber"): PDF → composed text + geometry
  our pdfium        read_pdf(engine="pdfium")
  … + parse         load(): the above plus the shared text parse into the validated document

Targets (issue 3): our pdfplumber path ≤ 1.15 × bare extract_words; our pdfium path
≥ 50 × faster than our pdfplumber path. With --memory it also reads a PDF four times
as long in a child process per engine and prints the peak resident memory: the
reader's (read_pdf) must not grow with the page count beyond the composed text
(pages are read one at a time); the whole parse's (load) grows with the plan.
Times are CPU seconds of this process (best of --runs, round-robin), so other
work on a shared machine does not count.

Needs the dev extra (reportlab) and a Korean TrueType font (Debian's fonts-nanum):

    python benchmarks/bench_pdf.py [--copies 10] [--runs 3] [--memory] [--font PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_pdf_fixtures  # noqa: E402

from extract.pipeline import load  # noqa: E402
from extract.stages.profile import load_profile  # noqa: E402
from extract.readers.pdf.reader import read_pdf  # noqa: E402


def make_pdf(path: Path, copies: int, font: str) -> int:
    rows = make_pdf_fixtures.fixture_rows()
    return make_pdf_fixtures.build_pdf(path, [rows[0], *rows[1:] * copies], make_pdf_fixtures.PLAN_2020, font)


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def bare_pypdfium2(path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def best_of(runs: int, work: dict[str, object]) -> dict[str, float]:
    """The best CPU time of each piece of work (this process's: other sessions on a shared
    machine do not count), run round-robin so that what remains of the noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(runs):
        for name, job in work.items():
            start = time.process_time()
            job()
            times[name].append(time.process_time() - start)
    return {name: min(values) for name, values in times.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pdfplumber
    import pypdfium2

    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; pdfplumber {pdfplumber.__version__}, "
        f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}, PDFium {pypdfium2.version.PDFIUM_INFO}"
    )


def peak_memory(path: Path, engine: str, stage: str) -> int:
    """Peak resident memory (KiB) of a child process that runs ``stage`` (read_pdf or load) on ``path``.

    Read from the child's own /proc/self/status VmHWM: getrusage's ru_maxrss would
    include the parent's memory, which the child inherits across fork.
    """
    code = (
        "import re, sys; sys.path.insert(0, sys.argv[3]); from extract.stages.profile import load_profile; "
        "from extract.pipeline import load; from extract.readers.pdf.reader import read_pdf; "
        "read_pdf(sys.argv[1], load_profile(), engine=sys.argv[2]) if sys.argv[4] == 'read_pdf' "
        "else load(sys.argv[1], engine=sys.argv[2]); "
        "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    command = [sys.executable, "-c", code, str(path), engine, str(ROOT), stage]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="how many times to draw the 2020 list (default 10: ~35 pages)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--memory", action="store_true", help="also measure peak memory at 1x and 4x the pages")
    parser.add_argument("--font", default=make_pdf_fixtures.DEFAULT_FONT)
    args = parser.parse_args(argv)
    profile = load_profile()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.pdf"
        pages = make_pdf(path, args.copies, args.font)
        print(f"machine: {machine()}")
        print(f"document: the 2020 list x{args.copies}, {pages} A4 pages, {path.stat().st_size:,} bytes; best of {args.runs} runs, round-robin")
        print()
        timings = best_of(
            args.runs,
            {
                "bare pdfplumber extract_words": lambda: bare_pdfplumber(path),
                "bare pypdfium2 get_text_range": lambda: bare_pypdfium2(path),
                "our pdfplumber path (read_pdf)": lambda: read_pdf(path, profile, engine="pdfplumber"),
                "our pdfium path (read_pdf)": lambda: read_pdf(path, profile, engine="pdfium"),
                "our pdfplumber path + parse (load)": lambda: load(str(path), profile, engine="pdfplumber"),
                "our pdfium path + parse (load)": lambda: load(str(path), profile, engine="pdfium"),
            },
        )
        for name, seconds in timings.items():
            print(f"{name:<38} {seconds:8.3f} s CPU  {pages / seconds:9.1f} pages/s  {seconds / pages * 1000:7.2f} ms/page")
        print()
        bare = timings["bare pdfplumber extract_words"]
        plumber = timings["our pdfplumber path (read_pdf)"]
        pdfium = timings["our pdfium path (read_pdf)"]
        floor = timings["bare pypdfium2 get_text_range"]
        ratios = [
            ("our pdfplumber path / bare extract_words", plumber / bare, "target <= 1.15"),
            ("  the same, + parse", timings["our pdfplumber path + parse (load)"] / bare, ""),
            ("our pdfplumber path / our pdfium path", plumber / pdfium, "target >= 50"),
            ("  the same, + parse", timings["our pdfplumber path + parse (load)"] / timings["our pdfium path + parse (load)"], ""),
            ("our pdfplumber path / bare pypdfium2", plumber / floor, "the most any pdfium path could reach"),
            ("bare extract_words / bare pypdfium2", bare / floor, ""),
        ]
        for name, ratio, note in ratios:
            print(f"{name:<44} {ratio:7.2f}x  {note}")

        if args.memory:
            print()
            longer = Path(tmp) / "longer.pdf"
            longer_pages = make_pdf(longer, 4 * args.copies, args.font)
            for stage in ("read_pdf", "load"):
                for engine in ("pdfium", "pdfplumber"):
                    small, large = peak_memory(path, engine, stage), peak_memory(longer, engine, stage)
                    print(
                        f"peak memory, {stage:<8} {engine:<10} {pages:4d} pages: {small / 1024:6.1f} MiB   "
                        f"{longer_pages:4d} pages: {large / 1024:6.1f} MiB"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
