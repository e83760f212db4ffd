"""Layout must not matter: re-wrapped, one-line, re-encoded copies give the same tree."""

from __future__ import annotations

import random
import unicodedata

import pytest

from extract.pipeline import parse_bytes

from .factories import tree_shape
from .lossless import assert_lossless
from .paths import FIXTURE

SOURCE = FIXTURE.read_text(encoding="utf-8")
WORDS = SOURCE.split()


def rewrap(seed: int) -> str:
    """Break lines at random spaces: mid-heading, between 분야 and its number, before an agency list."""
    rng = random.Random(seed)
    return "".join(word + rng.choice([" ", " ", " ", "\n", "\n\n", " \n "]) for word in WORDS)


VARIANTS: dict[str, bytes] = {
    "one-line": " ".join(WORDS).encode(),
    "crlf": SOURCE.replace("\n", "\r\n").encode(),
    "cr-only": SOURCE.replace("\n", "\r").encode(),
    "utf-8-bom": b"\xef\xbb\xbf" + SOURCE.encode(),
    "utf-16-bom": SOURCE.encode("utf-16"),
    "utf-16-be-bom": b"\xfe\xff" + SOURCE.encode("utf-16-be"),
    "utf-16-le-no-bom": SOURCE.encode("utf-16-le"),
    "utf-16-be-no-bom": SOURCE.encode("utf-16-be"),
    "utf-32-bom": SOURCE.encode("utf-32"),
    "nfd": unicodedata.normalize("NFD", SOURCE).encode(),
    "tabs": SOURCE.replace(" ", "\t").encode(),
    "nbsp": SOURCE.replace(" ", "\u00a0").encode(),
    "ideographic-space": SOURCE.replace(" ", "\u3000").encode(),
    "double-spaces": SOURCE.replace(" ", "  ").encode(),
    "blank-lines-gone": SOURCE.replace("\n\n", "\n").encode(),
    "area-number-on-next-line": SOURCE.replace("분야 ", "분야\n").encode(),
    "agencies-alone-on-their-line": SOURCE.replace(" 행안부", "\n행안부").encode(),
    **{f"rewrap-{seed}": rewrap(seed).encode() for seed in range(12)},
}

BASE = tree_shape(parse_bytes(SOURCE.encode()).document)


@pytest.mark.parametrize("data", VARIANTS.values(), ids=VARIANTS.keys())
def test_same_tree_whatever_the_layout(data: bytes) -> None:
    parsed = parse_bytes(data)
    assert tree_shape(parsed.document) == BASE
    assert_lossless(parsed)


# CP949 has no "•": the legacy encodings get the fixture with the bullet a
# Korean word processor would write instead, compared with that text in UTF-8.
LEGACY_SOURCE = SOURCE.replace("•", "·")


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_legacy_korean_encodings(encoding: str) -> None:
    expected = tree_shape(parse_bytes(LEGACY_SOURCE.encode()).document)
    parsed = parse_bytes(LEGACY_SOURCE.encode(encoding))
    assert parsed.document.source.encoding == "cp949"
    assert tree_shape(parsed.document) == expected


def test_spans_point_into_the_decoded_text_after_normalization() -> None:
    """NFD and CRLF change the character count; spans still index the text as decoded."""
    decoded = unicodedata.normalize("NFD", SOURCE).replace("\n", "\r\n")
    document = parse_bytes(decoded.encode()).document
    first_task = document.children[0].children[0].children[0]
    start, end = first_task.span.start, first_task.span.end
    assert unicodedata.normalize("NFC", decoded[start:end]) == "① 정책평가 과정에서의 국민 추천·심사 비중 확대 행안부"
    assert (first_task.span.line, first_task.span.column) == (13, 1)


def test_never_nfkc() -> None:
    """NFKC would turn ① into 1; the markers must survive normalization."""
    document = parse_bytes("① 과제 추진 행안부".encode()).document
    assert document.children[0].marker == "①"
