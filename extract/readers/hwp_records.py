"""The record layer of HWP 5: an OLE compound file's bytes → its FileHeader and the plain
record streams (DocInfo, each BodyText section in order), then records out of a stream.

Takes the bytes of a ``.hwp`` file; ``open_hwp`` returns an ``HwpFile``: the parsed
``FileHeader``, the DocInfo stream and the section streams, inflated (raw deflate, when the
header says the document is compressed) and, for a distribution (배포용) document, decrypted.
``iter_records`` turns one stream into ``Record`` s (tag, level, payload); ``read_string``,
``u16``, ``u32`` … read fields out of a payload.

Everything a user can get wrong is a ``PlanError`` naming the file and the stream: not an OLE
file, a corrupt container, an HWP 3.x (or older) file, a missing FileHeader / DocInfo /
BodyText, a password-protected or DRM document, a truncated or corrupt deflate stream, a
stream that inflates past ``MAX_STREAM_BYTES`` (a deflate bomb fails fast), a record that runs
past the end of its stream. Work is linear in the input and memory bounded by the caps below.

Layouts: Hancom, "한글 문서 파일 형식 5.0" (revision 1.3), §3.2 FileHeader, §4.1 records;
the distribution-document key scheme as public readers (rhwp, hwplib) implement it.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Iterator

import olefile

from ..records import NamedTuple
from ..errors import ExitCode, PlanError
from . import OLE_SIGNATURE  # the one copy, beside the other formats' signatures (readers.sniff)

# --- signatures -------------------------------------------------------------------------

HWP5_SIGNATURE = b"HWP Document File"  # the FileHeader stream's first 32 bytes, NUL padded
# HWP 3.x and older are not OLE: the file itself starts "HWP Document File V3.00 \x1a\x01…".
OLD_HWP_SIGNATURE = re.compile(rb"HWP Document File V(\d+\.\d+)")
SUMMARY_STREAM = "\x05HwpSummaryInformation"
PIDSI_TITLE = 2

# --- caps (why: a hostile file must fail fast, not fill memory) ---------------------------

MAX_STREAM_BYTES = 64 * 1024 * 1024  # one inflated stream; corpus sections are < 2 MiB
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all inflated streams of one document
MAX_SECTIONS = 1024
INFLATE_CHUNK = 1024 * 1024

# --- FileHeader property bits (§3.2, table 3) -----------------------------------------------

FLAG_COMPRESSED = 1 << 0
FLAG_PASSWORD = 1 << 1
FLAG_DISTRIBUTION = 1 << 2  # 배포용 문서: BodyText replaced by encrypted ViewText
FLAG_DRM = 1 << 4
FLAG_CERT_ENCRYPTED = 1 << 8  # 공인인증서 암호화
FLAG_CERT_DRM = 1 << 10  # 공인인증서 DRM

# Bits that make the text unreadable without a key we do not have, with the refusal message.
REFUSED_FLAGS = (
    (FLAG_PASSWORD, "password-protected HWP: open it in Hangul and save it without a password"),
    (FLAG_DRM, "DRM-protected HWP: the body text is encrypted by a DRM system"),
    (FLAG_CERT_ENCRYPTED, "HWP encrypted with a public-key certificate"),
    (FLAG_CERT_DRM, "DRM-protected HWP (public-key certificate DRM)"),
)

# --- record tags (§4.1: HWPTAG_BEGIN = 0x10) -----------------------------------------------

HWPTAG_BEGIN = 0x10
TAG_CHAR_SHAPE = HWPTAG_BEGIN + 5
TAG_NUMBERING = HWPTAG_BEGIN + 7
TAG_BULLET = HWPTAG_BEGIN + 8
TAG_PARA_SHAPE = HWPTAG_BEGIN + 9
TAG_DISTRIBUTE_DOC_DATA = HWPTAG_BEGIN + 12
TAG_PARA_HEADER = HWPTAG_BEGIN + 50
TAG_PARA_TEXT = HWPTAG_BEGIN + 51
TAG_PARA_CHAR_SHAPE = HWPTAG_BEGIN + 52
TAG_CTRL_HEADER = HWPTAG_BEGIN + 55
TAG_LIST_HEADER = HWPTAG_BEGIN + 56
TAG_TABLE = HWPTAG_BEGIN + 61

# Record header: tag id bits 0-9, level bits 10-19, size bits 20-31; size 0xFFF means the
# real size follows in the next 4 bytes.
EXTENDED_SIZE = 0xFFF

# Distribution documents: DISTRIBUTE_DOC_DATA is 256 bytes; its first 4 bytes seed MSVC's
# rand() (an LCG), which scrambles the rest; the AES-128 key sits 4 + (seed & 0xF) bytes in.
DISTRIBUTE_DATA_SIZE = 256
MSVC_RAND_MULTIPLIER = 214013
MSVC_RAND_INCREMENT = 2531011
AES_BLOCK = 16


class Record(NamedTuple):
    """One record: its tag, its nesting level, its payload, and where it starts in the stream."""

    tag: int
    level: int
    data: bytes
    offset: int


@dataclass(frozen=True)
class FileHeader:
    """The FileHeader stream: version (major, minor, build, revision) and property bits."""

    version: tuple[int, int, int, int]
    flags: int

    @property
    def compressed(self) -> bool:
        return bool(self.flags & FLAG_COMPRESSED)

    @property
    def password(self) -> bool:
        return bool(self.flags & FLAG_PASSWORD)

    @property
    def distribution(self) -> bool:
        return bool(self.flags & FLAG_DISTRIBUTION)

    @property
    def drm(self) -> bool:
        return bool(self.flags & (FLAG_DRM | FLAG_CERT_DRM))

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))


@dataclass(frozen=True)
class HwpFile:
    """An opened HWP 5 file: its header and its record streams, ready for ``iter_records``."""

    header: FileHeader
    doc_info: bytes
    sections: tuple[tuple[str, bytes], ...]  # (stream name, records), in section order
    title: str | None = None  # HwpSummaryInformation's title, where it has one


def bad_input(msg: str, path: str) -> PlanError:
    """The one error of this module: bad input, one line, naming the file."""
    return PlanError(msg, path=path, code=ExitCode.BAD_INPUT)


# --- the container --------------------------------------------------------------------------


def refuse_old_hwp(head: bytes, path: str) -> None:
    """Raise the HWP 3.x-and-older error when ``head`` starts with that signature."""
    found = OLD_HWP_SIGNATURE.match(head)
    if found:
        version = found.group(1).decode("ascii")
        raise bad_input(
            f"HWP {version} (Hangul 3.x or older, not HWP 5): not supported; "
            "open it in Hangul and save it as HWP 5 or HWPX",
            path=path,
        )


def open_hwp(data: bytes, path: str) -> HwpFile:
    """The FileHeader and the inflated DocInfo and section streams of the HWP 5 ``data``."""
    refuse_old_hwp(data[:32], path)
    if not data.startswith(OLE_SIGNATURE):
        raise bad_input("not an HWP file (no OLE compound-file signature)", path=path)
    ole = _open_ole(data, path)
    try:
        header = parse_file_header(_read_raw(ole, "FileHeader", path), path)
        _refuse_protected(header, path)
        budget = _Budget(MAX_TOTAL_BYTES)
        doc_info = _read_plain(ole, "DocInfo", header, path, budget)
        # A distribution document's body is ViewText (BodyText, if there, holds a stub notice
        # that must never be read as the plan); so is the body of a file that has only ViewText.
        view_text = header.distribution or (not ole.exists("BodyText") and ole.exists("ViewText"))
        names = section_names(ole, "ViewText" if view_text else "BodyText", path)
        sections = tuple((name, _read_section(ole, name, header, path, budget, view_text)) for name in names)
        title = summary_title(ole)
    finally:
        ole.close()
    return HwpFile(header=header, doc_info=doc_info, sections=sections, title=title)


def _open_ole(data: bytes, path: str) -> olefile.OleFileIO:
    # BytesIO, never the bytes themselves: olefile takes a bytes object shorter than 1536
    # bytes for a file *name*.
    try:
        return olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError, ValueError, IndexError, struct.error …
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise bad_input(f"corrupt OLE container: {reason}", path=path) from None


def _read_raw(ole: olefile.OleFileIO, name: str, path: str) -> bytes:
    if not ole.exists(name):
        raise bad_input(f"not an HWP 5 file: no {name} stream in the OLE container", path=path)
    try:
        return ole.openstream(name).read()
    except Exception as exc:  # a stream whose sector chain is broken
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise bad_input(f"corrupt OLE container: stream {name}: {reason}", path=path) from None


def summary_title(ole: olefile.OleFileIO) -> str | None:
    """The title in the HwpSummaryInformation property set (an OLE SummaryInformation under
    another name), or None: it is optional, and a damaged one must not stop the read."""
    if not ole.exists(SUMMARY_STREAM):
        return None
    try:
        title = ole.getproperties(SUMMARY_STREAM).get(PIDSI_TITLE)
    except Exception:  # olefile's property-set parser raises whatever the bytes provoke
        return None
    if isinstance(title, bytes):
        title = title.decode("utf-16-le", errors="replace")
    if not isinstance(title, str):
        return None
    # olefile reads a VT_LPWSTR past its terminating NUL (into the next properties).
    return " ".join(title.split("\x00", 1)[0].split()) or None


def parse_file_header(raw: bytes, path: str) -> FileHeader:
    """The FileHeader stream (256 bytes: signature, version, properties)."""
    if not raw.startswith(HWP5_SIGNATURE) or len(raw) < 40:
        raise bad_input("not an HWP 5 file: FileHeader has no 'HWP Document File' signature", path=path)
    revision, build, minor, major = raw[32:36]  # 0xMMnnPPrr, little-endian
    (flags,) = struct.unpack_from("<I", raw, 36)
    return FileHeader(version=(major, minor, build, revision), flags=flags)


def _refuse_protected(header: FileHeader, path: str) -> None:
    for flag, message in REFUSED_FLAGS:
        if header.flags & flag:
            raise bad_input(message, path=path)


def section_names(ole: olefile.OleFileIO, storage: str, path: str) -> list[str]:
    """``storage/Section0``, ``Section1`` … in section order (by number, not by name)."""
    numbered = []
    for entry in ole.listdir(streams=True, storages=False):
        if len(entry) == 2 and entry[0] == storage:
            found = re.fullmatch(r"Section(\d+)", entry[1])
            if found:
                numbered.append((int(found.group(1)), f"{storage}/{entry[1]}"))
    if not numbered:
        raise bad_input(f"not an HWP 5 file: no {storage}/Section streams (the body text)", path=path)
    if len(numbered) > MAX_SECTIONS:
        raise bad_input(f"{len(numbered)} sections in {storage}: more than {MAX_SECTIONS}", path=path)
    return [name for _, name in sorted(numbered)]


class _Budget:
    """What is left of the document's inflated-size budget."""

    def __init__(self, total: int) -> None:
        self.left = total

    def cap(self) -> int:
        return min(MAX_STREAM_BYTES, self.left)

    def spend(self, size: int) -> None:
        self.left -= size


