"""The HWPX reader (extract/readers/hwpx.py) and the numbering module it shares with HWP.

(a) The three corpus HWPX files: every ``hp:t`` read, in order, against an independent
    reading of the raw XML; glyphs and labels against the printed document; table counts.
(b) Errors a user can cause, built here: not a zip, not HWPX, zip bombs, DOCTYPE and entity
    attacks, malformed XML, a missing section, encryption, no text.
(c) Generated documents (tests/hwpx_writer.py): random plan trees with real numbering
    definitions and tables; the reader must give back their labels, texts and cells.
"""

from __future__ import annotations

import html
import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from extract.document import PARAGRAPH, ROW
from extract.errors import ExitCode, PlanError
from extract.readers import hwpx as hwpx_module
from extract.readers.hwpx import is_hwpx, read_hwpx
from extract.readers.numbering import (
    HWP5_NUMBER_FORMATS,
    Counters,
    Numbering,
    NumberingLevel,
    format_number,
    map_private_use,
)

from . import hwpx_writer as writer

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EDU = "2025-12_edu_sw_contract_improvement_plan.hwpx"
MOEL = "2025-12_moel_work_report.hwpx"
MOIS = "2025-01_mois_work_plan.hwpx"
CORPUS_FILES = (EDU, MOEL, MOIS)


def corpus_bytes(name: str) -> bytes:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} not found at {CORPUS} (the shared corpus sits beside the repository)")
    return path.read_bytes()


def paragraphs(document):
    return [block for block in document.iter_blocks() if block.kind == PARAGRAPH]


# ---------------------------------------------------------------------------------------
# (a) corpus


