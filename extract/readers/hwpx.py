"""Reader for HWPX (OWPML, KS X 6101): the bytes of a ``.hwpx`` zip → ``Document``.

Takes the zip, reads ``Contents/content.hpf`` for the section order, ``Contents/header.xml``
for paragraph and character properties and numbering definitions, and each
``Contents/sectionN.xml``, and returns the blocks in reading order:

* every ``hp:p`` is a paragraph: its ``hp:t`` text, with what the inline elements stand for
  (``hp:tab`` → ``"\\t"``, kept because a tab separates a title from its page number in a
  table of contents and the parser turns it into a space anyway; ``hp:lineBreak`` → ``" "``,
  a soft break inside one paragraph; ``hp:fwSpace``/``hp:nbSpace`` → a space; ``hp:hyphen`` →
  ``"-"``); ``hp:compose`` (overlapped glyphs) and ``hp:dutmal`` (the main text of a ruby)
  as text; private-use symbol glyphs mapped by ``numbering.map_private_use``;
* its label, the number or bullet Hangul draws from the paragraph's ``hh:heading``
  (``NUMBER``: the ``hh:numbering`` it names; ``OUTLINE``: the section's outline numbering;
  ``BULLET``: the ``hh:bullet`` character), its outline level, its indent (left margin of
  its first line, in points) and font size (the first run's ``charPr`` height);
* a table (``hp:tbl``) becomes one ``ROW`` block per ``hp:tr``; each ``hp:tc`` is a ``Cell``
  with its address, spans, blocks (paragraphs, nested tables) and, where the first row is
  a header row, that column's header text;
* text boxes (drawing objects' ``hp:drawText``) and captions follow the paragraph that
  anchors them; so do footnotes, endnotes, page headers and footers, marked as furniture
  (``footnote``, ``endnote``, ``running-header``, ``running-footer``: kept in the noise).
  Each of these is walked once, from its anchor, so nothing is read twice.

Refused with a one-line ``PlanError`` (exit 4): not a zip, a zip that is not HWPX, an
encrypted entry or DRM/encrypted package, a zip bomb (too many entries, a part too large or
compressed too well — checked from the zip directory before anything is inflated, and again
while reading in chunks), malformed XML (entry, line and column), a DOCTYPE (the only way to
declare entities), a section the package lists but does not hold, and a document without text.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ..records import NamedTuple
from ..document import PAGE_BREAK, PARAGRAPH, ROW, SECTION_BREAK, Block, Cell, Document, Locator, ReaderIssue
from ..errors import ExitCode, PlanError
from .numbering import DEFAULT_OUTLINE, Counters, Numbering, NumberingLevel, map_private_use
from .tables import labels_only

MIMETYPE = b"application/hwp+zip"
CONTENT_HPF = "Contents/content.hpf"
HEADER_XML = "Contents/header.xml"
MANIFEST_XML = "META-INF/manifest.xml"
SECTION_NAME = re.compile(r"(?:^|/)section(\d+)\.xml$")

# Zip-bomb limits. They bound what we inflate, never what the zip merely lists (images in
# BinData are not read). Real HWPX parts are a few MB; XML compresses 10–30:1 (the corpus'
# largest ratio is 30:1, a BMP we never read); a bomb is 1000:1.
MAX_ENTRIES = 10_000
MAX_PART_BYTES = 128 * 2**20  # one XML part, inflated
MAX_TOTAL_BYTES = 256 * 2**20  # all the parts we read, inflated
MAX_RATIO = 200  # inflated/compressed, for parts larger than RATIO_FLOOR
RATIO_FLOOR = 2**20
CHUNK = 2**20

# The XML parser: the stdlib's C ElementTree parser, fed in chunks. Not defusedxml: that
# would be a new dependency, and its ElementTree guard swaps in the pure-Python parser
# (~5× slower on a 1.3 MB section). The one thing it adds we do ourselves: a DOCTYPE is
# refused before the parser sees it (entities can only be declared in a DTD, so no
# DOCTYPE means no entity expansion and no external entities; an undeclared ``&x;`` is a
# parse error). That check reads bytes, so parts must be in an ASCII-compatible encoding:
# UTF-16/32 (NUL bytes or a BOM up front) is refused — Hangul writes UTF-8.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
# Hangul's cached line layout (one hp:lineseg per printed line) is a quarter of a section
# and says nothing the reader uses: dropped before parsing, which saves a fifth of the
# parse. Only well-formed arrays of empty lineseg elements match, so the pattern cannot
# swallow content, and each attempt stops at the first other tag (linear time).
_LINE_LAYOUT = re.compile(rb"<hp:linesegarray>(?:<hp:lineseg [^<>]*/>)*</hp:linesegarray>")

# hp:t children: what each inline element stands for in the text.
INLINE_TEXT = {"tab": "\t", "lineBreak": " ", "fwSpace": " ", "nbSpace": " ", "hyphen": "-"}
# Drawing objects that may hold a text box (hp:drawText) or a caption, or group others.
SHAPES = frozenset(
    ("rect", "ellipse", "arc", "polygon", "curve", "connectLine", "line", "container", "pic", "ole",
     "equation", "textart", "video", "chart")
)
NOTES = {"footNote": "footnote", "endNote": "endnote", "header": "running-header", "footer": "running-footer"}

HWPUNIT_PER_POINT = 100  # 1 pt = 100 HWPUNIT (1/7200 in)


class ParaShape(NamedTuple):
    heading: str  # NONE | NUMBER | BULLET | OUTLINE
    heading_id: str
    level: int
    indent: float | None  # points


@dataclass
class Header:
    """What the reader needs from ``Contents/header.xml``."""

    para: dict[str, ParaShape] = field(default_factory=dict)
    char_size: dict[str, float] = field(default_factory=dict)  # charPr id → points
    numberings: dict[str, Numbering] = field(default_factory=dict)
    bullets: dict[str, str] = field(default_factory=dict)  # bullet id → its character


def is_hwpx(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file, or all of it) is an HWPX zip: its first
    entry is ``mimetype`` = ``application/hwp+zip`` (how Hangul writes it, stored, so it can
    be seen in the first bytes), or the whole zip is there and lists ``Contents/content.hpf``."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    if head[30:38] == b"mimetype" and MIMETYPE in head[30:120]:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(head)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return CONTENT_HPF in names or any(SECTION_NAME.search(n) and n.startswith("Contents/") for n in names)


def read_hwpx(data: bytes, path: str) -> Document:
    """Read the HWPX file ``data`` (named ``path`` in messages) into a ``Document``."""
    package = _Package(data, path)
    metadata = package.metadata()
    sections = package.section_names()
    header = _read_header(package.xml(HEADER_XML)) if package.has(HEADER_XML) else Header()
    reader = _Reader(header)
    for number, name in enumerate(sections):
        if number:
            reader.blocks.append(Block(SECTION_BREAK, where=Locator(section=number)))
        reader.section(package.section_xml(name), number)
    if not reader.has_text:
        raise PlanError("HWPX document has no text (no paragraph holds any character)", path=path)
    return Document(
        path,
        "hwpx",
        hashlib.sha256(data).hexdigest(),
        tuple(reader.blocks),
        issues=tuple(reader.issues),
        metadata=metadata,
    )


# ---------------------------------------------------------------------------------------
# The package: zip checks, bounded reading, safe XML


class _Package:
    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise PlanError(f"not an HWPX file: not a zip archive ({exc})", path=path) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PlanError(f"zip has {len(infos)} entries (limit {MAX_ENTRIES}): refusing a possible zip bomb", path=path)
        self.entries = {info.filename: info for info in infos}
        self._check_hwpx()
        self._check_encryption()

    def has(self, name: str) -> bool:
        return name in self.entries

    def _check_hwpx(self) -> None:
        if self.has("mimetype"):
            mimetype = self.read("mimetype", limit=1024).strip()
            if mimetype != MIMETYPE:
                shown = mimetype.decode("ascii", "replace")[:60]
                raise PlanError(
                    f"a zip archive, but not HWPX (its mimetype is {shown!r}, not {MIMETYPE.decode()})", path=self.path
                )
        elif not self.has(CONTENT_HPF):
            raise PlanError(f"a zip archive, but not HWPX (no mimetype entry and no {CONTENT_HPF})", path=self.path)

    def _check_encryption(self) -> None:
        encrypted = [info.filename for info in self.entries.values() if info.flag_bits & 0x1]
        if encrypted:
            raise PlanError(f"HWPX entry {encrypted[0]} is encrypted (password-protected document)", path=self.path)
        if self.has(MANIFEST_XML):
            manifest = self.read(MANIFEST_XML)
            if b"encryption-data" in manifest:
                raise PlanError(
                    f"HWPX document is encrypted ({MANIFEST_XML} lists encryption data: password or DRM protection)",
                    path=self.path,
                )

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The inflated bytes of entry ``name``, in chunks, within the limits."""
        limit = MAX_PART_BYTES if limit is None else limit
        info = self.entries.get(name)
        if info is None:
            raise PlanError(f"HWPX part {name} is missing", path=self.path)
        # The directory's sizes first: a bomb fails here, before a byte is inflated.
        self._check_size(name, info.file_size, info.compress_size, limit)
        chunks = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self._check_size(name, size, info.compress_size, limit)  # in case the directory lies
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise PlanError(f"HWPX part {name} cannot be inflated: {exc}", path=self.path) from None
        self.read_total += size
        return b"".join(chunks)

    def _check_size(self, name: str, size: int, compressed: int, limit: int) -> None:
        if size > limit or self.read_total + size > MAX_TOTAL_BYTES:
            raise PlanError(
                f"HWPX part {name} inflates to {size:,} bytes (limit {min(limit, MAX_TOTAL_BYTES):,}): "
                "refusing a possible zip bomb",
                path=self.path,
            )
        if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
            raise PlanError(
                f"HWPX part {name} is compressed {size // max(compressed, 1)}:1 (limit {MAX_RATIO}:1): "
                "refusing a possible zip bomb",
                path=self.path,
            )

    def xml(self, name: str) -> ElementTree.Element:
        return parse_xml(self.read(name), name, self.path)

    def section_xml(self, name: str) -> ElementTree.Element:
        return parse_xml(_LINE_LAYOUT.sub(b"", self.read(name)), name, self.path)

    def section_names(self) -> list[str]:
        """Section parts in the order ``content.hpf``'s spine gives, else by their number."""
        if self.has(CONTENT_HPF):
            root = self.xml(CONTENT_HPF)
            hrefs = {}
            for item in root.iter():
                if _local(item.tag) == "item" and item.get("id") is not None:
                    hrefs[item.get("id")] = item.get("href", "")
            names = []
            for ref in root.iter():
                if _local(ref.tag) == "itemref":
                    href = hrefs.get(ref.get("idref", ""), "")
                    if SECTION_NAME.search(href):
                        names.append(href)
            if not names:  # a spine that lists no section: fall back to the manifest's items
                names = [href for href in hrefs.values() if SECTION_NAME.search(href)]
            names = [self._resolve(name) for name in names]
        else:
            names = sorted(
                (n for n in self.entries if n.startswith("Contents/") and SECTION_NAME.search(n)),
                key=lambda n: int(SECTION_NAME.search(n).group(1)),
            )
        if not names:
            raise PlanError("HWPX package has no section (no Contents/sectionN.xml)", path=self.path)
        return names

    def _resolve(self, href: str) -> str:
        """A spine href as a zip entry: Hangul writes them from the package root
        (``Contents/section0.xml``); relative to ``Contents/`` is accepted too."""
        for name in (href, "Contents/" + href):
            if self.has(name):
                return name
        raise PlanError(f"HWPX section {href} (listed in {CONTENT_HPF}) is missing from the zip", path=self.path)

    def metadata(self) -> dict[str, str]:
        meta = {}
        if self.has(CONTENT_HPF):
            for element in self.xml(CONTENT_HPF).iter():
                if _local(element.tag) == "title" and element.text and element.text.strip():
                    meta["title"] = element.text.strip()
                    break
        if self.has("version.xml"):
            root = self.xml("version.xml")
            for key in ("application", "appVersion"):
                if root.get(key):
                    meta[key] = root.get(key)
        return meta


