"""Open an HTML diff report in headless Chromium and say whether it renders cleanly.

    python3 scripts/check_html_report.py REPORT.html [--screenshot PNG] [--chromium PATH]

Chromium (Debian: ``apt-get install chromium``) loads the file with networking
off, once dumping the DOM it built and once taking a screenshot. The report is
fine when Chromium exits 0 both times, logs no console message (a script, a
blocked request, a CSP violation or a page error would each log one), the DOM
has the report's parts and no ``<script>`` element, and the screenshot is a
PNG of the window size. Prints one line per problem; exit 0 when there is none.
``tests/test_diff_html.py`` runs the same check.
"""

from __future__ import annotations

import argparse
import struct
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1200, 2000)
# Headless, no sandbox (root in a container), and nothing that talks to the network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
TIMEOUT = 120  # seconds per Chromium run


class Elements(HTMLParser):
    """Tags and their classes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs).get("class") or ""))


def run_chromium(chromium: str, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )


def dump_dom(page: Path, chromium: str = CHROMIUM) -> tuple[str, list[str]]:
    """The DOM Chromium built, and the problems seen while loading it."""
    result = run_chromium(chromium, page, "--dump-dom")
    problems = _run_problems(result, "--dump-dom")
    parser = Elements()
    parser.feed(result.stdout)
    tags = parser.seen
    if any(tag == "script" for tag, _ in tags):
        problems.append("the DOM has a <script> element")
    for part, present in (
        ("an <h1>", any(tag == "h1" for tag, _ in tags)),
        ("the summary counts", ("table", "counts") in tags),
        ("an area section", ("section", "area") in tags),
    ):
        if not present:
            problems.append(f"the DOM lacks {part}")
    return result.stdout, problems


def screenshot(page: Path, png: Path, chromium: str = CHROMIUM) -> list[str]:
    result = run_chromium(chromium, page, f"--screenshot={png.resolve()}", f"--window-size={WINDOW[0]},{WINDOW[1]}")
    problems = _run_problems(result, "--screenshot")
    if not png.exists():
        return [*problems, "no screenshot was written"]
    header = png.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", header[16:24]) != WINDOW:
        problems.append(f"the screenshot is not a {WINDOW[0]}×{WINDOW[1]} PNG")
    return problems


def _run_problems(result: subprocess.CompletedProcess[str], what: str) -> list[str]:
    problems = [f"chromium {what} exited {result.returncode}"] if result.returncode else []
    problems += [
        f"console: {line.split('CONSOLE', 1)[1][:200]}" for line in result.stderr.splitlines() if ":CONSOLE" in line
    ]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--screenshot", type=Path, help="where to keep the PNG (default: a temporary file)")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"{args.chromium}: not found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    _, problems = dump_dom(args.report, args.chromium)
    with tempfile.TemporaryDirectory() as tmp:
        problems += screenshot(args.report, args.screenshot or Path(tmp) / "report.png", args.chromium)
    for problem in problems:
        print(f"{args.report}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.report}: renders cleanly in {args.chromium}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
