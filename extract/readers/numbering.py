"""Numbering labels and symbol glyphs, shared by the HWP 5 and HWPX readers.

Takes what a Hangul document declares about numbered paragraphs — a numbering definition
(per level: a template like ``"^1."`` or ``"(^2)"``, a number format, a start value) and,
paragraph by paragraph, which definition and level a paragraph uses — and returns the label
Hangul draws before the paragraph (``"1."``, ``"가."``, ``"(1)"``, ``"①"``). Hangul does not
store these labels in the text; every reader that wants what the page shows computes them.

* ``format_number(value, number_format)``: one number in an OWPML ``numFormat``
  (``DIGIT`` → ``"3"``, ``HANGUL_SYLLABLE`` → ``"다"``, ``CIRCLED_DIGIT`` → ``"③"``, …).
  ``HWP5_NUMBER_FORMATS[code]`` names HWP 5's numeric format codes the same way.
* ``Numbering`` / ``NumberingLevel``: one definition (``hh:numbering`` in HWPX, the
  NUMBERING record in HWP 5); ``level`` indices are 0-based (``hh:heading level="0"`` is the
  first ``hh:paraHead``, written ``level="1"`` there).
* ``Counters``: the running counters of a document; ``label(id, numbering, level)`` advances
  the level's counter and returns the drawn label.
* ``PRIVATE_USE`` / ``map_private_use(text)``: Hancom's private-use symbol code points
  (boxed section numbers, Wingdings-style bullets) → the characters they display, from
  ``extract/data/private_use.toml`` (each entry says how it was established).
"""

from __future__ import annotations

import re
import tomllib

from ..records import NamedTuple
from .. import DATA_DIR

# OWPML NumberType1/NumberType2, in HWP 5's code order: HWP 5 stores the format as a small
# integer, and code N is the Nth name here (the OWPML schema lists them in the same order).
# 0x80 and 0x81 (SYMBOL, USER_CHAR) are only used by footnotes and auto numbers.
HWP5_NUMBER_FORMATS: tuple[str, ...] = (
    "DIGIT",  # 0: 1, 2, 3
    "CIRCLED_DIGIT",  # 1: ①, ②, ③
    "ROMAN_CAPITAL",  # 2: I, II, III
    "ROMAN_SMALL",  # 3: i, ii, iii
    "LATIN_CAPITAL",  # 4: A, B, C
    "LATIN_SMALL",  # 5: a, b, c
    "CIRCLED_LATIN_CAPITAL",  # 6: Ⓐ, Ⓑ, Ⓒ
    "CIRCLED_LATIN_SMALL",  # 7: ⓐ, ⓑ, ⓒ
    "HANGUL_SYLLABLE",  # 8: 가, 나, 다
    "CIRCLED_HANGUL_SYLLABLE",  # 9: ㉮, ㉯, ㉰
    "HANGUL_JAMO",  # 10: ㄱ, ㄴ, ㄷ
    "CIRCLED_HANGUL_JAMO",  # 11: ㉠, ㉡, ㉢
    "HANGUL_PHONETIC",  # 12: 일, 이, 삼
    "IDEOGRAPH",  # 13: 一, 二, 三
    "CIRCLED_IDEOGRAPH",  # 14: ㊀, ㊁, ㊂
    "DECAGON_CIRCLE",  # 15: 갑, 을, 병 (the ten heavenly stems)
    "DECAGON_CIRCLE_HANJA",  # 16: 甲, 乙, 丙
)
HWP5_EXTRA_NUMBER_FORMATS = {0x80: "SYMBOL", 0x81: "USER_CHAR"}

MAX_LEVELS = 10  # Hangul numbering has ten levels (HWP 5.0.2.5+ and OWPML; older HWP seven)

# Alphabet-like formats: the sequence a counter walks through. Past the end Hangul's
# behaviour is not documented; we wrap round (15 in 가나다 → 가), which keeps labels short
# and well-formed rather than inventing a scheme.
_SEQUENCES: dict[str, str] = {
    "LATIN_CAPITAL": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "LATIN_SMALL": "abcdefghijklmnopqrstuvwxyz",
    "CIRCLED_LATIN_CAPITAL": "".join(chr(0x24B6 + i) for i in range(26)),  # Ⓐ…Ⓩ
    "CIRCLED_LATIN_SMALL": "".join(chr(0x24D0 + i) for i in range(26)),  # ⓐ…ⓩ
    "HANGUL_SYLLABLE": "가나다라마바사아자차카타파하",
    "CIRCLED_HANGUL_SYLLABLE": "".join(chr(0x326E + i) for i in range(14)),  # ㉮…㉻
    "HANGUL_JAMO": "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ",
    "CIRCLED_HANGUL_JAMO": "".join(chr(0x3260 + i) for i in range(14)),  # ㉠…㉭
    "DECAGON_CIRCLE": "갑을병정무기경신임계",
    "DECAGON_CIRCLE_HANJA": "甲乙丙丁戊己庚辛壬癸",
}

