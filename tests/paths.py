"""Where the test data lives."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = ROOT / "fixtures" / "source.txt"
GOLDEN_DIR = TESTS / "golden"
INVALID_DIR = TESTS / "invalid"
PDF_FIXTURES = {name: ROOT / "fixtures" / f"{name}.pdf" for name in ("plan-2020", "plan-2020-narrow")}
PDF_DIR = TESTS / "pdf"
INVALID_PDF_DIR = TESTS / "invalid_pdf"
