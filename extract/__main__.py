"""``python -m extract`` is ``plan-extract``."""

import sys

from .cli import main

sys.exit(main())
