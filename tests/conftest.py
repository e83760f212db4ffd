"""Shared test set-up: hypothesis profiles, the golden-file flag and check."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# HYPOTHESIS_PROFILE=thorough for a long hunt; the default keeps the suite quick.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """CI (``.ci/run`` sets PLAN_EXTRACT_REQUIRE_CORPUS=1) has the real-plan corpus beside the
    clone: there a test that skips for want of it fails instead, so the corpus tests never
    silently stop running."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("PLAN_EXTRACT_REQUIRE_CORPUS") == "1":
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "corpus" in reason:
            report.outcome = "failed"
            report.longrepr = f"skipped for want of the corpus, which CI must have: {reason}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output (then read the diff before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden: bool) -> Callable[[Path, str], None]:
    """``golden(path, now)``: fail with a diff unless ``now`` equals the reviewed file;
    with --update-golden, rewrite the file instead (and skip, so the diff gets read)."""

    def check(path: Path, now: str) -> None:
        if update_golden:
            path.write_text(now, encoding="utf-8")
            pytest.skip(f"{path.name} rewritten; review `git diff tests/golden` before committing")
        expected = path.read_text(encoding="utf-8")
        if now != expected:
            lines = difflib.unified_diff(expected.splitlines(True), now.splitlines(True), "golden", "now")
            diff = "".join(list(lines)[:80])
            pytest.fail(f"output differs from {path.name} (run with --update-golden only if the change is right):\n{diff}")

    return check
