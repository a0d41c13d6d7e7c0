"""The event coder behind the `events` stage.

`lexicon` loads the data (CAMEO verb patterns, news triggers, frames, code tables) and
`patterns` matches dictionary patterns; `triggers` gives a verb or event noun its base
code; `roles` and `arguments` find source and target actors over the dependency parse;
`frames` codes frame verbs ("offered to", "refused to", "said X must") and future intent;
`status` decides occurred / intended / negated / hypothetical; `anchors` attaches dates and
places; `coder` puts them together per document.
"""
