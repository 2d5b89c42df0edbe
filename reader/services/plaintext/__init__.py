"""A whole web page saved as plain text, cleaned down to its article.

Without markup the only evidence is the lines themselves. :mod:`.lines` describes each line
in terms that need no knowledge of the site or of its language's vocabulary; :mod:`.region`
finds the article as a region of lines (a line model, a Viterbi pass that lets a box
interrupt the article without ending it, and a model of where the article ends);
:mod:`.headline` finds the title, byline and date around it; :mod:`.render` gives the
article's paragraphs, headings and lists back as HTML and text.

The weights (:mod:`.weights`) are fitted by ``bench/plaintext_weights.py`` on development
sets of saved pages, which also reports the scores of the whole extractor on pages of sites
whose pages it was not fitted on.
"""

from __future__ import annotations

from reader.services.plaintext.page import clean_markdown, clean_plain_text, extract_plain_text

__all__ = ["clean_markdown", "clean_plain_text", "extract_plain_text"]
