"""nlp: the spaCy side — loading a pipeline (`model`), the fast attribute table that replaces
its attribute ruler (`attribute_table`), the text kept beside a parsed Doc (`text`) and the
sentence spans of a parse (`sentences`)."""