def xml_text(data: bytes) -> str:
    """Every ``hp:t`` text and ``hp:compose`` composeText of every section, in document
    order, read with a regular expression over the raw XML (not with the reader's parser)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    sections = sorted(n for n in archive.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n))
    parts = []
    for name in sections:
        xml = archive.read(name).decode("utf-8")
        for m in re.finditer(r"<hp:t>(.*?)</hp:t>|composeText=\"([^\"]*)\"", xml, re.S):
            raw = m.group(1) if m.group(1) is not None else m.group(2)
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", raw)))
    return "".join(parts)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_every_text_read_in_order(name):
    data = corpus_bytes(name)
    document = read_hwpx(data, name)
    ours = "".join(block.text for block in paragraphs(document))
    expected, _ = map_private_use(xml_text(data))
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731 - tabs, line breaks, fixed spaces
    assert squash(ours) == squash(expected)


# (file, tables, rows, cells, unmapped glyphs): hp:tbl / hp:tr / hp:tc counted in the XML.
CORPUS_TABLES = [
    (EDU, 10, 77, 199),
    (MOEL, 44, 117, 1272),
    (MOIS, 24, 112, 221),
]


@pytest.mark.parametrize("name, tables, rows, cells", CORPUS_TABLES)
def test_corpus_tables(name, tables, rows, cells):
    data = corpus_bytes(name)
    document = read_hwpx(data, name)
    row_blocks = [block for block in document.iter_blocks() if block.kind == ROW]
    assert len({block.table for block in row_blocks}) == tables
    assert len(row_blocks) == rows
    assert sum(len(block.cells) for block in row_blocks) == cells
    # And against the XML itself, counted by regex.
    xml = zipfile.ZipFile(io.BytesIO(data)).read("Contents/section0.xml").decode()
    assert (xml.count("<hp:tbl "), xml.count("<hp:tr>"), xml.count("<hp:tc ")) == (tables, rows, cells)


# (file, text the paragraph starts with after its marker, marker as printed, label).
# The markers of these files are typed characters, not Hangul numbering: each row was
# checked on the page (moel: the PDF export, pages given; mois and edu: the XML, where the
# glyph is a private-use or plain character). Labels are None: none of these paragraphs
# uses a numbered/bulleted paragraph shape (see test_corpus_labels_only_where_declared).
CORPUS_MARKERS = [
    (MOEL, "기구 및 조직 현황", "1⃞", None),  # p. 2, boxed 1 (U+F02B1)
    (MOEL, "인원 현황", "2⃞", None),  # p. 2
    (MOEL, "예산 현황", "3⃞", None),  # p. 2
    (MOEL, "임금·복지 격차 해소", "4⃞", None),  # p. 10
    (MOEL, "모든 일하는 사람의 노동기본권 보장", "9⃞", None),  # p. 15
    (MOEL, "일한만큼 정당한 대우를 받는 공정일터", "10⃞", None),  # p. 16, U+F02BA+U+F02C3 composed
    (MOEL, "스스로 지키는 참여형 일터 안전", "11⃞", None),  # p. 17
    (MOEL, "외국인노동자 100만 시대", "12⃞", None),  # p. 18
    (MOEL, "노동·생명 존중 정책 추진", "❖", None),  # p. 4, U+F076
    (MOEL, "Ⅰ. 일반현황", "", None),  # p. 2, typed Roman numeral
    (MOIS, "빈틈없는 재난상황 관리 및 대응", "1⃞", None),
    (MOIS, "겨울철~여름철 재난 인명피해 최소화", "2⃞", None),
    (MOIS, "국가공무원 정원 약 4천 명 감축", "■", None),  # U+F06E, Wingdings black square
    (MOIS, "국민안전 확보", "□", None),
    (EDU, "일상감사 의견 조치", "❐", None),
    (EDU, "주요 지적사항 및 개선 방향", "", None),
]


@pytest.mark.parametrize("name, rest, marker, label", CORPUS_MARKERS)
def test_corpus_markers_as_printed(name, rest, marker, label):
    document = read_hwpx(corpus_bytes(name), name)
    squash = lambda text: re.sub(r"[\s\u202f]+", "", text)  # noqa: E731
    found = [block for block in paragraphs(document) if squash(block.text).startswith(squash(marker + rest))]
    assert found, f"no paragraph reads {marker}{rest!r}"
    assert [block.label for block in found] == [label] * len(found)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_labels_only_where_declared(name):
    """A label for exactly the paragraphs whose paraPr declares a heading (counted by regex)."""
    data = corpus_bytes(name)
    archive = zipfile.ZipFile(io.BytesIO(data))
    header = archive.read("Contents/header.xml").decode()
    section = archive.read("Contents/section0.xml").decode()
    headed = {
        m.group(1)
        for m in re.finditer(r'<hh:paraPr id="(\d+)"[^>]*>(?:(?!</hh:paraPr>).)*?<hh:heading type="(NUMBER|BULLET|OUTLINE)"', header, re.S)
    }
    declared = sum(1 for ref in re.findall(r'<hp:p [^>]*paraPrIDRef="(\d+)"', section) if ref in headed)
    document = read_hwpx(data, name)
    assert sum(1 for block in paragraphs(document) if block.label) == declared
    assert not [issue for issue in document.issues if issue.code == "unmapped-glyph"]


def test_corpus_layout_figures():
    """Indent and size from header.xml: moel's 'Ⅰ. 일반현황' (paraPr left 800 HWPUNIT,
    charPr height 1600) and the cover title (3200 = 32 pt)."""
    document = read_hwpx(corpus_bytes(MOEL), MOEL)
    by_text = {block.text.strip(): block for block in paragraphs(document)}
    assert by_text["Ⅰ. 일반현황"].indent == 8.0
    assert by_text["Ⅰ. 일반현황"].size == 16.0
    assert by_text["고용노동부 업무보고"].size == 32.0


def test_corpus_headers_of_task_table():
    """edu's 세부이행 계획 관리표: its first row heads each column."""
    document = read_hwpx(corpus_bytes(EDU), EDU)
    for block in document.iter_blocks():
        if block.kind == ROW and block.row == 1 and block.cells[0].header == "분야":
            assert [cell.header for cell in block.cells] == ["분야", "개선과제", "시기", "산출물"]
            break
    else:
        pytest.fail("no table headed 분야 | 개선과제 | 시기 | 산출물")


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_signature(name):
    data = corpus_bytes(name)
    assert is_hwpx(data[:64])
    assert is_hwpx(data)


# ---------------------------------------------------------------------------------------
# numbering


@pytest.mark.parametrize(
    "value, number_format, expected",
    [
        (3, "DIGIT", "3"),
        (3, "CIRCLED_DIGIT", "③"),
        (21, "CIRCLED_DIGIT", "㉑"),
        (50, "CIRCLED_DIGIT", "㊿"),
        (51, "CIRCLED_DIGIT", "51"),
        (4, "ROMAN_CAPITAL", "IV"),
        (14, "ROMAN_SMALL", "xiv"),
        (2, "LATIN_CAPITAL", "B"),
        (26, "LATIN_SMALL", "z"),
        (1, "CIRCLED_LATIN_CAPITAL", "Ⓐ"),
        (2, "CIRCLED_LATIN_SMALL", "ⓑ"),
        (3, "HANGUL_SYLLABLE", "다"),
        (14, "HANGUL_SYLLABLE", "하"),
        (2, "CIRCLED_HANGUL_SYLLABLE", "㉯"),
        (4, "HANGUL_JAMO", "ㄹ"),
        (1, "CIRCLED_HANGUL_JAMO", "㉠"),
        (3, "HANGUL_PHONETIC", "삼"),
        (11, "HANGUL_PHONETIC", "십일"),
        (20, "HANGUL_PHONETIC", "이십"),
        (2, "IDEOGRAPH", "二"),
        (12, "IDEOGRAPH", "十二"),
        (3, "CIRCLED_IDEOGRAPH", "㊂"),
        (2, "DECAGON_CIRCLE", "을"),
        (3, "DECAGON_CIRCLE_HANJA", "丙"),
        (5, "NO_SUCH_FORMAT", "5"),
    ],
)
def test_format_number(value, number_format, expected):
    assert format_number(value, number_format) == expected