# Circled digits exist in Unicode for 1–50 only, in three runs.
_CIRCLED_DIGITS = (
    "".join(chr(0x2460 + i) for i in range(20))  # ①…⑳
    + "".join(chr(0x3251 + i) for i in range(15))  # ㉑…㉟
    + "".join(chr(0x32B1 + i) for i in range(15))  # ㊱…㊿
)
_CIRCLED_IDEOGRAPHS = "".join(chr(0x3280 + i) for i in range(10))  # ㊀…㊉

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# Sino-Korean and Chinese numerals, for HANGUL_PHONETIC (일, 이, 삼, …, 십일) and IDEOGRAPH.
_HANGUL_DIGITS = ("", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_HANGUL_UNITS = ("", "십", "백", "천")
_HANJA_DIGITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_HANJA_UNITS = ("", "十", "百", "千")


def format_number(value: int, number_format: str) -> str:
    """``value`` written in the OWPML number format ``number_format`` (unknown → digits)."""
    if number_format in _SEQUENCES:
        if value < 1:
            return str(value)
        sequence = _SEQUENCES[number_format]
        return sequence[(value - 1) % len(sequence)]
    if number_format == "CIRCLED_DIGIT":
        return _CIRCLED_DIGITS[value - 1] if 1 <= value <= len(_CIRCLED_DIGITS) else str(value)
    if number_format in ("ROMAN_CAPITAL", "ROMAN_SMALL"):
        roman = _roman(value)
        return roman if number_format == "ROMAN_CAPITAL" else roman.lower()
    if number_format == "HANGUL_PHONETIC":
        return _spelled(value, _HANGUL_DIGITS, _HANGUL_UNITS)
    if number_format == "IDEOGRAPH":
        return _spelled(value, _HANJA_DIGITS, _HANJA_UNITS)
    if number_format == "CIRCLED_IDEOGRAPH":
        if 1 <= value <= len(_CIRCLED_IDEOGRAPHS):
            return _CIRCLED_IDEOGRAPHS[value - 1]
        return _spelled(value, _HANJA_DIGITS, _HANJA_UNITS)
    return str(value)  # DIGIT, and SYMBOL/USER_CHAR whose characters a label cannot know


def hwp5_number_format(code: int) -> str:
    """The OWPML name of HWP 5's number format ``code`` (unknown codes → ``"DIGIT"``)."""
    if 0 <= code < len(HWP5_NUMBER_FORMATS):
        return HWP5_NUMBER_FORMATS[code]
    return HWP5_EXTRA_NUMBER_FORMATS.get(code, "DIGIT")


def _roman(value: int) -> str:
    if not 1 <= value < 4000:
        return str(value)
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _spelled(value: int, digits: tuple[str, ...], units: tuple[str, ...]) -> str:
    """1–9999 the way they are read: 11 → 십일, 20 → 이십, 105 → 백오 (a leading 1 is silent)."""
    if not 1 <= value < 10000:
        return str(value)
    out = []
    for power in range(3, -1, -1):
        digit = value // 10**power % 10
        if digit:
            out.append(("" if digit == 1 and power else digits[digit]) + units[power])
    return "".join(out)


class NumberingLevel(NamedTuple):
    """One level of a numbering definition: ``"^1."``-style template, format, start value."""

    format_string: str  # ^N stands for level N's number (1-based); "" draws no label
    number_format: str = "DIGIT"
    start: int = 1


class Numbering(NamedTuple):
    """A numbering definition (``hh:numbering`` / HWP 5 NUMBERING): its levels, in order."""

    levels: tuple[NumberingLevel, ...]
    start: int = 1  # the definition's own start attribute; each level's start is what counts


# Hangul's built-in outline numbering (개요 번호), used when an OUTLINE paragraph's section
# names no numbering definition: the seven levels every new Hangul document carries, as
# written out in the corpus HWPX files' own outline definitions (hh:numbering id="1" of
# 2025-12_moel_work_report.hwpx and 2025-01_mois_work_plan.hwpx).
DEFAULT_OUTLINE = Numbering(
    (
        NumberingLevel("^1.", "DIGIT"),
        NumberingLevel("^2.", "HANGUL_SYLLABLE"),
        NumberingLevel("^3)", "DIGIT"),
        NumberingLevel("^4)", "HANGUL_SYLLABLE"),
        NumberingLevel("(^5)", "DIGIT"),
        NumberingLevel("(^6)", "HANGUL_SYLLABLE"),
        NumberingLevel("^7", "CIRCLED_DIGIT"),
    )
)

_PLACEHOLDER = re.compile(r"\^(10|[1-9])")  # ^10 is level ten: definitions have ten levels


class Counters:
    """The running counters of one document, advanced the way Hangul advances them.

    Each numbering definition keeps its own counters, one per level. A paragraph at level L
    advances level L (the first time from the level's start value) and sends every deeper
    level back to "not started", so that the next paragraph there starts again from its
    start value. A definition seen for the first time starts from scratch; one used again
    after another definition goes on where it stopped (Hangul's "continue the previous
    list"), unless the reader calls ``restart`` (a "new numbering" setting).
    """

    def __init__(self) -> None:
        self._counts: dict[object, list[int | None]] = {}

    def restart(self, numbering_id: object) -> None:
        """Forget the counters of one definition: its next paragraph starts from its start."""
        self._counts.pop(numbering_id, None)

    def label(self, numbering_id: object, numbering: Numbering, level: int) -> str:
        """Advance ``level`` (0-based) of ``numbering_id`` and return the label drawn for it."""
        level = min(max(level, 0), MAX_LEVELS - 1)
        counts = self._counts.setdefault(numbering_id, [None] * MAX_LEVELS)
        current = counts[level]
        counts[level] = _level(numbering, level).start if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVELS):
            counts[deeper] = None
        return self.render(numbering, level, counts)

    @staticmethod
    def render(numbering: Numbering, level: int, counts: list[int | None]) -> str:
        """The label of ``level`` given each level's counter (``None``: not started yet)."""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            spec = _level(numbering, index)
            value = counts[index] if index < len(counts) and counts[index] is not None else spec.start
            return format_number(value, spec.number_format)

        return _PLACEHOLDER.sub(number, _level(numbering, level).format_string)


