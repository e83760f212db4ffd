"""HWP 5 reader (extract/readers/hwp.py, hwp_records.py).

Three kinds of test:

* synthetic documents built here, record by record, in a minimal OLE container written by
  ``ole_bytes`` (olefile cannot create one): inline controls, tables with spans, header rows
  and nested tables, text boxes, numbering and bullets, distribution (배포용) decryption, and
  every error a user can cause;
* the corpus HWP files (``../shared/corpus``, skipped when absent), checked against an
  independent walk of their records written here with olefile and zlib only, against
  Hangul's own preview text (the PrvText stream), and against figures and rows read off the
  document by hand (the nikl plan also through its PDF rendering);
* the time ``read_hwp`` takes per corpus file.
"""

from __future__ import annotations

import math
import struct
import time
import zlib
from pathlib import Path

import olefile
import pytest

from extract.document import PAGE_BREAK, PARAGRAPH, ROW, SECTION_BREAK
from extract.errors import ExitCode, PlanError
from extract.readers import hwp_records
from extract.readers import sniff
from extract.readers.hwp import decode_para_text, read_hwp
from extract.readers.numbering import map_private_use

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NIKL = CORPUS / "2022-01_nikl_work_plan.hwp"
MOIS = CORPUS / "2025-12_mois_work_report.hwp"
needs_corpus = pytest.mark.skipif(not NIKL.exists() or not MOIS.exists(), reason=f"corpus HWP files not in {CORPUS}")

# ---------------------------------------------------------------------------------------------
# A minimal OLE compound file (CFB v3, 512-byte sectors): header, FAT, directory, mini FAT,
# mini stream (streams under 4096 bytes), regular sectors. Storages list their children as a
# chain of right siblings (a valid, if unbalanced, red-black tree: all black).

SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding ``streams`` ({"BodyText/Section0": bytes, …})."""
    entries = [{"name": "Root Entry", "type": ROOT, "children": [], "data": b""}]
    index = {"": 0}
    for path in sorted(streams):
        parts = path.split("/")
        for depth in range(len(parts)):
            key = "/".join(parts[: depth + 1])
            if key not in index:
                leaf = depth == len(parts) - 1
                index[key] = len(entries)
                entries.append({"name": parts[depth], "type": STREAM if leaf else STORAGE, "children": [],
                                "data": streams[key] if leaf else b""})
                entries[index["/".join(parts[:depth])]]["children"].append(index[key])

    mini, mini_fat, big = bytearray(), [], []
    for entry in entries:
        data = entry["data"]
        entry["start"], entry["size"] = END, len(data)
        if entry["type"] != STREAM or not data:
            continue
        if len(data) < MINI_CUTOFF:
            first, count = len(mini) // MINI_SECTOR, math.ceil(len(data) / MINI_SECTOR)
            entry["start"] = first
            mini_fat += [first + k + 1 for k in range(count - 1)] + [END]
            mini += data + bytes(count * MINI_SECTOR - len(data))
        else:
            big.append(entry)

    regions = [("dir", math.ceil(len(entries) / 4)), ("minifat", math.ceil(len(mini_fat) * 4 / SECTOR)),
               ("mini", math.ceil(len(mini) / SECTOR))] + [(id(e), math.ceil(len(e["data"]) / SECTOR)) for e in big]
    starts, fat, sector = {}, [], 0
    for name, count in regions:
        starts[name] = sector if count else END
        fat += [sector + k + 1 for k in range(count - 1)] + ([END] if count else [])
        sector += count
    n_fat = 1
    while n_fat * (SECTOR // 4) < sector + n_fat:
        n_fat += 1
    fat += [FAT_SECTOR] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    entries[0]["start"], entries[0]["size"] = starts["mini"], len(mini)
    for entry in big:
        entry["start"] = starts[id(entry)]

    for entry in entries:
        entry["left"] = entry["right"] = entry["child"] = NO_STREAM
    for entry in entries:
        kids = sorted(entry["children"], key=lambda i: (len(entries[i]["name"]), entries[i]["name"].upper()))
        if kids:
            entry["child"] = kids[0]
            for a, b in zip(kids, kids[1:]):
                entries[a]["right"] = b
    directory = b"".join(_dir_entry(entry) for entry in entries)
    directory += _dir_entry(None) * (-len(entries) % 4)

    difat = list(range(sector, sector + n_fat)) + [FREE] * (109 - n_fat)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", olefile.MAGIC, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6),
                         0, n_fat, starts["dir"], 0, MINI_CUTOFF, starts["minifat"], regions[1][1], END, 0)
    header += struct.pack("<109I", *difat)
    body = bytearray()
    body += directory
    body += struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(regions[1][1] * SECTOR, b"\xff")
    body += bytes(mini).ljust(regions[2][1] * SECTOR, b"\0")
    for entry in big:
        body += entry["data"].ljust(math.ceil(len(entry["data"]) / SECTOR) * SECTOR, b"\0")
    body += struct.pack(f"<{len(fat)}I", *fat)
    return header + bytes(body)


def _dir_entry(entry: dict | None) -> bytes:
    if entry is None:
        return struct.pack("<64sHBBIII16sIQQIII", b"", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM, bytes(16),
                           0, 0, 0, 0, 0, 0)
    name = entry["name"].encode("utf-16-le") + b"\0\0"
    return struct.pack("<64sHBBIII16sIQQIII", name, len(name), entry["type"], 1, entry["left"], entry["right"],
                       entry["child"], bytes(16), 0, 0, 0, entry["start"], entry["size"], 0)


def test_ole_writer_makes_files_olefile_reads():
    streams = {"FileHeader": b"a" * 256, "BodyText/Section0": b"b" * 5000, "BodyText/Section1": b"c" * 70,
               "DocInfo": b""}
    ole = olefile.OleFileIO(ole_bytes(streams))
    assert {"/".join(p): ole.openstream("/".join(p)).read() for p in ole.listdir()} == streams


# ---------------------------------------------------------------------------------------------
# HWP 5 records, built by hand from the format description (HWP 5.0 spec, revision 1.3).

COMPRESSED, PASSWORD, DISTRIBUTION, DRM = 1, 2, 4, 16
(T_CHAR_SHAPE, T_NUMBERING, T_BULLET, T_PARA_SHAPE, T_DISTRIBUTE) = (21, 23, 24, 25, 28)
(T_PARA_HEADER, T_PARA_TEXT, T_PARA_CHAR_SHAPE, T_CTRL_HEADER, T_LIST_HEADER) = (66, 67, 68, 71, 72)
(T_SHAPE_COMPONENT, T_TABLE, T_RECTANGLE) = (76, 77, 79)


def record(tag: int, level: int, payload: bytes = b"") -> bytes:
    if len(payload) >= 0xFFF:
        return struct.pack("<II", tag | level << 10 | 0xFFF << 20, len(payload)) + payload
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def file_header(flags: int = COMPRESSED) -> bytes:
    return b"HWP Document File".ljust(32, b"\0") + bytes((1, 0, 1, 5)) + struct.pack("<I", flags) + bytes(216)


def ctrl_id(name: str) -> bytes:
    return name.encode("latin-1")[::-1]  # MAKE_4CHID, stored little-endian


def wide(code: int, name: str = "") -> list[int]:
    """An 8-unit control: the code, 6 units of parameters (a control id first), the code."""
    params = list(struct.unpack("<2H", ctrl_id(name))) if name else [0x4141, 0x4242]  # "AABB" must not leak
    return [code, *params, *[0x0D0A] * (6 - len(params)), code]


def units(*parts) -> list[int]:
    """UTF-16 units of text parts (str) and control parts (lists of units), in order."""
    out = []
    for part in parts:
        if isinstance(part, str):
            encoded = part.encode("utf-16-le")
            out += struct.unpack(f"<{len(encoded) // 2}H", encoded)
        else:
            out += part
    return out


def paragraph(level: int, *parts, shape: int = 0, char_shape: int = 0, controls: bytes = b"", page_break=False) -> bytes:
    text = units(*parts) + [13]
    header = struct.pack("<IIHBBHHHIH", len(text), 0, shape, 0, 0x04 if page_break else 0, 1, 0, 0, 0, 0)
    return (record(T_PARA_HEADER, level, header)
            + (record(T_PARA_TEXT, level + 1, struct.pack(f"<{len(text)}H", *text)) if len(text) > 1 else b"")
            + record(T_PARA_CHAR_SHAPE, level + 1, struct.pack("<II", 0, char_shape))
            + controls)


def table(level: int, rows: int, cols: int, cells: list, caption: bytes = b"") -> bytes:
    """cells: (row, col, row_span, col_span, header_flag, paragraphs built at level + 1)."""
    out = record(T_CTRL_HEADER, level, ctrl_id("tbl ") + bytes(42)) + caption
    out += record(T_TABLE, level + 1, struct.pack("<IHHH4H", 0x6, rows, cols, 0, 0, 0, 0, 0)
                  + struct.pack(f"<{rows}H", *[cols] * rows) + struct.pack("<HH", 1, 0))
    for row, col, row_span, col_span, head, paras in cells:
        out += record(T_LIST_HEADER, level + 1, struct.pack("<HIHHHHHII4HH", 1, 0x200000, 0x4 if head else 0,
                                                             col, row, col_span, row_span, 1000, 1000, 0, 0, 0, 0, 1))
        out += paras
    return out


def text_box(level: int, paras: bytes) -> bytes:
    return (record(T_CTRL_HEADER, level, ctrl_id("gso ") + bytes(42))
            + record(T_SHAPE_COMPONENT, level + 1, ctrl_id("$rec") * 2 + bytes(200))
            + record(T_LIST_HEADER, level + 2, struct.pack("<HIH", 1, 0, 0) + bytes(25))
            + paras
            + record(T_RECTANGLE, level + 2, bytes(9)))


def section_definition(level: int, outline_id: int) -> bytes:
    """'secd' with its outline numbering id, a master page (바탕쪽) paragraph list under it."""
    payload = ctrl_id("secd") + struct.pack("<IhhhIHHHHH", 0, 0, 0, 0, 8000, outline_id, 0, 0, 0, 0) + bytes(6)
    return (record(T_CTRL_HEADER, level, payload)
            + record(T_LIST_HEADER, level + 1, struct.pack("<HIH", 1, 0, 0) + bytes(24))
            + paragraph(level + 1, "바탕쪽 글"))


def furniture(level: int, name: str, text: str) -> bytes:
    """A control whose paragraphs are not body text (header 'head', footnote 'fn  ' …)."""
    return (record(T_CTRL_HEADER, level, ctrl_id(name) + bytes(8))
            + record(T_LIST_HEADER, level + 1, struct.pack("<HIH", 1, 0, 0) + bytes(8))
            + paragraph(level + 1, text))


def char_shape(points: float) -> bytes:
    return record(T_CHAR_SHAPE, 0, bytes(42) + struct.pack("<iI", int(points * 100), 0) + bytes(22))


def para_shape(head: int = 0, level: int = 0, ref: int = 0, left: int = 0) -> bytes:
    props = head << 23 | level << 25
    return record(T_PARA_SHAPE, 0, struct.pack("<Iiiiiii", props, left, 0, 0, 0, 0, 160)
                  + struct.pack("<HHH4hIII", 0, ref, 0, 0, 0, 0, 0, 0, 0, 0))


def numbering(levels: list[tuple[str, int]], starts: tuple[int, ...] = (1,) * 7) -> bytes:
    out = b""
    for text, code in levels:
        out += struct.pack("<IhhI", code << 5, 0, 0, 0xFFFFFFFF) + struct.pack("<H", len(text)) + text.encode("utf-16-le")
    return record(T_NUMBERING, 0, out + struct.pack("<H7I", 0, *starts))


def bullet(char: str) -> bytes:
    return record(T_BULLET, 0, struct.pack("<IhhI", 0, 0, 0, 0) + char.encode("utf-16-le") + struct.pack("<iIH", 0, 0, 0))


DEFAULT_DOC_INFO = char_shape(10) + char_shape(15) + para_shape() + para_shape(left=2000)


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def hwp_bytes(*sections: bytes, doc_info: bytes = DEFAULT_DOC_INFO, flags: int = COMPRESSED, **streams) -> bytes:
    """An HWP 5 file: FileHeader, DocInfo, BodyText/Section0… (deflated when ``flags`` says
    so); ``streams`` adds or (given None) removes streams."""
    pack = deflate if flags & COMPRESSED else bytes
    files = {"FileHeader": file_header(flags), "DocInfo": pack(doc_info)}
    files.update({f"BodyText/Section{i}": pack(section) for i, section in enumerate(sections)})
    for name, data in streams.items():
        name = name.replace("__", "/")
        if data is None:
            files.pop(name, None)
        else:
            files[name] = data
    return ole_bytes(files)


def read(data: bytes):
    return read_hwp(data, "plan.hwp")


def paragraphs(doc):
    return [block for block in doc.iter_blocks() if block.kind == PARAGRAPH]


# ---------------------------------------------------------------------------------------------
# Paragraph text and inline controls

TEXT_CASES = [
    # (parts of one paragraph, the text read)
    (("가나다",), "가나다"),
    (("항목", wide(9), "내용"), "항목\t내용"),  # tab: 8 units, shows as a tab
    (("첫 줄", [10], "둘째 줄"), "첫 줄\n둘째 줄"),  # line break: 1 unit
    (("묶음", [30], "빈칸", [31], "고정"), "묶음 빈칸 고정"),  # no-break and fixed-width spaces
    (("soft", [24], "hyphen"), "softhyphen"),  # 24: shown only where a line breaks
    (("앞", wide(11, "tbl "), "뒤"), "앞뒤"),  # a table's anchor: extended, 8 units
    (("누리집", wide(3, "%hlk"), "링크", wide(4), "끝"), "누리집링크끝"),  # field start / end
    ((wide(2, "secd"), wide(2, "cold"), "본문"), "본문"),  # section and column definitions
    (("쪽", wide(18, "atno"), "번호"), "쪽번호"),  # auto number: not in the text
    (("😀 𝐀",), "😀 𝐀"),  # surrogate pairs
    (("\U000f02b1 조직",), "1\u20de 조직"),  # Hancom private use, mapped
]


@pytest.mark.parametrize(("parts", "expected"), TEXT_CASES)
def test_paragraph_text_skips_inline_controls(parts, expected):
    doc = read(hwp_bytes(paragraph(0, *parts)))
    assert [block.text for block in paragraphs(doc)] == [expected]


def test_decode_stops_at_paragraph_end_and_ignores_a_trailing_odd_byte():
    data = struct.pack("<4H", *units("가나", [13], "다")) + b"\x00"
    assert decode_para_text(data) == "가나"


def test_extended_size_record_and_uncompressed_document():
    long_text = "가" * 3000  # 6002 bytes: the record header's size field says 0xFFF
    for flags in (COMPRESSED, 0):
        doc = read(hwp_bytes(paragraph(0, long_text) + paragraph(0, "다음"), flags=flags))
        assert [block.text for block in paragraphs(doc)] == [long_text, "다음"]


def test_paragraph_shape_gives_indent_and_size_empty_paragraphs_are_counted_not_emitted():
    section = paragraph(0, "첫째", char_shape=1) + paragraph(0) + paragraph(0, "   ") + paragraph(0, "넷째", shape=1)
    doc = read(hwp_bytes(section))
    got = [(b.text, b.where.paragraph, b.indent, b.size, b.level, b.label) for b in doc.blocks]
    assert got == [("첫째", 0, 0.0, 15.0, None, None), ("넷째", 3, 20.0, 10.0, None, None)]


def test_sections_in_order_with_breaks():
    doc = read(hwp_bytes(paragraph(0, "일"), paragraph(0, "이") + paragraph(0, "삼", page_break=True)))
    got = [(b.kind, b.text, b.where.section, b.where.paragraph) for b in doc.blocks]
    assert got == [(PARAGRAPH, "일", 0, 0), (SECTION_BREAK, "", 1, 0), (PARAGRAPH, "이", 1, 0),
                   (PAGE_BREAK, "", 1, 1), (PARAGRAPH, "삼", 1, 1)]


def test_sections_are_ordered_by_number_not_by_name():
    sections = [paragraph(0, f"구역{i}") for i in range(11)]
    doc = read(hwp_bytes(*sections))
    assert [b.text for b in paragraphs(doc)] == [f"구역{i}" for i in range(11)]


def test_headers_footers_and_notes_are_read_as_furniture_where_anchored():
    """Kept in the noise, out of the tree: a running header or footer, a footnote, an endnote."""
    section = paragraph(0, "", controls=section_definition(1, 0) + furniture(1, "head", "머리말")) \
        + paragraph(0, "본문", controls=furniture(1, "fn  ", "각주") + furniture(1, "foot", "꼬리말"))
    doc = read(hwp_bytes(section))
    assert [(b.text, b.furniture) for b in paragraphs(doc)] == [
        ("머리말", "running-header"), ("본문", None), ("각주", "footnote"), ("꼬리말", "running-footer")
    ]


# ---------------------------------------------------------------------------------------------
# Tables and text boxes


def test_table_rows_spans_header_row_and_nested_table():
    nested = table(3, 1, 2, [(0, 0, 1, 1, False, paragraph(4, "안1")), (0, 1, 1, 1, False, paragraph(4, "안2"))])
    cells = [
        (0, 0, 1, 1, True, paragraph(2, "구분")),
        (0, 1, 1, 2, True, paragraph(2, "내용")),
        (1, 0, 2, 1, False, paragraph(2, "가")),
        (1, 1, 1, 1, False, paragraph(2, "첫") + paragraph(2, "둘")),
        (1, 2, 1, 1, False, paragraph(2, "")),
        (2, 1, 1, 2, False, paragraph(2, "바깥", controls=nested)),
    ]
    caption = record(T_LIST_HEADER, 2, struct.pack("<HIH", 1, 0, 0) + bytes(8)) + paragraph(2, "<표 1> 제목")
    section = paragraph(0, "앞") + paragraph(0, wide(11, "tbl "), controls=table(1, 3, 3, cells, caption)) \
        + paragraph(0, "뒤")
    doc = read(hwp_bytes(section))
    kinds = [(b.kind, b.text, b.table, b.row, b.where.paragraph) for b in doc.blocks]
    assert kinds == [(PARAGRAPH, "앞", None, None, 0), (PARAGRAPH, "<표 1> 제목", None, None, 2),
                     (ROW, "", 0, 0, 3), (ROW, "", 0, 1, 5), (ROW, "", 0, 2, 9), (PARAGRAPH, "뒤", None, None, 12)]
    rows = [b for b in doc.blocks if b.kind == ROW]
    got = [[(c.row, c.col, c.row_span, c.col_span, c.header, c.text) for c in row.cells] for row in rows]
    assert got == [
        [(0, 0, 1, 1, None, "구분"), (0, 1, 1, 2, None, "내용")],
        [(1, 0, 2, 1, "구분", "가"), (1, 1, 1, 1, "내용", "첫\n둘"), (1, 2, 1, 1, "내용", "")],
        [(2, 1, 1, 2, "내용", "바깥\n안1\t안2")],
    ]
    inner = rows[2].cells[0].blocks[1]
    assert (inner.kind, inner.table, inner.row, [c.text for c in inner.cells]) == (ROW, 1, 0, ["안1", "안2"])
    assert [b.where.paragraph for b in doc.iter_blocks() if b.kind == PARAGRAPH] == [0, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]


def test_no_header_row_unless_every_first_row_cell_is_a_header_cell():
    cells = [(0, 0, 1, 1, True, paragraph(2, "구분")), (0, 1, 1, 1, False, paragraph(2, "내용")),
             (1, 0, 1, 1, False, paragraph(2, "가")), (1, 1, 1, 1, False, paragraph(2, "나"))]
    doc = read(hwp_bytes(paragraph(0, wide(11, "tbl "), controls=table(1, 2, 2, cells))))
    assert {c.header for row in doc.blocks for c in row.cells} == {None}


@pytest.mark.parametrize(
    ("first_row", "headers"),
    [
        (("과제명", "주관부처"), {None, "과제명", "주관부처"}),  # short labels, nothing flagged: the header row
        (("정부 혁신을 위한 과제 가운데 올해 가장 먼저 추진하는 디지털 정부 구현 과제로서 전 부처가 참여", "행안부"), {None}),  # a data row
        (("과제명", ""), {None}),  # an empty cell is no label
    ],
    ids=["labels", "long-cell", "empty-cell"],
)
def test_an_unflagged_first_row_of_short_labels_is_the_header_row(first_row, headers):
    cells = [(0, 0, 1, 1, False, paragraph(2, first_row[0])), (0, 1, 1, 1, False, paragraph(2, first_row[1])),
             (1, 0, 1, 1, False, paragraph(2, "디지털 정부 구현")), (1, 1, 1, 1, False, paragraph(2, "행안부"))]
    doc = read(hwp_bytes(paragraph(0, wide(11, "tbl "), controls=table(1, 2, 2, cells))))
    assert {c.header for row in doc.blocks for c in row.cells} == headers


@pytest.mark.parametrize(("title_flagged", "header_flagged"), [(False, False), (True, True), (False, True)],
                         ids=["unflagged", "both-flagged", "header-flagged"])
def test_a_title_cell_across_the_table_over_its_header_row_heads_no_column(title_flagged, header_flagged):
    """The same reading as HWPX's, whichever cells the writer flagged 제목 셀."""
    cells = [(0, 0, 1, 2, title_flagged, paragraph(2, "< 과제별 담당부서 >")),
             (1, 0, 1, 1, header_flagged, paragraph(2, "과제명")), (1, 1, 1, 1, header_flagged, paragraph(2, "주관부처")),
             (2, 0, 1, 1, False, paragraph(2, "디지털 정부 구현")), (2, 1, 1, 1, False, paragraph(2, "행안부"))]
    doc = read(hwp_bytes(paragraph(0, wide(11, "tbl "), controls=table(1, 3, 2, cells))))
    assert [[c.header for c in row.cells] for row in doc.blocks if row.kind == ROW] == [[None], [None, None], ["과제명", "주관부처"]]


