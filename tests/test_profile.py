"""Profiles are data: a plan with other markers needs a profile, not code."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode, PlanError
from extract.pipeline import parse_text
from extract.stages.profile import load_profile

from .factories import outline
from .paths import TESTS

BULLETED = TESTS / "profiles" / "bulleted.toml"


def test_a_custom_profile_reads_its_own_markers() -> None:
    profile = load_profile(BULLETED)
    text = "2022 데이터 행정 계획\nⅠ. 추진 과제\n□ 데이터 기반 행정\n○ 공공데이터 개방 확대 행안부\n○ 데이터 분석 역량 강화 인사처, 행안부\nⅡ. 기반 마련\n□ 제도 정비\n○ 법령 개정 법제처"
    document = parse_text(text, profile=profile).document
    assert document.profile == "bulleted-plan"
    assert document.year == 2022
    assert outline(document) == [
        "1 Ⅰ. 추진 과제",
        "1.1 □ 데이터 기반 행정",
        "1.1.1 ○ 공공데이터 개방 확대 | 행안부",
        "1.1.2 ○ 데이터 분석 역량 강화 | 인사처, 행안부",
        "2 Ⅱ. 기반 마련",
        "2.1 □ 제도 정비",
        "2.1.1 ○ 법령 개정 | 법제처",
    ]
    assert [n.kind for n in document.children[0].children[0].children] == ["action", "action"]


def test_the_default_profile_reads_a_national_agenda_list() -> None:
    """[국정NN] rows under 전략 N: headings, as 국정과제 lists write them."""
    text = "2023 국정과제\n전략 1: 국민이 주인인 정부\n[국정01] 국민 중심 정부 운영 행안부\n[국정02] 공정한 인사 인사처\n전략 2: 혁신 성장\n[국정03] 디지털 경제 과기정통부"
    assert outline(parse_text(text).document) == [
        "1 전략 1 국민이 주인인 정부",
        "1.1 [국정01] 국민 중심 정부 운영 | 행안부",
        "1.2 [국정02] 공정한 인사 | 인사처",
        "2 전략 2 혁신 성장",
        "2.3 [국정03] 디지털 경제 | 과기정통부",  # the count runs on across strategies
    ]


BAD_PROFILES = {
    "not-toml": ("name = ", "profile is not valid TOML"),
    "no-marker-group": (
        "name='x'\n[[family]]\nname='a'\nkind='a'\npattern='''\\d+\\.'''\n[title]\nyear='x'\n[agencies]\nregistry='agencies.toml'\nstopwords='agency_stopwords.toml'\nseparators=','\nunknown='x'",
        "needs a (?P<marker>…) group",
    ),
    "unknown-parent": (
        "name='x'\n[[family]]\nname='a'\nkind='a'\nparent_family='zzz'\npattern='''(?P<marker>(?P<number>\\d+)\\.)'''\n[title]\nyear='x'\n[agencies]\nregistry='agencies.toml'\nstopwords='agency_stopwords.toml'\nseparators=','\nunknown='x'",
        "unknown parent_family 'zzz'",
    ),
    "bad-regex": (
        "name='x'\n[[family]]\nname='a'\nkind='a'\npattern='''(?P<marker>(?P<number>\\d+)'''\n[title]\nyear='x'\n[agencies]\nregistry='agencies.toml'\nstopwords='agency_stopwords.toml'\nseparators=','\nunknown='x'",
        "invalid profile",
    ),
}


@pytest.mark.parametrize(("content", "message"), BAD_PROFILES.values(), ids=BAD_PROFILES.keys())
def test_a_bad_profile_is_one_line(content: str, message: str, tmp_path: Path, capsys) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text(content, encoding="utf-8")
    with pytest.raises(PlanError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        load_profile(profile)
    assert main(["parse", str(TESTS.parent / "fixtures" / "source.txt"), "--profile", str(profile), "-o", "-"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"{profile}: error: ") and err.count("\n") == 1
