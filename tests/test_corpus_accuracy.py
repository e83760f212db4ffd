"""The accuracy scoreboard as a ratchet: no document's figures may fall below their floors.

Each corpus document is parsed with the default profile and no options and scored against
its hand-checked reference (``tests/corpus/<stem>.tsv``) by ``benchmarks.accuracy``. The
floors (``tests/corpus/floors.toml``) are the figures measured when they were last raised;
a change that lowers one fails here. Raise them (by hand) when the parser gets better.
"""

from __future__ import annotations

import math

import pytest

from benchmarks.accuracy import DEFAULT_CORPUS, FIXTURE, FIXTURE_GOLDEN, floors, golden_reference, read_reference
from benchmarks.accuracy import reference_for, score_document

FLOORS = floors()
needs_corpus = pytest.mark.skipif(
    not DEFAULT_CORPUS.is_dir(), reason=f"the real-plan corpus is not at {DEFAULT_CORPUS} (CI puts it there)"
)


def test_the_2020_list_stays_exact() -> None:
    result = score_document(FIXTURE, golden_reference(FIXTURE_GOLDEN))
    assert result.error is None
    assert result.figures == {"exact": 100.0, "found": 100.0, "agencies": 100.0, "parents": 100.0}
    assert result.spurious == 0


@needs_corpus
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_figure_falls_below_its_floor(name: str) -> None:
    floor = FLOORS[name]
    document = DEFAULT_CORPUS / name
    if "error" in floor:  # a document that must be refused, with this in its message
        result = score_document(document, [])
        assert result.error is not None and floor["error"] in result.error
        return
    reference = reference_for(document)
    assert reference is not None, f"no reference for {name}"
    result = score_document(document, read_reference(reference))
    assert result.error is None, result.error
    below = {k: (round(v, 1), floor[k]) for k, v in result.figures.items() if k in floor and v < floor[k] - 1e-9}
    assert not below, f"{name}: figure (now, floor) fell: {below}"
    if "spurious" in floor:
        assert result.spurious <= floor["spurious"], f"{name}: {result.spurious} spurious nodes, at most {floor['spurious']}"


@needs_corpus
def test_every_corpus_document_has_a_floor() -> None:
    names = {p.name for p in DEFAULT_CORPUS.iterdir() if p.suffix.lower() in (".pdf", ".hwp", ".hwpx", ".txt")}
    assert names == set(FLOORS), "add a floor (or an expected error) for each corpus document"


def test_floors_are_percentages() -> None:
    for name, floor in FLOORS.items():
        for key, value in floor.items():
            if key in ("exact", "found", "agencies", "parents"):
                assert 0 <= value <= 100 and math.isfinite(value), (name, key)