def test_tables_nested_past_the_limit_are_cut_and_reported():
    def nest(level: int, depth: int) -> bytes:
        inner = nest(level + 2, depth - 1) if depth else b""
        return paragraph(level, f"깊이{depth}", wide(11, "tbl ") if depth else "",
                         controls=table(level + 1, 1, 1, [(0, 0, 1, 1, False, inner)]) if depth else b"")

    doc = read(hwp_bytes(nest(0, 60)))
    texts = [b.text for b in paragraphs(doc)]
    assert texts[:3] == ["깊이60", "깊이59", "깊이58"] and len(texts) < 60
    assert [issue.code for issue in doc.issues] == ["nesting-too-deep"]


def test_text_box_paragraphs_read_once_in_order():
    box = text_box(1, paragraph(2, "상자 첫째") + paragraph(2, "상자 둘째"))
    section = paragraph(0, "앞", wide(11, "gso "), controls=box) + paragraph(0, "뒤")
    doc = read(hwp_bytes(section))
    assert [(b.text, b.where.paragraph) for b in doc.blocks] == [("앞", 0), ("상자 첫째", 1), ("상자 둘째", 2), ("뒤", 3)]


# ---------------------------------------------------------------------------------------------
# Numbering and bullets

OUTLINE, NUMBER, BULLET = 1, 2, 3
DEFAULT_OUTLINE = [("^1.", 0), ("^2.", 8), ("^3)", 0), ("^4)", 8), ("(^5)", 0), ("(^6)", 8), ("^7", 1)]


