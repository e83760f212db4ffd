"""Stage 5, resolve agencies: a task's words → (title part, lead-agency list).

A task row ends with its lead agencies (주관기관). Reading from the right, we
take agencies for as long as the words are agencies: a registry name or alias
(``행안부`` → 행정안전부, multi-word ``전 부처`` included), or a word that looks
like an agency the registry lacks (``우주항공청``, kept with a warning). The
first word that is neither ends the list; everything before it is the title.
Commas are optional, since a list wrapped at a line end loses its comma
(``기재부, 조달청 중기부, 산업부`` is four agencies).

The registry and its stop words are data files (``extract/data/``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import regex

from .profile import Profile

MAX_ALIAS_WORDS = 3  # 전 부처, 관계 중앙 부처: the longest alias a plan writes in words


@dataclass(frozen=True)
class Piece:
    """A word of a task row with separators split off: ``기재부,`` → ``기재부``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FoundAgency:
    start: int
    end: int
    text: str  # as written, whitespace folded
    name: str | None  # canonical full name; None when the registry lacks it


@dataclass(frozen=True)
class Entry:
    name: str
    written: tuple[str, ...]  # the name and its aliases
    since: date
    until: date

    def distance(self, when: date) -> int:
        """0 when the agency existed on ``when``, else the days to its nearest end."""
        if self.since <= when <= self.until:
            return 0
        return min(abs((self.since - when).days), abs((when - self.until).days))


@dataclass(frozen=True)
class Registry:
    """Agency names as written → canonical names, as they stood in one year."""

    names: dict[str, str]  # key (spaces removed) → canonical name
    stop_suffixes: tuple[str, ...]
    stop_words: frozenset[str]
    unknown: regex.Pattern[str]

    def canonical(self, written: str) -> str | None:
        return self.names.get(_key(written))

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
def _entries(registry_file: str) -> tuple[Entry, ...]:
    data = tomllib.loads(resources.files("extract.data").joinpath(registry_file).read_text(encoding="utf-8"))
    return tuple(
        Entry(
            name=entry["name"],
            written=(entry["name"], *entry.get("aliases", ())),
            since=date.fromisoformat(entry["since"]) if "since" in entry else date.min,
            until=date.fromisoformat(entry["until"]) if "until" in entry else date.max,
        )
        for entry in data["agency"]
    )


@lru_cache(maxsize=32)
def load_registry(profile: Profile, year: int | None = None) -> Registry:
    """The registry as it stood on 1 July of ``year`` (today when None).

    An abbreviation can mean different agencies in different years (산업부 was
    산업통상자원부 in 2020, 산업통상부 from late 2025): the entry that existed
    then wins, else the one nearest in time.
    """
    when = date(year, 7, 1) if year else date.today()
    best: dict[str, tuple[int, str]] = {}
    for entry in _entries(profile.registry_file):
        rank = entry.distance(when)
        for written in entry.written:
            key = _key(written)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, entry.name)
    stops = tomllib.loads(
        resources.files("extract.data").joinpath(profile.stopwords_file).read_text(encoding="utf-8")
    )
    return Registry(
        names={key: name for key, (_, name) in best.items()},
        stop_suffixes=tuple(stops.get("suffixes", ())),
        stop_words=frozenset(stops.get("words", ())),
        unknown=profile.unknown_agency,
    )


def pieces_of(text: str, regions: list[tuple[int, int]], profile: Profile) -> list[Piece]:
    """The words of ``text`` inside ``regions``, split at the profile's list separators."""
    piece = _piece_pattern(profile.separators)
    return [Piece(m.start(), m.end(), m.group()) for start, end in regions for m in piece.finditer(text, start, end)]


@lru_cache(maxsize=8)
def _piece_pattern(separators: str) -> regex.Pattern[str]:
    return regex.compile(r"[^\s" + regex.escape(separators) + r"]+")


def trailing_agencies(text: str, pieces: list[Piece], end: int, registry: Registry) -> list[FoundAgency]:
    """The agency list that ends ``pieces[:end]``, left to right (empty if none)."""
    found: list[FoundAgency] = []
    i = end
    while i > 0:
        match = _agency_ending_at(text, pieces, i, registry)
        if match is None:
            break
        found.append(match[1])
        i = match[0]
    found.reverse()
    return found


def _agency_ending_at(text: str, pieces: list[Piece], i: int, registry: Registry) -> tuple[int, FoundAgency] | None:
    # Longest registry alias first, so 전 부처 wins over a lone 부처.
    for width in range(min(MAX_ALIAS_WORDS, i), 0, -1):
        first, last = pieces[i - width], pieces[i - 1]
        if width > 1 and not _joined_by_spaces(text, pieces[i - width : i]):
            continue
        written = " ".join(p.text for p in pieces[i - width : i])
        name = registry.canonical(written)
        if name is not None:
            return i - width, FoundAgency(first.start, last.end, written, name)
    last = pieces[i - 1]
    if registry.looks_like_agency(last.text):
        return i - 1, FoundAgency(last.start, last.end, last.text, None)
    return None


def _joined_by_spaces(text: str, run: list[Piece]) -> bool:
    return all(not text[a.end : b.start].strip() for a, b in zip(run, run[1:]))
