"""Stage 5, resolve agencies: a task's words → (title part, lead-agency list).

A task row ends with its lead agencies (주관기관). Reading from the right, we
take agencies for as long as the words are agencies: a registry name or alias
(``행안부`` → 행정안전부, multi-word ``전 부처`` included), or a word that looks
like an agency the registry lacks (``우주항공청``, kept with a warning). The
first word that is neither ends the list; everything before it is the title.
Commas are optional, since a list wrapped at a line end loses its comma
(``기재부, 조달청 중기부, 산업부`` is four agencies). A row's words come from
one ``str.split`` of it, separators blanked (``word_view``).

The registry and its stop words are data files (``extract/data/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache

import regex

from ..records import NamedTuple
from .. import DATA_DIR
from ..stored import compile_regex, read_toml
from .normalize import is_hangul_syllables
from .profile import Profile


# Piece and FoundAgency are made for every word and agency of every row:
# named tuples, since a frozen dataclass costs twice as much to build.


class Piece(NamedTuple):
    """A word of a task row with separators split off: ``기재부,`` → ``기재부``."""

    start: int
    end: int
    text: str


class FoundAgency(NamedTuple):
    start: int
    end: int
    text: str  # as written, whitespace folded
    name: str | None  # canonical full name; None when the registry lacks it


class Entry(NamedTuple):
    name: str
    written: tuple[str, ...]  # the name and its aliases
    since: date
    until: date

    def distance(self, when: date) -> int:
        """0 when the agency existed on ``when``, else the days to its nearest end."""
        if self.since <= when <= self.until:
            return 0
        return min(abs((self.since - when).days), abs((when - self.until).days))


class Registry(NamedTuple):
    """Agency names as written → canonical names, as they stood in one year."""

    names: dict[str, str]  # key (spaces removed) → canonical name
    tail_words: dict[str, int]  # last word of a multi-word alias (전 부처 → 부처) → most words
    stop_suffixes: tuple[str, ...]
    stop_words: frozenset[str]
    unknown: regex.Pattern[str]
    division_suffixes: tuple[str, ...] = ()

    def canonical(self, written: str) -> str | None:
        return self.names.get(_key(written))

    def name_of_word(self, word: str) -> str | None:
        """``canonical`` of one word (a ``Piece``'s text), without building its key.

        A word has no whitespace, so it is its own key; but the word pattern's
        ``\\s`` lacks U+001C–U+001F, which ``str.split`` takes for spaces, so a
        word that holds an unprintable character goes the long way.
        """
        name = self.names.get(word)
        if name is None and not word.isprintable():
            return self.canonical(word)
        return name

    def written(self, item: str) -> str:
        """An agency as written, whitespace folded; a name broken over two printed lines
        ('고' + '용부') closed up, where the closed-up name is the registry's and no alias of
        several words ends it (전 부처 keeps its space)."""
        words = item.split()
        if len(words) > 1 and words[-1] not in self.tail_words and self.names.get("".join(words)):
            return "".join(words)
        return " ".join(words)

    def glued(self, word: str) -> int | None:
        """Where an agency's name starts inside ``word`` when OCR or a PDF ran the title's last
        word into it (``강화산업부`` → 3, ``신설재경부`` → 2): the longest registry name or alias
        of three characters or more that ends the word after two Hangul syllables or more."""
        # Names run to a few dozen characters: only the word's last MAX_NAME ones are tried, so a
        # megabyte without a space costs no more than a word (linear time on any input).
        for at in range(max(2, len(word) - MAX_NAME), len(word) - 2):
            tail = word[at:]
            if self.names.get(tail) and self.unknown.fullmatch(tail) and is_hangul_syllables(word[:at]):
                return at  # (an agency-like tail only: 광역지자체 does not end in the collective 지자체)
        return None

    def is_division(self, word: str) -> bool:
        """A unit inside an agency (``공공주택정책과``, ``기획팀``), not an agency of its own."""
        return len(word) >= 3 and word.endswith(self.division_suffixes) and self.name_of_word(word) is None

    def looks_like_agency(self, word: str) -> bool:
        return (
            len(word) >= 3
            and self.unknown.fullmatch(word) is not None
            and word not in self.stop_words
            and not word.endswith(self.stop_suffixes)
        )


def _key(written: str) -> str:
    return "".join(written.split())


@lru_cache(maxsize=8)
def _registry_data(registry_file: str) -> dict:
    """One registry file (a path, or a name in ``extract/data/``), parsed (through its stored
    JSON copy, extract/stored.py: ~15 ms less)."""
    return read_toml(DATA_DIR / registry_file)


@lru_cache(maxsize=8)
def read_entries(registry_file: str) -> tuple[Entry, ...]:
    """The ``[[agency]]`` entries of one registry file (a path, or a name in ``extract/data/``)."""
    data = _registry_data(registry_file)
    return tuple(
        Entry(
            name=entry["name"],
            written=(entry["name"], *entry.get("aliases", ())),
            since=date.fromisoformat(entry["since"]) if "since" in entry else date.min,
            until=date.fromisoformat(entry["until"]) if "until" in entry else date.max,
        )
        for entry in data["agency"]
    )


class Heir(NamedTuple):
    """One step of an agency's lineage: the agency it became, and from when."""

    name: str
    since: date | None  # the day after the old agency's `until`; None when the registry has no date


@lru_cache(maxsize=8)
def load_lineage(registry_file: str) -> dict[str, tuple[Heir, ...]]:
    """Canonical name → its immediate heirs (one successor, or several after a split).

    Read from the registry's ``successor`` (a name or a list of names) and ``until``.
    """
    lineage: dict[str, tuple[Heir, ...]] = {}
    for entry in _registry_data(registry_file)["agency"]:
        successor = entry.get("successor")
        if not successor:
            continue
        names = [successor] if isinstance(successor, str) else list(successor)
        since = date.fromisoformat(entry["until"]) + timedelta(days=1) if "until" in entry else None
        lineage[entry["name"]] = tuple(Heir(name, since) for name in names)
    return lineage


def _entries(profile: Profile) -> list[tuple[int, Entry]]:
    """(tier, entry): ``--registry`` entries (tier 0), whose names and aliases win over any reading
    of the profile's registry (tier 1); an entry there of the same name keeps its own aliases."""
    mine = [(0, entry) for path in profile.extra_registries for entry in read_entries(path)]
    return mine + [(1, entry) for entry in read_entries(profile.registry_file)]


@lru_cache(maxsize=32)
def load_registry(profile: Profile, year: int | None = None) -> Registry:
    """The registry as it stood on 1 July of ``year`` (today when None).

    An abbreviation can mean different agencies in different years (산업부 was
    산업통상자원부 in 2020, 산업통상부 from late 2025): the entry that existed
    then wins, else the one nearest in time. A ``--registry`` entry wins over any other.
    """
    when = date(year, 7, 1) if year else date.today()
    best: dict[str, tuple[tuple[int, int], str]] = {}
    tail_words: dict[str, int] = {}
    for tier, entry in _entries(profile):
        rank = (tier, entry.distance(when))
        for written in entry.written:
            words = written.split()
            if len(words) > 1:
                tail_words[words[-1]] = max(tail_words.get(words[-1], 1), len(words))
            key = _key(written)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, entry.name)
    stops = read_toml(DATA_DIR / profile.stopwords_file)
    return Registry(
        names={key: name for key, (_, name) in best.items()},
        tail_words=tail_words,
        stop_suffixes=tuple(stops.get("suffixes", ())),
        stop_words=frozenset(stops.get("words", ())),
        unknown=profile.unknown_agency,
        division_suffixes=tuple(stops.get("division_suffixes", ())),
    )


