"""The PDF reader's short cuts change nothing: rules are read only when the layout looks at them,
and a gutter is first tested without them (issue 15).

The JSON with the short cuts must be the JSON without them, on the generated fixtures and on
every real PDF of the corpus (``../shared/corpus/``) that parses. The expected side is the old
behaviour itself (every page's rules read, every gutter tested on its rule), not a copy of an
output.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.pipeline import load
from extract.stages.profile import load_profile
from extract.readers.pdf import layout, pdfium
from extract.readers.pdf.page import Edge, Rules

from benchmarks.accuracy import DEFAULT_CORPUS
from .paths import PDF_DIR, PDF_FIXTURES

REFUSED = {"2025-01_info_ethics_smartphone_education_plan_scanned.pdf", "2022-01_nikl_work_plan_no_hangul_textlayer.pdf"}
CORPUS_PDFS = sorted(p for p in DEFAULT_CORPUS.glob("*.pdf") if p.name not in REFUSED) if DEFAULT_CORPUS.is_dir() else []
FIXTURE_PDFS = [*PDF_FIXTURES.values(), PDF_DIR / "lost-middle-dot.pdf", PDF_DIR / "partly-scanned.pdf"]


def eager_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader as it was: every page's path objects walked up front, every gutter tested on its rules."""
    monkeypatch.setattr(layout.PageReader, "probe_without_rules", False)
    content, walk = pdfium._content, pdfium._objects

    def eager(page, number, objects):
        result = content(page, number, objects)
        return replace(result, edges=walk(page, result.height)[0])  # a plain list, walked now

    monkeypatch.setattr(pdfium, "_content", eager)


@pytest.mark.parametrize("path", FIXTURE_PDFS + CORPUS_PDFS, ids=lambda p: p.name)
def test_same_json_as_reading_every_rule(path, monkeypatch):
    profile = load_profile()
    fast = load(str(path), profile).to_json()
    with monkeypatch.context() as patch:
        eager_rules(patch)
        slow = load(str(path), profile).to_json()
    assert fast == slow


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"the real-plan corpus is not at {DEFAULT_CORPUS} (CI puts it there)")
@pytest.mark.parametrize(
    ("name", "pages_with_rules"),
    [
        # Pages whose text has a table header naming the agency column, found with poppler's
        # `pdftotext -f N -l N -layout` (p. 6 of the 2014 plan names 소관부처 in a sentence only).
        ("2014-06_green_growth_2nd_5yr_plan_summary.pdf", [21, 22, 27, 28, 33, 34, 39, 40, 45, 46]),
        ("2017-12_mohw_health_bigdata_platform_pilot_plan.pdf", []),  # agencies in parentheses, no such column
        ("2025-12_moel_work_report.pdf", []),  # a single ministry: no agency column
    ],
)
def test_rules_read_only_on_pages_with_a_table(name, pages_with_rules, monkeypatch):
    read: list[int] = []
    page, objects = pdfium.Document.page, pdfium._objects
    current = [0]
    monkeypatch.setattr(pdfium.Document, "page", lambda self, n: current.__setitem__(0, n) or page(self, n))
    monkeypatch.setattr(pdfium, "_objects", lambda p, height: read.append(current[0]) or objects(p, height))
    load(str(DEFAULT_CORPUS / name), load_profile())
    assert read == pages_with_rules


@pytest.mark.parametrize(
    ("touch", "reads"),
    [
        (lambda rules: None, 0),  # never looked at: never read
        (lambda rules: list(rules), 1),
        (lambda rules: (len(rules), rules[0], list(rules), bool(rules)), 1),  # read once, however looked at
    ],
)
def test_rules_are_read_once_and_only_when_looked_at(touch, reads):
    calls = []
    rules = Rules(lambda: calls.append(1) or [Edge(0, 10, 5, 5)])
    touch(rules)
    assert len(calls) == reads


def test_rules_equal_the_list_they_hold():
    assert Rules(lambda: [Edge(0, 10, 5, 5)]) == [Edge(0, 10, 5, 5)]
    assert Rules(lambda: []) != [Edge(0, 10, 5, 5)]


def test_rules_of_a_closed_page_are_refused():
    """A page's rules asked for after the next page was read would be another page's: refused loudly."""
    document = pdfium.open_document(str(PDF_FIXTURES["plan-2020"]))
    with document as pdf:
        first = pdf.page(1)
        pdf.page(2)
        with pytest.raises(RuntimeError, match="after the next page"):
            list(first.edges)


