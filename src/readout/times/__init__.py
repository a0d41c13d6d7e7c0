"""times: every date expression in the text, resolved against the publication date.

Finds expressions with compiled patterns over the text (`rules`, number words in
`numbers`), reads the tense of each tense-sensitive one from the parse (`tense`), settles
the publication date — given, or inferred from the text (`published`) — and resolves each
expression to an inclusive interval with its precision (`resolve`: one module per family of
resolvers, a registry that merges their tables, and `resolve.calendar` for the arithmetic
they share). Then expressions combine (`compound`): "from March to May" and "between now
and November" become one range, "3 days after January 12th" shifts the date, "for two
weeks starting May 20th" is a span, "on 18 and 19 June" is two days. spaCy DATE entities
the rules missed go to dateparser (`fallback`). `find` ties these together.
"""
