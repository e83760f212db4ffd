"""The agency registry is data; these are the rules that keep it unambiguous."""

from __future__ import annotations

import tomllib
from datetime import date
from itertools import combinations

from extract.parse.agencies import load_registry
from extract.parse.profile import load_profile

from .paths import ROOT

DATA = ROOT / "extract" / "data"
AGENCIES = tomllib.loads((DATA / "agencies.toml").read_text(encoding="utf-8"))["agency"]
STOPS = tomllib.loads((DATA / "agency_stopwords.toml").read_text(encoding="utf-8"))


def _period(entry: dict) -> tuple[date, date]:
    return (
        date.fromisoformat(entry["since"]) if "since" in entry else date.min,
        date.fromisoformat(entry["until"]) if "until" in entry else date.max,
    )


def test_names_are_unique_and_no_alias_is_a_name() -> None:
    names = [e["name"] for e in AGENCIES]
    assert len(names) == len(set(names))
    aliases = {a for e in AGENCIES for a in e.get("aliases", ())}
    assert not aliases & set(names)


def test_a_shared_alias_never_means_two_agencies_at_once() -> None:
    by_alias: dict[str, list[dict]] = {}
    for entry in AGENCIES:
        for alias in entry.get("aliases", ()):
            by_alias.setdefault(alias, []).append(entry)
    for alias, entries in by_alias.items():
        for a, b in combinations(entries, 2):
            (a_since, a_until), (b_since, b_until) = _period(a), _period(b)
            assert a_until < b_since or b_until < a_since, f"{alias}: {a['name']} and {b['name']} overlap"


def test_fields() -> None:
    names = {e["name"] for e in AGENCIES}
    for entry in AGENCIES:
        assert entry["type"] in {"부", "처", "청", "위원회", "실", "원", "기타", "collective"}, entry["name"]
        assert entry["status"] in {"current", "former"}, entry["name"]
        since, until = _period(entry)
        assert since <= until, entry["name"]
        if "successor" in entry:
            assert entry["successor"] in names, entry["name"]
        if entry["status"] == "current":
            assert "until" not in entry or until >= date(2026, 1, 1), entry["name"]


def test_no_agency_is_a_stop_word() -> None:
    suffixes = tuple(STOPS["suffixes"])
    words = set(STOPS["words"])
    for entry in AGENCIES:
        for written in (entry["name"], *entry.get("aliases", ())):
            assert written not in words and not written.endswith(suffixes), written


def test_every_registry_name_reads_as_an_agency() -> None:
    registry = load_registry(load_profile(), 2020)
    for entry in AGENCIES:
        assert registry.canonical(entry["name"]) is not None