def test_numbering_labels_as_hangul_draws_them():
    doc_info = (char_shape(10)
                + para_shape()  # 0: none
                + para_shape(OUTLINE, 0) + para_shape(OUTLINE, 1) + para_shape(OUTLINE, 2)  # 1-3: outline
                + para_shape(NUMBER, 0, ref=2) + para_shape(NUMBER, 1, ref=2)  # 4-5: numbering 2
                + para_shape(BULLET, 0, ref=1) + para_shape(BULLET, 1, ref=2)  # 6-7: bullets
                + numbering(DEFAULT_OUTLINE)
                + numbering([("^1.", 2), ("^1-^2", 1)] + [("", 0)] * 5, starts=(3, 1, 1, 1, 1, 1, 1))
                + bullet("□") + bullet("\ue0ff"))
    section = paragraph(0, "", controls=section_definition(1, 1))
    rows = [  # (para shape, text, expected label)
        (1, "추진 배경", "1."), (2, "현황", "가."), (3, "세부", "1)"), (3, "세부", "2)"), (2, "문제점", "나."),
        (1, "추진 과제", "2."), (3, "깊이 건너뛰기", "1)"), (0, "번호 없음", None), (2, "다시", "가."),
        (4, "로마 숫자", "III."), (5, "아래", "III-①"), (5, "아래", "III-②"), (4, "다음", "IV."),
        (6, "글머리", "□"), (7, "기호 글꼴", "\ue0ff"),
    ]
    for shape, text, _ in rows:
        section += paragraph(0, text, shape=shape)
    doc = read(hwp_bytes(section, doc_info=doc_info))
    assert [(b.text, b.label) for b in paragraphs(doc)] == [(text, label) for _, text, label in rows]
    assert [b.level for b in paragraphs(doc)][:3] == [0, 1, 2]
    assert [(i.code, i.where.paragraph) for i in doc.issues] == [("unmapped-glyph", 15)]