def test_hwp5_codes_name_the_owpml_formats():
    assert HWP5_NUMBER_FORMATS[0] == "DIGIT"
    assert HWP5_NUMBER_FORMATS[8] == "HANGUL_SYLLABLE"
    assert HWP5_NUMBER_FORMATS[12] == "HANGUL_PHONETIC"
    assert len(HWP5_NUMBER_FORMATS) == 17


OUTLINE = Numbering(
    (
        NumberingLevel("^1.", "DIGIT"),
        NumberingLevel("^2.", "HANGUL_SYLLABLE"),
        NumberingLevel("(^3)", "DIGIT"),
        NumberingLevel("^3-^4", "DIGIT", 0),
    )
)


@pytest.mark.parametrize(
    "levels, expected",
    [
        ([0, 1, 1, 0, 1], ["1.", "가.", "나.", "2.", "가."]),  # a deeper level restarts under a new parent
        ([0, 1, 2, 2, 1, 2], ["1.", "가.", "(1)", "(2)", "나.", "(1)"]),
        ([2, 2], ["(1)", "(2)"]),  # a level used without its parents counts from its start
        ([2, 3, 3, 2, 3], ["(1)", "1-0", "1-1", "(2)", "2-0"]),  # start 0, and ^3 in level 4's template
    ],
)
def test_counters(levels, expected):
    counters = Counters()
    assert [counters.label("n", OUTLINE, level) for level in levels] == expected


def test_counters_keep_each_definition_apart():
    counters = Counters()
    assert counters.label("a", OUTLINE, 0) == "1."
    assert counters.label("b", OUTLINE, 0) == "1."  # a new definition starts over
    assert counters.label("a", OUTLINE, 0) == "2."  # the first goes on where it stopped
    counters.restart("a")
    assert counters.label("a", OUTLINE, 0) == "1."


@pytest.mark.parametrize(
    "text, mapped, unmapped",
    [
        ("plain", "plain", []),
        ("\U000f02b1 추진 배경", "1\u20de 추진 배경", []),
        ("\U000f02ba\U000f02c3 과제", "10\u20de 과제", []),
        ("\uf076 요약", "❖ 요약", []),
        ("\U000f0854x\U000f0854", "\U000f0854x\U000f0854", ["\U000f0854"]),
        ("\U000f02ba", "\U000f02ba", ["\U000f02ba"]),  # half a composed glyph: not guessed
    ],
)
def test_map_private_use(text, mapped, unmapped):
    assert map_private_use(text) == (mapped, unmapped)


# ---------------------------------------------------------------------------------------
# (b) errors


def assert_refused(data: bytes, *words: str) -> PlanError:
    with pytest.raises(PlanError) as caught:
        read_hwpx(data, "plan.hwpx")
    error = caught.value
    assert error.code == ExitCode.BAD_INPUT
    line = error.one_line()
    assert "\n" not in line and line.startswith("plan.hwpx")
    for word in words:
        assert word in line, line
    return error


def test_minimal_package_reads():
    document = read_hwpx(writer.package(writer.minimal_files()), "plan.hwpx")
    assert [block.text for block in paragraphs(document)] == ["본문"]
    assert document.format == "hwpx"


def test_not_a_zip():
    assert_refused(b"hello, this is not a zip", "not a zip")
    assert not is_hwpx(b"hello")


@pytest.mark.parametrize(
    "mimetype, files, words",
    [
        (b"application/vnd.oasis.opendocument.text", {"content.xml": "<x/>"}, ("not HWPX", "opendocument")),
        (None, {"word/document.xml": "<x/>", "[Content_Types].xml": "<x/>"}, ("not HWPX", "content.hpf")),
    ],
)
def test_zip_that_is_not_hwpx(mimetype, files, words):
    data = writer.package(files, mimetype=mimetype)
    assert_refused(data, *words)
    assert not is_hwpx(data)


