"""figures: numbers with unit and scale, what they measure, the period and who claims them.

The number reader (`quantities`) finds money, per cent, fractions, ranks, physical
quantities and scaled counts in each sentence; plain counts ("about 1,200 troops") are
taken from the parse (a number modifying a noun that is not a time unit). Then:

- measure — the noun phrase the number quantifies: what follows "of"/"in" ("13.8
  billion cubic metres of gas shipped to China"), the noun it modifies ("a $70 billion
  aid package"), or the subject of the verb it changes ("imports will decline by 19 per
  cent" → "imports");
- period — the time expression of the sentence (inside the quote when the figure is
  quoted) nearest the figure, leaving out comparison baselines ("compared to 2021");
- claimant — the speaker of the quote or attribution the figure stands in (the quotes
  stage runs first), so "Mr Putin said that …" and "according to the IMF" both count.

`find` ties these together (`figures_for`).
"""