def test_numbered_empty_paragraph_keeps_its_label_and_advances_the_counter():
    doc_info = char_shape(10) + para_shape(NUMBER, 0, ref=1) + numbering(DEFAULT_OUTLINE)
    doc = read(hwp_bytes(paragraph(0, "가", shape=0) + paragraph(0, shape=0) + paragraph(0, "다", shape=0),
                         doc_info=doc_info))
    assert [(b.text, b.label) for b in paragraphs(doc)] == [("가", "1."), ("", "2."), ("다", "3.")]


def test_numbering_in_table_cells_continues_the_count():
    doc_info = char_shape(10) + para_shape(NUMBER, 0, ref=1) + numbering(DEFAULT_OUTLINE)
    cells = [(0, 0, 1, 1, False, paragraph(2, "셀", shape=0))]
    section = paragraph(0, "앞") + paragraph(0, wide(11, "tbl "), controls=table(1, 1, 1, cells)) + paragraph(0, "뒤")
    doc = read(hwp_bytes(section, doc_info=doc_info))
    # the table's anchor paragraph is numbered too (Hangul draws "2." beside the table)
    assert [(b.text, b.label) for b in paragraphs(doc)] == [("앞", "1."), ("", "2."), ("셀", "3."), ("뒤", "4.")]


# ---------------------------------------------------------------------------------------------
# Distribution (배포용) documents: ViewText, AES-128-ECB, key in DISTRIBUTE_DOC_DATA


def msvc_rand(seed: int):
    """MSVC srand/rand, written out again here (known answers for srand(1): 41, 18467, 6334)."""
    while True:
        seed = (seed * 214013 + 2531011) % 2**32
        yield seed >> 16 & 0x7FFF


def scrambled_key_record(seed: int, key: bytes) -> bytes:
    plain = bytearray(struct.pack("<I", seed) + bytes(range(252)))
    offset = 4 + (seed & 0xF)
    plain[offset:offset + 16] = key
    rand, out, left, mask = msvc_rand(seed), bytearray(plain), 0, 0
    for i in range(256):
        if left == 0:
            mask, left = next(rand) & 0xFF, (next(rand) & 0xF) + 1
        if i >= 4:
            out[i] ^= mask
        left -= 1
    return record(T_DISTRIBUTE, 0, bytes(out))


def view_text(section: bytes, seed: int = 0x1234ABCD, key: bytes = bytes(range(100, 116))) -> bytes:
    cryptography = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    packed = deflate(section)
    packed += bytes(-len(packed) % 16)
    cipher = cryptography.Cipher(cryptography.algorithms.AES(key), cryptography.modes.ECB()).encryptor()
    return scrambled_key_record(seed, key) + cipher.update(packed) + cipher.finalize()