def _read_plain(ole, name: str, header: FileHeader, path: str, budget: _Budget) -> bytes:
    raw = _read_raw(ole, name, path)
    plain = inflate(raw, name, path, budget.cap()) if header.compressed else raw
    budget.spend(len(plain))
    return plain


def _read_section(ole, name: str, header: FileHeader, path: str, budget: _Budget, view_text: bool) -> bytes:
    if not view_text:
        return _read_plain(ole, name, header, path, budget)
    raw = _read_raw(ole, name, path)
    decrypted = decrypt_view_text(raw, name, path)
    plain = inflate(decrypted, name, path, budget.cap()) if header.compressed else decrypted
    budget.spend(len(plain))
    return plain


def inflate(raw: bytes, stream: str, path: str, limit: int = MAX_STREAM_BYTES) -> bytes:
    """Raw deflate (no zlib header) → bytes, at most ``limit`` of them.

    A stream cut short, corrupt deflate data, or one that inflates past ``limit`` (a deflate
    bomb) is a ``PlanError`` naming the stream. Bytes after the deflate end (the zero padding
    of a decrypted ViewText stream) are ignored.
    """
    inflater = zlib.decompressobj(-15)
    out = io.BytesIO()
    pending = raw
    try:
        while not inflater.eof:
            # max_length bounds what one call may produce: the cap is checked as we go.
            # An empty ``pending`` still drains output zlib holds back from a full call.
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
            out.write(chunk)
            if out.tell() > limit:
                raise bad_input(
                    f"stream {stream} inflates to more than {limit / 2**20:.3g} MiB "
                    "(a deflate bomb, or not an HWP document)",
                    path=path,
                )
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break
    except zlib.error as exc:
        raise bad_input(f"corrupt deflate data in stream {stream}: {exc}", path=path) from None
    if not inflater.eof:
        raise bad_input(f"truncated stream {stream}: the deflate data ends early", path=path)
    return out.getvalue()


