"""The accuracy scoreboard: the parser against hand-checked references of real plans.

    python -m benchmarks.accuracy [CORPUS_DIR] [-v] [--floors]

Parses every document of the corpus (``../shared/corpus/`` by default) with the default
profile and no options, and prints one row per document against its reference
(``tests/corpus/<stem>.tsv``, written by reading the document; see that folder's README):

    exact     reference rows found with the exact title (whitespace removed; middle dots,
              curly quotes and tildes unified)
    prefix    rows found only as a prefix: the node swallowed text after the title
    agencies  of the rows that name lead agencies, those whose node has exactly them
    parents   rows whose node hangs under the node of the row's reference parent
    spurious  nodes inside the covered part (first to last matched node) that match no row

The 2020 fixture is scored too, against its reviewed golden file. A document the parser
refuses shows its one-line error. ``tests/test_corpus_accuracy.py`` keeps every figure at
or above the floors in ``tests/corpus/floors.toml``. ``-v`` lists the rows not found, the
wrong agencies and the wrong parents; ``--floors`` prints today's figures in the floors'
form, to raise that file by hand.
"""

from __future__ import annotations

import csv
import math
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "tests" / "corpus"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURE = ROOT / "fixtures" / "source.txt"
FIXTURE_GOLDEN = ROOT / "tests" / "golden" / "source.json"
FLOORS = REFERENCES / "floors.toml"

# Documents scored against another file's reference (the same document in another format).
SAME_DOCUMENT = {"2025-12_moel_work_report.pdf": "2025-12_moel_work_report"}

# What the title comparison unifies: every middle dot, curly quotes, tildes.
UNIFY = str.maketrans(
    {
        "‧": "·", "ㆍ": "·", "・": "·", "∙": "·", "•": "·", "･": "·", "．": ".",
        "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "〜": "~", "∼": "~", "～": "~",
    }
)  # fmt: skip


def fold(title: str) -> str:
    """A title as the scoreboard compares it: no whitespace, one middle dot, plain quotes."""
    return "".join(title.split()).translate(UNIFY)


@dataclass(frozen=True)
class Row:
    path: str
    kind: str
    marker: str
    title: str
    agencies: tuple[str, ...]

    @property
    def parent(self) -> str | None:
        return self.path.rsplit(".", 1)[0] if "." in self.path else None


@dataclass(frozen=True)
class Found:
    """A node of the parsed tree, flattened in document order."""

    index: int
    id: str
    title: str
    agencies: tuple[str, ...]
    parent: int | None  # index of the parent node


