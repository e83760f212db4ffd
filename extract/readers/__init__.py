"""Readers: bytes of one input file → ``extract.document.Document``.

One module (or folder) a format — ``text``, ``pdf/``, ``hwp`` (HWP 5, over olefile),
``hwpx`` (OWPML zip) — each known by its signature, not by its file name alone.
``sniff`` names the format of the first bytes; the rest of the pipeline never asks.
"""
