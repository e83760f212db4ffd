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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import regex

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
    tail_words: dict[str, int]  # last word of a multi-word alias (전 부처 → 부처) → most words
    stop_suffixes: tuple[str, ...]
    stop_words: frozenset[str]
    unknown: regex.Pattern[str]

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
    tail_words: dict[str, int] = {}
    for entry in _entries(profile.registry_file):
        rank = entry.distance(when)
        for written in entry.written:
            words = written.split()
            if len(words) > 1:
                tail_words[words[-1]] = max(tail_words.get(words[-1], 1), len(words))
            key = _key(written)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, entry.name)
    stops = tomllib.loads(
        resources.files("extract.data").joinpath(profile.stopwords_file).read_text(encoding="utf-8")
    )
    return Registry(
        names={key: name for key, (_, name) in best.items()},
        tail_words=tail_words,
        stop_suffixes=tuple(stops.get("suffixes", ())),
        stop_words=frozenset(stops.get("words", ())),
        unknown=profile.unknown_agency,
    )


def pieces_from_right(text: str, regions: list[tuple[int, int]], separators: str) -> Iterator[Piece]:
    """The words of ``text`` inside ``regions``, split at ``separators``, right to left.

    Lazy: an agency list is a row's last few words, so a row is never split whole.
    """
    pattern = _reverse_piece_pattern(separators)
    for start, end in reversed(regions):
        for m in pattern.finditer(text, start, end):
            yield Piece(m.start(), m.end(), m.group())


@lru_cache(maxsize=8)
def _reverse_piece_pattern(separators: str) -> regex.Pattern[str]:
    return regex.compile(r"[^\s" + regex.escape(separators) + r"]+", regex.REVERSE)


def trailing_agencies(text: str, pieces: Iterator[Piece], registry: Registry) -> list[FoundAgency]:
    """The agency list that ends a row whose words ``pieces`` gives right to left."""
    found: list[FoundAgency] = []
    window: list[Piece] = []  # right to left, fetched but not yet taken
    while True:
        if not window:
            piece = next(pieces, None)
            if piece is None:
                break
            window.append(piece)
        # Only the last word of a multi-word alias (부처 of 전 부처) needs the words before it.
        wanted = registry.tail_words.get(window[0].text, 1)
        while len(window) < wanted:
            piece = next(pieces, None)
            if piece is None:
                break
            window.append(piece)
        match = _agency_at_right(text, window, registry)
        if match is None:
            break
        width, agency = match
        found.append(agency)
        del window[:width]
    found.reverse()
    return found


def _agency_at_right(text: str, window: list[Piece], registry: Registry) -> tuple[int, FoundAgency] | None:
    """The agency ending at ``window[0]`` (the rightmost word): (words it takes, agency)."""
    last = window[0]
    # Longest registry alias first, so 전 부처 wins over a lone 부처.
    for width in range(min(registry.tail_words.get(last.text, 1), len(window)), 1, -1):
        run = window[width - 1 :: -1]
        if all(not text[a.end : b.start].strip() for a, b in zip(run, run[1:])):
            written = " ".join(p.text for p in run)
            name = registry.canonical(written)
            if name is not None:
                return width, FoundAgency(run[0].start, last.end, written, name)
    name = registry.name_of_word(last.text)
    if name is not None or registry.looks_like_agency(last.text):
        return 1, FoundAgency(last.start, last.end, last.text, name)
    return None
