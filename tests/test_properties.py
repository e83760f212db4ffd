"""Property tests: random plans in random layouts parse back to the tree they were made from;
arbitrary input never raises anything but the documented ``PlanError``."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import PlanError
from extract.models import iter_nodes
from extract.pipeline import parse_bytes
from extract.stages.profile import load_profile
from extract.synthetic import Layout, expected_outline, random_plan, render

from .lossless import assert_lossless

PROFILE = load_profile()

layouts = st.builds(
    Layout,
    run_on=st.floats(0, 1),
    wrap=st.floats(0, 0.5),
    lost_comma=st.floats(0, 1),
    header_every=st.sampled_from([0, 0, 2, 5]),
    page_numbers=st.booleans(),
    one_line=st.booleans(),
    preamble=st.booleans(),
)


def _encode(text: str, how: str) -> bytes:
    if how == "nfd":
        return unicodedata.normalize("NFD", text).encode()
    if how == "crlf":
        return text.replace("\n", "\r\n").encode()
    if how == "tabs-nbsp":
        return text.replace(" ", "\t", 3).replace(" ", "\u00a0", 3).encode()
    if how == "cp949":
        try:
            return text.encode("cp949")
        except UnicodeEncodeError:  # ➊, ㉑ … are not in CP949: such a plan cannot come in it
            return text.encode("utf-8")
    return text.encode(how)


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp949", "nfd", "crlf", "tabs-nbsp"])


def outline_of(document) -> list[tuple]:
    return [
        (n.id, n.kind, n.number, n.title, n.label, tuple(a.text for a in n.agencies or ()))
        for n in iter_nodes(document.children)
    ]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), layout=layouts, encoding=encodings)
def test_random_plan_round_trips(rng, layout: Layout, encoding: str) -> None:
    nodes = random_plan(rng, PROFILE)
    text = render(nodes, rng, layout)
    parsed = parse_bytes(_encode(text, encoding))
    assert outline_of(parsed.document) == expected_outline(nodes)
    assert_lossless(parsed)


@given(rng=st.randoms(use_true_random=False))
def test_same_tree_in_every_layout(rng) -> None:
    nodes = random_plan(rng, PROFILE)
    plain = parse_bytes(render(nodes, rng, Layout(run_on=0, wrap=0, lost_comma=0)).encode()).document
    one_line = parse_bytes(render(nodes, rng, Layout(one_line=True, header_every=3)).encode()).document
    assert outline_of(plain) == outline_of(one_line)


# Text made of marker-like pieces and words in any order: the parser must never crash.
MARKERISH = st.sampled_from(
    ["①", "②", "④", "㉑", "1.", "2.", "1-1.", "2-3.", "분야", "1", "|", "분야 2 |", "Ⅰ.", "가.", "1)", "(1)", "□", "○",
     "[국정01]", "전략 1:", "행안부", "전 부처", "기재부,", "(참여)", "대표 과제 주관기관", "- 3 -", "2019. 10. 29.",
     "문서에서", "(페이지 1-2)", "관련 문서", "과제", "추진", "\n", " ", "", "‘도전.", "한국’", "3.0"]
)


@given(st.lists(MARKERISH, max_size=40))
def test_marker_soup_never_crashes(pieces: list[str]) -> None:
    _parse_or_plan_error(" ".join(pieces).encode())


@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    _parse_or_plan_error(text.encode("utf-8", "surrogatepass"))


@given(st.binary())
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _parse_or_plan_error(data)


def _parse_or_plan_error(data: bytes) -> None:
    try:
        parsed = parse_bytes(data)
    except PlanError as exc:
        assert "\n" not in exc.one_line()
        return
    assert_lossless(parsed)
