"""Write the stored JSON copy of each bundled TOML file (``extract/stored.py``).

Run after editing ``extract/data/*.toml`` or ``extract/profiles/*.toml``
(``tests/test_stored.py`` says when):

    python3 scripts/store_toml.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import DATA_DIR, PROFILES_DIR  # noqa: E402
from extract.stored import stored_path, stored_text  # noqa: E402

# The TOML files a run reads on every parse; the others are read rarely enough to parse.
STORED = (DATA_DIR / "agencies.toml", DATA_DIR / "agency_stopwords.toml", PROFILES_DIR / "default.toml")


def main() -> int:
    for path in STORED:
        target = stored_path(path)
        target.write_text(stored_text(path), encoding="utf-8")
        print(f"written: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