def test_zip_bomb_by_ratio_fails_fast():
    section = writer.DECL + "<hs:sec>" + " " * (50 * 2**20) + "</hs:sec>"  # 50 MiB of spaces, ~50 KB zipped
    files = writer.minimal_files()
    files["Contents/section0.xml"] = section
    data = writer.package(files)
    started = time.perf_counter()
    assert_refused(data, "section0.xml", "zip bomb")
    assert time.perf_counter() - started < 0.5  # refused from the directory, nothing inflated


def test_zip_bomb_by_size(monkeypatch):
    monkeypatch.setattr(hwpx_module, "MAX_PART_BYTES", 10_000)
    files = writer.minimal_files("<hp:p><hp:run><hp:t>" + "가나다라" * 5000 + "</hp:t></hp:run></hp:p>")
    assert_refused(writer.package(files), "section0.xml", "inflates to", "zip bomb")


def test_zip_bomb_total_size(monkeypatch):
    monkeypatch.setattr(hwpx_module, "MAX_TOTAL_BYTES", 2_000)
    files = writer.minimal_files("<hp:p><hp:run><hp:t>" + "본문 " * 400 + "</hp:t></hp:run></hp:p>")
    assert_refused(writer.package(files), "zip bomb")


def test_zip_bomb_directory_that_lies():
    """The directory claims a small size: inflating stops there and the CRC check fails."""
    files = writer.minimal_files("<hp:p><hp:run><hp:t>" + "본문" * 20000 + "</hp:t></hp:run></hp:p>")
    data = bytearray(writer.package(files))
    record = central_record(data, b"Contents/section0.xml")
    data[record + 24 : record + 28] = (100).to_bytes(4, "little")  # uncompressed size
    assert_refused(bytes(data), "section0.xml")


def test_too_many_entries(monkeypatch):
    monkeypatch.setattr(hwpx_module, "MAX_ENTRIES", 20)
    files = writer.minimal_files()
    files.update({f"BinData/image{i}.png": b"x" for i in range(30)})
    assert_refused(writer.package(files), "entries", "zip bomb")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE hs:sec [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',  # billion laughs
        '<!DOCTYPE hs:sec [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # external entity
        '<!-- a comment first --><!DOCTYPE hs:sec SYSTEM "http://example.invalid/x.dtd">',
    ],
)
def test_doctype_refused(prolog):
    files = writer.minimal_files()
    files["Contents/section0.xml"] = writer.DECL + prolog + "<hs:sec><hp:p><hp:run><hp:t>&b;&x;</hp:t></hp:run></hp:p></hs:sec>"
    assert_refused(writer.package(files), "section0.xml", "DOCTYPE")


def test_undeclared_entity_is_malformed():
    files = writer.minimal_files("<hp:p><hp:run><hp:t>&lol;</hp:t></hp:run></hp:p>")
    assert_refused(writer.package(files), "section0.xml", "line 1", "malformed XML")


def test_malformed_xml_names_entry_and_line():
    files = writer.minimal_files()
    files["Contents/section0.xml"] = writer.DECL + f"\n<hs:sec {writer.NS}>\n<hp:p><hp:run><hp:t>본문</hp:run></hp:p>\n</hs:sec>"
    assert_refused(writer.package(files), "Contents/section0.xml line 3", "malformed XML", "mismatched tag")


def test_utf16_xml_refused():
    files = writer.minimal_files()
    files["Contents/section0.xml"] = ('<?xml version="1.0" encoding="UTF-16"?><hs:sec/>').encode("utf-16")
    assert_refused(writer.package(files), "section0.xml", "UTF-8")


def test_missing_section():
    files = writer.minimal_files()
    files["Contents/content.hpf"] = writer.content_hpf(("section0", "section1"))
    assert_refused(writer.package(files), "section1.xml", "missing")


def test_no_section_at_all():
    files = {"Contents/content.hpf": writer.content_hpf(()), "Contents/header.xml": writer.DECL + "<hh:head/>"}
    assert_refused(writer.package(files), "no section")


def test_encrypted_manifest():
    files = writer.minimal_files()
    files["META-INF/manifest.xml"] = (
        writer.DECL + '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<odf:file-entry odf:full-path="Contents/section0.xml"><odf:encryption-data odf:checksum="x"/>'
        "</odf:file-entry></odf:manifest>"
    )
    assert_refused(writer.package(files), "encrypted")


def test_encrypted_entry():
    data = bytearray(writer.package(writer.minimal_files()))
    name = b"Contents/section0.xml"
    record = central_record(data, name)
    data[record + 8] |= 0x1  # general purpose flag bit 0: the entry is encrypted (password)
    assert_refused(bytes(data), "section0.xml", "encrypted")


