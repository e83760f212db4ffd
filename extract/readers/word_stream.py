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

What the words show beyond the markers (each rule reads a word or two around it, so the
reader stays linear in the stream):

* A marker does not open a line inside a parenthesis its line opened a few words before
  (``(… 2,663억원 → '26~'30년 …)``), nor right after a lone arrow (``→ (2) …``: the arrow
  leads into it).
* A bare number (a boxed or circled digit that lost its frame) opens a line only where the
  numbering allows it: 1 (a new level), or the next number of an open level; before a
  ``[label]`` or ``(label)`` word any higher number (a digit before it may be lost). In a
  note (``*``, ``→`` …) only before a label: a footnote's circled ``6 현금 공유, 2 현금성 …``
  stays text. A page whose bare numbers include
  runs of digits (``23``, ``2345``: a chart's numbered boxes read together) is a chart: its
  bare numbers open no line.
* The lead agencies sit in a column right of the text, level with the middle of their item,
  so the OCR reads them into the item's words: glued behind a footnote mark (``발표*동반위``,
  a line ``*중기부``), mid-line after the item's first printed line (``… 재직자 노동부 훈련을
  …``), or at the end of a footnote under the item. They are put back at the end of their
  item's line; an agency list followed by the words of another item that names its own
  (``… 지원 산업부 (기후) … 확대 기후부``) ends its line there, and the next item's lost
  marker is restored from its neighbours (the number after the last ``N (label)`` line, or
  the bullet of the line it was read into).
* A label opening an item's text whose brackets disagree (``(공동 기술개발·협업]``) was a
  square one half read as round: both brackets become square.
* A chapter or a boxed heading run on into the text under it ends after a usual title that
  opens it (``Ⅰ 추진배경 한미 관세협상 …``: ``[heading]`` of the same data file), or, followed
  by its shaded summary sentence, where the summary's last word first appears
  (``1 직접적성과공유·확산 대기업 중심의 … 직접 공유·확산``): the summary restates its heading.

Takes the decoded ``Source`` and the profile (its markers and body bullets); returns a
``Document`` of lines (not verbatim: offsets are into the rebuilt lines).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..records import Record
from ..stored import compile_regex

from ..document import PAGE_BREAK, PARAGRAPH, Block, Document, Locator, ReaderIssue
from ..stages.tokenize import Spans, find_markers
from .text import MIN_LINES, WORD_LINE_SHARE, is_word_stream  # noqa: F401  (the test lives with the text reader)

DATA = Path(__file__).resolve().parent.parent / "data" / "ocr_confusions.toml"
DASHES = frozenset("-–—")

# === page 9 ===, --- Page 9 ---, [page 9]: a line an OCR tool writes between pages.
PAGE_MARKER = compile_regex(r"\s* (?: [=\-#\[]+ \s* (?i:page|페이지|쪽) \s* (?P<number>\d{1,5}) \s* [=\-#\]]* ) \s*", regex.VERBOSE)

Word = tuple[str, int]  # a word as shown (look-alikes mapped), its offset in the decoded text

ARROWS = frozenset("→⇒☞")  # a line they open continues a note: '→ (개선) …'
NOTE = compile_regex(r"[*※]+|[→⇒☞]")  # a word that opens a note (a footnote, its arrow lines)
PAREN_WINDOW = 8  # words: a parenthesis left open longer than this lost its ')' to the OCR
# [동반진출], (플랫폼), (공동 …: a label opening an item's text (not a number: (2), (30%))
LABEL_START = compile_regex(r"[(\[]\p{Hangul}")
LABEL = compile_regex(r"[(\[]\p{Hangul}[^()\[\]]{0,15}[)\]]")  # a whole one-word label: (방산)
ROMAN = compile_regex(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]\.?")  # a chapter: the bare numbers under it start again
LIST_ENDINGS = frozenset({"등", "외"})  # 산업부+방사청 등: a list's ending, not a name
MIN_BEFORE = 20  # characters of an item's text before an agency list read into its middle (a printed line's worth)
COLUMN_EVIDENCE = 2  # agency lists glued to a word: the OCR read an agency column into the text
AFTER_SHARE = 2  # an item's text after that list is at most twice as long (the list sits mid-item)
MIN_BEFORE_WORDS = 3  # words of an item before an agency list that ends it, another item following
SUMMARY_MIN = 9  # words: a boxed heading's summary sentence is at least this long…
HEADING_MAX = 6  # …and its heading at most this long
LABEL_WORDS = 6  # words a label at the start of an item's text runs to ([상생협력 기반 강화])
TITLE_WORDS = 4  # words a usual heading title is written in (세부 추진 과제)