def parse_xml(data: bytes, name: str, path: str) -> ElementTree.Element:
    """Parse one XML part with the C parser, refusing a DOCTYPE and non-ASCII-compatible
    encodings; a malformed part is a ``PlanError`` naming the part, line and column."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        raise PlanError(f"HWPX part {name} is not UTF-8 XML (UTF-16/32 is not accepted)", path=path)
    _refuse_doctype(data, name, path)
    parser = ElementTree.XMLParser()
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
        return parser.close()
    except ElementTree.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise PlanError(f"HWPX part {name} line {line}, column {column + 1}: malformed XML ({reason})", path=path) from None


def _refuse_doctype(data: bytes, name: str, path: str) -> None:
    """Raise if a DOCTYPE comes before the root element (after the XML declaration,
    comments and processing instructions)."""
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(data, pos):
        pos = match.end()
    if data.startswith(b"<!DOCTYPE", pos) or data.startswith(b"<!ENTITY", pos):
        raise PlanError(
            f"HWPX part {name} has a DOCTYPE declaration (refused: DTDs and entities are not allowed)", path=path
        )


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """``{namespace}name`` → ``name`` (OWPML 2011 and 2024 namespaces differ; names do not)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2] if isinstance(tag, str) else ""
    return name


# ---------------------------------------------------------------------------------------
# header.xml


