"""Readers: the bytes of one input file → ``extract.document.Document``.

One module (or folder) a format, each known by its signature, not by its file name alone:

    text   any text encoding a Korean plan comes in; a line is a paragraph
    pdf/   a PDF's text layer and geometry (pdfium or pdfplumber)
    hwp    HWP 5 (an OLE compound file of records), over olefile
    hwpx   HWPX / OWPML (a zip of XML)

``sniff`` names the format from the first bytes; ``read_document`` reads a path (or ``-``,
stdin) once and hands its bytes to the reader that format needs. The rest of the pipeline never asks which format it was.
"""

from __future__ import annotations

import os

from ..document import Document
from ..errors import ExitCode, PlanError

PDF_SIGNATURE = b"%PDF-"
PDF_SIGNATURE_WITHIN = 1024  # a PDF's signature may follow junk; readers accept it anywhere in the first KiB
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # HWP 5 (and any other OLE compound file)
HWP3_SIGNATURE = b"HWP Document File V"  # HWP 3.x and older: not OLE
ZIP_SIGNATURE = b"PK\x03\x04"  # HWPX (and any other zip)
SNIFF_BYTES = PDF_SIGNATURE_WITHIN

# Suffix → format, for a file whose first bytes do not say (an empty or cut file).
SUFFIXES = {".pdf": "pdf", ".hwp": "hwp", ".hwpx": "hwpx"}


def sniff(head: bytes, path: str = "") -> str:
    """``"pdf"``, ``"hwp"``, ``"hwpx"`` or ``"text"`` from the first bytes (the suffix breaks no tie
    but names what an empty or cut file was meant to be)."""
    if PDF_SIGNATURE in head[:PDF_SIGNATURE_WITHIN]:
        return "pdf"
    if head.startswith(OLE_SIGNATURE) or head.startswith(HWP3_SIGNATURE):
        return "hwp"
    if head.startswith(ZIP_SIGNATURE):
        return "hwpx"
    return SUFFIXES.get(os.path.splitext(path)[1].lower(), "text")


def sniff_path(path: str | os.PathLike[str]) -> str:
    """The format of the file at ``path``; a file that cannot be opened is "text" (its reader says why).

    Reads the file's start, so not for pipes: ``read_document`` sniffs the bytes it read instead.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return "text"
    return sniff(head, os.fspath(path))


def read_document(
    path: str | os.PathLike[str],
    profile=None,
    *,
    pages: str | None = None,
    engine: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Read ``path`` (``-``: stdin) once, at most ``max_bytes``, with the reader its format needs;
    ``pages``/``engine`` apply to PDF only."""
    from .text import read_bytes, shown_path

    data = read_bytes(path, max_bytes=max_bytes)
    return document_from_bytes(data, shown_path(path), profile, pages=pages, engine=engine)


def document_from_bytes(
    data: bytes, shown: str, profile=None, *, pages: str | None = None, engine: str | None = None
) -> Document:
    """The bytes of one input (named ``shown`` in messages) → ``Document``, by their signature."""
    kind = sniff(data[:SNIFF_BYTES], shown)
    if kind == "pdf":
        from .pdf.reader import read_pdf

        return read_pdf(shown, profile, pages=pages, engine=engine, data=data)
    if pages is not None:
        raise PlanError("--pages applies to PDF input; this is not a PDF", path=shown, code=ExitCode.USAGE)
    if kind in ("hwp", "hwpx"):
        return read_bytes_as(kind, data, shown)
    from .text import decode_bytes, text_document

    return text_document(decode_bytes(data, path=shown), profile)


def read_bytes_as(kind: str, data: bytes, path: str) -> Document:
    """An HWP or HWPX file's bytes → ``Document``."""
    if kind == "hwp":
        from .hwp import read_hwp

        return read_hwp(data, path)
    from .hwpx import read_hwpx

    return read_hwpx(data, path)
