"""plan-extract: Korean government plans (HWP, HWPX, PDF, text) → validated hierarchical JSON.

The pipeline, as the folders show it:

    readers/   text, pdf/, hwp, hwpx: the bytes of one file → document.Document (blocks)
    parse/     normalize → furniture + tokenize → tree → content (title, label, agencies)
    validate   the tree against models (the data model, in one place: models.py)
    write      JSON out; export/ (csv, jsonl, sqlite, agency counts) and diff/ read it back

``pipeline.load(path)`` runs it all; ``commands/`` holds the command-line front ends.
"""

from pathlib import Path

__version__ = "0.1.0"

# Package data, read as plain files beside the code: importing importlib.resources
# to find them would cost ~10 ms of every run's start-up.
DATA_DIR = Path(__file__).parent / "data"  # the agency registry, stop words, the stored core schema
PROFILES_DIR = Path(__file__).parent / "profiles"