@lru_cache(maxsize=1)
def _data() -> dict:
    import tomllib  # here: only a word stream reads it, and most runs have none (~2 ms)

    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def confusions() -> dict[str, str]:
    """A whole word as OCR wrote it → the bullet or numeral the page showed."""
    return _data()["word"]


@lru_cache(maxsize=1)
def heading_titles() -> tuple[frozenset[str], tuple[str, ...]]:
    """The usual chapter and section titles (spaces removed), and the connectives that go on
    with one (추진배경 및 개념)."""
    heading = _data()["heading"]
    return frozenset(heading["titles"]), tuple(heading["connectives"])


class _Agencies:
    """Which words are lead-agency lists (the profile's registry and separators)."""

    def __init__(self, profile) -> None:
        from ..stages.agencies import _registry_data, load_registry  # here: only a word stream needs it in the reader

        self.registry = load_registry(profile)
        entries = _registry_data(profile.registry_file).get("agency", ())
        # 범부처, 공공기관, 지자체: a plan's text names them as often as its agency column
        self.collective = frozenset(entry["name"] for entry in entries if entry.get("type") == "collective")
        self.split = compile_regex("[" + regex.escape(profile.separators) + "]")

    def start(self, word: str, loose: bool = False) -> int | None:
        """Where the agency list that ends ``word`` starts: 0 when the word is one (``중기부``,
        ``재경부+금융위``), after the title's last word run into it (``강화산업부`` → 2); None when
        it is none. Every name of the list is the registry's or looks like an agency, one at least
        the registry's (``loose``: none need be, where a footnote mark has ended the title)."""
        pieces = self.split.split(word)
        if not all(pieces):
            return None
        registry = self.registry
        known = False
        for piece in pieces[1:]:
            if registry.name_of_word(piece) is not None:
                known = True
            elif not registry.looks_like_agency(piece):
                return None
        first = pieces[0]
        at: int | None = 0
        if registry.name_of_word(first) is not None:
            known = True
        elif (glued := registry.glued(first)) is not None:
            at, known = glued, True
        elif not registry.looks_like_agency(first):
            return None
        return at if known or loose else None

    def shaped(self, word: str) -> bool:
        """Every name of the list is shaped like a ministry's or an agency's (``…부``, ``…청``,
        ``…위``): ``무보``, ``신보`` (a guarantee fund) named in an item's text are not its leads."""
        registry = self.registry
        return all(
            registry.unknown.fullmatch(piece) and registry.name_of_word(piece) not in self.collective for piece in self.split.split(word)
        )


class _State(Record):
    """What a page's lines leave for the next page's (records.py: a plain class, not a
    dataclass, for start-up: every text file imports this module to test for a word stream)."""

    __slots__ = ("agencies", "numbers", "labelled", "column")

    def __init__(self, agencies: _Agencies) -> None:
        self.agencies = agencies
        self.numbers: list[int] = []  # the open levels of bare numbers, outermost first
        self.labelled: str | None = None  # the marker of the last item line opening 'N (label)' or '○ (label)'
        self.column = False  # the OCR read an agency column into the text (see ``_column_read``)


class _Line(Record):
    __slots__ = ("words", "kind", "lost", "split_from")

    def __init__(self, words: list[Word], kind: str, lost: bool = False, split_from: str | None = None) -> None:
        self.words = words
        self.kind = kind  # "item" (a heading marker or a bullet opens it), "note" (*, ※, →), "text", "page-number"
        self.lost = lost  # an item read into another line, its marker lost
        self.split_from = split_from  # the opener of the item line it was read into


def word_stream_document(source, profile) -> Document:
    """``source`` (a decoded word stream) → a ``Document`` of guessed lines, page by page."""
    blocks: list[Block] = []
    mapped = 0
    page: int | None = None
    words: list[Word] = []
    state = _State(_Agencies(profile))
    state.column = _column_read(source.text, state.agencies)

    def flush() -> None:
        blocks.extend(_lines(words, page, profile, state))
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


def _lines(words: list[Word], page: int | None, profile, state: _State) -> list[Block]:
    """A page's words → lines, a new one at each word that opens a marker or a body bullet."""
    if not words:
        return []
    words = _unglue_marks(words, state.agencies)
    lines = _open_lines(words, profile, state)
    for line in lines:
        if line.kind == "item":
            _mend_label(line.words)
    lines = _place_agencies(lines, state)
    return [
        Block(PARAGRAPH, " ".join(word for word, _ in line.words), page=page, where=Locator(line.words[0][1], page))
        for line in lines
        if line.words
    ]


