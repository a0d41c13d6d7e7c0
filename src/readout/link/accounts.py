"""Accounts of one linked event: per source (outlet) and per voice within it (the outlet's
own narration, then each quoted speaker or claimant), side by side, and where they differ.

What belongs to an event's account in one article: the event's own mention sentences and
the actors named in them, quotes an event record cites (`quote_id`), and the quotes and
figures within `scope_sentences` of one of its mentions; the article's main linked event
(the most widely reported one in it) takes every quote and figure of the article. Differences are found between accounts: a figure
(same measure and unit) with different values, a figure, participant or related event one
source gives and another omits, a speaker only some sources quote, and an article that
carries two or more voices.
"""
from __future__ import annotations

from collections import defaultdict

from ..config import Config, load_config
from ..errors import StoreError
from .stories import plural_stem


def _rows(store, sql: str, params: list) -> list[dict]:
    return store.query(sql, params)


def _fmt_value(v) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _figure_key(f: dict) -> tuple | None:
    """(measure, unit head) — 'Indian soldiers' and 'soldiers' count the same thing."""
    if not f.get("measure") and not f.get("unit"):
        return None
    words = (f.get("unit") or "").lower().split()
    return (f.get("measure") or "", plural_stem(words[-1]) if words else "")


def _figure_label(key: tuple) -> str:
    measure, unit = key
    return " ".join(x for x in (measure, f"({unit})" if unit else "") if x) or "figure"


def accounts(store, linked_event_id: str, scope_sentences: int | None = None,
             config: Config | None = None, quote_categories: tuple[str, ...] | None = None) -> dict:
    """The accounts of one linked event; raises StoreError if there is no such event.
    `scope_sentences` defaults to the configuration's `link.accounts.scope_sentences`,
    `quote_categories` (which quotes are a voice's) to its `quote_categories` (speech)."""
    if scope_sentences is None or quote_categories is None:
        cfg = config or load_config()
        scope_sentences = cfg.link.accounts.scope_sentences if scope_sentences is None else scope_sentences
        quote_categories = cfg.quote_categories if quote_categories is None else quote_categories
    found = _rows(store, "SELECT * FROM linked_events WHERE id = ?", [linked_event_id])
    if not found:
        raise StoreError(f"no linked event {linked_event_id!r} (see `readout stories`)")
    event = found[0]
    mentions = _rows(store, """
        SELECT m.*, e.source_name, e.target_name, e.quote_id FROM event_mentions m
        LEFT JOIN events e ON e.id = m.event_id WHERE m.linked_event_id = ?
        ORDER BY m.published NULLS LAST, m.article_id, m.sentence""", [linked_event_id])
    article_ids = list(dict.fromkeys(m["article_id"] for m in mentions))
    story = _rows(store, "SELECT id, title, label, n_articles FROM stories WHERE id = ?",
                  [event["story_id"]])
    result = {"event": event, "story": story[0] if story else None, "sources": [],
              "differences": []}
    if not article_ids:
        return result
    ids = article_ids
    arts = {a["id"]: a for a in _rows(store, "SELECT id, outlet, title, published, url FROM articles "
                                             "WHERE list_contains(?, id)", [ids])}
    others = _rows(store, """
        SELECT em.article_id, em.linked_event_id, em.sentence, le.n_articles, le.type,
               le.source_name, le.target_name
        FROM event_mentions em JOIN linked_events le ON le.id = em.linked_event_id
        WHERE list_contains(?, em.article_id)""", [ids])
    quotes = _rows(store, "SELECT * FROM quotes WHERE list_contains(?, article_id) "
                          "AND list_contains(?, category) ORDER BY article_id, start",
                   [ids, list(quote_categories)])
    figures = _rows(store, "SELECT * FROM figures WHERE list_contains(?, article_id) "
                           "ORDER BY article_id, start", [ids])
    named = _rows(store, """
        SELECT mn.article_id, mn.sentence, a.name FROM mentions mn JOIN actors a ON a.id = mn.actor_id
        WHERE list_contains(?, mn.article_id)""", [ids])

    by_article = defaultdict(list)
    for m in mentions:
        by_article[m["article_id"]].append(m)
    events_in = defaultdict(list)
    for o in others:
        events_in[o["article_id"]].append(o)
    quotes_in, figures_in, named_in = defaultdict(list), defaultdict(list), defaultdict(list)
    for q in quotes:
        quotes_in[q["article_id"]].append(q)
    for f in figures:
        figures_in[f["article_id"]].append(f)
    for n in named:
        named_in[n["article_id"]].append(n)

    for aid in article_ids:
        own = by_article[aid]
        cited = {m["quote_id"] for m in own if m["quote_id"]}
        belongs = _scope(linked_event_id, events_in[aid], scope_sentences)
        sentences = {m["sentence"] for m in own}
        participants = []
        for m in own:
            participants += [m["source_name"], m["target_name"]]
        participants += [n["name"] for n in named_in[aid] if n["sentence"] in sentences]
        voices: dict = {}

        def voice(name):
            return voices.setdefault(name, {"speaker": name, "quotes": [], "figures": []})

        voice(None)
        for q in quotes_in[aid]:
            if q["id"] in cited or belongs(q["sentence"]):
                voice(q["speaker_name"] or q["speaker_text"])["quotes"].append(
                    {"text": q["text"], "kind": q["kind"], "sentence": q["sentence"]})
        for f in figures_in[aid]:
            if belongs(f["sentence"]):
                voice(f["claimant_name"])["figures"].append(
                    {"text": f["text"], "value": f["value"], "unit": f["unit"],
                     "measure": f["measure"], "sentence": f["sentence"]})
        art = arts.get(aid, {})
        result["sources"].append({
            "article_id": aid, "source": art.get("outlet") or art.get("title") or aid,
            "outlet": art.get("outlet"), "title": art.get("title"), "published": art.get("published"),
            "url": art.get("url"),
            "mentions": [{"sentence": m["sentence"], "evidence": m["evidence"]} for m in own],
            "participants": sorted({p for p in participants if p}),
            "voices": list(voices.values()),
            "related": sorted({o["linked_event_id"] for o in events_in[aid]
                               if o["linked_event_id"] != linked_event_id}),
        })
    result["differences"] = differences(result["sources"], others, event)
    return result


