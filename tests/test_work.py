"""The work item's actor register: one path to add actors, an index that cannot go stale."""
from __future__ import annotations

from readout.records import Actor, Document, Mention, RawArticle
from readout.work import WORK_FIELDS, WorkItem


def _item() -> WorkItem:
    item = WorkItem(raw=RawArticle(text="Mr Xi met Mr Putin in Moscow.", input_name="x"))
    item.document = Document(id="d", text=item.raw.text)
    return item


def _actor(aid: str, name: str, *spans) -> Actor:
    return Actor(aid, name, None, None, None, "person",
                 mentions=[Mention(s, e, name, "name") for s, e in spans])


def test_set_then_lookup_prefers_the_tightest_mention():
    item = _item()
    item.actors.set([_actor("xi", "Mr Xi", (0, 5)), _actor("wide", "Mr Xi met", (0, 9))])
    assert item.document.actors[0].id == "xi"
    assert item.actors.at(3, 5).id == "xi"
    assert item.actors.at(6, 9).id == "wide"
    assert item.actors.at(22, 28) is None


def test_add_makes_the_actor_findable_at_once_and_keeps_ids_unique():
    item = _item()
    item.actors.set([_actor("xi", "Mr Xi", (0, 5))])
    assert item.actors.at(10, 18) is None
    putin = item.actors.add(_actor("putin", "Mr Putin"), Mention(10, 18, "Mr Putin", "speaker"), by="quotes")
    assert item.actors.at(10, 18) is putin
    again = item.actors.add(_actor("putin", "Putin"), Mention(13, 18, "Putin", "speaker"), by="events")
    assert again is putin and len(item.document.actors) == 2
    assert [(m.start, m.end) for m in putin.mentions] == [(10, 18), (13, 18)]
    item.actors.add(putin, Mention(10, 18, "Mr Putin", "speaker"), by="events")   # same span: kept once
    assert len(putin.mentions) == 2
    assert item.actors.added_by == {"putin": "quotes"}


def test_the_index_follows_changes_made_behind_its_back():
    item = _item()
    item.actors.set([_actor("xi", "Mr Xi", (0, 5))])
    assert item.actors.at(22, 28) is None
    item.document.actors[0].mentions.append(Mention(22, 28, "Moscow", "odd"))
    assert item.actors.at(22, 28).id == "xi"
    item.document.actors = [_actor("m", "Moscow", (22, 28))]
    assert item.actors.at(22, 28).id == "m" and item.actors.at(0, 5) is None


def test_work_fields_are_the_dataclass_fields():
    assert {"raw", "document", "parsed", "published_date", "places", "actors"} == WORK_FIELDS