def _unglue_marks(words: list[Word], agencies: _Agencies) -> list[Word]:
    """Agencies glued behind a footnote mark: ``발표*동반위`` → ``발표*`` ``동반위``; a word
    ``*중기부`` → its mark back on the word before (the item's last) and ``중기부``."""
    out: list[Word] = []
    for word, at in words:
        before, stars, listed = _star_split(word)
        if not listed or agencies.start(listed, loose=True) != 0:
            out.append((word, at))
            continue
        if before:
            out.append((before + stars, at))
        elif out:
            out[-1] = (out[-1][0] + stars, out[-1][1])
        else:
            out.append((stars, at))
        out.append((listed, at + len(before) + len(stars)))
    return out


def _star_split(word: str) -> tuple[str, str, str]:
    """A word at its last run of footnote marks: ``발표*동반위`` → (``발표``, ``*``, ``동반위``);
    ("", "", "") when no mark is followed by text."""
    end = word.rfind("*")
    if end < 0 or end == len(word) - 1:
        return "", "", ""
    start = end
    while start and word[start - 1] == "*":
        start -= 1
    return word[:start], word[start : end + 1], word[end + 1 :]


def _column_read(text: str, agencies: _Agencies) -> bool:
    """Whether the OCR read a column of lead agencies into the text, row by row: agencies run
    into the word before them (``강화산업부+방사청``, ``발표*동반위``), ``COLUMN_EVIDENCE`` times
    at least. Only then is an agency name inside a line taken for the column's (else it is the
    title's own word: ``행안부 중심의 협업 확대``)."""
    found = 0
    for word in text.split():
        if "*" in word:
            before, _, listed = _star_split(word)
            glued = before != "" and listed != "" and agencies.start(listed, loose=True) == 0
        else:
            at = agencies.start(word)
            glued = bool(at) and agencies.shaped(word[at:])
        found += glued
        if found >= COLUMN_EVIDENCE:
            return True
    return False


def _open_lines(words: list[Word], profile, state: _State) -> list[_Line]:
    """The page's words cut into lines at the words that open one (see the module's rules)."""
    text = " ".join(word for word, _ in words)
    starts = []
    at = 0
    for word, _ in words:
        starts.append(at)
        at += len(word) + 1
    bullet = profile.layout.body_bullet if profile.layout is not None else None
    # Markers as the tokenizer finds them: 10. inside 2019. 10. 29. is protected, no marker.
    marks = {token.start: token for token in find_markers(text, profile, Spans([]))}
    # - 3 -: a page number, a line of its own (its dashes are no bullets)
    numbered = {i for i in range(len(words) - 2) if words[i][0] in DASHES and words[i + 1][0].isdigit() and words[i + 2][0] in DASHES}
    chart = sum(1 for word, _ in words if _digit_run(word)) >= 2
    lines: list[_Line] = []
    depth = 0  # parentheses the current line has open…
    since = 0  # …and words since it opened the outermost
    for i, start in enumerate(starts):
        word = words[i][0]
        if i - 1 in numbered or i - 2 in numbered:
            opens = False
        elif i in numbered or i - 3 in numbered:
            opens = True
        elif depth and since <= PAREN_WINDOW:
            opens = False
        elif start in marks:
            token = marks[start]
            # a number right after a lone arrow is the text it leads to: '→ (2) …'
            opens = not (i and words[i - 1][0] in ARROWS and token.family.numbering != "bullet")
            if ROMAN.fullmatch(token.marker):
                state.numbers.clear()
            elif _bare(token.marker):
                label = i + 1 < len(words) and LABEL_START.match(words[i + 1][0]) is not None
                # in a note (* …, → …) a number is its text (a circled ① read as 1) unless a label follows
                note = bool(lines) and lines[-1].kind == "note"
                opens = not chart and (opens or label) and (label or not note) and _in_sequence(state.numbers, int(token.marker), label)
        else:
            opens = bullet is not None and bullet.match(word) is not None and len(word) == 1
        if not lines or opens:
            kind = "page-number" if i in numbered else "note" if NOTE.fullmatch(word) else "item" if opens else "text"
            lines.append(_Line([], kind))
            depth = since = 0
        lines[-1].words.append(words[i])
        if depth:
            since += 1
        depth = max(0, depth + word.count("(") + word.count("[") - word.count(")") - word.count("]"))
        if not depth:
            since = 0
    return lines


def _bare(word: str) -> bool:
    """A bare number: ASCII digits only (a boxed or circled digit that lost its frame; not ①)."""
    return word.isascii() and word.isdigit()


