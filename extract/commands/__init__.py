"""Sub-commands of ``plan-extract``, one module each.

Each module has ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``,
and imports what its work needs inside ``run`` so that start-up stays light.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# Command name → module; the order is the order ``--help`` lists them in.
COMMANDS = ("parse", "export", "agencies", "diff", "schema")


def load(name: str) -> ModuleType:
    return import_module(f"{__name__}.{name}")