def word_view(chunk: str, separators: str) -> str:
    """``chunk`` as ``str.split`` should see it to find its words; offsets unchanged.

    A word is a run of characters that are neither whitespace nor separators
    (``기재부,`` → ``기재부``): separators become spaces. Whitespace is the
    ``regex`` module's ``\\s``, as in the profile's patterns; it lacks
    U+001C–U+001F, which ``str.split`` would split at, so they stand in as
    ``\\0`` and stay inside their word. The view is only split: take words'
    text from ``chunk``.
    """
    for char, stand_in in _stand_ins(separators):
        if char in chunk:  # a search at C speed; most rows hold one or two of these
            chunk = chunk.replace(char, stand_in)
    return chunk


@lru_cache(maxsize=8)
def _stand_ins(separators: str) -> tuple[tuple[str, str], ...]:
    return (*((char, " ") for char in separators), *((chr(c), "\0") for c in range(0x1C, 0x20)))


def pieces_from_right(text: str, regions: list[tuple[int, int]], separators: str) -> Iterator[Piece]:
    """The words of ``text`` inside ``regions`` (see ``word_view``), right to left."""
    for start, end in reversed(regions):
        chunk = text[start:end]
        view = word_view(chunk, separators)
        limit = len(view)
        for word in reversed(view.split()):
            # The rightmost occurrence before the word to its right is the word itself:
            # only spaces lie between, and a word holds none.
            at = view.rfind(word, 0, limit)
            limit = at
            yield Piece(start + at, start + at + len(word), chunk[at : at + len(word)])


