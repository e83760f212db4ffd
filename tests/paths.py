"""Where the test data lives."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = ROOT / "fixtures" / "source.txt"
GOLDEN_DIR = TESTS / "golden"
INVALID_DIR = TESTS / "invalid"