# --- distribution (배포용) documents ------------------------------------------------------------


def decrypt_view_text(raw: bytes, stream: str, path: str) -> bytes:
    """A ViewText section stream → the (still compressed) record stream it hides.

    The stream opens with a DISTRIBUTE_DOC_DATA record of 256 bytes; the rest is AES-128 in
    ECB mode, keyed by 16 bytes of that record once unscrambled.
    """
    first = next(iter_records(raw, stream, path), None)
    if first is None or first.tag != TAG_DISTRIBUTE_DOC_DATA or len(first.data) < DISTRIBUTE_DATA_SIZE:
        raise bad_input(
            f"distribution-protected (배포용) HWP: stream {stream} has no DISTRIBUTE_DOC_DATA key record",
            path=path,
        )
    key = distribution_key(first.data[:DISTRIBUTE_DATA_SIZE])
    body = raw[first.offset + _header_size(len(first.data)) + len(first.data) :]
    body = body[: len(body) - len(body) % AES_BLOCK]  # ECB works on whole blocks
    return aes128_ecb_decrypt(key, body, stream, path)


def _header_size(size: int) -> int:
    return 8 if size >= EXTENDED_SIZE else 4


def unscramble_distribution_data(data: bytes) -> bytes:
    """Undo the LCG XOR over DISTRIBUTE_DOC_DATA (its own inverse: the XOR is symmetric).

    MSVC ``srand(seed)``/``rand()``: each run of 1-16 bytes is XORed with one random byte; the
    first 4 bytes (the seed) are left as they are.
    """
    (seed,) = struct.unpack_from("<I", data, 0)
    state = seed
    out = bytearray(data)
    remaining, mask = 0, 0
    for index in range(len(out)):
        if remaining == 0:
            state, mask = _msvc_rand(state)
            state, run = _msvc_rand(state)
            mask &= 0xFF
            remaining = (run & 0x0F) + 1
        if index >= 4:
            out[index] ^= mask
        remaining -= 1
    return bytes(out)