def _read_header(root: ElementTree.Element) -> Header:
    header = Header()
    for element in root.iter():
        name = _local(element.tag)
        if name == "paraPr":
            header.para[element.get("id", "")] = _para_shape(element)
        elif name == "charPr":
            height = _int(element.get("height"))
            if height:
                header.char_size[element.get("id", "")] = height / HWPUNIT_PER_POINT
        elif name == "numbering":
            header.numberings[element.get("id", "")] = _numbering(element)
        elif name == "bullet":
            header.bullets[element.get("id", "")] = element.get("char", "")
    return header


def _para_shape(element: ElementTree.Element) -> ParaShape:
    heading, heading_id, level = "NONE", "0", 0
    left = intent = None
    for child in element.iter():
        name = _local(child.tag)
        if name == "heading":
            heading = child.get("type", "NONE")
            heading_id = child.get("idRef", "0")
            level = _int(child.get("level")) or 0
        elif name == "default":
            break  # hp:switch: the hp:case (HwpUnitChar) came first and is what Hangul reads
        elif name in ("left", "intent") and child.get("unit", "HWPUNIT") == "HWPUNIT":
            value = _int(child.get("value"))
            if name == "left" and left is None:
                left = value
            elif name == "intent" and intent is None:
                intent = value
    # The first line's left edge: the margin, plus a positive first-line indent (a negative
    # one hangs the following lines, the first stays at the margin).
    indent = None if left is None else (left + max(intent or 0, 0)) / HWPUNIT_PER_POINT
    return ParaShape(heading, heading_id, level, indent)


