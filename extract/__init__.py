"""plan-extract: Korean government plans (HWP, HWPX, PDF, text) → validated hierarchical JSON.

The pipeline, as the folders show it:

    readers/   text, pdf/, hwp, hwpx: the bytes of one file → document.Document (blocks)
    stages/    compose → normalize → furniture + tokenize → layout → tree → content (title,
               label, agencies): the parse stages
    validate   the tree against models (the data model, in one place: models.py)
    write      JSON out; export/ (csv, jsonl, sqlite, agency counts) and diff/ read it back

``pipeline.load(path)`` runs it all; ``commands/`` holds the command-line front ends.

The Python API is one call, ``extract.parse(path_or_bytes_or_text, …)`` → the validated
``models.PlanDocument`` (see ``api.py``); nothing heavy is imported until it is called.
"""

from pathlib import Path

__version__ = "0.1.0"

# Package data, read as plain files beside the code: importing importlib.resources
# to find them would cost ~10 ms of every run's start-up.
DATA_DIR = Path(__file__).parent / "data"  # the agency registry, stop words, the stored core schema
PROFILES_DIR = Path(__file__).parent / "profiles"
# Inputs are read whole; past this many bytes (--max-bytes overrides it) reading stops with exit 4,
# so stdin fed from /dev/zero cannot exhaust memory. The largest real plan here is a few MB.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def parse(source, **options):
    """``extract.parse(path_or_bytes_or_text, …)`` → the validated ``models.PlanDocument``
    (``api.parse``; imported on the first call, so ``import extract`` stays cheap)."""
    from .api import parse as parse_plan

    return parse_plan(source, **options)