def _msvc_rand(state: int) -> tuple[int, int]:
    state = (state * MSVC_RAND_MULTIPLIER + MSVC_RAND_INCREMENT) & 0xFFFFFFFF
    return state, (state >> 16) & 0x7FFF


def distribution_key(data: bytes) -> bytes:
    """The 16-byte AES key inside a (scrambled) 256-byte DISTRIBUTE_DOC_DATA payload."""
    plain = unscramble_distribution_data(data)
    offset = 4 + (plain[0] & 0x0F)
    return plain[offset : offset + 16]


def aes128_ecb_decrypt(key: bytes, data: bytes, stream: str, path: str) -> bytes:
    """AES-128-ECB decrypt ``data`` with ``key``.

    AES comes from the ``cryptography`` package (Apache-2.0/BSD dual licence, pip-installable
    wheels; already in the environment as pdfminer.six's dependency). It is imported here,
    lazily, so that only distribution documents need it; without it they are refused.
    """
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    except ImportError:
        raise bad_input(
            "distribution-protected (배포용) HWP: decrypting it needs the hwp-protected extra: "
            "pip install '.[hwp-protected]' in the plan-extract folder (it adds cryptography)",
            path=path,
        ) from None
    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()  # noqa: S305 (the format's choice)
    return decryptor.update(data) + decryptor.finalize()


