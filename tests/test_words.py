"""Tables for the helpers a row is cut with: its words, its agency list, furniture blanked.

Every expected value here is written by hand from the input beside it.
"""

from __future__ import annotations

import pytest

from extract.stages.agencies import agencies_at_end, load_registry, pieces_from_right, word_view
from extract.stages.content import _outside, _title_end
from extract.stages.profile import load_profile
from extract.stages.tokenize import Spans

PROFILE = load_profile()
SEPARATORS = PROFILE.separators
REGISTRY = load_registry(PROFILE, 2020)

# (text, its words left to right as (start, text))
WORDS = [
    ("", []),
    (" \n ", []),
    ("행안부", [(0, "행안부")]),
    ("기재부, 행안부", [(0, "기재부"), (5, "행안부")]),
    ("기재부,행안부", [(0, "기재부"), (4, "행안부")]),
    ("과기부·국토부/산업부", [(0, "과기부"), (4, "국토부"), (8, "산업부")]),
    # a word that occurs twice is found at each of its places
    ("확대 확대\n확대", [(0, "확대"), (3, "확대"), (6, "확대")]),
    ("부 부처 부", [(0, "부"), (2, "부처"), (5, "부")]),
    # U+001C–U+001F are not whitespace to a word (str.split would split there)
    ("행안\x1c부 기재부", [(0, "행안\x1c부"), (5, "기재부")]),
    # ideographic space and tab are whitespace
    ("전\u3000부처\t행안부", [(0, "전"), (2, "부처"), (5, "행안부")]),
]


@pytest.mark.parametrize(("text", "words"), WORDS)
def test_pieces_from_right(text: str, words: list[tuple[int, str]]) -> None:
    pieces = list(pieces_from_right(text, [(0, len(text))], SEPARATORS))
    assert [(p.start, p.text) for p in reversed(pieces)] == words
    assert all(text[p.start : p.end] == p.text for p in pieces)


def test_word_view_keeps_offsets() -> None:
    text = "기재부,\x1f행안부·인사처"
    view = word_view(text, SEPARATORS)
    assert len(view) == len(text)
    assert view.split() == ["기재부", "\0행안부", "인사처"]


# (row, agencies as (start, text, name)); the row starts at offset 0 of the text
AGENCIES = [
    ("", []),
    ("과제 추진", []),
    ("과제 추진 행안부", [(6, "행안부", "행정안전부")]),
    ("과제 추진 기재부, 조달청 중기부", [(6, "기재부", "기획재정부"), (11, "조달청", "조달청"), (15, "중기부", "중소벤처기업부")]),
    # a multi-word alias, across a line break too; longest first
    ("과제 추진 전 부처", [(6, "전 부처", "전 부처")]),
    ("과제 추진 전\n부처", [(6, "전 부처", "전 부처")]),
    # a separator parts the words of an alias: 부처 alone is no agency
    ("과제 추진 전, 부처", []),
    # the alias' words as they stand, at the row's start
    ("전 부처", [(0, "전 부처", "전 부처")]),
    ("부처", []),
    # a word the registry lacks but that looks like an agency, kept with no name
    ("우주 산업 미래혁신처 행안부", [(6, "미래혁신처", None), (12, "행안부", "행정안전부")]),
    # words that end like agencies but are not
    ("중앙정부 지원", []),
    ("예산 지원", []),
    # every word an agency
    ("행안부 기재부", [(0, "행안부", "행정안전부"), (4, "기재부", "기획재정부")]),
    # U+001C inside a word: the registry's key has no such character, so it is read without it
    ("과제 행안\x1c부", [(3, "행안\x1c부", "행정안전부")]),
]


@pytest.mark.parametrize(("row", "agencies"), AGENCIES)
def test_agencies_at_end(row: str, agencies: list[tuple[int, str, str | None]]) -> None:
    found = agencies_at_end(row, 0, row, SEPARATORS, REGISTRY)
    assert [(a.start, a.text, a.name) for a in found] == agencies
    assert all(a.end == a.start + len(a.text) for a in found if "\n" not in row)


def test_agencies_at_end_reads_from_an_offset_and_keeps_furniture_apart() -> None:
    # the row is text[4:], its furniture (- 3 -) blanked: 전 and 부처 are not one alias
    text = "xxx 과제 전 - 3 - 부처"
    start = 4
    furniture = Spans([(9, 14)])
    row = _outside(text, start, len(text), furniture)
    assert row == "과제 전       부처"
    assert agencies_at_end(text, start, row, SEPARATORS, REGISTRY) == []
    text = "xxx 과제 전 부처"
    assert [(a.start, a.end, a.text) for a in agencies_at_end(text, start, text[start:], SEPARATORS, REGISTRY)] == [(7, 11, "전 부처")]


# (text, furniture spans, start, end, the text with furniture blanked)
OUTSIDE = [
    ("가나 다라", [], 0, 5, "가나 다라"),
    ("가나 다라", [(3, 5)], 0, 5, "가나   "),
    ("가나 다라", [(0, 2)], 1, 4, "  다"),
    ("가나- 1 -다라", [(2, 7)], 0, 9, "가나     다라"),
    ("가나 다라", [(1, 2), (3, 4)], 0, 5, "가   라"),
    ("", [], 0, 0, ""),
]


@pytest.mark.parametrize(("text", "spans", "start", "end", "blanked"), OUTSIDE)
def test_outside(text: str, spans: list[tuple[int, int]], start: int, end: int, blanked: str) -> None:
    assert _outside(text, start, end, Spans(spans)) == blanked


# (row, where it starts, limit, separators, the title's end)
TITLE_ENDS = [
    ("과제 추진 행안부", 10, 16, SEPARATORS, 15),
    ("과제 추진, 행안부", 10, 17, SEPARATORS, 15),
    ("과제 추진 ·/ 행안부", 10, 19, SEPARATORS, 15),
    # without separators, a comma stays in the title (a label's parentheses)
    ("과제 추진, (참여)", 10, 17, "", 16),
    # blanked furniture is backed over like whitespace
    ("과제 추진       행안부", 10, 22, SEPARATORS, 15),
    ("행안부", 10, 10, SEPARATORS, 10),
    (", 행안부", 10, 12, SEPARATORS, 10),
]


@pytest.mark.parametrize(("row", "start", "limit", "separators", "end"), TITLE_ENDS)
def test_title_end(row: str, start: int, limit: int, separators: str, end: int) -> None:
    assert _title_end(row, start, limit, separators) == end
