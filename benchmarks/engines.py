"""Do the two PDF engines agree on the real plans? ``python -m benchmarks.engines [CORPUS_DIR]``

Parses every PDF of the corpus (``../shared/corpus/`` by default) with ``--engine pdfium``
and ``--engine pdfplumber`` and prints, per PDF: whether the JSON is the same (the engine
name aside), else how many nodes differ in title, agencies or page, and the first few
differences. Not a test: README's "PDF input" and docs/pdf.md say where and why they differ.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.errors import PlanError  # noqa: E402
from extract.stages.profile import load_profile  # noqa: E402
from extract.pipeline import load  # noqa: E402

from .real import CORPUS  # noqa: E402


def outline(node: dict, depth: int = 0) -> list[str]:
    """One line per node: indent, title, agencies, page."""
    lines = []
    for child in node.get("children", []):
        agencies = ",".join(a.get("name") or a.get("text", "") for a in child.get("agencies", []))
        lines.append(f"{'  ' * depth}{child.get('title', '')} [{agencies}] p{child.get('span', {}).get('page')}")
        lines += outline(child, depth + 1)
    return lines


def compare(path: Path, profile) -> dict:
    results = {}
    for engine in ("pdfium", "pdfplumber"):
        try:
            results[engine] = json.loads(load(str(path), profile, engine=engine).to_json())
        except PlanError as exc:
            results[engine] = exc.one_line().split(": error: ", 1)[-1]
    a, b = results["pdfium"], results["pdfplumber"]
    if isinstance(a, str) or isinstance(b, str):
        return {"same": a == b, "pdfium": a if isinstance(a, str) else "parsed", "pdfplumber": b if isinstance(b, str) else "parsed"}
    for doc in (a, b):
        doc.get("source", {}).pop("engine", None)
    if a == b:
        return {"same": True}
    la, lb = outline(a), outline(b)
    diff = [line for line in difflib.unified_diff(la, lb, lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    return {
        "same": False,
        "nodes": (len(la), len(lb)),
        "title": a.get("title") == b.get("title"),
        "differing_lines": len(diff),
        "first": diff[:6],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    profile = load_profile()
    for path in sorted(args.corpus.glob("*.pdf")):
        result = compare(path, profile)
        if result["same"]:
            print(f"same       {path.name}")
        elif "nodes" not in result:
            print(f"refused    {path.name}: pdfium {result['pdfium']!r}; pdfplumber {result['pdfplumber']!r}")
        else:
            nodes = result["nodes"]
            print(
                f"different  {path.name}: nodes {nodes[0]} / {nodes[1]}, {result['differing_lines']} outline lines differ"
                f"{'' if result['title'] else ', title differs'}"
            )
            for line in result["first"]:
                print(f"             {line[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
