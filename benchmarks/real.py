"""What users feel, on the real plans in ``../shared/corpus/``: PDFs, start-up, batches, memory.

Each function takes one or more code trees (``ROOT`` and, to compare, an older checkout made
with ``git archive``) and runs every measurement in child processes with ``PYTHONPATH`` set to
the tree, the trees taking turns, so that "before" and "after" come from one sitting on this
noisy shared machine:

- ``bench_pdfs``: per corpus PDF, CPU seconds of bare pypdfium2 text extraction (open, each
  page's text page, ``get_text_range``: the floor), of ``read_pdf`` (our reader: PDF → lines
  with geometry) and of ``load`` (reader + parse + validation); each figure the median of
  ``repeat`` rounds, the three taking turns in each round, and the ratio the median of the
  rounds' ratios.
- ``bench_cli``: ``python -m extract parse fixtures/source.txt`` against
  ``python -c "import regex, pydantic_core"`` (the floor), wall clock, taking turns; the ratio
  is the median of the paired ratios.
- ``bench_batch``: ``parse -j 1`` against ``-j 2`` over ~200 plans (the corpus's readable
  plans and the fixture, cycled, copied into a temporary directory), wall clock,
  both outputs compared byte for byte (and with the other tree's).
- ``bench_memory``: peak RSS (``VmHWM``) of one ``parse`` over every readable corpus plan.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURE = ROOT / "fixtures" / "source.txt"
PLAN_SUFFIXES = (".pdf", ".hwp", ".hwpx", ".txt")
# Refused on purpose (no text layer; a text layer without Hangul): kept in the PDF table,
# left out of the batch, whose plans should all parse.
REFUSED = ("2025-01_info_ethics_smartphone_education_plan_scanned.pdf", "2022-01_nikl_work_plan_no_hangul_textlayer.pdf")

# Runs in a child with PYTHONPATH=<tree>: prints {name: {pages, rounds: [[bare, read, load], …]}}.
PDF_PROBE = r"""
import json, sys, time
import pypdfium2
from extract.stages.profile import load_profile
from extract.pipeline import load
from extract.readers.pdf.reader import read_pdf
from extract.errors import PlanError

def bare(path):
    pdf = pypdfium2.PdfDocument(path)
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()

def cpu(fn):
    start = time.process_time()
    try:
        fn()
    except PlanError:
        pass  # a refused PDF: the time to refuse it is what a user waits
    return time.process_time() - start

profile = load_profile()
repeat, paths = int(sys.argv[1]), sys.argv[2:]
out = {}
for path in paths:
    pdf = pypdfium2.PdfDocument(path)
    pages = len(pdf)
    pdf.close()
    jobs = (lambda: bare(path), lambda: read_pdf(path, profile), lambda: load(path, profile))
    for job in jobs:
        cpu(job)  # warm-up: file cache, lazy imports
    out[path] = {"pages": pages, "rounds": [[cpu(job) for job in jobs] for _ in range(repeat)]}
print(json.dumps(out))
"""


def corpus_plans(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() in PLAN_SUFFIXES)


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def _run(cmd: list[str], tree: Path, **kwargs) -> subprocess.CompletedProcess:
    """``cmd`` with ``tree``'s code: run from it too, since ``python -m``/``-c`` put the working
    directory ahead of PYTHONPATH (from another checkout, it would import that one's code)."""
    return subprocess.run(cmd, env=_env(tree), cwd=tree, check=True, capture_output=True, **kwargs)


def _compile(tree: Path) -> None:
    # pip byte-compiles an installed package; without it each run would recompile every module.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "extract")], check=True, capture_output=True)


def bench_pdfs(trees: dict[str, Path], repeat: int, corpus: Path = CORPUS) -> list[dict]:
    pdfs = [str(p) for p in corpus_plans(corpus) if p.suffix.lower() == ".pdf"]
    raw: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(repeat):  # one round per child and tree, the trees taking turns
        for name, tree in trees.items():
            result = _run([sys.executable, "-c", PDF_PROBE, "1", *pdfs], tree, text=True)
            raw[name].append(json.loads(result.stdout))
    rows = []
    for path in pdfs:
        row: dict = {"name": Path(path).name, "pages": raw[next(iter(trees))][0][path]["pages"]}
        for name in trees:
            rounds = [r for run in raw[name] for r in run[path]["rounds"]]
            bare, read, load = (statistics.median(r[i] for r in rounds) for i in range(3))
            row[name] = {
                "bare_s": bare,
                "read_s": read,
                "load_s": load,
                "read_ratio": statistics.median(r[1] / r[0] for r in rounds),
                "load_ratio": statistics.median(r[2] / r[0] for r in rounds),
                "pages_per_s": row["pages"] / load,
            }
        rows.append(row)
    return rows


def _wall(cmd: list[str], tree: Path) -> float:
    start = time.perf_counter()
    _run(cmd, tree)
    return time.perf_counter() - start


def bench_cli(trees: dict[str, Path], repeat: int) -> dict:
    for tree in trees.values():
        _compile(tree)
    floor = [sys.executable, "-c", "import regex, pydantic_core"]
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in trees}}
    with tempfile.TemporaryDirectory() as out:
        cli = {name: [sys.executable, "-m", "extract", "parse", str(FIXTURE), "-o", out] for name in trees}
        _wall(floor, ROOT)
        for name, tree in trees.items():
            _wall(cli[name], tree)  # warm the file cache
        for _ in range(repeat):
            times["floor"].append(_wall(floor, ROOT))
            for name, tree in trees.items():
                times[name].append(_wall(cli[name], tree))
    result = {"floor_ms": statistics.median(times["floor"]) * 1000, "repeat": repeat}
    for name in trees:
        result[name] = {
            "ms": statistics.median(times[name]) * 1000,
            "ratio": statistics.median(c / f for c, f in zip(times[name], times["floor"])),
        }
    return result