def _typed_chars(textpage, height: float):
    """``pdfium._chars`` as pypdfium2's typed bindings and the box's named fields read it."""
    import ctypes

    import pypdfium2.raw as raw

    from extract.readers.pdf.page import UNMAPPED

    handle = textpage.raw
    chars, blanks, unmapped = [], 0, 0
    for i in range(raw.FPDFText_CountChars(handle)):
        code = raw.FPDFText_GetUnicode(handle, i)
        ch = chr(code) if code < 0x110000 else UNMAPPED
        if ch.isspace() or ch == "\x00":
            if ch in "\r\n\x00" or raw.FPDFText_IsGenerated(handle, i):
                continue
            ch, blanks = " ", blanks + 1
        elif raw.FPDFText_HasUnicodeMapError(handle, i):
            ch, unmapped = UNMAPPED, unmapped + 1
        box = raw.FS_RECTF()
        raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(box))
        chars.append((ch, box.left, box.right, height - box.top, height - box.bottom))
    return chars, len(chars) - blanks, unmapped


@pytest.mark.parametrize("path", FIXTURE_PDFS + CORPUS_PDFS[:2], ids=lambda p: p.name)
def test_untyped_glyph_calls_read_what_the_typed_ones_do(path):
    """The per-glyph PDFium calls made without argument conversion, the box read through a
    memoryview (pdfium._per_char_calls, _chars) give what pypdfium2's typed calls give."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(min(len(pdf), 6)):
            page = pdf[i]
            textpage = page.get_textpage()
            height = page.get_height()
            assert pdfium._chars(textpage, height) == _typed_chars(textpage, height)
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _typed_object_calls():
    """``pdfium._object_calls`` as it was: prototypes with declared argument types (object
    addresses as Python ints, converted back to pointers on each call)."""
    import ctypes

    import pypdfium2.raw as raw

    pointer, number, proto, address = ctypes.c_void_p, ctypes.c_int, ctypes.CFUNCTYPE, pdfium._address
    return pdfium._ObjectCalls(
        proto(pointer, pointer, number)(address(raw.FPDFPage_GetObject)),
        proto(pointer, pointer, ctypes.c_ulong)(address(raw.FPDFFormObj_GetObject)),
        proto(number, pointer)(address(raw.FPDFPageObj_GetType)),
        proto(number, pointer)(address(raw.FPDFPath_CountSegments)),
        proto(number, pointer, pointer, pointer, pointer, pointer)(address(raw.FPDFPageObj_GetBounds)),
    )


RULED = [p for p in CORPUS_PDFS if p.name.startswith(("2014-06", "2025-09"))]


@pytest.mark.parametrize("path", FIXTURE_PDFS + RULED, ids=lambda p: p.name)
def test_untyped_object_calls_find_the_typed_calls_rules(path, monkeypatch):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            fast = pdfium._objects(page, page.get_height())
            with monkeypatch.context() as patch:
                patch.setattr(pdfium, "_object_calls", _typed_object_calls)
                assert pdfium._objects(page, page.get_height()) == fast
            page.close()
    finally:
        pdf.close()


def _best_shift_by_trying_each(base, lefts):
    """reader._best_shift as it was: every shift tried against every edge."""
    from collections import Counter

    from extract.readers.pdf.reader import MAX_SHIFT

    common = Counter(round(x) for x in base)
    mine = Counter(round(x) for x in lefts)
    best, best_score = 0, -1
    for shift in sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=abs):
        score = sum(min(n, common.get(x + shift, 0)) for x, n in mine.items())
        if score > best_score:
            best, best_score = shift, score
    return best


def test_best_shift_is_the_shift_found_by_trying_each():
    import random

    from extract.readers.pdf.reader import _best_shift

    rng = random.Random(15)
    for _ in range(500):
        base = [rng.choice([50.2, 62.7, 75, 90.4, 300]) + rng.uniform(-0.6, 0.6) for _ in range(rng.randint(0, 40))]
        shift = rng.randint(-80, 80)
        lefts = [x + shift + rng.choice([0, 0, 0, 1, -1, 17]) for x in rng.sample(base, min(len(base), rng.randint(0, 30)))]
        lefts += [rng.uniform(0, 600) for _ in range(rng.randint(0, 5))]
        assert _best_shift(base, lefts) == _best_shift_by_trying_each(base, lefts)


def _best_split_by_events(lines, lo, hi, min_lines=2):
    """layout.best_split as it was: every stretch between sorted (x, ±1) events listed with its
    crossing count, then scored."""
    from bisect import bisect_left, bisect_right

    gap = layout._word_gap(lines)
    events = []
    for line in lines:
        spans = []  # the line's covered stretches, word spaces closed (layout._merged_spans as it was)
        for word in line:
            if spans and word.x0 - spans[-1][1] < gap:
                spans[-1][1] = max(spans[-1][1], word.x1)
            else:
                spans.append([word.x0, word.x1])
        for x0, x1 in spans:
            if x1 > lo and x0 < hi:
                events.append((max(x0, lo), 1))
                events.append((min(x1, hi), -1))
    events.sort()
    stretches = []
    depth = 0
    at = lo
    for x, delta in events:
        if x > at:
            stretches.append((depth, at, x))
            at = x
        depth += delta
    if at < hi:
        stretches.append((depth, at, hi))
    best = None
    first_ends = sorted(line[0].x1 for line in lines)
    last_starts = sorted(line[-1].x0 for line in lines)
    for crossing, g0, g1 in stretches:
        if g1 - g0 < gap:
            continue
        left = bisect_right(first_ends, g0)
        right = len(last_starts) - bisect_left(last_starts, g1)
        if left >= min_lines and right >= min_lines:
            score = (right - crossing, g1 - g0)
            if best is None or score > best[0]:
                best = (score, (g0 + g1) / 2)
    return best[1] if best else None


def test_best_split_is_the_split_found_from_events():
    import random

    from extract.readers.pdf.page import Word

    rng = random.Random(15)
    for _ in range(2000):
        lines = []
        for row in range(rng.randint(0, 12)):
            x, words = rng.choice([0.0, 20.0, 40.5]), []
            for _ in range(rng.randint(1, 8)):
                x += rng.choice([0.5, 1.0, 3.0, 12.0, 60.0, rng.uniform(0, 80)])
                width = rng.choice([8.0, 20.0, rng.uniform(1, 50)])
                words.append(Word("w", x, x + width, row * 14.0, row * 14.0 + rng.choice([9.0, 10.0, 12.5]), 1))
                x += width
            lines.append(words)
        lo = rng.choice([0.0, 100.0, rng.uniform(0, 300)])
        hi = rng.choice([lo + rng.uniform(-20, 400), 600.0, lo])
        for min_lines in (1, 2):
            assert layout.best_split(lines, lo, hi, min_lines) == _best_split_by_events(lines, lo, hi, min_lines), (lines, lo, hi)


def _join_rules_by_tuples(edges):
    """grid.join_rules as it was: a (position, start, end) tuple per edge, sorted as tuples."""
    from extract.readers.pdf.grid import JOIN_GAP, RULE_MERGE

    joined = []
    horizontal_spans, vertical_spans = [], []
    for x0, x1, top, bottom in edges:
        if bottom - top <= x1 - x0:
            horizontal_spans.append((top, x0, x1))
        else:
            vertical_spans.append((x0, top, bottom))
    for horizontal, spans in ((True, sorted(horizontal_spans)), (False, sorted(vertical_spans))):
        clusters = []
        for span in spans:
            if clusters and span[0] - clusters[-1][0][0] <= RULE_MERGE:
                clusters[-1].append(span)
            else:
                clusters.append([span])
        for cluster in clusters:
            at = cluster[0][0]
            lo = hi = None
            for _, a, b in sorted(cluster, key=lambda span: span[1]):
                if hi is not None and a <= hi + JOIN_GAP:
                    hi = max(hi, b)
                    continue
                if hi is not None:
                    joined.append(Edge(lo, hi, at, at) if horizontal else Edge(at, at, lo, hi))
                lo, hi = a, b
            joined.append(Edge(lo, hi, at, at) if horizontal else Edge(at, at, lo, hi))
    return joined


def test_join_rules_joins_as_by_tuples():
    import random

    from extract.readers.pdf.grid import join_rules

    rng = random.Random(15)
    for _ in range(1000):
        edges = []
        for _ in range(rng.randint(0, 60)):
            at = rng.choice([10.0, 11.5, 12.0, 50.0, 300.0, rng.uniform(0, 600)])
            a = rng.choice([0.0, 5.0, 20.0, rng.uniform(0, 500)])
            b = a + rng.choice([0.0, 1.0, 3.0, 40.0, rng.uniform(0, 200)])
            edges.append(Edge(a, b, at, at) if rng.random() < 0.5 else Edge(at, at, a, b))
        assert join_rules(edges) == _join_rules_by_tuples(edges), edges
    for path in RULED:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                edges = pdfium._objects(page, page.get_height())[0]
                assert join_rules(edges) == _join_rules_by_tuples(edges), (path.name, i + 1)
                page.close()
        finally:
            pdf.close()