def _numbering(element: ElementTree.Element) -> Numbering:
    heads = []
    for child in element:
        if _local(child.tag) == "paraHead":
            level = _int(child.get("level")) or len(heads) + 1
            start = _int(child.get("start"))
            spec = NumberingLevel(child.text or "", child.get("numFormat", "DIGIT"), 1 if start is None else start)
            heads.append((level, spec))
    heads.sort(key=lambda pair: pair[0])
    start = _int(element.get("start"))
    return Numbering(tuple(spec for _, spec in heads), 1 if start is None else start)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Sections


class _Reader:
    def __init__(self, header: Header) -> None:
        self.header = header
        self.blocks: list[Block] = []
        self.issues: list[ReaderIssue] = []
        self.counters = Counters()
        self.tables = 0
        self.has_text = False
        self.section_number = 0
        self.paragraphs = 0  # paragraphs seen in this section, nested ones included
        self.outline_id = "0"

    def section(self, root: ElementTree.Element, number: int) -> None:
        self.section_number = number
        self.paragraphs = 0
        self.outline_id = _outline_id(root)
        for child in root:
            if _local(child.tag) == "p":
                self.paragraph(child, self.blocks, None, top=True)

    def paragraph(self, p: ElementTree.Element, out: list[Block], furniture: str | None, top: bool = False) -> None:
        """Append the blocks of paragraph ``p`` (its text, then what it anchors) to ``out``."""
        index = self.paragraphs
        self.paragraphs += 1
        pieces: list[str] = []
        anchored: list[ElementTree.Element] = []
        first_char = None
        for run in _content(p):
            if _local(run.tag) != "run":
                continue
            for child in _content(run):
                name = _local(child.tag)
                if name == "t":
                    _text(child, pieces)
                    if first_char is None and (child.text or len(child)):
                        first_char = run.get("charPrIDRef")
                elif name == "tbl" or name in SHAPES:
                    anchored.append(child)
                elif name == "ctrl":
                    for control in child:
                        control_name = _local(control.tag)
                        if control_name in NOTES:
                            anchored.append(control)
                elif name == "compose":
                    pieces.append(child.get("composeText", ""))
                elif name == "dutmal":
                    for part in child:
                        if _local(part.tag) == "mainText":
                            pieces.append(part.text or "")
        text, unmapped = map_private_use("".join(pieces))
        where = Locator(section=self.section_number, paragraph=index)
        if p.get("pageBreak") == "1" and top and self.blocks:
            out.append(Block(PAGE_BREAK, where=where))
        shape = self.header.para.get(p.get("paraPrIDRef", ""))
        label, level = self._label(shape, where)
        if text.strip():
            self.has_text = True
        if text.strip() or not anchored or label:  # a paragraph that only anchors a table is no line
            if unmapped:
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in unmapped)
                self.issues.append(
                    ReaderIssue(
                        "warning",
                        "unmapped-glyph",
                        f"private-use glyph{'s' if len(unmapped) > 1 else ''} {codes} of a Hancom symbol font: shown as is",
                        where,
                        block=len(out) if top else None,
                    )
                )
            first_run = first_char if first_char is not None else _first_run_char(p)
            out.append(
                Block(
                    PARAGRAPH,
                    text,
                    label=label,
                    level=level,
                    indent=shape.indent if shape else None,
                    size=self.header.char_size.get(first_run or ""),
                    where=where,
                    furniture=furniture,
                )
            )
        for element in anchored:
            self.anchored(element, out, furniture)

    def _label(self, shape: ParaShape | None, where: Locator) -> tuple[str | None, int | None]:
        if shape is None or shape.heading == "NONE":
            return None, None
        level = shape.level
        if shape.heading == "BULLET":
            char = self.header.bullets.get(shape.heading_id, "")
            label, unmapped = map_private_use(char)
            if unmapped:
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in unmapped)
                message = f"bullet glyph {codes} of a Hancom symbol font: shown as is"
                self.issues.append(ReaderIssue("warning", "unmapped-glyph", message, where))
            return label or None, level
        if shape.heading == "OUTLINE":
            numbering = self.header.numberings.get(self.outline_id, DEFAULT_OUTLINE)
            key: object = ("outline", self.outline_id)
        else:
            numbering = self.header.numberings.get(shape.heading_id)
            if numbering is None:
                self.issues.append(
                    ReaderIssue(
                        "warning", "missing-numbering", f"paragraph numbering {shape.heading_id} is not in {HEADER_XML}", where
                    )
                )
                return None, level
            key = ("number", shape.heading_id)
        return self.counters.label(key, numbering, level) or None, level

    def anchored(self, element: ElementTree.Element, out: list[Block], furniture: str | None) -> None:
        """A table, drawing object, note, header or footer anchored in a paragraph."""
        name = _local(element.tag)
        if name == "tbl":
            self.table(element, out, furniture)
            return
        if name in NOTES:
            furniture = NOTES[name] or furniture
        for child in element:
            child_name = _local(child.tag)
            if child_name == "subList":
                self.sublist(child, out, furniture)
            elif child_name in ("drawText", "caption"):
                for sub in child:
                    if _local(sub.tag) == "subList":
                        self.sublist(sub, out, furniture)
            elif child_name in SHAPES or child_name == "tbl":
                self.anchored(child, out, furniture)

    def sublist(self, sublist: ElementTree.Element, out: list[Block], furniture: str | None) -> None:
        for p in _content(sublist):
            if _local(p.tag) == "p":
                self.paragraph(p, out, furniture)

    def table(self, tbl: ElementTree.Element, out: list[Block], furniture: str | None) -> None:
        ordinal = self.tables
        self.tables += 1
        caption = next((c for c in tbl if _local(c.tag) == "caption"), None)
        caption_after = caption is not None and caption.get("side", "BOTTOM") in ("BOTTOM", "RIGHT")
        if caption is not None and not caption_after:
            self.anchored_caption(caption, out, furniture)
        rows = [tr for tr in tbl if _local(tr.tag) == "tr"]
        headers: list[tuple[int, int, str]] | None = None  # (first column, span, text)
        title_row = False  # the first row is one cell across the table ('< 과제별 담당부서 >')
        for row_index, tr in enumerate(rows):
            first_paragraph = self.paragraphs
            cells = []
            for tc in tr:
                if _local(tc.tag) == "tc":
                    cells.append(self.cell(tc, row_index))
            if row_index == 0:
                title_row = len(cells) == 1
            # The header row: the first, or the second under a title row; rows must follow it.
            if headers is None and (row_index == 0 or (row_index == 1 and title_row)) and len(rows) > row_index + 1 and _is_header_row(tr, cells):
                headers = [(cell.col, cell.col_span, " ".join(cell.text.split())) for cell in cells]
            elif headers is not None:  # a row under the header row
                cells = [_with_header(cell, headers) for cell in cells]
            out.append(
                Block(
                    ROW,
                    cells=tuple(cells),
                    table=ordinal,
                    row=row_index,
                    where=Locator(section=self.section_number, paragraph=first_paragraph),
                    furniture=furniture,
                )
            )
        if caption_after:
            self.anchored_caption(caption, out, furniture)

    def anchored_caption(self, caption: ElementTree.Element, out: list[Block], furniture: str | None) -> None:
        for sub in caption:
            if _local(sub.tag) == "subList":
                self.sublist(sub, out, furniture)

    def cell(self, tc: ElementTree.Element, row_index: int) -> Cell:
        row, col, row_span, col_span = row_index, 0, 1, 1
        blocks: list[Block] = []
        for child in tc:
            name = _local(child.tag)
            if name == "cellAddr":
                col = _int(child.get("colAddr")) or 0
                row = _int(child.get("rowAddr"))
                row = row_index if row is None else row
            elif name == "cellSpan":
                col_span = max(_int(child.get("colSpan")) or 1, 1)
                row_span = max(_int(child.get("rowSpan")) or 1, 1)
            elif name == "subList":
                self.sublist(child, blocks, None)
        return Cell(row, col, row_span, col_span, blocks=tuple(blocks))


