"""The pypdfium2 engine (fast): a PDF page → ``PageContent``.

PDFium (Chrome's PDF library, in C++) parses the page; we ask it, per glyph,
for its Unicode value and its loose box (the font's ascent to descent, the box
pdfplumber reports too), and hand the glyphs to the shared ``build_words``.
Spaces PDFium invents between words (``FPDFText_IsGenerated``) are ignored:
the 3 pt gap rule of ``build_words`` decides, as for pdfplumber. Rules come from
the path objects' straight segments, form XObjects included, read only when the
layout first looks at them (``page.Rules``): most pages hold no table, and their
path objects (thousands on a page of charts or dot leaders) are never walked.

Every PDFium handle of a page (text page, page) is closed before the next page
is loaded, so memory stays flat however long the PDF; the page itself stays open
until then, for its rules.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ...records import NamedTuple
from .page import (
    UNMAPPED,
    BrokenError,
    Char,
    Edge,
    EncryptedError,
    PageContent,
    Rules,
    build_words,
    segment_edges,
)

FPDF_ERR_PASSWORD = 4
PATH, IMAGE, FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
SEGMENT_MOVETO = raw.FPDF_SEGMENT_MOVETO
SEGMENT_LINETO = raw.FPDF_SEGMENT_LINETO
MAX_FORM_DEPTH = 15  # form XObjects nested deeper are not searched for rules
SIMPLE_PATH = 5  # a line (2 segments) or a rectangle (up to 5): read from its bounds
THIN = 3.0  # a path no thicker than this is a rule, not a box


class Document:
    def __init__(self, pdf: pdfium.PdfDocument) -> None:
        self._pdf = pdf
        self._open: pdfium.PdfPage | None = None  # the last page read: its rules may still be asked for
        self.page_count = len(pdf)

    def page(self, number: int) -> PageContent:
        self.close_page()
        page = self._open = self._pdf[number - 1]
        try:
            return _content(page, number, self._rules_of(page))
        except BaseException:
            self.close_page()
            raise

    def _rules_of(self, page: pdfium.PdfPage):
        def read(height: float) -> tuple[list[Edge], int]:
            if page is not self._open:
                raise RuntimeError("a page's rules were asked for after the next page was read")
            return _objects(page, height)

        return read

    def close_page(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None


@contextmanager
def open_document(path: str | bytes) -> Iterator[Document]:
    """Open ``path`` (or a PDF's bytes: pdfium takes either); raise ``EncryptedError`` or ``BrokenError``."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise EncryptedError(str(exc)) from None
        raise BrokenError(str(exc)) from None
    document = Document(pdf)
    try:
        yield document
    finally:
        document.close_page()
        pdf.close()


def _content(page: pdfium.PdfPage, number: int, objects) -> PageContent:
    """``objects(height)`` → (rules, images): walked now on a page without glyphs (is it a
    scan?), else only when the layout first looks at the rules."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars, glyphs, unmapped = _chars(textpage, height)
    finally:
        textpage.close()
    if glyphs:
        edges, images = Rules(lambda: objects(height)[0]), 0
    else:
        edges, images = objects(height)
    return PageContent(
        number=number,
        width=width,
        height=height,
        words=build_words(chars, number),
        edges=edges,
        chars=glyphs,
        unmapped=unmapped,
        images=images if not glyphs else 0,
    )


def _chars(textpage: pdfium.PdfTextPage, height: float) -> tuple[list[Char], int, int]:
    """The page's glyphs with their loose boxes, how many are not blanks, and how many have no Unicode."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    text = _text(handle, count)
    get_box, map_error, is_generated = _per_char_calls()
    page = _pointer_argument(handle)
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    # The box's floats (left, top, right, bottom) read through a memoryview: half the cost of
    # reading the structure's fields, for every glyph.
    left, top, right, bottom = range(4)
    sides = memoryview(box).cast("B").cast("f")
    chars: list[Char] = []
    append = chars.append
    unmapped = blanks = 0
    for i, ch in enumerate(text):
        if ch.isspace() or ch == "\x00":
            if ch in "\r\n\x00" or is_generated(page, i):
                continue  # PDFium's own word and line breaks: the gap rule of build_words decides
            ch = " "
            blanks += 1
        elif map_error(page, i):
            ch = UNMAPPED
            unmapped += 1
        get_box(page, i, box_ref)
        append((ch, sides[left], sides[right], height - sides[top], height - sides[bottom]))
    return chars, len(chars) - blanks, unmapped


@cache
def _per_char_calls():
    """FPDFText_GetLooseCharBox, _HasUnicodeMapError and _IsGenerated at the same addresses,
    without argument types: a page of a plan makes two or three calls for each of its
    thousands of glyphs (about half of reading its text). pypdfium2's typed pointer arguments
    cost ~1 µs a call in checks; plain declared types (c_void_p, c_int) still ~0.3 µs in
    conversions; none, half that again (~0.35 µs a call). Safe only because every caller
    passes exactly the C types: the text page as a ``c_void_p``, the index as a Python int (C
    ``int``, the declared type), the box by ``byref``; the result is the C ``int`` they return."""
    return (
        _untyped(raw.FPDFText_GetLooseCharBox),  # (text page, int index, FS_RECTF*) → int
        _untyped(raw.FPDFText_HasUnicodeMapError),  # (text page, int index) → int
        _untyped(raw.FPDFText_IsGenerated),  # (text page, int index) → int
    )


# The prototype of these calls: PYFUNCTYPE, not CFUNCTYPE. A CFUNCTYPE call releases the GIL
# and takes it back around the C function, which for a call of well under a microsecond (a
# glyph's box) is ~15% of it; these functions neither block nor call back into Python, and
# the reader runs no other thread, so they run holding it.
_PROTOTYPE = ctypes.PYFUNCTYPE


def _untyped(function):
    """``function`` (returning a C int) at its address, called with no argument conversion."""
    untyped = _PROTOTYPE(ctypes.c_int)(_address(function))
    untyped.argtypes = None  # the prototype's () would refuse any argument
    return untyped


def _pointer_argument(handle):
    """``handle`` (a PDFium handle) as an argument an untyped call passes as that pointer, made
    once for all the calls on it. A ``c_void_p`` would do, but ctypes builds a fresh argument
    object from it on every call (a tenth of a glyph's two calls); a ``byref`` is one already:
    that of a one-byte object placed at the handle's address, which is the handle. Nothing is
    read or written through it here."""
    return ctypes.byref(ctypes.c_char.from_address(ctypes.cast(handle, ctypes.c_void_p).value))


def _address(function) -> int:
    return ctypes.cast(function, ctypes.c_void_p).value


def _text(handle, count: int) -> str:
    """The page's characters, one per char index: one bulk call, or one call a character when
    the bulk text does not line up with the index (a character outside UCS-2, an excluded one)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count and "\ufffd" not in text:
        return text
    get_unicode = raw.FPDFText_GetUnicode
    return "".join(chr(code) if code < 0x110000 else UNMAPPED for code in map(get_unicode, [handle] * count, range(count)))


def _objects(page: pdfium.PdfPage, height: float) -> tuple[list[Edge], int]:
    """Rules (straight path segments, in page space) and the number of images.

    Walks the raw object list (form XObjects included) rather than ``get_objects``,
    which wraps every object, text runs too, in a Python object. A path of one line
    or one rectangle (the usual cell border or shaded cell) is read from its bounds;
    only longer paths are walked segment by segment.
    """
    edges: list[Edge] = []
    add = edges.append
    images = 0
    call = _object_calls()
    get_type, count_segments, get_bounds = call.get_type, call.count_segments, call.get_bounds
    handle = page.raw
    stack = [(raw.FPDFPage_CountObjects(handle), partial(call.page_object, _pointer_argument(handle)), None, 0)]
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    left, bottom, right, top = (ctypes.byref(bounds, i * ctypes.sizeof(ctypes.c_float)) for i in range(4))
    sides = memoryview(bounds).cast("B").cast("f")  # read by index: cheaper than the array's own
    while stack:
        count, get, outer, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            if not obj:  # NULL
                continue
            kind = get_type(obj)
            if kind == PATH:  # the most objects of a page of tables: test it first
                if outer is None and count_segments(obj) <= SIMPLE_PATH:
                    get_bounds(obj, left, bottom, right, top)
                    _box_edges(add, sides[0], sides[1], sides[2], sides[3], height)
                else:
                    typed = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
                    edges.extend(_path_edges(typed, _transform(typed, outer), height))
            elif kind == IMAGE:
                images += 1
            elif kind == FORM and depth < MAX_FORM_DEPTH:
                typed = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
                form = (raw.FPDFFormObj_CountObjects(typed), partial(call.form_object, obj))
                stack.append((*form, _transform(typed, outer), depth + 1))
    return edges, images


class _ObjectCalls(NamedTuple):
    page_object: Callable  # FPDFPage_GetObject(page, index) → object (an _Object, false when NULL)
    form_object: Callable  # FPDFFormObj_GetObject(form, index)
    get_type: Callable  # FPDFPageObj_GetType(object)
    count_segments: Callable  # FPDFPath_CountSegments(path)
    get_bounds: Callable  # FPDFPageObj_GetBounds(object, *left, *bottom, *right, *top)


class _Object(ctypes.c_void_p):
    """A page object's address as a ctypes pointer: a function returning a subclass of c_void_p
    gives the pointer itself, not a Python int, so it passes to an untyped call as a pointer
    (an int would pass as a 32-bit C int)."""


@cache
def _object_calls() -> _ObjectCalls:
    """The object walk's PDFium calls, untyped as ``_per_char_calls`` (a page of tables or charts
    holds thousands of path objects): each passes an ``_Object`` (or the page as a c_void_p)
    and a Python int for a C ``int`` index, and returns a C int or an ``_Object``. The form's
    object index is a C ``unsigned long``, which an untyped int would not fill: typed."""
    page_object = _PROTOTYPE(_Object)(_address(raw.FPDFPage_GetObject))  # (page, int index)
    page_object.argtypes = None
    return _ObjectCalls(
        page_object,
        _PROTOTYPE(_Object, ctypes.c_void_p, ctypes.c_ulong)(_address(raw.FPDFFormObj_GetObject)),
        _untyped(raw.FPDFPageObj_GetType),  # (object) → int
        _untyped(raw.FPDFPath_CountSegments),  # (path) → int
        _untyped(raw.FPDFPageObj_GetBounds),  # (object, float* left, bottom, right, top) → FPDF_BOOL (int)
    )


def _transform(obj, outer: raw.FS_MATRIX | None) -> raw.FS_MATRIX:
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    return _chain(matrix, outer) if outer is not None else matrix


def _box_edges(add: Callable[[Edge], None], left: float, bottom: float, right: float, top: float, height: float) -> None:
    """A simple path's bounds (stroke included) → ``add`` one rule if thin, else the four sides of
    a box (added one by one, not returned as a list: a page may hold tens of thousands)."""
    top, bottom = height - top, height - bottom
    if bottom - top <= THIN:
        middle = (top + bottom) / 2
        add(_edge((left + (bottom - top) / 2, right - (bottom - top) / 2, middle, middle)))
    elif right - left <= THIN:
        middle = (left + right) / 2
        add(_edge((middle, middle, top + (right - left) / 2, bottom - (right - left) / 2)))
    else:
        add(_edge((left, right, top, top)))
        add(_edge((left, right, bottom, bottom)))
        add(_edge((left, left, top, bottom)))
        add(_edge((right, right, top, bottom)))


# Edge((x0, x1, top, bottom)) without the named tuple's Python-level __new__: a page of tables
# has tens of thousands of cell borders.
_edge = partial(tuple.__new__, Edge)


def _chain(inner: raw.FS_MATRIX, outer: raw.FS_MATRIX) -> raw.FS_MATRIX:
    """inner then outer, in PDF's row-vector convention."""
    m = raw.FS_MATRIX()
    m.a = inner.a * outer.a + inner.b * outer.c
    m.b = inner.a * outer.b + inner.b * outer.d
    m.c = inner.c * outer.a + inner.d * outer.c
    m.d = inner.c * outer.b + inner.d * outer.d
    m.e = inner.e * outer.a + inner.f * outer.c + outer.e
    m.f = inner.e * outer.b + inner.f * outer.d + outer.f
    return m


def _path_edges(obj: pdfium.PdfObject, m: raw.FS_MATRIX, height: float) -> list[Edge]:
    edges: list[Edge] = []
    points: list[tuple[float, float]] = []
    closed = False
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (m.a * x.value + m.c * y.value + m.e, height - (m.b * x.value + m.d * y.value + m.f))
        if kind == SEGMENT_MOVETO:
            edges.extend(segment_edges(points, closed))
            points, closed = [point], False
        elif kind == SEGMENT_LINETO:
            points.append(point)
        else:  # a Bézier control or end point: no rule passes through a curve
            edges.extend(segment_edges(points, closed))
            points, closed = [point], False
        if raw.FPDFPathSegment_GetClose(segment):
            closed = True
    edges.extend(segment_edges(points, closed))
    return edges
