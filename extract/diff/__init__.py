"""Year-over-year diff of two editions of a plan (``plan-extract diff``).

``match.py`` pairs the tasks and headings of two ``PlanDocument``s by content,
``report.py`` builds the ``DiffReport`` (``models.py``, the JSON contract),
``sections.py`` and ``words.py`` prepare it for people, ``render_md.py`` and
``render_html.py`` lay it out. Needs the ``diff`` extra (rapidfuzz, scipy) except
``models.py``. Each side is read by ``commands/diff.py`` with ``extract.load``
(plan JSON) or ``pipeline.load`` (text, PDF).
"""