def agencies_at_end(text: str, start: int, row: str, separators: str, registry: Registry) -> list[FoundAgency]:
    """The agency list that ends ``row``: the text from ``start`` on, any furniture blanked.

    Words are read from the right (the list is a row's last few words) for as
    long as they are agencies; ``text`` itself shows whether anything (a
    separator, furniture) parts the words of a multi-word alias.
    """
    view = word_view(row, separators)
    words = view.split()
    found: list[FoundAgency] = []
    i, limit = len(words) - 1, len(view)  # words[i] is the last word before limit
    if i > 0 and words[i] in LIST_ENDINGS:  # 산업부, 방사청 등: the list's 등, not a name
        limit = view.rfind(words[i], 0, limit)
        i -= 1
    while i >= 0:
        at = view.rfind(words[i], 0, limit)  # see pieces_from_right
        word = row[at : at + len(words[i])]
        if word in registry.tail_words:  # 부처 may end 전 부처
            alias = _alias_ending(text, start, row, view, words[: i + 1], at, registry)
            if alias is not None:
                width, agency = alias
                found.append(agency)
                i, limit = i - width, agency.start - start
                continue
        name = registry.name_of_word(word)
        # 미래·산업·환경부: a stem joined by a separator to the name after it shares its suffix
        joined = name is None and found and any(ch in separators for ch in row[at + len(word) : found[-1].start - start])
        shared = _with_suffix_of(word, found[-1].text, registry) if joined else None
        if shared is not None:
            found.append(FoundAgency(start + at, start + at + len(word), *shared))
            i, limit = i - 1, at
            continue
        glued = registry.glued(word) if name is None else None
        if glued is not None:  # 강화산업부: a title's last word run into the first agency
            found.append(FoundAgency(start + at + glued, start + at + len(word), word[glued:], registry.name_of_word(word[glued:])))
            break
        if name is None and not registry.looks_like_agency(word):
            break
        found.append(FoundAgency(start + at, start + at + len(word), word, name))
        i, limit = i - 1, at
    found.reverse()
    return found


def _with_suffix_of(stem: str, after: str, registry: Registry) -> tuple[str, str] | None:
    """``stem`` with the suffix of the agency written ``after`` it, as written and its canonical
    name, when the registry knows the result: 미래 before 산업부 → 미래부, 농진 before 산림청 →
    농진청; None otherwise."""
    suffix = SHARED_SUFFIX.search(after)
    if suffix is None or stem.endswith(suffix.group()):
        return None
    restored = registry.written(stem + suffix.group())
    name = registry.canonical(restored)
    return (restored, name) if name is not None else None


