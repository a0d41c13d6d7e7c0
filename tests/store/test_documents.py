"""Documents rebuilt from a shard's tables equal the documents that made them."""
from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from readout.store.documents import documents_from_tables
from readout.store.schema import tables_from_documents

from ..store.test_store import documents


def as_stored(doc):
    """The store keeps one mention per actor and span (the row id is actor + offsets)."""
    doc = copy.deepcopy(doc)
    for a in doc.actors:
        seen, kept = set(), []
        for m in a.mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                kept.append(m)
        a.mentions = kept
    return doc


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(documents(), min_size=1, max_size=3))
def test_documents_round_trip_through_tables(docs):
    unique = list({d.id: d for d in docs}.values())
    rebuilt = documents_from_tables(tables_from_documents(unique))
    assert [d.to_dict() for d in rebuilt] == [as_stored(d).to_dict() for d in unique]
