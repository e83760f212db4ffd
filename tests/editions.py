"""Two editions for the export tests: the 2020 list, and a 2021 list made from it by hand.

The 2021 list is the fixture with its title's year changed and two task rows edited, so
every difference between the editions is known here, without running the parser:

- 1.2.1 ``국민참여형 사회문제 해결``: 행안부 → 기재부, 미래혁신처 (an agency no registry knows);
- 2.2.1 ``민간인재 채용시 역량평가제도 보완``: 인사처 → 행안부.

Counts in the 2020 list, by ``grep -o`` over fixtures/source.txt: 57 tasks (circled
markers), 행안부 37, 인사처 15, 기재부 8.
"""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import parse_file

from .paths import FIXTURE

TASKS = 57
COUNTS_2020 = {"행정안전부": 37, "인사혁신처": 15, "기획재정부": 8}
COUNTS_2021 = {"행정안전부": 37 - 1 + 1, "인사혁신처": 15 - 1, "기획재정부": 8 + 1, "미래혁신처": 1}

EDITS_2021 = (
    ("2020 정부혁신 대표과제 목록", "2021 정부혁신 대표과제 목록"),
    ("① 국민참여형 사회문제 해결 행안부", "① 국민참여형 사회문제 해결 기재부, 미래혁신처"),
    ("① 민간인재 채용시 역량평가제도 보완 인사처", "① 민간인재 채용시 역량평가제도 보완 행안부"),
)


def edition_2021_text() -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in EDITS_2021:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write_editions(directory: Path) -> tuple[Path, Path]:
    """``2020.json`` (parse output of the fixture) and ``2021.txt`` (plan text) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    json_2020 = directory / "2020.json"
    json_2020.write_text(parse_file(str(FIXTURE)).document.to_json(), encoding="utf-8")
    text_2021 = directory / "2021.txt"
    text_2021.write_text(edition_2021_text(), encoding="utf-8")
    return json_2020, text_2021