def test_msvc_rand_known_answers():
    rand = msvc_rand(1)
    assert [next(rand) for _ in range(3)] == [41, 18467, 6334]


def test_aes_known_answer():
    pytest.importorskip("cryptography")
    key = bytes.fromhex("000102030405060708090a0b0c0d0e0f")  # FIPS-197 appendix C.1
    cipher = bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")
    assert hwp_records.aes128_ecb_decrypt(key, cipher, "s", "p") == bytes.fromhex("00112233445566778899aabbccddeeff")


@pytest.mark.parametrize("seed", [0x1234ABCD, 7, 0xFFFFFFFF])
def test_distribution_document_is_decrypted(seed):
    section = paragraph(0, "배포용 본문") + paragraph(0, "둘째")
    stub = paragraph(0, "이 문서는 배포용 문서입니다")  # what a reader of BodyText would wrongly take
    data = hwp_bytes(stub, flags=COMPRESSED | DISTRIBUTION, ViewText__Section0=view_text(section, seed))
    assert [b.text for b in paragraphs(read(data))] == ["배포용 본문", "둘째"]


def test_view_text_is_read_when_there_is_no_body_text():
    data = hwp_bytes(BodyText__Section0=None, ViewText__Section0=view_text(paragraph(0, "본문")))
    assert [b.text for b in paragraphs(read(data))] == ["본문"]


def test_distribution_document_without_key_record_is_refused():
    data = hwp_bytes(paragraph(0, "본문"), flags=COMPRESSED | DISTRIBUTION,
                     ViewText__Section0=record(T_PARA_HEADER, 0, bytes(24)))
    with pytest.raises(PlanError, match=r"distribution-protected \(배포용\) HWP: stream ViewText/Section0"):
        read(data)


# ---------------------------------------------------------------------------------------------
# Errors: each a one-line PlanError naming the file, exit code BAD_INPUT


def _bomb() -> bytes:
    return deflate(record(T_PARA_HEADER, 0, bytes(24)) + bytes(2 * 1024 * 1024))


ERROR_CASES = [
    # (what, bytes, message pattern)
    ("not OLE", b"plain text, not a compound file" * 100, r"not an HWP file \(no OLE"),
    ("HWP 3", b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(200), r"HWP 3\.00 \(Hangul 3\.x or older"),
    ("HWP 2", b"HWP Document File V2.10 \x1a" + bytes(200), r"HWP 2\.10"),
    ("cut OLE", hwp_bytes(paragraph(0, "본문"))[:700], r"corrupt OLE container"),
    ("OLE, no FileHeader", hwp_bytes(paragraph(0, "본문"), FileHeader=None), r"no FileHeader stream"),
    ("OLE, no DocInfo", hwp_bytes(paragraph(0, "본문"), DocInfo=None), r"no DocInfo stream"),
    ("OLE, no BodyText", hwp_bytes(), r"no BodyText/Section streams"),
    ("other OLE", ole_bytes({"WordDocument": bytes(600)}), r"no FileHeader stream"),
    ("bad signature", hwp_bytes(paragraph(0, "본문"), FileHeader=bytes(256)), r"FileHeader has no 'HWP Document File'"),
    ("password", hwp_bytes(paragraph(0, "본문"), flags=COMPRESSED | PASSWORD), r"password-protected HWP"),
    ("DRM", hwp_bytes(paragraph(0, "본문"), flags=COMPRESSED | DRM), r"DRM-protected HWP"),
    ("corrupt deflate", hwp_bytes(paragraph(0, "본문"), BodyText__Section0=b"\xff" * 64),
     r"corrupt deflate data in stream BodyText/Section0"),
    ("cut deflate", hwp_bytes(paragraph(0, "본문"), BodyText__Section0=deflate(paragraph(0, "가나다라마바사" * 300))[:-10]),
     r"truncated stream BodyText/Section0"),
    ("corrupt DocInfo", hwp_bytes(paragraph(0, "본문"), DocInfo=b"\x00\x01"), r"in stream DocInfo|truncated stream DocInfo"),
    ("record past end", hwp_bytes(paragraph(0, "본문")[:-3], flags=0), r"corrupt stream BodyText/Section0: record at byte"),
    ("no text", hwp_bytes(paragraph(0) + paragraph(0, " ")), r"no text in the document"),
]


