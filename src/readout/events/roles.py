"""Source and target of a coded trigger: dependency roles mapped to the actors stage's
mentions, with fallbacks for places used as destinations, nationality groups the actors
stage did not list, pronouns in quotes and protest targets."""
from __future__ import annotations

from ..actors.context import article_country, context_country, ethnic_head, residence, sentence_countries
from ..actors.knowledge import knowledge
from ..records import Actor, Mention, stable_id
from .arguments import (PRONOUNS_FIRST, agent_token, dedupe_country, np_actors, object_tokens,
                        prep_objects, shared_object_verb, subject_token)
from .common import (NOUN_TARGET_PREPS, NOUN_SOURCE_PREPS, CONSULT_TOPIC_PREPS, QUANTITY_HEADS,
                     DEST_PREPS, SCENE_PREPS, Base, Candidate, country_name, demonym_table, is_named,
                     is_verbal)
from .status import clause_head


# Prepositions that name the other side of a conflict, and the cooperative roots an actor
# behind them cannot be the partner of ("joined the coalition against ISIS").
OPPOSED_PREPS = ("against", "versus")
COOPERATIVE_ROOTS = ("03", "04", "05", "06", "07", "08")


class RoleFinding:
    """Who did it to whom (mixed into DocumentCoder)."""

    def actors_of(self, tok) -> list[Actor]:
        acts = [a for a in np_actors(self.index, tok, self.resolve) if is_named(a)]
        if not acts and tok.pos_ in ("NOUN", "PROPN"):
            acts = self._demonym_actor(tok)
        if not acts and (tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_sent_start):
            acts = self._generic_actor(tok)
        if len(acts) == 1 and acts[0].country is None and acts[0].kind != "igo":
            acts = self._located_actor(tok, acts[0]) or acts
        return acts

    def _located_actor(self, tok, actor: Actor) -> list[Actor]:
        """"demonstrators in Baghdad", "security forces in Guinea": an actor with no country
        takes the country of the place its phrase names — as this group, in this sentence."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "of", "from"):
                continue
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                code = None
                hit = self.anchors.place_of.get(o.i)
                if hit is not None:
                    code = hit[1]
                else:
                    for a in self.index.at(o.idx, o.idx + len(o)):
                        if a.kind == "country" or (a.kind == "organisation" and a.sector == "GOV"):
                            code = a.country
                            break
                if not code:
                    continue
                start, end = tok.left_edge.idx, o.right_edge.idx + len(o.right_edge)
                text = self.document.text[start:end]
                aid = stable_id(self.document.id, "located", start, end)
                made = self.item.actors.get(aid)
                if made is None:
                    made = self.item.actors.add(
                        Actor(id=aid, name=text, country=code, sector=actor.sector,
                              code=code + (actor.sector or ""), kind="group", mentions=[]),
                        Mention(start, end, text, "located"), by="events")
                    self.index.add(made, start, end)
                return [made]
        return []

    def _generic_actor(self, tok) -> list[Actor]:
        """"officers shot …", "residents fled", "the church said": a generic agent the actors
        stage leaves out for want of a country cue (roles.tsv `weak`) is, as the trigger's own
        argument, an actor of the country its phrase places it in ("residents of Gaza"), else
        of the one country its sentence names, else of the article's; with none, no side."""
        k = knowledge()
        row = k.roles.get(tok.lower_)
        if row is None or "weak" not in (row[3] or ()) or not row[0]:
            return []
        sector, kind = row[0], row[1]
        if kind not in ("group", "person", "organisation"):
            return []
        probe = Actor(id="", name=tok.text, country=None, sector=sector[:3], code=sector, kind="group", mentions=[])
        located = self._located_actor(tok, probe)
        if located:
            return located
        code = self._context_country(tok.idx)
        if not code:
            return []
        start, end = tok.idx, tok.idx + len(tok)
        key = ("generic", code, sector, tok.lower_)
        aid = stable_id(self.document.id, *key)
        actor = self._made.get(key) or self.item.actors.get(aid)
        if actor is None:
            name = f"{k.demonym(code) or code} {tok.lower_}"
            actor = Actor(id=aid, name=name, country=code, sector=sector[:3], code=code + sector,
                          kind="group" if kind != "person" else "person", mentions=[])
        actor = self.item.actors.add(actor, Mention(start, end, tok.text, "generic"), by="events")
        self._made[key] = actor
        self.index.add(actor, start, end)
        return [actor]

    def _context_country(self, offset: int) -> str | None:
        """The one country the sentence at `offset` names (actors and places), else the
        article's dominant country (actors/context.py)."""
        ctx = getattr(self, "_country_context", None)
        if ctx is None:
            k = knowledge()
            starts = [s.start for s in self.document.sentences or ()]
            by_sentence = sentence_countries(list(self.item.actors), self.item.places, starts, k) if starts else {}
            ctx = self._country_context = (starts, by_sentence, article_country(by_sentence))
        starts, by_sentence, article = ctx
        if not starts:
            return None
        probe = Actor(id="", name="", country=None, sector=None, code=None, kind="group",
                      mentions=[Mention(offset, offset + 1, "", "probe")])
        here = by_sentence.get(next((i for i in range(len(starts) - 1, -1, -1) if starts[i] <= offset), 0), set())
        if len(here) > 1:
            return None            # two countries in the sentence: it could be either
        return context_country(probe, by_sentence, starts) or article

    def _demonym_actor(self, tok) -> list[Actor]:
        """"Palestinian prisoners", "Iraqi Kurds", "Palestinians": a group of a nationality the
        actors stage did not list — made here so the event keeps its side."""
        demonyms = demonym_table()
        if not demonyms:
            return []
        code = demonyms.get(tok.lower_) if tok.tag_ in ("NNPS", "NNS") else None
        start = end = None
        if code is None and tok.lemma_.lower() in QUANTITY_HEADS:
            for c in tok.children:     # "thousands of Iraqi Kurds", "a group of Palestinian youths"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"):
                            return self._demonym_actor(o)
        if code is None:
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.lower_ in demonyms:
                    code = demonyms[c.lower_]
                    start = c.idx
                    break
        else:
            start = tok.idx
        if code is None:
            return []
        end = tok.idx + len(tok)
        for a in self.index.at(start, end):
            return [a]
        text = self.document.text[start:end]
        ethnic = ethnic_head(tok, demonyms)
        if ethnic:
            # "the Albanian minority in Macedonia": a community of the country it lives in
            code = residence(tok, self._country_at) or ""
        key = ("demonym", code, text.lower())
        actor = self._made.get(key) or self.item.actors.get(stable_id(self.document.id, *key))
        if actor is None:
            kind = "country" if start == tok.idx and not ethnic else "group"
            actor = Actor(id=stable_id(self.document.id, *key), name=text if kind == "group" else
                          (country_name(code) or text), country=code or None,
                          sector="CVL" if ethnic else None, code=(code + "CVL") if ethnic else code,
                          kind=kind, mentions=[])
        actor = self.item.actors.add(actor, Mention(start, end, text, "demonym"), by="events")
        self._made[key] = actor
        self.index.add(actor, start, end)
        return [actor]

    def _country_at(self, tok) -> str | None:
        """The country a token names as a place or as a country/government actor."""
        hit = self.anchors.place_of.get(tok.i)
        if hit is not None and hit[1]:
            return hit[1]
        for a in self.index.at(tok.idx, tok.idx + len(tok)):
            if a.country and (a.kind == "country" or a.kind == "organisation" and a.sector == "GOV"):
                return a.country
        return None

    def _quote_of(self, tok):
        pos = tok.idx
        for q in self.quotes:
            if q.start <= pos < q.end:
                return q
            if q.start > pos:
                break
        return None

    def _first_person(self, tok, acts: list[Actor]) -> list[Actor]:
        """'we'/'I' inside a quote → the quote's speaker."""
        if acts or tok is None or tok.lower_ not in PRONOUNS_FIRST:
            return acts
        q = self._quote_of(tok)
        if q is not None and q.speaker:
            a = self.document.actor(q.speaker)
            if a is not None:
                return [a]
        return acts

    def place_actor(self, tok) -> list[Actor]:
        """The country of a place used as a destination ("a state visit to Russia"): its actor,
        made if the article names it only as a place."""
        hit = self.anchors.place_of.get(tok.i)
        if hit is None or not hit[1]:
            return []
        return self._country_actor(hit[0], hit[1], tok)

    def _country_actor(self, name: str, code: str, tok, mention: bool = True,
                       avoid: frozenset | set = frozenset()) -> list[Actor]:
        """The actor of a country: the country itself, else its government, else made here
        (`avoid`: actors that may not stand for it — the event's own source)."""
        for a in self.document.actors:
            if a.country == code and a.kind == "country" and a.id not in avoid:
                return [a]
        for a in self.document.actors:
            if a.country == code and a.kind == "organisation" and a.sector == "GOV" and a.id not in avoid \
                    and (a.name.startswith("Government of") or a.name.lower() in ("government", "the government")
                         or any(m.how == "metonymy" for m in a.mentions)):
                return [a]      # the government itself, not one of its ministries
        span = self.doc.char_span(tok.idx, tok.idx + len(tok), alignment_mode="expand")
        for p in self.item.places:
            if p.start <= tok.idx < p.end:
                start, end = p.start, p.end
                break
        else:
            start, end = span.start_char, span.end_char
        aid = stable_id(self.document.id, "place-country", code)
        if aid in avoid:      # the country is the other side already: its government acts
            aid = stable_id(self.document.id, "place-government", code)
            actor = self.item.actors.get(aid) or self.item.actors.add(
                Actor(id=aid, name=f"Government of {country_name(code) or name}", country=code,
                      sector="GOV", code=code + "GOV", kind="organisation", mentions=[]), by="events")
            return [actor]
        actor = self.item.actors.get(aid) or Actor(
            id=aid, name=country_name(code) or name, country=code, sector=None, code=code,
            kind="country", mentions=[])
        if not mention:
            return [self.item.actors.add(actor, by="events")]
        actor = self.item.actors.add(actor, Mention(start, end, self.document.text[start:end], "place"),
                                     by="events")
        self.index.add(actor, start, end)
        return [actor]

    @staticmethod
    def _own_forces(actor: Actor, sources: list[Actor]) -> bool:
        """A group of the source's own (its troops, police, forces), not another party."""
        own = {a.country for a in sources}
        return actor.kind == "group" and actor.sector in (None, "MIL", "COP", "GOV") \
            and (actor.country is None or actor.country in own)

    @staticmethod
    def _own_subject(v):
        return next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)

    def _comma_and(self, v) -> bool:
        """", and accused …": a comma before the conjunction, the mark of a conjunct of the
        outer clause."""
        i = v.left_edge.i if v.left_edge.i < v.i else v.i
        before = [t for t in self.doc[max(v.sent.start, i - 3):i]]
        words = [t.lower_ for t in before]
        return len(words) >= 2 and words[-1] in ("and", "but") and words[-2] == ","

    def _speaker_above(self, v) -> list[Actor]:
        """"Farage said the warning showed …, and accused Downing Street": a conjunct parsed
        under the reported clause, whose inherited subject is no actor, belongs to the
        speaker of the clause it hangs in."""
        h = v.head
        for _ in range(3):
            if h.dep_ not in ("ccomp", "conj") or h.head.i == h.i:
                return []
            h = h.head
            if h.lemma_.lower() in self.cues.speech_verbs:
                subj, passive = subject_token(h)     # "a panel, which said …" → the panel
                return self.actors_of(subj) if subj is not None and not passive else []
        return []

    def verb_roles(self, v, base: Base) -> tuple[list[Actor], list[Actor], bool]:
        subj, passive = subject_token(v)
        sources: list[Actor] = []
        targets: list[Actor] = []
        if subj is not None and not self._same_sentence(subj, v):
            # a parse that runs across a paragraph break (a headline above): the first
            # actor named before the verb in its own sentence
            subj = None
            sent = self.document.sentences[self.document.sentence_index(v.idx)]
            for t in self.doc[v.sent.start:v.i]:
                if t.idx >= sent.start:
                    acts = [a for a in self.index.at(t.idx, t.idx + len(t)) if is_named(a)]
                    if acts:
                        sources = acts
                        break
        if subj is not None:
            acts = self._first_person(subj, self.actors_of(subj))
            if not passive and subj.pos_ == "NOUN" and subj.lemma_.lower() in self._non_agents:
                acts = []     # "the Greek crisis underlined the need": a state of affairs acts on no one
            ag = agent_token(v) if passive else None
            if passive and ag is None and v.lemma_.lower() in self._stative:
                sources = acts      # "Israel is opposed to …", "forces were engaged in …"
            elif passive:
                targets = acts
                if ag is not None:
                    sources = self.actors_of(ag)
            else:
                sources = acts
        if not passive and v.dep_ == "conj" and self._own_subject(v) is None and (
                (not sources and subj is None) or self._comma_and(v)):
            # (a shared subject that is no actor, "the whole world applauded and thanked China",
            # does not hand the act to the speaker)
            sources = self._speaker_above(v) or sources
        direct = bool(sources)
        if not targets:
            shared = shared_object_verb(v)
            phrase_objects = self.lex.verb_phrases.get(v.lemma_.lower(), {})
            topic_verb = v.lemma_.lower() in self._topic_object_verbs
            for o in object_tokens(v) or (object_tokens(shared) if shared is not None else []):
                if o.lemma_.lower() in phrase_objects or topic_verb:
                    continue     # "threw her weight behind X": the object names the act, not its target;
                    #              "discussed the Syrian war": the object is the topic
                targets = self.actors_of(o) or self.place_actor(o)
                if targets:
                    break
        if targets and sources and all(self._own_forces(t, sources) for t in targets):
            # "send troops to Uganda", "withdraw its troops from Iraq": the source's own forces
            # are what moves; the country they go to or leave is the other side
            for p, o in prep_objects(v, ("to", "into", "toward", "towards", "from")):
                other = [a for a in self.actors_of(o) or self.place_actor(o) if a not in sources]
                if other:
                    targets = other
                    break
        if not targets and (base.code or "")[:2] in ("16", "17"):
            # "froze the assets of X", "banned imports of Japanese seafood / from Pakistan":
            # the owner or origin of what is seized or barred is the target
            for o in object_tokens(v):
                for p, inner in prep_objects(o, ("of", "from")):
                    targets = [a for a in self.actors_of(inner) or self.place_actor(inner) if a not in sources]
                    if targets:
                        break
                if targets:
                    break
        if not targets:
            preps = ("with", "against", "on", "upon", "to", "toward", "towards", "into", "over", "for", "from", "about")
            if (base.code or "")[:2] == "11":
                # "complained to the UN over Israeli raids": the complaint is about X, told to Y
                preps = ("against", "at", "over", "about", "on", "upon", "for", "with", "to", "toward",
                         "towards", "into", "from")    # "lashed out at", "hit out at"
                if v.lemma_.lower() == "go":
                    preps = ("after",) + preps       # "went after Walker"
            if base.code and base.code.startswith(("042", "043", "044")):
                preps = preps + ("in", "at")
            elif (base.code or "")[:2] in ("17", "18", "19", "20"):
                preps = ("at",) + preps      # "fired at the suspect", "shot at police officers"
            if (base.code or "").startswith("05"):
                preps = preps + ("behind",)     # "threw her weight behind Obama"
            topic = (base.code or "").startswith("04") or base.symmetric or (
                len(sources) >= 2 and v.lemma_.lower() in self._reciprocal)   # "A and B fight about C"
            for p, o in prep_objects(v, preps):
                if p == "between" or (topic and p in CONSULT_TOPIC_PREPS):
                    continue    # "called the Queen about Prince Philip": the topic, not the other side
                targets = self.actors_of(o)
                if targets:
                    break
            if not targets and (base.code or "")[:2] in ("10", "11", "13", "17", "18", "19", "20"):
                # "took a jab at Trump", "launched a broadside against X", "fired tear gas at
                # the protesters", "hurled stones at police", "stepped up pressure on China"
                for o in object_tokens(v):
                    for p, inner in prep_objects(o, ("at", "against", "on")):
                        targets = [a for a in self.actors_of(inner) if a not in sources]
                        if targets:
                            break
                    if targets:
                        break
        if not targets:
            dest = DEST_PREPS + (("in", "at") if (base.code or "").startswith(("042", "043", "044")) else ())
            for p, o in prep_objects(v, dest):
                targets = self.place_actor(o)
                if targets:
                    break
        if not targets:
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                    targets = dedupe_country(self.index.in_span(c.idx, c.right_edge.idx + len(c.right_edge)))
        if not targets and v.lemma_.lower() in self._topic_object_verbs:
            for o in object_tokens(v):    # "discussed the Iran deal with Netanyahu", parsed under the topic
                for _p, inner in prep_objects(o, ("with",)):
                    targets = [a for a in self.actors_of(inner) if a not in sources]
                    if targets:
                        break
                if targets:
                    break
        if not targets and not (len(sources) >= 2 and self._symmetric_code(base)) \
                and v.lemma_.lower() not in self._topic_object_verbs:
            direct = False
            targets = self._fallback_target(v, sources, base.code or "")
        return sources, targets, direct and bool(targets)

    def _same_sentence(self, a, b) -> bool:
        si = self.document.sentence_index
        return si(a.idx) == si(b.idx)

    @staticmethod
    def _symmetric_code(base: Base) -> bool:
        return base.symmetric or (base.code or "")[:2] in ("03", "04", "05", "06")

    def _fallback_target(self, v, sources: list[Actor], code: str = "") -> list[Actor]:
        """First actor named in the verb's object side ("praised what he calls Mr Xi's position")."""
        src_ids = {a.id for a in sources}
        cooperative = code[:2] in COOPERATIVE_ROOTS
        for c in v.children:
            if c.i < v.i or c.dep_ not in ("dobj", "ccomp", "oprd", "attr", "dative", "xcomp"):
                continue
            stack = [c]
            while stack:
                t = stack.pop()
                if t.dep_ == "prep" and t.lower_ in SCENE_PREPS:
                    continue
                if t.dep_ == "prep" and t.lower_ in OPPOSED_PREPS and cooperative:
                    continue    # "joined the campaign against ISIS": the opponent, not the partner
                if t is not c and t.dep_ in ("relcl", "acl", "advcl", "appos", "parataxis", "conj"):
                    continue
                if t.pos_ != "PRON":
                    acts = [a for a in self.index.at(t.idx, t.idx + len(t)) if a.id not in src_ids]
                    if acts:
                        return acts
                stack.extend(reversed(list(t.children)))
        return []

    def noun_roles(self, n, base: Base, carrier) -> tuple[list[Actor], list[Actor], bool]:
        rule = base.rule
        sources: list[Actor] = []
        targets: list[Actor] = []
        pair: list[Actor] = []

        def put(role, acts):
            if role == "source":
                sources.extend(a for a in acts if a not in sources)
            elif role == "target":
                targets.extend(a for a in acts if a not in targets)

        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.i < n.i):
                acts = self.index.at(c.idx, c.idx + len(c))
                if not acts and c.pos_ == "PRON":
                    acts = self.resolve.many(c)
                if not acts and c.dep_ == "amod" and c.lower_ in demonym_table():
                    acts = self._country_actor(c.text, demonym_table()[c.lower_], c)   # "an Australian ultimatum"
                if not acts and c.dep_ == "poss":
                    acts = self.actors_of(c)
                put(rule.poss, acts)
        for c in n.children:
            if c.dep_ != "prep":
                continue
            p = c.lower_
            if p in ("between", "among"):
                pair = dedupe_country(self.index.in_span(c.idx, c.right_edge.idx + len(c.right_edge)))
                if len(pair) < 2:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            pair = dedupe_country(pair + [a for a in self.actors_of(o) if a not in pair])
                continue
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if not objs:
                continue
            acts = self.actors_of(objs[0])
            if p in rule.preps:
                put(rule.preps[p], acts or self.place_actor(objs[0]))
            elif p == "of":
                put(rule.of, acts)
            elif p in NOUN_SOURCE_PREPS:
                put("source", acts)
            elif p in NOUN_TARGET_PREPS:
                if base.symmetric and p in CONSULT_TOPIC_PREPS:
                    continue
                put("target", acts)
        if not targets and n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ in ("NOUN", "NUM"):
            # "70 million dollars of aid for Romania", "tons of food aid to Afghanistan": the
            # measure noun carries the recipient
            for p, o in prep_objects(n.head.head, ("to", "for", "toward", "towards")):
                targets = self.actors_of(o) or self.place_actor(o)
                if targets:
                    break
        if not targets:
            dest = DEST_PREPS + (("in", "at") if (base.code or "").startswith(("042", "043", "044")) else ())
            for p, o in prep_objects(n, dest):
                targets = self.place_actor(o)
                if targets:
                    break
        direct = bool(sources or pair)
        if pair:
            if not sources:
                sources = [pair[0]]
                targets = targets or [a for a in pair[1:] if a not in sources]
            elif not targets:
                targets = [a for a in pair if a not in sources]
        if not sources and carrier is not None:
            subj, passive = subject_token(carrier)
            if subj is not None and not passive:
                sources = self._first_person(subj, self.actors_of(subj))
            elif passive:
                agent = agent_token(carrier)     # "sanctions imposed by the European Union"
                if agent is not None:
                    sources = self.actors_of(agent)
                    if not targets and base.symmetric:
                        # "the meetings held by the US and UK secretaries with the Saudi
                        # leadership": the partner hangs on the agent's phrase
                        for _p, o in prep_objects(agent, ("with",)):
                            targets = [a for a in self.actors_of(o) if a not in sources]
                            if targets:
                                break
        if not targets and carrier is not None:
            # "gave the Ivory Coast 5 million dollars of aid": the carrier's other object
            inside = {x.i for x in n.subtree}
            for o in object_tokens(carrier):
                if o.i not in inside and n.i not in {x.i for x in o.subtree}:
                    targets = [a for a in self.actors_of(o) if a not in sources]
                    if targets:
                        break
        if not targets and carrier is not None:
            # "withheld support for Moscow's war effort": the carrier's prepositions; support
            # is thrown "behind" its target ("threw her support behind Cruz")
            preps = NOUN_TARGET_PREPS + (("behind",) if (base.code or "").startswith("05") else ())
            for p, o in prep_objects(carrier, preps):
                if o.i in {x.i for x in n.subtree}:
                    continue
                targets = [a for a in self.actors_of(o) if a not in sources]
                if targets:
                    break
        if not targets and carrier is not None:
            # "sent 40 trucks of aid to northwest Syria": the destination of the carrier, also
            # when the parser breaks the phrase after "to" (a place anywhere inside it)
            inside = {x.i for x in n.subtree}
            for c in carrier.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into") and c.i not in inside:
                    for t in c.subtree:
                        found = self.place_actor(t) or [a for a in self.index.at(t.idx, t.idx + len(t))
                                                        if a.kind == "country"]
                        targets = [a for a in found if a not in sources]
                        if targets:
                            break
                if targets:
                    break
        if not targets and n.dep_ == "pobj" and n.head.dep_ == "agent":
            # "its economy hit by sanctions": the one hit is the target
            subj, _ = subject_token(n.head.head)
            if subj is not None:
                targets = [a for a in np_actors(self.index, subj, self.resolve, owner=True) if a not in sources]
        return sources, targets, direct and bool(targets)

    def _protest_target(self, c: Candidate) -> list[Actor]:
        """Whom a protest is aimed at: an actor in its purpose ("to demand the resignation of
        President X", "in protest of the government's refusal"), else the protesters' own
        country (its government), as CAMEO codes domestic dissent."""
        src = {a.id for a in c.sources}
        for anchor in [a for a in c.time_anchors if a is not None]:
            v = anchor if is_verbal(anchor) else (anchor.head if anchor.dep_ in ("dobj", "pobj") else anchor)
            for ch in v.children:
                purpose = ch.dep_ in ("advcl", "xcomp", "acl") or (
                    ch.dep_ == "prep" and ch.lower_ in ("in", "against", "over"))
                if not purpose:
                    continue
                for t in ch.subtree:
                    if t.pos_ == "PRON":
                        continue
                    acts = [a for a in self.index.at(t.idx, t.idx + len(t)) if a.id not in src and is_named(a)]
                    if acts:
                        return acts[:1]
        if c.code[:2] == "14" and not self._protest_own_country:
            return []      # "students announced new rallies": a protest aimed at no one named
        own = [a.country for a in c.sources if a.country]
        if own and all(a.kind != "country" for a in c.sources):
            name = country_name(own[0]) or own[0]
            return self._country_actor(name, own[0], c.trigger, mention=False)
        return []

    def _condition_party(self, tok) -> list[Actor]:
        """"threatened to … unless Baghdad accepts": the subject of the condition."""
        v = tok if is_verbal(tok) else clause_head(tok)
        for anchor in (v, *[c for c in v.children if c.dep_ in ("xcomp", "ccomp")]):
            for c in anchor.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.cues.conditional_marks
                                             for m in c.children):
                    s2, p2 = subject_token(c)
                    if s2 is not None and not p2:
                        return self.actors_of(s2)
        return []
