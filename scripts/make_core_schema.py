"""Write ``extract/data/plan.core-schema.json``: the core schema ``parse`` validates with.

Run after changing ``extract/models.py`` (``tests/test_schema.py`` says when):

    python3 scripts/make_core_schema.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import DATA_DIR  # noqa: E402
from extract.core_schema import core_schema_text  # noqa: E402
from extract.models import PlanDocument  # noqa: E402
from extract.validate import CORE_SCHEMA_FILE  # noqa: E402


def main() -> int:
    target = DATA_DIR / CORE_SCHEMA_FILE
    target.write_text(core_schema_text(PlanDocument), encoding="utf-8")
    print(f"written: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