def batch_inputs(directory: Path, count: int, corpus: Path = CORPUS) -> list[str]:
    """``count`` plans: the corpus's readable plans and the fixture, cycled, copied under ``directory``
    (copies, not links: a batch reads a file reached twice once)."""
    plans = [p for p in corpus_plans(corpus) if p.name not in REFUSED] + [FIXTURE]
    paths = []
    for i in range(count):
        source = plans[i % len(plans)]
        copy = directory / f"{i:03d}-{source.name}"
        shutil.copyfile(source, copy)
        paths.append(str(copy))
    return paths


def bench_batch(trees: dict[str, Path], count: int, jobs: int = 2, repeat: int = 1) -> dict:
    for tree in trees.values():
        _compile(tree)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        inputs = batch_inputs(work / "in", count)
        times: dict[tuple[str, int], list[float]] = {(name, j): [] for name in trees for j in (1, jobs)}
        for r in range(repeat):
            for name, tree in trees.items():
                for j in (1, jobs):
                    out = work / f"out-{name}-{j}-{r}"
                    cmd = [sys.executable, "-m", "extract", "parse", "-q", "-j", str(j), "-o", str(out), *inputs]
                    times[(name, j)].append(_wall(cmd, tree))
        result: dict = {"plans": count, "jobs": jobs, "repeat": repeat, "load_average": os.getloadavg()[0]}
        first = next(iter(trees))
        reference = sorted((work / f"out-{first}-1-0").iterdir())
        for name in trees:
            one, many = statistics.median(times[(name, 1)]), statistics.median(times[(name, jobs)])
            same_jobs = all(
                p.read_bytes() == (work / f"out-{name}-{jobs}-0" / p.name).read_bytes()
                for p in sorted((work / f"out-{name}-1-0").iterdir())
            )
            same_first = [p.name for p in reference if p.read_bytes() != (work / f"out-{name}-1-0" / p.name).read_bytes()]
            result[name] = {
                "jobs_1_s": one,
                f"jobs_{jobs}_s": many,
                "speedup": one / many,
                "outputs": len(reference),
                "jobs_outputs_identical": same_jobs,
                f"differs_from_{first}": sorted({n.split("-", 1)[1] for n in same_first}),
            }
    return result


MEMORY_PROBE = """
import sys
from pathlib import Path
from extract.cli import main
code = main(["parse", "-q", "-o", sys.argv[1], *sys.argv[2:]])
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), code)
"""


def bench_memory(trees: dict[str, Path]) -> dict:
    plans = [str(p) for p in corpus_plans() if p.name not in REFUSED] + [str(FIXTURE)]
    result = {}
    with tempfile.TemporaryDirectory() as out:
        for name, tree in trees.items():
            run = _run([sys.executable, "-c", MEMORY_PROBE, out, *plans], tree, text=True)
            result[name] = {"peak_mib": round(int(run.stdout.split()[0]) / 1024, 1), "plans": len(plans)}
    return result


def render(results: dict, names: list[str]) -> str:
    """Markdown tables: one row per corpus PDF, then start-up, batch and memory, a column per tree."""
    lines = []
    pdfs = results.get("pdfs")
    if pdfs:
        head = "| PDF | pages | bare pypdfium2 |" + "".join(f" {n}: read_pdf (×bare) | {n}: load (×bare, pages/s) |" for n in names)
        lines += [head, "|" + " --- |" * (3 + 2 * len(names))]
        for row in pdfs:
            first = row[names[0]]
            cells = [row["name"], str(row["pages"]), f"{first['bare_s'] * 1000:.0f} ms"]
            for n in names:
                f = row[n]
                cells.append(f"{f['read_s'] * 1000:.0f} ms ({f['read_ratio']:.2f}×)")
                cells.append(f"{f['load_s'] * 1000:.0f} ms ({f['load_ratio']:.2f}×, {f['pages_per_s']:.0f}/s)")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["| measure | " + " | ".join(names) + " |", "|" + " --- |" * (1 + len(names))]
    cli = results.get("cli")
    if cli:
        lines.append(
            f"| CLI parse fixture vs `import regex, pydantic_core` ({cli['floor_ms']:.0f} ms), median of {cli['repeat']} pairs | "
            + " | ".join(f"{cli[n]['ms']:.0f} ms = {cli[n]['ratio']:.2f}×" for n in names)
            + " |"
        )
    batch = results.get("batch")
    if batch:
        j = batch["jobs"]
        lines.append(
            f"| parse {batch['plans']} plans: -j 1 / -j {j} (speed-up; -j outputs identical; as {names[0]}'s) | "
            + " | ".join(
                f"{batch[n]['jobs_1_s']:.1f} s / {batch[n][f'jobs_{j}_s']:.1f} s (×{batch[n]['speedup']:.2f}; "
                f"{'yes' if batch[n]['jobs_outputs_identical'] else '**no**'}; "
                f"{_differs(batch[n][f'differs_from_{names[0]}'])})"
                for n in names
            )
            + " |"
        )
    memory = results.get("memory")
    if memory:
        lines.append(
            f"| peak RSS, one parse of {memory[names[0]]['plans']} plans (the readable corpus plans and the fixture) | "
            + " | ".join(f"{memory[n]['peak_mib']} MiB" for n in names)
            + " |"
        )
    return "\n".join(lines)


def _differs(names: list[str]) -> str:
    return "**no**: " + ", ".join(names) if names else "yes"
