"""Reader for plain text: a path → ``Source`` (raw bytes, decoded text, encoding, sha256)
→ ``Document`` (``text_document``: one paragraph a line).

Takes any text encoding a Korean plan is likely to come in: UTF-8 with or
without BOM, UTF-16 (BOM, or BOM-less when NUL bytes show it), CP949 / EUC-KR.
Refuses, with a ``PlanError`` that says where, what is not text: a directory,
an empty file, binary data, bytes no encoding explains.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..document import PARAGRAPH, Block, Document, Locator
from ..errors import ExitCode, PlanError

# (BOM, codec) pairs, longest first so UTF-32 is never mistaken for UTF-16.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Korean legacy encoding; CP949 is a superset of EUC-KR, so one covers both.
LEGACY_ENCODING = "cp949"

# C0 controls other than tab, LF, VT, FF, CR, plus DEL: text files do not have them.
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Source:
    path: str
    data: bytes
    text: str  # decoded, BOM removed, otherwise untouched
    encoding: str

    format: ClassVar[str] = "text"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read and decode ``path``; raise ``PlanError`` for anything that is not text."""
    return decode_bytes(read_bytes(path), path=os.fspath(path))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path``; ``PlanError`` (exit 3) for a directory, a missing or unreadable file."""
    shown = os.fspath(path)
    p = Path(path)
    if p.is_dir():
        raise PlanError("is a directory, not a plan file", path=shown, code=ExitCode.UNREADABLE)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise PlanError("no such file", path=shown, code=ExitCode.UNREADABLE) from None
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror or exc}", path=shown, code=ExitCode.UNREADABLE) from None


def decode_bytes(data: bytes, *, path: str = "<input>") -> Source:
    """Decode ``data`` (see module docstring); ``path`` only names it in errors."""
    if not data.strip():
        raise PlanError("empty input (no text at all)", "", 0, path=path)
    text, encoding = _decode(data, path)
    _refuse_binary(text, path)
    return Source(path=path, data=data, text=text, encoding=encoding)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as exc:
                bad = len(bom) + exc.start
                raise PlanError(
                    f"not valid {codec}: {exc.reason} (byte 0x{data[bad]:02x})",
                    *_located(data[len(bom) : bad], codec),
                    path=path,
                ) from None
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass  # not UTF-16 after all; the NUL check below calls it binary
    if b"\x00" in data:
        raise PlanError(
            "binary input (NUL byte), not a text plan", *_located(data[: data.index(b"\x00")], "utf-8"), path=path
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            raise PlanError(
                f"undecodable bytes (neither UTF-8 nor CP949/EUC-KR; byte 0x{data[utf8_error.start]:02x})",
                *_located(data[: utf8_error.start], "utf-8"),
                path=path,
            ) from None
        return text, LEGACY_ENCODING


def _located(prefix: bytes, codec: str) -> tuple[str, int]:
    """(doc, pos) for a ``PlanError`` at the end of ``prefix``: columns count characters, not bytes."""
    text = prefix.decode(codec, errors="replace")
    return text, len(text)


def _bomless_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the NUL bytes fall (ASCII spaces, digits, newlines)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # Spaces, digits and newlines have a NUL high byte; so, rarely, does a Hangul
    # syllable's low byte (U+AC00). Call it UTF-16 when NULs sit mostly on one side.
    if odd_nuls >= half // 10 and odd_nuls > 4 * even_nuls:
        return "utf-16-le"
    if even_nuls >= half // 10 and even_nuls > 4 * odd_nuls:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, path: str) -> None:
    found = CONTROL_CHAR.search(text)
    if found:
        raise PlanError(
            f"binary input (control character U+{ord(found.group()):04X}), not a text plan",
            text,
            found.start(),
            path=path,
        )


def text_document(source: Source, profile=None) -> Document:
    """The trivial reader: every line of the decoded text is a paragraph, as it stands.

    The blocks compose back to ``source.text`` exactly (lines joined by LF, a CR kept in its
    line), so offsets the parser reports are offsets into the decoded file. An OCR word
    stream (one word per line) is read by ``word_stream`` instead, when a ``profile`` says
    which words open lines.
    """
    if profile is not None:
        from .word_stream import is_word_stream, word_stream_document

        if is_word_stream(source.text):
            return word_stream_document(source, profile)
    blocks = []
    offset = 0
    for line in source.text.split("\n"):
        blocks.append(Block(PARAGRAPH, line, where=Locator(offset)))
        offset += len(line) + 1
    return Document(source.path, "text", source.sha256, tuple(blocks), encoding=source.encoding, verbatim=True)