def restore_shared_suffixes(found: list[FoundAgency], registry: Registry) -> list[FoundAgency]:
    """A list read item by item (a table's agency cell), stems restored from the right:
    미래 · 산업 · 해수부 → 미래부, 산업부, 해수부, where the registry knows the restored name."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        shared = _with_suffix_of(out[i].text, out[i + 1].text, registry) if out[i].name is None else None
        if shared is not None:
            out[i] = out[i]._replace(text=shared[0], name=shared[1])
    return out


# The suffix a run of agency stems shares: 부, 처, 청, 위원회.
SHARED_SUFFIX = compile_regex(r"(?:위원회|부|처|청)$")

MAX_NAME = 40  # characters: longer than any agency name or alias in the registry

# Words that end an agency list without naming an agency: 산업부, 방사청 등; 교육청 및 유관기관
# 합동 (jointly), 국토부·환경부 공동.
LIST_ENDINGS = frozenset({"등", "외", "합동", "공동"})


def _alias_ending(
    text: str, start: int, row: str, view: str, words: list[str], at: int, registry: Registry
) -> tuple[int, FoundAgency] | None:
    """The multi-word alias ending with ``words[-1]`` (found at ``at`` in ``row``): (words it takes, agency).

    Longest first, so 전 부처 wins over a lone 부처; only whitespace may lie
    between its words. None when no alias ends there.
    """
    most = min(registry.tail_words[row[at : at + len(words[-1])]], len(words))
    starts = [at]  # of words[-1], words[-2], … in row
    for word in words[-2 : -most - 1 : -1]:
        starts.append(view.rfind(word, 0, starts[-1]))
    spans = [(s, s + len(word)) for s, word in zip(starts, reversed(words))][::-1]  # left to right
    for width in range(most, 1, -1):
        run = spans[-width:]
        if all(not text[start + a_end : start + b_start].strip() for (_, a_end), (b_start, _) in zip(run, run[1:])):
            written = " ".join(row[s:e] for s, e in run)
            name = registry.canonical(written)
            if name is not None:
                return width, FoundAgency(start + run[0][0], start + run[-1][1], written, name)
    return None


# (국토부) 공공택지 …, [행안부] 디지털 …: a row that opens with a parenthesis, then its title.
LEADING_PARENTHESIS = compile_regex(r"\s* (?| \( (?P<inside> [^()]{1,40} ) \) | \[ (?P<inside> [^\[\]]{1,40} ) \] ) \s* (?= \S )", regex.VERBOSE)
# (고용부), (산업부․중기부 등), (’25.下, 복지부), (고용,중기부): a row that ends in a parenthesis.
INNER_PARENTHESIS = compile_regex(r"\( (?P<inside> [^()]{1,40} ) \)", regex.VERBOSE)
# … 확대 (고용부), … 확대 [교육부, 복지부], … 추진 <행안부>, … 추진 〈국조실〉, … 혁신 【주관: 고용부】,
# … 정비 〔국조실〕: a row that ends in a parenthesis or a bracket.
TRAILING_PARENTHESIS = compile_regex(
    r"""(?| \( (?P<inside> [^()]{1,80} ) \) | \[ (?P<inside> [^\[\]]{1,80} ) \]
         | [<＜〈] (?P<inside> [^<>＜＞〈〉]{1,80} ) [>＞〉] | 【 (?P<inside> [^【】]{1,80} ) 】
         | 〔 (?P<inside> [^〔〕]{1,80} ) 〕 ) \s* $""",
    regex.VERBOSE,
)
# What a parenthesis of agencies may say of them besides naming them:
#   (주관: 교육부), (주관부처: 교육부, 협조: 복지부), (소관: 국토부 / 협조부처: 환경부)  → the lead's list;
#   (교육부 주관), (교육부·복지부 합동), (국토부, 환경부 공동)                        → the list.
# A partner (협조, 협업, 참여 …) is no lead agency: only the list before it counts.
# The label that names a lead agency: 주관, 소관, 담당, 책임, with 기관/부처/부서 or alone.
LEAD_LABEL = r"(?: 주 \s* 관 | 소 \s* 관 | 담 \s* 당 | 책 \s* 임 ) (?: \s* (?: 기 \s* 관 | 부 \s* 처 | 부 \s* 서 ) )?"
# The label of partners after the lead: (행안부, 과기부 / 협조: 방통위) names 행안부 and 과기부.
PARTNER_LABEL = r"(?: 협 \s* 조 | 협 \s* 업 | 참 \s* 여 | 지 \s* 원 | 관 \s* 계 )"
# …where no lead label opens the parenthesis, only a label that names bodies: 협조, 협업,
# 참여 (기관/부처/부서), 관계 기관/부처 — not 지원: 2억원, 관계법령: 정부조직법.
PARTNER_AFTER_LEAD = r"(?: (?: 협 \s* 조 | 협 \s* 업 | 참 \s* 여 ) (?: \s* (?: 기 \s* 관 | 부 \s* 처 | 부 \s* 서 ) )? | 관 \s* 계 \s* (?: 기 \s* 관 | 부 \s* 처 ) )"
LABELLED_LEAD = compile_regex(
    rf"""^ \s* {LEAD_LABEL} \s* [:：] \s*
        (?P<lead> [^:：]+? ) \s*
        (?: [,;/·] \s* {PARTNER_LABEL} [^:：]{{0,6}} [:：] [^:：]* )? $
    | ^ (?P<lead> [^:：]+? ) \s* [,;/] \s* {PARTNER_AFTER_LEAD} \s* [:：] [^:：]* $
    | ^ (?P<lead> .+? ) \s+ (?: 주관 | 합동 | 공동 ) \s* $""",
    regex.VERBOSE,
)
# Inside it, what parts agencies besides the profile's separators: ＋, the middle dots, 및.
PARENTHESIS_SEPARATORS = compile_regex(r"\s* (?: [+＋․‧ㆍ・∙] | \s 및 \s ) \s*", regex.VERBOSE)
# Items that are not agencies and do not spoil the list: a date, a quarter, 등 (and others).
NOT_AN_ITEM = compile_regex(
    r"""(?: 등 | 외 | [’'`‘]? \d{2,4} (?: [.\-/년] \s* [\d上下상하반기분월\s.]* )? | \d{1,2} \s* (?: 월 | 분기 ) | 상반기 | 하반기 )""",
    regex.VERBOSE,
)


def agencies_in_parenthesis(text: str, start: int, row: str, separators: str, registry: Registry) -> list[FoundAgency]:
    """The lead agencies of a row that ends in a parenthesis of agencies: ``… 확대 (고용부, 중기부)``.

    Every item of the parenthesis must be an agency the registry knows, or look like one,
    or be a date or ``등``; a parenthesis holding a budget, a count or words is not a list
    of agencies and gives nothing. A trailing ``등`` belongs to the list, not to a name.
    """
    m = TRAILING_PARENTHESIS.search(row)
    if m is None:
        return []
    return _parenthesis_items(start, m.start("inside"), m.group("inside"), separators, registry)


def leading_parenthesis_end(row: str) -> int:
    """Where the parenthesis (or square bracket) that opens ``row`` closes (past it); 0 if none does."""
    m = LEADING_PARENTHESIS.match(row)
    return 0 if m is None else m.end("inside") + 1


def labelled_parenthesis_start(row: str, end: int) -> int:
    """Where a parenthesis that names a lead under its label ('(주관: 식품의약품안전처·시청)')
    and ends ``row[:end]`` opens; -1 if none does."""
    m = TRAILING_PARENTHESIS.search(row, 0, end)
    if m is None or not LABELLED_COLON.match(m.group("inside")):
        return -1
    return m.start()


def trailing_parenthesis_start(row: str) -> int:
    """Where the parenthesis (or square bracket) that ends ``row`` opens; -1 if none does."""
    m = TRAILING_PARENTHESIS.search(row)
    return -1 if m is None else m.start()


def agencies_in_leading_parenthesis(text: str, start: int, row: str, separators: str, registry: Registry) -> list[FoundAgency]:
    """The lead agencies of a row that opens with a parenthesis of agencies and goes on with
    its title: ``(국토부) 공공택지 공급 확대``, ``(교육지원청) 운영평가 실시``. The same test as
    ``agencies_in_parenthesis``: a label like ``(현황)`` or ``(목표)`` is no agency."""
    m = LEADING_PARENTHESIS.match(row)
    if m is None:
        return []
    return _parenthesis_items(start, m.start("inside"), m.group("inside"), separators, registry)


def agencies_in_inner_parentheses(start: int, title: str, separators: str, registry: Registry) -> list[FoundAgency]:
    """The agencies of the parentheses inside a task's title that are lists of agencies and
    nothing else: ``질병 소분류별 급여 현황(심평원) 및 시도별 진료현황 (암센터)`` names 심평원 for
    the first dataset as the trailing parenthesis names 암센터 for the second. ``title`` is
    at ``start`` in the text; a label, a date or a partner (``(복지부 협업)``) names none."""
    found: list[FoundAgency] = []
    for m in INNER_PARENTHESIS.finditer(title):
        found.extend(_parenthesis_items(start, m.start("inside"), m.group("inside"), separators, registry))
    return found


# A line of its own naming a heading's lead agencies under a label, right under it:
#   주관부처 : 행정안전부   ㅇ 주관기관: 교육부, 복지부   (주관) 교육부   [소관부처] 국토부
LABELLED_LINE = rf"(?: [ㅇ○◦•∙·\-–*▸]\s* )? (?: {LEAD_LABEL} \s* [:：] | [(\[] \s* {LEAD_LABEL} \s* [)\]] )"
LEAD_LINE = compile_regex(LABELLED_LINE, regex.VERBOSE)
# The same label where a task's row ends in its agencies: the title ends before it.
LEAD_LABEL_AT_END = compile_regex(LABELLED_LINE + r" \s* $", regex.VERBOSE)
# A parenthesis's own lead label: '주관: …', '주관부처 : …' (LABELLED_LEAD's first form).
LABELLED_COLON = compile_regex(rf"\s* {LEAD_LABEL} \s* [:：]", regex.VERBOSE)

# The others an item ends with, no agency of its own: 산업부 등, 환경부 외 5개 부처, 교육부 등 3개 기관.
OTHERS_AFTER = compile_regex(r"\s+ (?: 등 | 외 ) (?: \s* \d{1,3} \s? 개 (?: \s* [가-힣]{1,4} )? )? $", regex.VERBOSE)

# A count before a collective name: 17개 시·도교육청, 5개 부처.
COUNT_BEFORE = compile_regex(r"\d{1,3} \s? 개 \s*", regex.VERBOSE)


def _names_kept_whole(parts: list[str], is_separator: Callable, registry: Registry) -> list[str]:
    """A parenthesis's items and separators, with a name the registry knows that holds a
    separator kept whole: ``시·도교육청`` is one agency, not 시 and 도교육청."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 2 < len(parts) and is_separator(parts[i + 1]) and parts[i + 1].strip() and registry.canonical(COUNT_BEFORE.sub("", "".join(parts[i : i + 3]).strip(), count=1)) is not None:
            out.append("".join(parts[i : i + 3]))
            i += 3
            continue
        out.append(parts[i])
        i += 1
    return out


def _parenthesis_items(start: int, inside_start: int, inside: str, separators: str, registry: Registry) -> list[FoundAgency]:
    """The items of a parenthesis (``inside``, at ``start + inside_start`` in the text), if
    every one is an agency, a date or 등 and the registry knows one at least; else none.
    A labelled list counts its lead only (``LABELLED_LEAD``: ``주관: 교육부, 협조: 복지부``)."""
    labelled = LABELLED_LEAD.match(inside)
    if labelled is not None:
        inside_start, inside = inside_start + labelled.start("lead"), labelled.group("lead")
    pattern = "[" + regex.escape(separators) + "]|" + PARENTHESIS_SEPARATORS.pattern
    found: list[FoundAgency] = []
    stems: list[int] = []  # items that are no agency as written
    position = 0
    is_separator = compile_regex(pattern, regex.VERBOSE).fullmatch
    for part in _names_kept_whole([p for p in compile_regex(f"({pattern})", regex.VERBOSE).split(inside) if p is not None], is_separator, registry):
        item_start = position
        position += len(part)
        item = part.strip()
        if not item or is_separator(part):
            continue
        others = OTHERS_AFTER.search(item)
        if others is not None and others.start() > 0:
            item = item[: others.start()]
        if NOT_AN_ITEM.fullmatch(item):
            continue
        skip = 0
        counted = COUNT_BEFORE.match(item)  # 17개 시·도교육청: every one of them
        if counted and counted.end() < len(item):
            skip, item = counted.end(), item[counted.end() :]
        words = item.split()
        if len(words) > 1 and registry.canonical(words[0]) is not None and all(registry.is_division(w) for w in words[1:]):
            item = words[0]  # 행정안전부 디지털정부정책과: the ministry, its division aside
        name = registry.canonical(item)
        offset = start + inside_start + item_start + (len(part) - len(part.lstrip())) + skip
        if name is None and not registry.looks_like_agency("".join(item.split())):
            stems.append(len(found))  # 고용 in (고용,중기부): a stem, if a later name lends its suffix
        found.append(FoundAgency(offset, offset + len(item), registry.written(item), name))
    if stems:
        found = restore_shared_suffixes(found, registry)
        if any(found[i].name is None for i in stems):
            return []  # a word that is no agency: not a list of agencies
    if not any(agency.name for agency in found):
        return []  # nothing the registry knows: a parenthesis of words that merely end like agencies
    return found