def _mend_label(words: list[Word]) -> None:
    """A label opening an item's text whose brackets disagree is a square one the OCR half read
    as round: ``(공동 기술개발·협업]``, ``[상생협력 기반 강화)`` → ``[…]`` (a thin square
    bracket is read as a round one, seldom the reverse). Looked for over ``LABEL_WORDS``."""
    if len(words) < 2 or words[1][0][:1] not in "([":
        return
    for k in range(1, min(len(words), 1 + LABEL_WORDS)):
        word = words[k][0]
        for i in range(1 if k == 1 else 0, len(word)):
            char = word[i]
            if char in "([":
                return  # another opens first: nested, not this label's close
            if char in ")]":
                if (char == "]") == (words[1][0][0] == "["):
                    return  # they agree
                if k == 1:
                    word = "[" + word[1:i] + "]" + word[i + 1 :]
                else:
                    words[1] = ("[" + words[1][0][1:], words[1][1])
                    word = word[:i] + "]" + word[i + 1 :]
                words[k] = (word, words[k][1])
                return


def _digit_run(word: str) -> bool:
    """``23``, ``2345``, ``123456``: a chart's numbered boxes read as one word."""
    return len(word) >= 2 and _bare(word) and all(int(b) == int(a) + 1 for a, b in zip(word, word[1:]))


def _in_sequence(numbers: list[int], number: int, label: bool) -> bool:
    """Whether a bare ``number`` may open a heading after the open ``numbers`` (updated when it
    does): 1 opens a level; the next number of an open level closes the levels inside it; a
    number before a label may skip (an OCR lost the numbers between: ``1 (…)``, ``4 (…)``)."""
    if number == 1 or (label and not numbers):
        numbers.append(number)
        return True
    for level in range(len(numbers) - 1, -1, -1):
        if number == numbers[level] + 1 or (label and level == len(numbers) - 1 and number > numbers[level]):
            del numbers[level + 1 :]
            numbers[level] = number
            return True
    return False


def _place_agencies(lines: list[_Line], state: _State) -> list[_Line]:
    """Agency lists put back at the end of their items' lines (where the OCR read an agency
    column into the text); lost markers restored; boxed headings cut from their summaries."""
    if not state.column:
        for line in lines:
            _restore_marker(line, state)
        return [piece for line in lines for piece in (_split_summary(line) if line.kind == "item" else [line])]
    agencies = state.agencies
    out: list[_Line] = []
    above: _Line | None = None  # the last line out that is no note (the item a note hangs under)
    pending: list[Word] = []  # a note's agencies, for the item line right after it
    for k, line in enumerate(lines):
        if pending:
            line.words.extend(pending)  # (only returned when this line is an item without its own)
            pending = []
        if line.kind == "note":
            cut, pending = _note_agencies(line, lines[k + 1] if k + 1 < len(lines) else None, above, agencies)
            out.append(line)
            if cut is not None:
                _restore_marker(cut, state)
                out.append(cut)
                above = cut
            continue
        pieces = [line] if line.kind != "item" else _split_items(line, agencies)
        for piece in pieces:
            _restore_marker(piece, state)
            out.extend(_split_summary(piece) if piece.kind == "item" else [piece])
        above = out[-1]
    return out


def _lacks_agencies(line: _Line | None, agencies: _Agencies) -> bool:
    """An item line that does not end in its lead agencies."""
    return line is not None and line.kind == "item" and _list_start(line.words, agencies) == len(line.words)


def _list_start(words: list[Word], agencies: _Agencies) -> int:
    """Where the agency list that ends a line starts (a word index), ``len(words)`` if none."""
    n = len(words)
    end = n - 1 if n > 1 and words[-1][0] in LIST_ENDINGS else n
    if end < 2 or agencies.start(words[end - 1][0]) is None:
        return n
    return end - 1


def _note_agencies(line: _Line, following: _Line | None, item: _Line | None, agencies: _Agencies) -> tuple[_Line | None, list[Word]]:
    """A note (``*`` …) ending in agencies: notes name no lead agencies, their item does.
    With a ``(label)`` word inside, the item was read into the note from there (its marker
    lost): returned cut off. Else the agencies go to the line above (``item``: the last that is
    no note) when it is an item that has none, or
    are returned for the item line right after when it has none. (The cut-off item, the
    agencies for the next line.)"""
    words = line.words
    at = _list_start(words, agencies)
    if at == len(words) or words[at - 1][0].endswith(":"):  # '자료: 통계청' is a source
        return None, []
    for k in range(at - 2, 0, -1):  # a label, two words at least before the agencies
        if LABEL.fullmatch(words[k][0]):
            cut = _Line(words[k:], "item", lost=True)
            del words[k:]
            return cut, []
    if _lacks_agencies(item, agencies):
        item.words.extend(words[at:])
        del words[at:]
        return None, []
    if _lacks_agencies(following, agencies):
        moved = words[at:]
        del words[at:]
        return None, moved
    return None, []


