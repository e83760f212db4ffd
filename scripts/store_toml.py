"""Write the stored forms the parse reads instead of compiling (``extract/stored.py``): the JSON
copy of each bundled TOML file, and the compiled `regex` patterns (``extract/data/patterns.json``).

Run after editing ``extract/data/*.toml`` or ``extract/profiles/*.toml``, a pattern on the parse
path, or upgrading `regex` (``tests/test_stored.py`` says when):

    python3 scripts/store_toml.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import DATA_DIR, PROFILES_DIR  # noqa: E402
from extract.stored import PATTERNS_FILE, patterns_text, same_compilation, stored_path, stored_text  # noqa: E402

# The TOML files a run reads on every parse; the others are read rarely enough to parse.
STORED = (DATA_DIR / "agencies.toml", DATA_DIR / "agency_stopwords.toml", PROFILES_DIR / "default.toml")
FIXTURE = ROOT / "fixtures" / "source.txt"

# Runs `plan-extract parse FIXTURE` in a fresh interpreter and reports the (pattern, flags) it
# compiled through ``stored.compile_regex`` without a stored form; with "empty", as if none were
# stored: all of them, each with its fresh compilation (``stored.pickled``); and ``direct``, those
# compiled with ``regex.compile`` itself, which no stored form can spare.
PROBE = r"""
import json, sys
import regex
calls = []  # every regex.compile of the run: those not through stored.compile_regex are 'direct'
_compile = regex.compile
def _counting(pattern, flags=0, *args, **kwargs):
    calls.append((pattern, flags))
    return _compile(pattern, flags, *args, **kwargs)
regex.compile = _counting
import extract.stored as stored
if sys.argv[1] == "empty":
    stored._patterns = {}
from extract.cli import main
code = main(["parse", "-q", "-o", sys.argv[3], sys.argv[2]])
through_store = set(stored.MISSED)
direct = [[pattern, flags] for pattern, flags in calls if (pattern, flags) not in through_store]
regex.compile = _compile
fresh = [[flags, stored.pickled(regex.compile(pattern, flags))] for pattern, flags in dict.fromkeys(stored.MISSED)]
print(json.dumps({"code": code, "missed": stored.MISSED, "fresh": fresh, "direct": direct}, ensure_ascii=False))
"""


def probe(*, empty: bool) -> dict:
    """A CLI parse of the fixture: ``missed``, the (pattern, flags) compiled without a stored form
    (with ``empty``, all of them), and ``fresh``, each compiled now, as ``[flags, pickled]``."""
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, "empty" if empty else "stored", str(FIXTURE), out],
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
    report = json.loads(result.stdout)
    if report["code"] != 0:
        raise RuntimeError(f"parse of {FIXTURE} failed: {result.stderr}")
    return report


def stored_entries() -> tuple[str | None, list[list]]:
    """``PATTERNS_FILE``'s `regex` version and entries (None, [] when there is none)."""
    try:
        stored = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    except OSError:
        return None, []
    return stored["regex"], stored["patterns"]


def patterns_to_store() -> list[list]:
    """The entries ``PATTERNS_FILE`` must hold: every pattern the parse compiles, freshly compiled,
    except that a stored entry that is the same compilation is kept (no change to commit)."""
    import regex

    version, entries = stored_entries()
    kept = {(data[0], flags): [flags, data] for flags, data in entries} if version == regex.__version__ else {}
    out = []
    for flags, data in probe(empty=True)["fresh"]:
        old = kept.get((data[0], flags))
        out.append(old if old is not None and same_compilation(old[1], data) else [flags, data])
    return out


def main() -> int:
    for path in STORED:
        target = stored_path(path)
        target.write_text(stored_text(path), encoding="utf-8")
        print(f"written: {target.relative_to(ROOT)}")
    PATTERNS_FILE.write_text(patterns_text(patterns_to_store()), encoding="utf-8")
    print(f"written: {PATTERNS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
