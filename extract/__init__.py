"""plan-extract: Korean government plans (numbered task tables with lead agencies) → validated JSON.

The pipeline, one module a stage:
read → normalize → furniture + tokenize → tree → content (title/label/agencies, via agencies)
→ validate (against models) → write.  ``pipeline.parse_file`` runs it all.
"""

from pathlib import Path

__version__ = "0.1.0"

# Package data, read as plain files beside the code: importing importlib.resources
# to find them would cost ~10 ms of every run's start-up.
DATA_DIR = Path(__file__).parent / "data"  # the agency registry, stop words, the stored core schema
PROFILES_DIR = Path(__file__).parent / "profiles"
