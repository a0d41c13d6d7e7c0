"""quotes: who said what — direct, indirect and mixed quotes with speaker, cue and channel.

`marks` finds quotation marks and the stretches they enclose, `cues` is the lexicon of
speech verbs and speaker words, `find` finds attributions (content span, cue, speaker,
channel; `attribution` is their record) from the parse, with `quoted` for stretches of
quoted text and `learned` for the trained model that decides uncertain candidates;
`speakers` turns attributions into `Quote` records whose speakers are actors.
"""
