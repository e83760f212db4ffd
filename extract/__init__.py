"""plan-extract: Korean government plans (numbered task tables with lead agencies) → validated JSON.

The pipeline, one module a stage:
read → normalize → furniture + tokenize → tree → content (title/label/agencies, via agencies)
→ models (validate) → write.  ``pipeline.parse_file`` runs it all.
"""

__version__ = "0.1.0"