def _content(element: ElementTree.Element):
    """The children of ``element``, with an ``hp:switch`` replaced by the children of its
    first ``hp:case`` (else its ``hp:default``): alternatives are read once, not twice."""
    for child in element:
        if _local(child.tag) != "switch":
            yield child
            continue
        options = [c for c in child if _local(c.tag) in ("case", "default")]
        if options:
            yield from _content(options[0])


def _text(t: ElementTree.Element, pieces: list[str]) -> None:
    """The text of one ``hp:t``, its inline elements included (text follows each as its tail)."""
    if t.text:
        pieces.append(t.text)
    for child in t:
        pieces.append(INLINE_TEXT.get(_local(child.tag), ""))
        if child.tail:
            pieces.append(child.tail)


def _first_run_char(p: ElementTree.Element) -> str | None:
    for run in p:
        if _local(run.tag) == "run":
            return run.get("charPrIDRef")
    return None


def _outline_id(root: ElementTree.Element) -> str:
    """The section's outline numbering (``hp:secPr outlineShapeIDRef``), which sits in the
    first paragraph's first run; looked for there, not in the whole tree."""
    for p in root:
        if _local(p.tag) != "p":
            continue
        for run in p:
            for child in run:
                if _local(child.tag) == "secPr":
                    return child.get("outlineShapeIDRef", "0")
        break
    return "0"


def _is_header_row(tr: ElementTree.Element, cells: list[Cell]) -> bool:
    """The first row is a header row when Hangul marks a cell of it as a header cell, or
    when there are several columns and every cell holds a short label."""
    if len(cells) < 2:
        return False  # one cell across the table: a title over it, not its columns' headers
    if any(tc.get("header") == "1" for tc in tr if _local(tc.tag) == "tc"):
        return True
    return labels_only([cell.text for cell in cells])


def _with_header(cell: Cell, headers: list[tuple[int, int, str]]) -> Cell:
    for first, span, text in headers:
        if first <= cell.col < first + span:
            return cell._replace(header=text or None)
    return cell
