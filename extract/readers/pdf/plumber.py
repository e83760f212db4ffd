"""The pdfplumber engine (the reference): a PDF page → ``PageContent``.

pdfplumber (on pdfminer.six) lays out every glyph in Python: exact and well
tested, and slow (about 0.1–0.5 s a page). Pages are read one at a time and
their caches dropped (``page.close()``), so a long PDF does not pile up
layout objects.

Glyphs go through the shared ``build_words`` rather than pdfplumber's own
``extract_words`` + ``dedupe_chars`` (same rules, one implementation for both
engines; ``dedupe_chars`` is also quadratic in the glyphs of a page).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .page import (
    UNMAPPED,
    BrokenError,
    Char,
    Edge,
    EncryptedError,
    PageContent,
    build_words,
)

# pdfminer writes a glyph its font cannot map to Unicode as "(cid:123)".
CID = re.compile(r"\(cid:\d+\)")


class Document:
    def __init__(self, pdf: pdfplumber.PDF) -> None:
        self._pdf = pdf
        self.page_count = len(pdf.pages)

    def page(self, number: int) -> PageContent:
        page = self._pdf.pages[number - 1]
        try:
            return _content(page, number)
        finally:
            page.close()  # flush pdfplumber's and pdfminer's caches of this page


@contextmanager
def open_document(path: str | bytes) -> Iterator[Document]:
    """Open ``path`` (or a PDF's bytes); raise ``EncryptedError`` or ``BrokenError``."""
    try:
        pdf = pdfplumber.open(io.BytesIO(path) if isinstance(path, bytes) else path)
        document = Document(pdf)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedError(str(exc)) from None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedError(str(cause)) from None
        raise BrokenError(_reason(cause)) from None
    except Exception as exc:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError …) on a broken file
        raise BrokenError(_reason(exc)) from None
    try:
        yield document
    finally:
        pdf.close()


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _content(page: pdfplumber.page.Page, number: int) -> PageContent:
    chars: list[Char] = []
    unmapped = 0
    for c in page.chars:
        text = c["text"]
        if len(text) > 1 and CID.fullmatch(text):
            text = UNMAPPED
            unmapped += 1
        chars.append((text, c["x0"], c["x1"], c["top"], c["bottom"]))
    edges = [
        Edge(e["x0"], e["x1"], e["top"], e["bottom"])
        for e in page.edges
        if e["orientation"] in ("h", "v")
    ]
    glyphs = sum(1 for c in chars if not c[0].isspace())
    return PageContent(
        number=number,
        width=float(page.width),
        height=float(page.height),
        words=build_words(chars, number),
        edges=edges,
        chars=glyphs,
        unmapped=unmapped,
        images=len(page.images) if not glyphs else 0,
    )