def _level(numbering: Numbering, index: int) -> NumberingLevel:
    """The definition of level ``index``; a level the definition lacks draws no label."""
    if 0 <= index < len(numbering.levels):
        return numbering.levels[index]
    return NumberingLevel("", "DIGIT", 1)


# ---------------------------------------------------------------------------------------
# Private-use glyphs

_PRIVATE_USE_CHAR = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _code_points(key: str) -> str:
    """``"U+F02BA U+F02C3"`` → the characters."""
    return "".join(chr(int(part.removeprefix("U+"), 16)) for part in key.split())


def _load_private_use() -> tuple[dict[str, str], dict[str, str]]:
    with open(DATA_DIR / "private_use.toml", "rb") as handle:
        data = tomllib.load(handle)
    glyphs = {_code_points(key): entry["char"] for key, entry in data.get("glyph", {}).items()}
    sequences = {_code_points(key): entry["char"] for key, entry in data.get("sequence", {}).items()}
    return glyphs, sequences


PRIVATE_USE, PRIVATE_USE_SEQUENCES = _load_private_use()
_SINGLE_TABLE = str.maketrans(PRIVATE_USE)
# Sequences first (longest first): Hancom composes some markers from two glyphs (a box with
# "1" and a "0" drawn over it is a boxed 10), and the parts alone would read as "1⃞0".
_SEQUENCE_PATTERN = (
    re.compile("|".join(re.escape(s) for s in sorted(PRIVATE_USE_SEQUENCES, key=len, reverse=True)))
    if PRIVATE_USE_SEQUENCES
    else None
)


def map_private_use(text: str) -> tuple[str, list[str]]:
    """``text`` with known private-use glyphs replaced, and the unknown ones it still has
    (each once, in order of appearance; they stay in the text so nothing is lost)."""
    if not _PRIVATE_USE_CHAR.search(text):
        return text, []
    if _SEQUENCE_PATTERN is not None:
        text = _SEQUENCE_PATTERN.sub(lambda m: PRIVATE_USE_SEQUENCES[m.group(0)], text)
    text = text.translate(_SINGLE_TABLE)
    unmapped = list(dict.fromkeys(_PRIVATE_USE_CHAR.findall(text)))
    return text, unmapped


def bullet_label(char: str) -> tuple[str, list[str]]:
    """The label of a bullet paragraph whose bullet character is ``char`` (mapped like text)."""
    return map_private_use(char)
