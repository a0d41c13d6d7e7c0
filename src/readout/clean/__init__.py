"""clean: from a reader's raw text to the Document's clean body and its parts.

Takes out what is not the report (title, photo caption and credit, dateline, wire
credits, scrape noise), records what was removed, and fixes the text whose
offsets every later stage refers to. Patterns come from knowledge/boilerplate.toml.

`boilerplate` splits off and records the parts (`clean_text`), `language` tells English
from other text, `document` makes the `Document` a raw article starts as.
"""
