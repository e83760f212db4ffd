"""PDF input: two engines that read a page into words and rules, and the shared geometry.

* ``page.py`` — the engine-neutral page: ``Word``, ``Edge``, ``PageContent``, and
  ``build_words`` (characters → words, glyphs drawn twice dropped);
* ``plumber.py`` — the pdfplumber engine (the reference);
* ``pdfium.py`` — the pypdfium2 engine (fast);
* ``layout.py`` — a page's words and rules → text lines in reading order, table
  rows composed as ``task cell<TAB>agency cell``.

``reader.py`` runs them page by page and composes the text the core
parser reads. Nothing here is imported unless the input is a PDF.
"""

ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"