def _split_items(line: _Line, agencies: _Agencies) -> list[_Line]:
    """An item line with an agency list read into its middle: the list put back at its end
    (the rest of the item follows it, no longer than what came before), or the line ended
    there (another item follows that names its own agencies, or a box's text)."""
    words = line.words
    n = len(words)
    own = _list_start(words, agencies)
    total = [0]
    for word, _ in words:
        total.append(total[-1] + len(word))
    pieces: list[_Line] = []
    begin, first = 0, 1  # the current piece's first word, and its first word of text
    current = line
    j, depth = first, 0  # depth: parentheses open before word j (a list inside one is the text's)
    while j < own:
        word = words[j][0]
        at = agencies.start(word) if j > begin + first and not depth else None
        if at is not None and agencies.shaped(word[at:]):
            stop = j + 2 if j + 1 < n and words[j + 1][0] in LIST_ENDINGS else j + 1
            if stop >= n:
                break
            head = words[begin:j]
            if at:
                head.append((word[:at], words[j][1]))
            listed = [(word[at:], words[j][1] + at), *words[j + 1 : stop]]
            text_words = len(head) - first
            before = total[j] - total[begin + first] + at
            after = total[n] - total[stop]
            if own < n and text_words >= MIN_BEFORE_WORDS and own - stop >= MIN_BEFORE_WORDS:  # another item follows, with its own
                pieces.append(_Line(head + listed, current.kind, current.lost, current.split_from))
                opener = words[0][0] if line.kind == "item" and not line.lost else None
                current = _Line([], "item", lost=True, split_from=opener)
                begin, first = stop, 0
                j, depth = stop, 0
                continue
            if own == n and before >= MIN_BEFORE:
                if after <= AFTER_SHARE * before:  # the item's next printed lines: the list goes to its end
                    pieces.append(_Line(head + words[stop:] + listed, current.kind, current.lost, current.split_from))
                    return pieces
                pieces.append(_Line(head + listed, current.kind, current.lost, current.split_from))
                pieces.append(_Line(words[stop:], "text"))  # a box under the item
                return pieces
        depth = max(0, depth + word.count("(") + word.count("[") - word.count(")") - word.count("]"))
        j += 1
    current.words = words[begin:]
    pieces.append(current)
    return pieces


def _restore_marker(line: _Line, state: _State) -> None:
    """An item line whose marker was lost gets its neighbours': before a ``(label)``, the
    number after the last ``N (label)`` line (or its bullet); else the bullet of the line it
    was read into. Only a line that names its agencies (else it is text)."""
    words = line.words
    if not line.lost:
        if line.kind == "item" and len(words) > 1 and LABEL_START.match(words[1][0]):
            state.labelled = words[0][0]
        return
    if not words or _list_start(words, state.agencies) == len(words):
        line.kind = "text"
        return
    marker = line.split_from
    if LABEL_START.match(words[0][0]) and state.labelled is not None:
        marker = str(int(state.labelled) + 1) if _bare(state.labelled) else state.labelled
        state.labelled = marker
    if marker is None:
        line.kind = "text"
        return
    words.insert(0, (marker, words[0][1]))


def _split_summary(line: _Line) -> list[_Line]:
    """A chapter or a boxed heading (a bare number, no label) run on into the text under it:
    it ends after a usual title that opens it (``Ⅰ 추진배경 한미 관세협상 …``), or where its
    summary's last word first ends a word (the summary restates its heading)."""
    words = line.words
    if len(words) < 3 or not (_bare(words[0][0]) or ROMAN.fullmatch(words[0][0])) or LABEL_START.match(words[1][0]):
        return [line]
    titles, connectives = heading_titles()
    end, joined = 0, ""
    for k in range(1, min(len(words) - 2, TITLE_WORDS) + 1):
        joined += words[k][0]
        if joined in titles:
            end = k
    if end and not words[end + 1][0].startswith(connectives) and not words[end][0].endswith(connectives):
        return [_Line(words[: end + 1], line.kind), _Line(words[end + 1 :], "text")]
    if not _bare(words[0][0]):
        return [line]
    last = words[-1][0].rstrip(".,")
    if len(last) < 2:
        return [line]
    for k in range(1, min(HEADING_MAX, len(words) - 1 - SUMMARY_MIN) + 1):
        if words[k][0].endswith(last):
            return [_Line(words[: k + 1], line.kind), _Line(words[k + 1 :], "text")]
    return [line]
