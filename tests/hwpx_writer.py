"""A small HWPX writer for tests: a plan tree (and tables) → the bytes of an ``.hwpx`` zip.

Takes ``Plan``: a numbering style (one ``Level`` a depth: template, number format, start, or
a bullet character), whether the numbering is a paragraph numbering (``hh:heading
type="NUMBER"``) or the section's outline numbering (``OUTLINE``), the tree of ``Node`` s and
``Table`` s. Returns the package (``write_hwpx``) and what a reader must give back
(``expected_paragraphs``, ``expected_cells``), computed from the tree — each label from the
node's path of sibling ordinals — not by running counters the way the reader does.

Hypothesis strategies for all of it are at the bottom (``plans()``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st

NS = (
    'xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" '
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hc="http://www.hancom.co.kr/hwpml/2011/core" '
    'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf" '
    'xmlns:opf="http://www.idpf.org/2007/opf/"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'

# Independent of extract.readers.numbering: the sequences as the OWPML schema documents them.
SEQUENCES = {
    "HANGUL_SYLLABLE": "가나다라마바사아자차카타파하",
    "HANGUL_JAMO": "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ",
    "LATIN_CAPITAL": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "LATIN_SMALL": "abcdefghijklmnopqrstuvwxyz",
    "CIRCLED_DIGIT": "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳",
    "CIRCLED_HANGUL_SYLLABLE": "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻",
    "ROMAN_CAPITAL": ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"),
    "ROMAN_SMALL": ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"),
}
NUMBER_FORMATS = ("DIGIT", *SEQUENCES)
TEMPLATES = ("^{n}.", "^{n})", "(^{n})", "^{n}", "[^{n}]")
CELL_MARGIN_HWPUNIT = 1000
CHAR_HEIGHT = 1100  # 11 pt
# Bullet characters: plain ones, and Hancom's Wingdings-style U+F076 that Hangul shows as ❖.
BULLETS = {"□": "□", "○": "○", "-": "-", "\uf076": "❖"}


@dataclass(frozen=True)
class Level:
    template: str = "^1."  # "" with bullet set: a bullet level
    number_format: str = "DIGIT"
    start: int = 1
    bullet: str | None = None


@dataclass
class Node:
    text: str
    pieces_joiner: str = ""  # "tab" or "lineBreak": the text is written in two pieces around it
    children: list[Node] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[str]]  # the first row is the header row
    nested: list[list[str]] | None = None  # a table inside cell (1, 0), when there is a row 1


@dataclass
class Plan:
    levels: tuple[Level, ...]
    outline: bool  # OUTLINE headings (the section's outline numbering) instead of NUMBER
    nodes: list[Node]
    tables: list[Table]


def number_text(value: int, number_format: str) -> str:
    if number_format == "DIGIT":
        return str(value)
    sequence = SEQUENCES[number_format]
    return sequence[(value - 1) % len(sequence)]


def label_for(levels: tuple[Level, ...], path: tuple[int, ...]) -> str:
    """The label of the node at ``path`` (1-based sibling ordinals from the top)."""
    level = levels[len(path) - 1]
    if level.bullet is not None:
        return BULLETS[level.bullet]
    out = level.template
    for depth, ordinal in enumerate(path, start=1):
        spec = levels[depth - 1]
        out = out.replace(f"^{depth}", number_text(spec.start + ordinal - 1, spec.number_format))
    return out


def walk(nodes: list[Node], path: tuple[int, ...] = ()):
    for ordinal, node in enumerate(nodes, start=1):
        here = (*path, ordinal)
        yield here, node
        yield from walk(node.children, here)


def node_text(node: Node) -> str:
    if not node.pieces_joiner:
        return node.text
    half = len(node.text) // 2
    return node.text[:half] + {"tab": "\t", "lineBreak": " "}[node.pieces_joiner] + node.text[half:]


def expected_paragraphs(plan: Plan) -> list[tuple[str | None, str, int | None]]:
    """(label, text, level) of every labelled paragraph, in order."""
    return [(label_for(plan.levels, path), node_text(node), len(path) - 1) for path, node in walk(plan.nodes)]


def expected_cells(plan: Plan) -> list[tuple[int, int, int, str, str | None]]:
    """(table ordinal, row, col, text, header) of every cell in ``Document.iter_blocks`` order
    (a nested table's rows right after the row holding it), nested tables numbered after the
    table holding them."""
    out = []
    ordinal = 0
    for table in plan.tables:
        mine = ordinal
        ordinal += 1
        nested_ordinal = None
        if table.nested is not None and len(table.rows) > 1:
            nested_ordinal = ordinal
            ordinal += 1
        header = [" ".join(text.split()) for text in table.rows[0]] if _has_header(table) else None
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                out.append((mine, r, c, text, header[c] if header and r else None))  # the header row heads the rows under it
            if nested_ordinal is not None and r == 1:  # after the row whose cell (1, 0) holds it
                nested_header = [" ".join(t.split()) for t in table.nested[0]] if _has_header(Table(table.nested)) else None
                for nr, nrow in enumerate(table.nested):
                    for nc, ntext in enumerate(nrow):
                        out.append((nested_ordinal, nr, nc, ntext, nested_header[nc] if nested_header and nr else None))
    return out


def _has_header(table: Table) -> bool:
    # The writer marks the first row's cells header="1" whenever the table has two rows or
    # more and two columns or more (a row of one cell is a title across the table, no header).
    return len(table.rows) > 1 and len(table.rows[0]) > 1


# ---------------------------------------------------------------------------------------
# Writing


def write_hwpx(plan: Plan) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")  # stored, first
        archive.writestr("version.xml", f'{DECL}<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" application="hwpx_writer" appVersion="1"/>')
        archive.writestr("Contents/content.hpf", content_hpf())
        archive.writestr("Contents/header.xml", header_xml(plan))
        archive.writestr("Contents/section0.xml", section_xml(plan))
        archive.writestr("META-INF/manifest.xml", f'{DECL}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return buffer.getvalue()


def content_hpf(sections: tuple[str, ...] = ("section0",)) -> str:
    items = "".join(f'<opf:item id="{s}" href="Contents/{s}.xml" media-type="application/xml"/>' for s in sections)
    refs = "".join(f'<opf:itemref idref="{s}"/>' for s in sections)
    return (
        f'{DECL}<opf:package {NS}><opf:metadata><opf:title>generated plan</opf:title></opf:metadata>'
        f'<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>{items}</opf:manifest>'
        f'<opf:spine><opf:itemref idref="header" linear="yes"/>{refs}</opf:spine></opf:package>'
    )


# paraPr ids: 0 plain body text; 1 + depth: the heading of that depth.
def header_xml(plan: Plan) -> str:
    heads = "".join(
        f'<hh:paraHead start="{lv.start}" level="{depth + 1}" align="LEFT" numFormat="{lv.number_format}">{escape(lv.template)}</hh:paraHead>'
        for depth, lv in enumerate(plan.levels)
    )
    numbering = f'<hh:numberings itemCnt="1"><hh:numbering id="1" start="0">{heads}</hh:numbering></hh:numberings>'
    bullets = "".join(
        f'<hh:bullet id="{depth + 1}" char={quoteattr(lv.bullet)} useImage="0"><hh:paraHead level="0" numFormat="DIGIT"/></hh:bullet>'
        for depth, lv in enumerate(plan.levels)
        if lv.bullet is not None
    )
    para_prs = [_para_pr(0, "NONE", 0, 0, 0)]
    for depth, lv in enumerate(plan.levels):
        if lv.bullet is not None:
            para_prs.append(_para_pr(depth + 1, "BULLET", depth + 1, depth, depth * 1000))
        else:
            para_prs.append(_para_pr(depth + 1, "OUTLINE" if plan.outline else "NUMBER", 0 if plan.outline else 1, depth, depth * 1000))
    char_pr = f'<hh:charProperties itemCnt="1"><hh:charPr id="0" height="{CHAR_HEIGHT}"/></hh:charProperties>'
    return (
        f'{DECL}<hh:head {NS} version="1.2" secCnt="1"><hh:refList>{char_pr}{numbering}'
        f'<hh:bullets itemCnt="{bullets.count("<hh:bullet ")}">{bullets}</hh:bullets>'
        f'<hh:paraProperties itemCnt="{len(para_prs)}">{"".join(para_prs)}</hh:paraProperties></hh:refList></hh:head>'
    )


def _para_pr(pr_id: int, kind: str, ref: int, level: int, left: int) -> str:
    return (
        f'<hh:paraPr id="{pr_id}"><hh:heading type="{kind}" idRef="{ref}" level="{level}"/>'
        f'<hh:margin><hc:intent value="0" unit="HWPUNIT"/><hc:left value="{left}" unit="HWPUNIT"/></hh:margin></hh:paraPr>'
    )


def section_xml(plan: Plan) -> str:
    sec_pr = f'<hp:secPr id="" outlineShapeIDRef="{1 if plan.outline else 0}"/>'
    paragraphs = [f'<hp:p id="0" paraPrIDRef="0"><hp:run charPrIDRef="0">{sec_pr}</hp:run></hp:p>']
    for path, node in walk(plan.nodes):
        paragraphs.append(_paragraph(len(path), node))
    for table in plan.tables:
        paragraphs.append(f'<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">{_table(table)}<hp:t/></hp:run></hp:p>')
    return f'{DECL}<hs:sec {NS}>{"".join(paragraphs)}</hs:sec>'


def _paragraph(depth: int, node: Node) -> str:
    if node.pieces_joiner:
        half = len(node.text) // 2
        body = f"{escape(node.text[:half])}<hp:{node.pieces_joiner}/>{escape(node.text[half:])}"
    else:
        body = escape(node.text)
    return f'<hp:p paraPrIDRef="{depth}"><hp:run charPrIDRef="0"><hp:t>{body}</hp:t></hp:run></hp:p>'


def _table(table: Table) -> str:
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, text in enumerate(row):
            inner = f'<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>{escape(text)}</hp:t></hp:run></hp:p>'
            if table.nested is not None and (r, c) == (1, 0):
                inner += f'<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">{_table(Table(table.nested))}</hp:run></hp:p>'
            header = ' header="1"' if r == 0 and _has_header(table) else ""
            cells.append(
                f'<hp:tc{header}><hp:subList>{inner}</hp:subList><hp:cellAddr colAddr="{c}" rowAddr="{r}"/>'
                f'<hp:cellSpan colSpan="1" rowSpan="1"/><hp:cellSz width="{CELL_MARGIN_HWPUNIT}" height="1000"/></hp:tc>'
            )
        rows.append(f"<hp:tr>{''.join(cells)}</hp:tr>")
    width = max(len(row) for row in table.rows)
    return f'<hp:tbl rowCnt="{len(table.rows)}" colCnt="{width}">{"".join(rows)}</hp:tbl>'


def package(files: dict[str, bytes | str], mimetype: bytes | str | None = b"application/hwp+zip") -> bytes:
    """A zip with ``mimetype`` first (stored) and then ``files``: for the error tests."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype is not None:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def minimal_files(section_body: str = "<hp:p><hp:run><hp:t>본문</hp:t></hp:run></hp:p>") -> dict[str, str]:
    """content.hpf, header.xml and a section0.xml holding ``section_body``."""
    return {
        "Contents/content.hpf": content_hpf(),
        "Contents/header.xml": f"{DECL}<hh:head {NS}/>",
        "Contents/section0.xml": f"{DECL}<hs:sec {NS}>{section_body}</hs:sec>",
    }


# ---------------------------------------------------------------------------------------
# Hypothesis strategies

_CHARS = "가나다라마바사아자차카타파하추진과제계획예산 ABCabc0123&<>\"'()·-"
texts = st.text(alphabet=_CHARS, min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def levels(draw) -> tuple[Level, ...]:
    depth = draw(st.integers(1, 4))
    out = []
    for d in range(depth):
        # Only the deepest level may be a bullet: a numbered child of a bullet has no
        # numbered parent to draw its ^N from.
        if d == depth - 1 and d > 0 and draw(st.booleans()):
            out.append(Level("", "DIGIT", 1, draw(st.sampled_from(sorted(BULLETS)))))
            continue
        template = draw(st.sampled_from(TEMPLATES)).replace("{n}", str(d + 1))
        if d and draw(st.booleans()):  # a multi-level label like 1.가.
            template = f"^{d}." + template
        out.append(Level(template, draw(st.sampled_from(NUMBER_FORMATS)), draw(st.integers(1, 3))))
    return tuple(out)


def nodes(depth: int, max_depth: int) -> st.SearchStrategy[list[Node]]:
    node = st.builds(
        Node,
        texts,
        st.sampled_from(("", "", "tab", "lineBreak")),
        nodes(depth + 1, max_depth) if depth + 1 < max_depth else st.just([]),
    )
    return st.lists(node, min_size=1 if depth == 0 else 0, max_size=4)


cell_texts = st.text(alphabet=_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def tables(draw) -> Table:
    n_rows = draw(st.integers(1, 4))
    n_cols = draw(st.integers(1, 4))
    rows = [[draw(cell_texts) for _ in range(n_cols)] for _ in range(n_rows)]
    nested = None
    if n_rows > 1 and draw(st.booleans()):
        nested = [[draw(cell_texts) for _ in range(draw(st.integers(1, 3)))] for _ in range(draw(st.integers(1, 3)))]
        width = len(nested[0])
        nested = [row[:width] + [draw(cell_texts) for _ in range(width - len(row))] for row in nested]
    return Table(rows, nested)


@st.composite
def plans(draw) -> Plan:
    lv = draw(levels())
    return Plan(lv, draw(st.booleans()), draw(nodes(0, len(lv))), draw(st.lists(tables(), max_size=2)))
