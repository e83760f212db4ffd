"""Reader for plain text: a path → ``Source`` (raw bytes, decoded text, encoding, sha256)
→ ``Document`` (``text_document``: one paragraph a line).

Takes any text encoding a Korean plan is likely to come in: UTF-8 with or
without BOM, UTF-16 (BOM, or BOM-less when NUL bytes show it), CP949 / EUC-KR.
Refuses, with a ``PlanError`` that says where, what is not text: a directory or
device, an empty file, binary data, bytes no encoding explains, more than ``--max-bytes``.
``read_bytes`` is the one place any input's bytes are read (once: pipes cannot be rewound).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable

from .. import DEFAULT_MAX_BYTES
from ..document import PARAGRAPH, Block, Document, Locator
from ..errors import ExitCode, PlanError
from ..records import Record
from ..sha import sha256

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

READ_CHUNK = 1 << 20
FIFO_WAIT_SECONDS = 10.0  # how long a named pipe may stay without a writer before it is refused
STDIN = "-"  # the argument that means standard input
STDIN_NAME = "<stdin>"  # what messages and source.path call it

# C0 controls other than tab, LF, VT, FF, CR, plus DEL: text files do not have them.
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class Source(Record):
    """A text file read and decoded."""

    __slots__ = ("path", "data", "text", "encoding")
    format = "text"

    def __init__(self, path: str, data: bytes, text: str, encoding: str) -> None:
        self.path = path
        self.data = data
        self.text = text  # decoded, BOM removed, otherwise untouched
        self.encoding = encoding

    @property
    def sha256(self) -> str:
        return sha256(self.data).hexdigest()


def read_source(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Source:
    """Read and decode ``path`` (``-``: stdin); raise ``PlanError`` for anything that is not text."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes), path=shown_path(path))


def shown_path(path: str | os.PathLike[str]) -> str:
    """How messages and ``source.path`` name an input: ``-`` is ``<stdin>``."""
    shown = os.fspath(path)
    return STDIN_NAME if shown == STDIN else shown


def read_bytes(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, fifo_wait: float = FIFO_WAIT_SECONDS
) -> bytes:
    """The bytes of ``path`` (``-``: stdin), read once and at most ``max_bytes`` of them.

    ``PlanError`` exit 3 for a missing, unreadable or non-regular file (a directory, a device,
    a socket; pipes are read) and a FIFO no writer opens within ``fifo_wait`` seconds;
    exit 4 for more than ``max_bytes`` (default ``DEFAULT_MAX_BYTES``), found before reading it all.
    """
    shown = os.fspath(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if shown == STDIN:
        return _read_capped(sys.stdin.buffer.read, limit, STDIN_NAME)
    try:
        # Non-blocking: opening a FIFO without a writer would otherwise wait for ever.
        fd = os.open(shown, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PlanError("no such file", path=shown, code=ExitCode.UNREADABLE) from None
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror or exc}", path=shown, code=ExitCode.UNREADABLE) from None
    try:
        info = os.fstat(fd)
        first = b""
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limit:  # known before reading a byte
                raise _too_large(shown, limit)
        elif stat.S_ISFIFO(info.st_mode):  # a named pipe, <(process substitution), /dev/stdin
            first = _wait_for_writer(fd, shown, fifo_wait)
        else:
            raise PlanError(f"is {_file_kind(info.st_mode)}, not a plan file", path=shown, code=ExitCode.UNREADABLE)
        os.set_blocking(fd, True)
        return _read_capped(lambda n: os.read(fd, n), limit, shown, first)
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror or exc}", path=shown, code=ExitCode.UNREADABLE) from None
    finally:
        os.close(fd)


def _read_capped(read: Callable[[int], bytes], limit: int, shown: str, first: bytes = b"") -> bytes:
    """``first`` and everything ``read(n)`` gives until EOF, failing as soon as it passes ``limit`` bytes."""
    chunks = [first]
    total = len(first)
    while chunk := read(READ_CHUNK):
        total += len(chunk)
        if total > limit:
            raise _too_large(shown, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(shown: str, limit: int) -> PlanError:
    return PlanError(f"larger than --max-bytes ({limit:,} bytes); raise the limit to read it", path=shown)


def _wait_for_writer(fd: int, shown: str, seconds: float) -> bytes:
    """The first byte of a FIFO (or nothing) once a writer holds it; refuse it after ``seconds``
    without one. A pipe whose writer is still busy (``<(slow command)``) is waited for as long
    as it takes: only a FIFO nobody has opened for writing times out.
    """
    try:
        first = os.read(fd, 1)
    except BlockingIOError:  # a writer holds it open and has written nothing yet
        return b""
    if first:
        return first
    import select  # EOF without a writer: wait for one to open it and write (or close it)

    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(int(seconds * 1000)):
        raise PlanError(f"is a FIFO no program wrote to within {seconds:g} s", path=shown, code=ExitCode.UNREADABLE)
    return b""


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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


MIN_LINES = 100  # a word stream has many lines…
WORD_LINE_SHARE = 0.9  # …nearly all of them a single word (a scrape wrapped at random spaces is not one)


def is_word_stream(text: str) -> bool:
    """Whether ``text`` is an OCR word stream, one word per line (most non-empty lines hold no space)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES:
        return False
    single = sum(1 for line in lines if len(line.split()) == 1)
    return single >= WORD_LINE_SHARE * len(lines)


def text_document(source: Source, profile=None) -> Document:
    """The trivial reader: every line of the decoded text is a paragraph, as it stands.

    The blocks compose back to ``source.text`` exactly (lines joined by LF, a CR kept in its
    line), so offsets the parser reports are offsets into the decoded file. An OCR word
    stream (one word per line) is read by ``word_stream`` instead, when a ``profile`` says
    which words open lines. A plan's own lines (its body text under bullets, line by line) are
    read as a reader's lines, not as run-on text (``_own_lines``).
    """
    if profile is not None and is_word_stream(source.text):
        from .word_stream import word_stream_document  # here: most text is no word stream

        return word_stream_document(source, profile)
    blocks = []
    offset = 0
    lines = source.text.split("\n")
    for line in lines:
        blocks.append(Block(PARAGRAPH, line, where=Locator(offset)))
        offset += len(line) + 1
    # A plan's own lines (a word processor's text export, a PDF's text): read as a reader's
    # lines, where a heading opens its line and the lines under it are its body; composing
    # changes no offset (a CR or a separator inside a line becomes one space).
    own_lines = (
        profile is not None
        and profile.layout is not None
        and unicodedata.is_normalized("NFC", source.text)  # composing must move no offset: else read as run-on text
        and _own_lines(lines, profile.layout.body_bullet)
    )
    return Document(source.path, "text", source.sha256, tuple(blocks), encoding=source.encoding, verbatim=not own_lines)


# A text is a plan's own lines, not a scraped run-on list, when this many of its lines, and
# this share of its non-empty lines, open with a body bullet (ㅇ, -, ※ …: a plan's text
# under its headings; the 2020 list, scraped, has one such line in 85).
OWN_LINES_MIN = 10
OWN_LINES_SHARE = 0.15


def _own_lines(lines: list[str], body_bullet) -> bool:
    """Whether a text's ``lines`` are a plan's own lines (see ``OWN_LINES_SHARE``)."""
    filled = bulleted = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            filled += 1
            bulleted += body_bullet.match(stripped) is not None
    return bulleted >= OWN_LINES_MIN and bulleted >= OWN_LINES_SHARE * filled
