"""Lossless: every non-space character of the fixture lands in exactly one place."""

from __future__ import annotations

import pytest

from extract.pipeline import parse_file, parse_text

from .lossless import assert_lossless
from .paths import FIXTURE


def test_fixture_is_lossless() -> None:
    assert_lossless(parse_file(str(FIXTURE)))


def test_the_check_catches_a_dropped_character() -> None:
    parsed = parse_text("① 과제 추진 행안부 끝")
    parsed.parts[:] = [p for p in parsed.parts if p.role != "noise"]  # drop the trailing fragment's claim
    with pytest.raises(AssertionError, match="in no place"):
        assert_lossless(parsed)