@dataclass
class Score:
    name: str
    rows: int = 0
    exact: int = 0
    prefix: int = 0
    tasks: int = 0
    agencies: int = 0
    parents: int = 0
    spurious: int = 0
    nodes: int = 0
    seconds: float = 0.0
    error: str | None = None
    misses: list[str] = field(default_factory=list)
    wrong_agencies: list[str] = field(default_factory=list)
    wrong_parents: list[str] = field(default_factory=list)
    spurious_nodes: list[str] = field(default_factory=list)
    swallowed: list[str] = field(default_factory=list)  # prefix matches: the row, and what its node's title runs on with

    def share(self, part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 100.0

    @property
    def figures(self) -> dict[str, float]:
        """The percentages the floors pin (spurious as a share of the covered nodes)."""
        return {
            "exact": self.share(self.exact, self.rows),
            "found": self.share(self.exact + self.prefix, self.rows),
            "agencies": self.share(self.agencies, self.tasks),
            "parents": self.share(self.parents, self.rows),
        }


def read_reference(path: Path) -> list[Row]:
    """Rows of a reference TSV (``#`` lines are comments; the first other line is the header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for record in reader:
        agencies = tuple(a.strip() for a in (record["agencies"] or "").split(";") if a.strip())
        rows.append(Row(record["path"], record["kind"], record["marker"] or "", record["title"] or "", agencies))
    return rows


def golden_reference(path: Path) -> list[Row]:
    """The 2020 fixture's reviewed golden tree as reference rows."""
    import json

    rows: list[Row] = []

    def walk(nodes: list[dict], prefix: str) -> None:
        for i, node in enumerate(nodes, 1):
            here = f"{prefix}.{i}" if prefix else str(i)
            agencies = tuple(a["text"] for a in node.get("agencies") or ())
            rows.append(Row(here, node["kind"], node["marker"], node["title"], agencies))
            walk(node["children"], here)

    walk(json.loads(path.read_text(encoding="utf-8"))["children"], "")
    return rows


def flatten(children: list[dict]) -> list[Found]:
    found: list[Found] = []
    stack: list[tuple[dict, int | None]] = [(node, None) for node in reversed(children)]
    while stack:
        node, parent = stack.pop()
        index = len(found)
        agencies = tuple(a["text"] for a in node.get("agencies") or ())
        found.append(Found(index, node["id"], node["title"], agencies, parent))
        stack.extend((child, index) for child in reversed(node["children"]))
    return found


def score(name: str, reference: list[Row], nodes: list[Found]) -> Score:
    """Match each reference row to a node (in order, exact title first, else a prefix) and count."""
    result = Score(name, rows=len(reference), nodes=len(nodes))
    matched: dict[str, int] = {}  # reference path → node index
    for row, (index, kind) in zip(reference, align(reference, nodes)):
        if index is None:
            result.misses.append(f"{row.path} {row.marker} {row.title}")
            if row.agencies:
                result.tasks += 1
            continue
        matched[row.path] = index
        if kind == "exact":
            result.exact += 1
        else:
            result.prefix += 1
            result.swallowed.append(f"{row.path} {row.title[:40]} + {nodes[index].title[len(row.title):][:50]!r}")
        if row.agencies:
            result.tasks += 1
            if tuple(fold(a) for a in nodes[index].agencies) == tuple(fold(a) for a in row.agencies):
                result.agencies += 1
            else:
                got = ";".join(nodes[index].agencies) or "nothing"
                result.wrong_agencies.append(f"{row.path} {row.title[:30]}: {';'.join(row.agencies)} ≠ {got}")
    node_row = {index: path for path, index in matched.items()}
    for row in reference:
        index = matched.get(row.path)
        if index is None:
            continue
        ancestor = nodes[index].parent
        while ancestor is not None and ancestor not in node_row:
            ancestor = nodes[ancestor].parent
        want = matched.get(row.parent) if row.parent else None
        if (row.parent is None and ancestor is None) or (want is not None and ancestor == want):
            result.parents += 1
        else:
            under = nodes[ancestor].title[:30] if ancestor is not None else "the root"
            result.wrong_parents.append(f"{row.path} {row.title[:30]}: under {under}")
    if matched:
        first, end = min(matched.values()), max(matched.values())
        extra = [i for i in range(first, end + 1) if i not in node_row]
        result.spurious = len(extra)
        result.spurious_nodes = [f"{nodes[i].id} {nodes[i].title[:50]}" for i in extra]
    return result


def align(reference: list[Row], nodes: list[Found]) -> list[tuple[int | None, str]]:
    """Each reference row's node, in document order on both sides: the order-keeping matching
    with the most exact titles, then the most prefix matches (a longest common subsequence,
    weighted). A title that occurs twice (a heading in the body and again in an appendix
    table) goes to the occurrence that keeps the order. Returns (node index or None, kind)."""
    titles = [fold(node.title) for node in nodes]
    wants = [fold(row.title) for row in reference]

    def weight(i: int, j: int) -> int:
        if not wants[i]:
            return 0
        if titles[j] == wants[i]:
            return 3
        return 1 if titles[j].startswith(wants[i]) else 0

    n, m = len(reference), len(nodes)
    # best[i][j]: the best total for rows i.. and nodes j..; O(n·m), a few hundred of each.
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        here, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            w = weight(i, j)
            here[j] = max(below[j], here[j + 1], below[j + 1] + w if w else 0)
    result: list[tuple[int | None, str]] = []
    i = j = 0
    while i < n:
        if j >= m or best[i][j] == best[i + 1][j]:
            result.append((None, ""))
            i += 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            result.append((j, "exact" if weight(i, j) == 3 else "prefix"))
            i += 1
            j += 1
    return result


def reference_for(document: Path) -> Path | None:
    stem = SAME_DOCUMENT.get(document.name, document.stem)
    path = REFERENCES / f"{stem}.tsv"
    return path if path.exists() else None


def score_document(document: Path, reference: list[Row], name: str | None = None) -> Score:
    from extract.errors import PlanError
    from extract.pipeline import load

    start = time.perf_counter()
    try:
        parsed = load(str(document))
    except PlanError as exc:
        return _failed(name or document.name, reference, exc.msg)
    except Exception as exc:  # a reader not there yet, or a bug: the board still prints
        from extract.errors import internal_message

        return _failed(name or document.name, reference, f"internal error: {internal_message(exc)}")
    result = score(name or document.name, reference, flatten(parsed.data["children"]))
    result.seconds = time.perf_counter() - start
    return result


def _failed(name: str, reference: list[Row], message: str) -> Score:
    result = Score(name, rows=len(reference), error=message)
    result.tasks = sum(1 for row in reference if row.agencies)
    return result


def corpus_documents(corpus: Path) -> Iterator[Path]:
    yield from sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in (".pdf", ".hwp", ".hwpx", ".txt"))


