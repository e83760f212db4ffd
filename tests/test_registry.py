"""The agency registry is data; these are the rules that keep it unambiguous."""

from __future__ import annotations

import tomllib
from datetime import date
from itertools import combinations

import pytest

from extract.stages.agencies import load_lineage, load_registry
from extract.stages.profile import load_profile

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
            heirs = entry["successor"]
            heirs = [heirs] if isinstance(heirs, str) else heirs
            assert heirs and set(heirs) <= names and len(set(heirs)) == len(heirs), entry["name"]
            assert entry["status"] == "former" and "until" in entry, entry["name"]
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


def test_lineage_has_no_cycle_and_each_heir_starts_the_day_after() -> None:
    """Successors lead forward in time: an heir exists from the day after its predecessor's end."""
    lineage = load_lineage("agencies.toml")
    by_name = {e["name"]: e for e in AGENCIES}
    for name, heirs in lineage.items():
        for heir in heirs:
            since = by_name[heir.name].get("since")
            assert since is None or date.fromisoformat(since) <= heir.since, (name, heir.name)
    for start in lineage:  # a walk never comes back to where it began
        seen, todo = set(), [start]
        while todo:
            for heir in lineage.get(todo.pop(), ()):
                assert heir.name != start, start
                if heir.name not in seen:
                    seen.add(heir.name)
                    todo.append(heir.name)


# (agency, its heirs) — the reorganisations of 2025-10-01 and 2026-01-02 (정부조직법, promulgated 2025-10-01)
REORGANISATIONS = [
    ("환경부", [("기후에너지환경부", "2025-10-01")]),
    ("여성가족부", [("성평등가족부", "2025-10-01")]),
    ("방송통신위원회", [("방송미디어통신위원회", "2025-10-01")]),
    ("산업통상자원부", [("산업통상부", "2025-10-01")]),
    ("통계청", [("국가데이터처", "2025-10-01")]),
    ("특허청", [("지식재산처", "2025-10-01")]),
    ("기획재정부", [("재정경제부", "2026-01-02"), ("기획예산처", "2026-01-02")]),
]


@pytest.mark.parametrize(("agency", "heirs"), REORGANISATIONS, ids=[r[0] for r in REORGANISATIONS])
def test_recent_reorganisations_are_in_the_lineage(agency: str, heirs: list[tuple[str, str]]) -> None:
    assert [(h.name, h.since.isoformat()) for h in load_lineage("agencies.toml")[agency]] == heirs