def central_record(data: bytearray, name: bytes) -> int:
    """Offset of ``name``'s central directory record (its file name sits at +46)."""
    record = data.find(b"PK\x01\x02")
    while data[record + 46 : record + 46 + len(name)] != name:
        record = data.find(b"PK\x01\x02", record + 4)
    return record


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<hp:p><hp:run><hp:t/></hp:run></hp:p>",
        "<hp:p><hp:run><hp:t>  <hp:tab/> </hp:t></hp:run></hp:p>",
    ],
)
def test_no_text(body):
    assert_refused(writer.package(writer.minimal_files(body)), "no text")


def test_inline_elements_and_objects_read_once():
    body = (
        "<hp:p><hp:run><hp:t>목차<hp:tab/>3</hp:t><hp:t>줄<hp:lineBreak/>바꿈<hp:fwSpace/>끝</hp:t>"
        '<hp:rect><hp:drawText><hp:subList><hp:p><hp:run><hp:t>글상자</hp:t></hp:run></hp:p></hp:subList></hp:drawText></hp:rect>'
        '<hp:compose composeText="&#xF02BA;&#xF02C3;"/><hp:t> 과제</hp:t></hp:run></hp:p>'
        '<hp:p><hp:run><hp:ctrl><hp:header><hp:subList><hp:p><hp:run><hp:t>머리말</hp:t></hp:run></hp:p></hp:subList></hp:header></hp:ctrl>'
        "<hp:t>\U000f0854 미지</hp:t></hp:run></hp:p>"
    )
    document = read_hwpx(writer.package(writer.minimal_files(body)), "plan.hwpx")
    texts = [(block.text, block.furniture) for block in paragraphs(document)]
    assert texts == [
        ("목차\t3줄 바꿈 끝10\u20de 과제", None),
        ("글상자", None),
        ("\U000f0854 미지", None),
        ("머리말", "running-header"),
    ]
    assert [(issue.code, issue.where.paragraph) for issue in document.issues] == [("unmapped-glyph", 2)]


def hwpx_table(*rows: list[tuple[str, int, bool]]) -> str:
    """A table's XML: each row a list of (text, column span, flagged as header)."""
    out = []
    for r, row in enumerate(rows):
        cells, col = [], 0
        for text, span, header in row:
            flag = ' header="1"' if header else ""
            cells.append(
                f'<hp:tc{flag}><hp:subList><hp:p><hp:run><hp:t>{text}</hp:t></hp:run></hp:p></hp:subList>'
                f'<hp:cellAddr colAddr="{col}" rowAddr="{r}"/><hp:cellSpan colSpan="{span}" rowSpan="1"/></hp:tc>'
            )
            col += span
        out.append(f"<hp:tr>{''.join(cells)}</hp:tr>")
    return f"<hp:p><hp:run><hp:tbl>{''.join(out)}</hp:tbl></hp:run></hp:p>"


@pytest.mark.parametrize("flagged", [False, True], ids=["unflagged", "flagged"])
def test_a_title_row_over_the_header_row_heads_no_column(flagged):
    """'< 과제별 담당부서 >' in one cell across the table, over '과제명 | 주관부처': the second row
    heads the columns (flagged or short labels); the title row and the header row head nothing."""
    body = hwpx_table(
        [("&lt; 과제별 담당부서 &gt;", 2, flagged)],
        [("과제명", 1, flagged), ("주관부처", 1, flagged)],
        [("디지털 정부 구현", 1, False), ("행안부", 1, False)],
    )
    document = read_hwpx(writer.package(writer.minimal_files(body)), "plan.hwpx")
    rows = [block for block in document.blocks if block.kind == ROW]
    assert [[cell.header for cell in row.cells] for row in rows] == [[None], [None, None], ["과제명", "주관부처"]]


# ---------------------------------------------------------------------------------------
# (c) generated documents


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(writer.plans())
def test_generated_plans_read_back(plan):
    data = writer.write_hwpx(plan)
    assert is_hwpx(data[:64])
    document = read_hwpx(data, "generated.hwpx")
    top = [block for block in document.blocks if block.kind == PARAGRAPH and block.label]
    assert [(block.label, block.text, block.level) for block in top] == writer.expected_paragraphs(plan)
    cells = []
    for block in document.iter_blocks():
        if block.kind == ROW:
            for cell in block.cells:
                own = "".join(inner.text for inner in cell.blocks if inner.kind == PARAGRAPH)
                cells.append((block.table, cell.row, cell.col, own, cell.header))
    assert cells == writer.expected_cells(plan)