def _scope(event_id: str, article_events: list[dict], scope: int):
    """A test: does a quote or figure at sentence `s` belong to the event in this article?"""
    by_event: dict[str, list[int]] = defaultdict(list)
    reach: dict[str, int] = {}
    for o in article_events:
        if o["sentence"] is not None:
            by_event[o["linked_event_id"]].append(o["sentence"])
        reach[o["linked_event_id"]] = o["n_articles"] or 0
    if not by_event.get(event_id):
        return lambda s: not by_event      # no mention has a sentence: the whole article
    main = max(by_event, key=lambda e: (reach.get(e, 0), len(by_event[e]), -min(by_event[e]), e))

    def belongs(s) -> bool:
        if event_id == main:
            return True
        return s is not None and s >= 0 and min(abs(s - x) for x in by_event[event_id]) <= scope
    return belongs


def _label(source: dict, speaker) -> str:
    return source["source"] + (f" / {speaker}" if speaker else "")


def differences(sources: list[dict], others: list[dict], event: dict) -> list[dict]:
    """Where the accounts differ (see the module docstring)."""
    out: list[dict] = []
    labels = [s["source"] for s in sources]
    # figures: values per account, keyed by measure and unit
    values: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s in sources:
        for v in s["voices"]:
            for f in v["figures"]:
                key = _figure_key(f)
                if key is not None and f["value"] is not None:
                    values[key][_label(s, v["speaker"])].add(f["value"])
    for key, per in sorted(values.items()):
        distinct = set().union(*per.values())
        reporting = {lab.split(" / ")[0] for lab in per}
        if len(distinct) > 1:
            detail = _figure_label(key) + " — " + "; ".join(
                f"{lab}: {', '.join(_fmt_value(x) for x in sorted(vals))}" for lab, vals in per.items())
            out.append({"what": "figure differs", "key": _figure_label(key), "detail": detail,
                        "by_source": {lab: sorted(vals) for lab, vals in per.items()}})
        missing = [lab for lab in labels if lab not in reporting]
        if missing and len(labels) > 1:
            out.append({"what": "figure omitted", "key": _figure_label(key),
                        "detail": f"{_figure_label(key)} — given by {', '.join(sorted(reporting))}; "
                                     f"not by {', '.join(missing)}",
                        "by_source": {lab: sorted(vals) for lab, vals in per.items()}})
    if len(sources) > 1:
        # participants and quoted speakers that only some sources carry
        for what, get in (("participant only in", lambda s: set(s["participants"])),
                          ("quote only in", lambda s: {v["speaker"] for v in s["voices"]
                                                       if v["speaker"] and v["quotes"]})):
            per = {s["source"]: get(s) for s in sources}
            union = set().union(*per.values())
            for item in sorted(union):
                having = sorted({lab for lab, items in per.items() if item in items})
                if len(having) < len(per):
                    out.append({"what": what, "key": item,
                                "detail": f"{item}: {', '.join(having)}; not "
                                          f"{', '.join(sorted(set(per) - set(having)))}",
                                "by_source": {lab: item in items for lab, items in per.items()}})
        # related events (other linked events of the same articles) only some sources report
        related = defaultdict(set)
        info = {}
        for o in others:
            if o["linked_event_id"] != event["id"]:
                related[o["linked_event_id"]].add(o["article_id"])
                info[o["linked_event_id"]] = o
        src_of = {s["article_id"]: s["source"] for s in sources}
        shared = {event.get("source_name"), event.get("target_name")} - {None}
        for le_id, arts in sorted(related.items()):
            o = info[le_id]
            if shared and not ({o["source_name"], o["target_name"]} & shared):
                continue
            having = sorted({src_of[a] for a in arts})
            if len(having) < len(set(src_of.values())):
                who = " → ".join(x for x in (o["source_name"], o["target_name"]) if x)
                out.append({"what": "related event only in", "key": le_id,
                            "detail": f"{o['type']} {who} ({le_id}): {', '.join(having)}",
                            "by_source": {lab: lab in having for lab in set(src_of.values())}})
    for s in sources:
        speakers = [v["speaker"] for v in s["voices"] if v["speaker"] and (v["quotes"] or v["figures"])]
        if len(speakers) > 1:
            out.append({"what": "accounts within one article", "key": s["article_id"],
                        "detail": f"{s['source']} gives {len(speakers)} accounts: {', '.join(speakers)}",
                        "by_source": {s["source"]: speakers}})
    return out