# --- records ----------------------------------------------------------------------------------


def iter_records(data: bytes, stream: str, path: str) -> Iterator[Record]:
    """The records of a plain (inflated, decrypted) stream, in order.

    One pass, no lookahead; a header or payload that runs past the end of the stream is a
    ``PlanError`` naming the stream and the byte offset.
    """
    view = memoryview(data)
    end = len(data)
    offset = 0
    unpack = struct.unpack_from
    while offset < end:
        if offset + 4 > end:
            _truncated(stream, offset, path)
        (word,) = unpack("<I", data, offset)
        tag = word & 0x3FF
        level = (word >> 10) & 0x3FF
        size = word >> 20
        start = offset + 4
        if size == EXTENDED_SIZE:
            if start + 4 > end:
                _truncated(stream, offset, path)
            (size,) = unpack("<I", data, start)
            start += 4
        stop = start + size
        if stop > end:
            _truncated(stream, offset, path)
        yield Record(tag, level, bytes(view[start:stop]), offset)
        offset = stop


def _truncated(stream: str, offset: int, path: str) -> None:
    raise bad_input(f"corrupt stream {stream}: record at byte {offset} runs past the end", path=path)


# --- fields --------------------------------------------------------------------------------------


def u8(data: bytes, offset: int, default: int = 0) -> int:
    return data[offset] if offset < len(data) else default


def u16(data: bytes, offset: int, default: int = 0) -> int:
    return struct.unpack_from("<H", data, offset)[0] if offset + 2 <= len(data) else default


def i16(data: bytes, offset: int, default: int = 0) -> int:
    return struct.unpack_from("<h", data, offset)[0] if offset + 2 <= len(data) else default


def u32(data: bytes, offset: int, default: int = 0) -> int:
    return struct.unpack_from("<I", data, offset)[0] if offset + 4 <= len(data) else default


def i32(data: bytes, offset: int, default: int = 0) -> int:
    return struct.unpack_from("<i", data, offset)[0] if offset + 4 <= len(data) else default


def read_string(data: bytes, offset: int) -> tuple[str, int]:
    """A length-prefixed UTF-16LE string (WORD count, then WCHARs) → (text, offset after it).

    A count that runs past the payload is cut at its end: a damaged name must not stop the read.
    """
    count = u16(data, offset)
    start = offset + 2
    stop = min(start + 2 * count, len(data) - (len(data) - start) % 2)
    return data[start:stop].decode("utf-16-le", errors="replace"), start + 2 * count


def ctrl_id(data: bytes) -> str:
    """A CTRL_HEADER's control id as its four characters ('tbl ', 'gso ', 'secd' …).

    Stored as a little-endian UINT32 made with MAKE_4CHID(a, b, c, d) = a<<24 | b<<16 | c<<8 | d,
    so the bytes on disk are the characters reversed.
    """
    return data[3::-1].decode("latin-1") if len(data) >= 4 else ""