def scoreboard(corpus: Path) -> list[Score]:
    scores = [score_document(FIXTURE, golden_reference(FIXTURE_GOLDEN), "fixtures/source.txt (2020 list)")]
    for document in corpus_documents(corpus):
        reference = reference_for(document)
        if reference is None:
            result = score_document(document, [])
            result.error = result.error or "no reference"
            scores.append(result)
            continue
        scores.append(score_document(document, read_reference(reference)))
    return scores


def floors() -> dict[str, dict[str, float]]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}


def format_table(scores: list[Score]) -> str:
    header = ("document", "rows", "exact", "prefix", "agencies", "parents", "spurious", "nodes", "s")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for s in scores:
        if s.error:
            lines.append(f"| {s.name} | {s.rows} | — | — | — | — | — | — | error: {s.error} |")
            continue
        pct = s.figures
        lines.append(
            f"| {s.name} | {s.rows} | {s.exact} ({pct['exact']:.0f}%) | {s.prefix} | "
            f"{s.agencies}/{s.tasks} ({pct['agencies']:.0f}%) | {s.parents} ({pct['parents']:.0f}%) | "
            f"{s.spurious} | {s.nodes} | {s.seconds:.2f} |"
        )
    return "\n".join(lines)


def format_floors(scores: list[Score]) -> str:
    """The figures in the form of ``floors.toml`` (percentages rounded down to 0.1)."""
    out = []
    for s in scores[1:]:  # the 2020 list is pinned at 100% by its own test
        out.append(f'["{s.name}"]')
        if s.error:
            out.append(f"error = {s.error!r}")
        else:
            out.extend(f"{k} = {math.floor(v * 10) / 10}" for k, v in s.figures.items())
            out.append(f"spurious = {s.spurious}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    proposed = "--floors" in argv
    args = [a for a in argv if a not in ("-v", "--floors")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    scores = scoreboard(corpus)
    if proposed:  # today's figures as floors, to compare with tests/corpus/floors.toml and raise it by hand
        print(format_floors(scores))
        return 0
    print(format_table(scores))
    if verbose:
        for s in scores:
            if s.misses:
                print(f"\n{s.name}: {len(s.misses)} rows not found")
                for miss in s.misses:
                    print("   ", miss)
            for label, items in (("titles running on", s.swallowed), ("wrong agencies", s.wrong_agencies), ("wrong parents", s.wrong_parents), ("spurious nodes", s.spurious_nodes)):
                if items:
                    print(f"\n{s.name}: {len(items)} {label}")
                    for item in items:
                        print("   ", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
