"""Reader for OCR word streams: text with one word per line → a document of guessed lines.

Some OCR tools (and some "copy text" of scanned PDFs) write a page as one word per line,
losing where printed lines began:

    === page 9 ===
    Ⅲ.
    세부
    추진과제
    1
    직접적성과공유·확산
    ...
    O
    (해외
    동반진출

Read as plain text, no marker ever opens a line and the bullets come through as look-alike
letters (``O`` for ○, ``.`` for ·). This reader rebuilds lines the way the plan printed
them as far as the words show it: a line starts at a word that is a heading marker or a
body bullet (after mapping the OCR look-alikes of ``extract/data/ocr_confusions.toml``),
and runs to the next such word. Page markers (``=== page 9 ===``, a form feed) become page
breaks. Each line keeps the offset of its first word in the decoded text.

Takes the decoded ``Source`` and the profile (its markers and body bullets); returns a
``Document`` of lines (not verbatim: offsets are into the rebuilt lines).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..stored import compile_regex

from ..document import PAGE_BREAK, PARAGRAPH, Block, Document, Locator, ReaderIssue
from ..stages.tokenize import Spans, find_markers
from .text import MIN_LINES, WORD_LINE_SHARE, is_word_stream  # noqa: F401  (the test lives with the text reader)

DATA = Path(__file__).resolve().parent.parent / "data" / "ocr_confusions.toml"
DASHES = frozenset("-–—")

# === page 9 ===, --- Page 9 ---, [page 9]: a line an OCR tool writes between pages.
PAGE_MARKER = compile_regex(r"\s* (?: [=\-#\[]+ \s* (?i:page|페이지|쪽) \s* (?P<number>\d{1,5}) \s* [=\-#\]]* ) \s*", regex.VERBOSE)


@lru_cache(maxsize=1)
def confusions() -> dict[str, str]:
    """A whole word as OCR wrote it → the bullet or numeral the page showed."""
    import tomllib  # here: only a word stream reads it, and most runs have none (~2 ms)

    return tomllib.loads(DATA.read_text(encoding="utf-8"))["word"]


def word_stream_document(source, profile) -> Document:
    """``source`` (a decoded word stream) → a ``Document`` of guessed lines, page by page."""
    blocks: list[Block] = []
    mapped = 0
    page: int | None = None
    words: list[tuple[str, int]] = []  # (word, offset in the decoded text)

    def flush() -> None:
        blocks.extend(_lines(words, page, profile))
        words.clear()

    offset = 0
    for raw in source.text.split("\n"):
        for k, piece in enumerate(raw.split("\f")):
            m = PAGE_MARKER.fullmatch(piece)
            if k or m is not None:  # a form feed, or a page marker line: the next page begins
                flush()
                page = int(m.group("number")) if m is not None else (page or 1) + 1
                blocks.append(Block(PAGE_BREAK, page=page, where=Locator(offset, page)))
            if m is None:
                column = 0
                for word in piece.split():
                    column = piece.index(word, column)
                    shown = confusions().get(word, word)
                    mapped += shown != word
                    words.append((shown, offset + column))
                    column += len(word)
            offset += len(piece) + 1
    flush()
    issues = ()
    if mapped:
        issues = (
            ReaderIssue(
                "info",
                "ocr-word-stream",
                f"one word per line (OCR?): lines rebuilt at markers; {mapped} look-alike word(s) read as the bullet or numeral they stand for",
                Locator(0),
                block=0,
            ),
        )
    return Document(source.path, "text", source.sha256, tuple(blocks), encoding=source.encoding, issues=issues)


def _lines(words: list[tuple[str, int]], page: int | None, profile) -> list[Block]:
    """A page's words → lines, a new one at each word that opens a marker or a body bullet."""
    if not words:
        return []
    text = " ".join(word for word, _ in words)
    starts = []
    at = 0
    for word, _ in words:
        starts.append(at)
        at += len(word) + 1
    bullet = profile.layout.body_bullet if profile.layout is not None else None
    # Markers as the tokenizer finds them: 10. inside 2019. 10. 29. is protected, no marker.
    marks = {token.start for token in find_markers(text, profile, Spans([]))}
    # - 3 -: a page number, a line of its own (its dashes are no bullets)
    numbered = {i for i in range(len(words) - 2) if words[i][0] in DASHES and words[i + 1][0].isdigit() and words[i + 2][0] in DASHES}
    lines: list[list[int]] = []
    for i, start in enumerate(starts):
        if i - 1 in numbered or i - 2 in numbered:
            opens = False
        elif i in numbered or i - 3 in numbered:
            opens = True
        else:
            opens = start in marks or (
                bullet is not None and bullet.match(words[i][0]) is not None and len(words[i][0]) == 1
            )
        if not lines or opens:
            lines.append([])
        lines[-1].append(i)
    return [
        Block(PARAGRAPH, " ".join(words[i][0] for i in line), page=page, where=Locator(words[line[0]][1], page))
        for line in lines
    ]