@pytest.mark.parametrize(("what", "data", "pattern"), ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_errors_are_one_line_plan_errors(what, data, pattern):
    with pytest.raises(PlanError, match=pattern) as caught:
        read_hwp(data, "plans/계획.hwp")
    assert caught.value.code == ExitCode.BAD_INPUT
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("plans/계획.hwp: error: ")


def test_deflate_bomb_fails_at_the_cap(monkeypatch):
    monkeypatch.setattr(hwp_records, "MAX_STREAM_BYTES", 1024 * 1024)
    with pytest.raises(PlanError, match=r"stream BodyText/Section0 inflates to more than 1 MiB"):
        read(hwp_bytes(b"", BodyText__Section0=_bomb()))


def test_deflate_bomb_over_the_whole_document_fails(monkeypatch):
    monkeypatch.setattr(hwp_records, "MAX_TOTAL_BYTES", 3 * 1024 * 1024)
    with pytest.raises(PlanError, match=r"inflates to more than"):
        read(hwp_bytes(b"", b"", BodyText__Section0=_bomb(), BodyText__Section1=_bomb()))


def test_hwp_is_known_by_its_signature():
    """readers.sniff, which picks the reader, knows HWP 5 (OLE) and HWP 3 (refused by name)."""
    assert sniff(hwp_bytes(paragraph(0, "본문"))[:8]) == "hwp"
    assert sniff(b"HWP Document File V3.00 \x1a") == "hwp"
    assert sniff(b"PK\x03\x04") != "hwp"
    assert sniff(b"%PDF-1.7") != "hwp"


# ---------------------------------------------------------------------------------------------
# Corpus: an independent walk of the records (olefile + zlib, nothing of hwp_records)

# 'tbl ', 'gso ' (body text) and 'head', 'foot', 'fn  ', 'en  ' (read as furniture), as stored:
# the controls whose paragraphs the reader reads.
BODY_CONTROLS = (b" lbt", b" osg", b"daeh", b"toof", b"  nf", b"  ne")


def walk_records(data: bytes):
    pos = 0
    while pos < len(data):
        (word,) = struct.unpack_from("<I", data, pos)
        size, pos = word >> 20, pos + 4
        if size == 0xFFF:
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        yield word & 0x3FF, word >> 10 & 0x3FF, data[pos:pos + size]
        pos += size


def unit_text(payload: bytes) -> str:
    """PARA_TEXT → text, unit by unit: codes 1-9, 11-12, 14-23 take 8 units (9 shows a tab)."""
    kept, codes, i = [], struct.unpack(f"<{len(payload) // 2}H", payload[: len(payload) // 2 * 2]), 0
    while i < len(codes) and codes[i] != 13:
        code = codes[i]
        if code >= 32:
            kept.append(code)
        elif code == 10:
            kept.append(10)
        elif code in (9,):
            kept.append(9)
        elif code >= 25:
            kept.append(32)
        i += 8 if code in range(1, 24) and code not in (10, 13) else 1
    return struct.pack(f"<{len(kept)}H", *kept).decode("utf-16-le", errors="replace")


def independent_read(path: Path) -> dict:
    """Body paragraphs ([section, index in reading order, text]), their paragraph shapes'
    head types, tables and cells, from the raw records."""
    ole = olefile.OleFileIO(str(path))
    doc_info = zlib.decompress(ole.openstream("DocInfo").read(), -15)
    head_types = [struct.unpack_from("<I", p)[0] >> 23 & 3 for t, _, p in walk_records(doc_info) if t == T_PARA_SHAPE]
    names = sorted((p for p in ole.listdir() if p[0] == "BodyText"), key=lambda p: int(p[1][len("Section"):]))
    out = {"paragraphs": [], "para_headers": 0, "tables": 0, "cells": 0, "heads": set()}
    for section, name in enumerate(names):
        data = zlib.decompress(ole.openstream("/".join(name)).read(), -15)
        index, skip_below, tables = 0, None, []  # tables: levels of open 'tbl ' controls (after TABLE)
        for tag, level, payload in walk_records(data):
            out["para_headers"] += tag == T_PARA_HEADER
            if skip_below is not None and level > skip_below:
                continue
            skip_below = None
            tables = [t for t in tables if t < level]
            if tag == T_CTRL_HEADER and payload[:4] not in BODY_CONTROLS:
                skip_below = level
            elif tag == T_CTRL_HEADER and payload[:4] == b" lbt":
                out["tables"] += 1
            elif tag == T_TABLE:
                tables.append(level - 1)
            elif tag == T_LIST_HEADER and tables and tables[-1] == level - 1:
                out["cells"] += 1
            elif tag == T_PARA_HEADER:
                out["paragraphs"].append([section, index, ""])
                out["heads"].add(head_types[struct.unpack_from("<H", payload, 8)[0]])
                index += 1
            elif tag == T_PARA_TEXT:
                out["paragraphs"][-1][2] = unit_text(payload)
    return out


def test_unit_text_agrees_with_the_reader_on_the_synthetic_cases():
    for parts, expected in TEXT_CASES:
        assert map_private_use(unit_text(struct.pack(f"<{len(units(*parts))}H", *units(*parts))))[0] == expected


# Figures of the independent walk, written down by hand and cross-checked: the 'tbl ' controls
# and LIST_HEADER records counted in the raw streams (nikl: 55 and 766, all of them cells;
# mois: 51 and 282, of which 4 are text-box lists, 1 the running header's and 1 a caption).
# mois has one PARA_HEADER outside the body: the running header (머리말) paragraph, read as
# running-header furniture (so 1003 paragraphs are read; it holds no text of its own, 583 do).
CORPUS_FIGURES = [
    # (file, PARA_HEADER records, paragraphs read, with text, tables, cells)
    (NIKL.name, 1716, 1716, 1216, 55, 766),
    (MOIS.name, 1003, 1003, 583, 51, 276),
]


@needs_corpus
@pytest.mark.parametrize(("name", "records", "body", "with_text", "tables", "cells"), CORPUS_FIGURES)
def test_corpus_text_matches_an_independent_walk(name, records, body, with_text, tables, cells):
    path = CORPUS / name
    doc = read_hwp(path.read_bytes(), str(path))
    walk = independent_read(path)
    expected = [(s, i, map_private_use(t)[0]) for s, i, t in walk["paragraphs"] if t.strip()]
    got = [(b.where.section, b.where.paragraph, b.text) for b in doc.iter_blocks() if b.kind == PARAGRAPH]
    assert got == expected
    rows = [b for b in doc.iter_blocks() if b.kind == ROW]
    assert (walk["para_headers"], len(walk["paragraphs"]), len(expected)) == (records, body, with_text)
    assert (len({b.table for b in rows}), sum(len(b.cells) for b in rows)) == (walk["tables"], walk["cells"])
    assert (walk["tables"], walk["cells"]) == (tables, cells)
    # No paragraph shape used in either document declares a head (outline, number, bullet):
    # every marker (Ⅰ., 1., □, ㅇ, -, *) is typed text, so no label is computed.
    assert walk["heads"] == {0}
    assert {b.label for b in doc.iter_blocks() if b.kind == PARAGRAPH} == {None}


# (file, start of a paragraph's text, its label): what the page shows before the paragraph.
# nikl rows checked on the page images of 2022-01_nikl_work_plan_no_hangul_textlayer.pdf
# (printed pages 4-5: the markers are part of the typed text, no number is drawn in front);
# mois rows on the records (no printed copy in the corpus) and Hangul's PrvText.
LABEL_ROWS = [
    (NIKL.name, "Ⅱ. 2022년 정책 방향", None),
    (NIKL.name, "□ 부정적 여건", None),
    (NIKL.name, " ㅇ 사회의 급격한 변화로", None),
    (NIKL.name, "   * 한국 사회에서 나타나는 차별적 표현", None),
    (NIKL.name, " 1. 국어 정보자원 확대 구축 및 활용성 제고", None),
    (NIKL.name, " 7. 함께 누리는 수어ㆍ점자 문화 확산", None),
    (MOIS.name, "1⃞  기구 및 조직 현황", None),
    (MOIS.name, " ❖ 1차관 1본부 7실", None),
    (MOIS.name, "Ⅳ. 주요 쟁점이슈", None),
]


@needs_corpus
@pytest.mark.parametrize(("name", "prefix", "label"), LABEL_ROWS)
def test_corpus_labels_as_the_page_shows(name, prefix, label):
    path = CORPUS / name
    doc = read_hwp(path.read_bytes(), str(path))
    found = [b for b in doc.iter_blocks() if b.kind == PARAGRAPH and b.text.startswith(prefix)]
    assert found, prefix
    assert found[0].label == label


# (file, first-row cell texts, cells per row, nested: cells per row of a table in row 1's
# first cell). nikl tables checked on the PDF page images (printed pages 2, 3, 5 and 18), all
# rows; the mois budget table's first 8 rows on PrvText (Hangul's preview stops there).
TABLE_ROWS = [
    (NIKL.name, ("구분", "내용"), [2, 2, 2], None),
    (NIKL.name, ("연도", "‘18년", "‘19년", "‘20년", "‘21년", "누적"), [6, 6, 6, 6], None),
    (NIKL.name, ("전략", "", "언어자원\n더 크게 ", "", "7대\n추진과제", "",
                 " 1. 국어 정보자원 확대 구축 및 활용성 제고\n 2. 사전 목적에 따른 국어사전 기능 강화\n"
                 " 3. 국어정책 기반 기초 연구 및 조사"), [7, 4, 4, 4, 4], None),
    (NIKL.name, ("사업", "1단계(’22년~’26년)", "2단계(’27년~’31년)", "3단계(32년~)"), [4, 4, 4, 4, 4], None),
    (NIKL.name, ("<국립국어원 국어사전 현황>",), [1, 1], [3, 3, 3, 3]),
    (MOIS.name, ("구  분", "2025 본예산 (A)", "2026년 본예산 (B)", "증  감 (B-A)", ""), [5, 1, 5, 5, 6, 6, 6, 6], None),
]


@needs_corpus
@pytest.mark.parametrize(("name", "first_row", "per_row", "nested"), TABLE_ROWS)
def test_corpus_tables_as_the_page_shows(name, first_row, per_row, nested):
    path = CORPUS / name
    doc = read_hwp(path.read_bytes(), str(path))
    rows = [b for b in doc.iter_blocks() if b.kind == ROW]
    ordinal = next(b.table for b in rows if b.row == 0 and tuple(c.text for c in b.cells) == first_row)
    table = [b for b in rows if b.table == ordinal]
    counts = [len(b.cells) for b in table]
    assert (counts if name == NIKL.name else counts[: len(per_row)]) == per_row
    if nested:
        inner = [b for b in table[1].cells[0].blocks if b.kind == ROW]
        assert [len(b.cells) for b in inner] == nested


# What Hangul leaves out of PrvText that the reader keeps: table captions.
PREVIEW_OMITS = {NIKL.name: [], MOIS.name: ["(단위:백만원,%)"]}


@needs_corpus
@pytest.mark.parametrize("name", [NIKL.name, MOIS.name])
def test_corpus_text_agrees_with_hangul_preview_text(name):
    """PrvText is Hangul's own plain-text rendering of the document's beginning (cells in
    <…>, cut after about a thousand characters): with markup and white space taken out, the
    reader's paragraphs must spell it, block after block, except the captions Hangul omits."""
    path = CORPUS / name
    preview = olefile.OleFileIO(str(path)).openstream("PrvText").read().decode("utf-16-le")
    preview = "".join(map_private_use(preview)[0].replace("<", "").replace(">", "").split())
    doc = read_hwp(path.read_bytes(), str(path))
    position, omitted = 0, []
    for block in doc.iter_blocks():
        text = "".join(block.plain_text.split()) if block.kind == PARAGRAPH else ""
        rest = preview[position:]
        if not text or not rest:
            continue
        if rest.startswith(text):
            position += len(text)
        elif text.startswith(rest):  # the preview ends inside this paragraph
            position = len(preview)
        else:
            omitted.append(text)
    assert len(preview) > 500
    assert position == len(preview)
    assert omitted == PREVIEW_OMITS[name]


@needs_corpus
def test_corpus_speed():
    for path in (NIKL, MOIS):
        data = path.read_bytes()
        read_hwp(data, str(path))
        start = time.perf_counter()
        read_hwp(data, str(path))
        elapsed = time.perf_counter() - start
        print(f"{path.name}: {elapsed:.3f} s")
        assert elapsed < 1.0  # target 0.1 s; generous for a shared machine
