"""Code the events of one document, sentence by sentence.

1. Triggers: tokens whose lemma is in the lexicon (one vectorised lookup per document).
2. Base code: verbs from the CAMEO dictionary patterns (most specific match over the verb's
   own subtree) or a news override; nouns from the nominal-trigger table.
3. Carriers and frames: a support verb hands its subject to the event noun it carries
   ("held talks"); a frame verb over an embedded action is coded as one event from the
   CAMEO sub-code tables ("offered to release" → 0353) or changes the embedded event's
   status ("expecting Xi to make a state visit" → intended; "refused to condemn" → negated).
4. Arguments, status, date, place, quote link, confidence; duplicates within a sentence
   collapse to the best-supported record.
"""
from __future__ import annotations

import numpy as np

from ..config import ONE_SIDED_EVENTS
from ..records import Actor, Event, Evidence, Mention, stable_id
from .anchors import Anchors, date_range, place_record
from .places import FallbackPlaces
from .arguments import (MentionIndex, PronounResolver, agent_token, object_tokens, prep_objects,
                        shared_object_verb, subject_token)
from .common import (LOCATION_TARGET_ROOTS, Base, Candidate, country_name, demonym_table, trigger_hashes,
                     status_cues, is_verbal)
from .lexicon import Lexicon, frame_of, lexicon, sub_code
from .status import clause_head, clause_status, hedged
from .senses import context_code
from .frames import FrameCoding
from ..actors.knowledge import knowledge
from ..actors.normalize import norm
from ..clean.boilerplate import rules as clean_rules
from .gate import candidate_features, gate_model, probability
from .roles import RoleFinding
from .triggers import TriggerCoding


# Sectors of a state's own officials: charged or investigated with no agent named, by their
# own country's authorities.
# Verbs besides the speech verbs whose holder owns the verdict in their complement.
VERDICT_VERBS = frozenset(("tweet", "write", "post", "feel", "think", "believe", "consider", "call"))
STATE_OFFICE_SECTORS = frozenset(("COP", "GOV", "JUD", "LEG"))


def dateline_spans(document) -> list[tuple[int, int]]:
    """Character spans of datelines left at the start of a paragraph (text given without
    the clean stage, or a dateline it did not take): their place and wire are no actors of
    the sentence's events."""
    pattern = clean_rules().dateline
    text = document.text
    out = []
    for s in document.sentences:
        start = s.start
        while start < s.end and text[start].isspace():
            start += 1
        if start == 0 or text[start - 1] == "\n":
            m = pattern.match(text[start:s.end])     # the pattern is anchored with ^
            if m:
                out.append((start + m.start(), start + m.end()))
    return out


class DocumentCoder(TriggerCoding, RoleFinding, FrameCoding):
    """Codes one WorkItem; created per document (holds its indexes)."""

    def __init__(self, item):
        self.item = item
        self.doc = item.parsed
        self.document = item.document
        self.lex: Lexicon = lexicon()
        self.cues = status_cues()
        self.index = MentionIndex(self.document.actors, exclude=dateline_spans(self.document))
        self.resolve = PronounResolver(self.index, set(self.cues.speech_verbs), self.document.text)
        self.anchors = Anchors(self.doc, self.document.times, item.places, self.index)
        self.fallback_places = FallbackPlaces(item)
        self.support = frozenset(self.lex.rules["carriers"]["verbs"])
        self._receiving = frozenset(self.lex.rules["carriers"].get("receiving", ()))
        self._denying = frozenset(self.lex.rules["carriers"].get("denying", ()))
        self._received: dict[int, object] = {}
        self._topic_object_verbs = frozenset(self.lex.rules.get("roles", {}).get("topic_object_verbs", ()))
        self._negative_words = frozenset(self.lex.rules.get("object_classes", {}).get("negative", ()))
        self._negative_in = frozenset(self.lex.rules.get("object_classes", {}).get("negative_in", ()))
        self._hazards = frozenset(self.lex.rules.get("object_classes", {}).get("hazard", ()))
        self._aim_nouns = frozenset(self.lex.rules["status"].get("aim_nouns", ()))
        self._authority_sectors = dict(self.lex.rules.get("roles", {}).get("authority_sectors", {}))
        self._authority_names = dict(self.lex.rules.get("roles", {}).get("authority_names", {}))
        self._victim_nouns = frozenset(self.lex.rules.get("roles", {}).get("victim_nouns", ()))
        self._weapon_subjects = frozenset(self.lex.rules.get("roles", {}).get("weapon_subjects", ()))
        self._riot_sectors = frozenset(self.lex.rules.get("roles", {}).get("riot_sectors", ()))
        self._campaign_sectors = frozenset(self.lex.rules.get("roles", {}).get("campaign_rally_sectors", ()))
        self._verbal_sectors = frozenset(self.lex.rules.get("roles", {}).get("verbal_attack_sectors", ()))
        self._question_verbs = frozenset(self.lex.rules.get("questions", {}).get("verbs", ()))
        self.quotes = sorted(self.document.quotes, key=lambda q: q.start)
        self._made: dict[tuple, Actor] = {}
        self._framed_extra: set[int] = set()
        self._protest_own_country = bool(self.lex.rules.get("roles", {}).get("protest_own_country", True))
        self._dissent_sectors = frozenset(self.lex.rules.get("roles", {}).get("dissent_sectors", ()))
        self._agent_heads = frozenset(self.lex.rules.get("agent_heads", {}).get("nouns", ()))
        self._dated_possessors = frozenset(self.lex.rules.get("noun_requirements", {}).get("dated_possessors", ()))
        self._non_agents = frozenset(self.lex.rules.get("roles", {}).get("non_agent_subjects", ()))
        self._habitual_words = frozenset(self.lex.rules.get("dates", {}).get("habitual_adverbs", ()))
        self._reciprocal = frozenset(self.lex.rules.get("roles", {}).get("reciprocal_verbs", ()))
        self._stative = frozenset(self.lex.rules.get("roles", {}).get("stative_passives", ()))
        self._operators = frozenset(v for vs in self.lex.rules.get("frame_operators", {}).values() for v in vs)
        self.gate = gate_model()
        self.features: dict[str, dict[str, float]] = {}   # event id → the gate's features
        self.one_sided: set[str] = set()    # incomplete events the text attests well (code_item)
        self._state_sectors = frozenset(self.lex.rules.get("one_sided", {}).get("state_sectors", ()))

    def triggers(self) -> list:
        doc = self.doc
        if len(doc) == 0:
            return []
        arr = doc.to_array(["LEMMA", "LOWER"]).astype(np.uint64)
        hits = np.nonzero(np.isin(arr, trigger_hashes()).any(axis=1))[0]
        return [doc[int(i)] for i in hits]

    def code(self) -> list[Event]:
        toks = self.triggers()
        bases: dict[int, Base] = {}
        for t in toks:
            if is_verbal(t) and self._stative_participle(t):
                b = None          # "people who are upset and discouraged": a state, not an act
            elif is_verbal(t) and self._question(t):
                b = None          # "Winfrey asked Harry whether they quit": a question
            elif is_verbal(t):
                b = self.verb_base(t)
            elif t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.is_lower):
                b = self.noun_base(t)     # lower-case "march" is tagged PROPN (the month) by the model
            else:
                b = None
            if b is not None and (b.code is not None or b.rev is not None):
                bases[t.i] = b
        # carriers: a support verb hands its subject to the event noun it carries
        carriers: dict[int, object] = {}
        for t in toks:
            b = bases.get(t.i)
            if b is None or b.rule is None:
                continue
            g, how = self.governor(self._noun_head(t))
            denied = g is not None and g.lemma_.lower() in self._denying and (b.code or "")[:2] == "11"
            if g is not None and how == "obj" and (g.lemma_.lower() in self._receiving or denied):
                givers = ("from", "by", "of") if (b.code or "")[:2] == "05" else ("from", "by")
                if not any(self.actors_of(o) for x in (t, g) for _p, o in prep_objects(x, givers)):
                    del bases[t.i]     # "losing support to Sanders", "drew criticism": no act of the subject
                    continue
                # the giver named, "faced criticism from X": X's act, aimed at the receiver
                self._received[t.i] = g
                continue
            g = self._clause_carrier(self._noun_head(t))
            if g is not None and g.i not in {x.i for x in carriers.values()}:
                carriers[t.i] = g     # "sanctions imposed by the EU", "the sanctions the EU imposed"
                continue
            g, how = self.governor(self._noun_head(t))
            if g is None or g.i in {x.i for x in carriers.values()} or not (how == "obj" or how in ("pobj:with", "pobj:in", "pobj:for")):
                continue
            lemma = g.lemma_.lower()
            if how == "obj" and t.lemma_.lower() in self.lex.verb_phrases.get(lemma, {}):
                carriers[t.i] = g     # "pledged their support": the support itself, not a promise
                continue
            if frame_of(lemma, b.code, how == "obj") is not None and lemma not in self.support:
                continue
            if how == "obj" and (b.code or "")[:2] in ("02", "03", "10", "13") and lemma in self._operators:
                continue    # "accepted demands from the rebels": a concession, not a demand
            weak = g.i not in bases or bases[g.i].default
            if lemma in self.support or (weak and g.pos_ == "VERB" and how == "obj"
                                          and lemma not in self.cues.speech_verbs):
                carriers[t.i] = g
        carried = {g.i for g in carriers.values()}
        cands: list[Candidate] = []
        framed: set[int] = set()
        for t in toks:
            b = bases.get(t.i)
            if b is None or t.i in carried:
                continue
            self._code_trigger(t, b, carriers.get(t.i), cands, framed)
        # frame verbs over an uncoded complement ("urged Iran to show restraint")
        for t in toks:
            if t.i in framed or t.i in carried:
                continue
            self._bare_frame(t, bases, cands, framed)
        # "Republicans want Obama to push for new laws": wanting another to act is an appeal
        wishes = frozenset(self.lex.rules.get("wish_frames", {}).get("lemmas", ()))
        for t in toks:
            if t.lemma_.lower() in wishes and t.i not in framed:
                self._wish(t, cands)
        # "China must drop barriers" under "X declared": a demand even with no coded verb
        frames = self.lex.rules.get("modal_frames", {})
        for t in toks:
            if t.lower_ in frames and t.dep_ == "aux":
                v = t.head
                if v.i in bases or v.i in framed or v.i in carried:
                    continue
                self._bare_modal(v, cands)
        # "Trump is a faker," she said: a speaker's damning verdict on an actor is criticism
        self._verdicts(cands, {c.trigger.i for c in cands})
        framed |= self._framed_extra
        cands = [c for c in cands if c.from_frame or c.trigger.i not in framed]
        return self._finish(cands)

    def _clause_carrier(self, n):
        """A support verb in a participle or relative clause on the event noun whose object
        the noun is ("sanctions imposed by the EU", "the sanctions the bloc imposed")."""
        for c in n.children:
            if c.dep_ not in ("acl", "relcl") or c.lemma_.lower() not in self.support or c.i < n.i:
                continue
            if c.dep_ == "acl" and c.tag_ != "VBN":
                continue
            if any(x.dep_ in ("dobj", "nsubjpass") and x.tag_ not in ("WDT", "WP") for x in c.children):
                continue
            if c.dep_ == "relcl" and not any(x.dep_ == "nsubj" for x in c.children):
                continue
            return c
        return None

    def _wish(self, v, cands) -> None:
        """"X wants Y to V" (Y the subject of a to-clause, not X): X appeals to Y (CAMEO 020)."""
        subj, passive = subject_token(v)
        if subj is None or passive:
            return
        for c in v.children:
            if c.dep_ not in ("ccomp", "xcomp") or not is_verbal(c) \
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                continue
            inner = [x for x in c.children if x.dep_ == "nsubj"]
            if not inner:
                continue
            sources = self.actors_of(subj)
            targets = [a for a in self.actors_of(inner[0]) if a not in sources]
            if not sources or not targets:
                return
            status = clause_status(v, self.cues)
            if status == "modal":
                status = "hypothetical"
            cands.append(Candidate(v, "020", sources, targets, status, 0.5, False, True, [v], None,
                                   self._phrase(v, None) + " … " + self._phrase(c, None), True))
            return

    def _politicians_only(self, actors) -> bool:
        """People only, at least one of them in politics or office (a candidate the tables
        give no sector counts as a person of no trade), none armed."""
        return all(a.kind == "person" and (a.sector in self._verbal_sectors or a.sector is None) for a in actors) \
            and any(a.sector in self._verbal_sectors for a in actors)

    def _code_trigger(self, t, b: Base, carrier, cands, framed) -> None:
        status_override = None
        decided = False
        above = self._frame_above(self._noun_head(t) if not is_verbal(t) else t, carrier, b.code)
        if above is not None:
            g, (fname, spec), how = above
            code = b.code or ""
            root = code[:2]
            if spec.get("drop_embedded") and how != "carrier":
                return
            applies = spec.get("applies_to")
            if "root" in spec and (applies is None or root in applies or any(code.startswith(a) for a in applies)):
                if self._emit_frame(g, spec["root"], spec, t, b, carrier, cands):
                    framed.add(g.i)
                    return
            elif "else_root" in spec and root in spec.get("else_applies_to", ()) \
                    and g.lemma_.lower() in spec.get("decided_lemmas", ()) \
                    and clause_status(g, self.cues) == "occurred":
                # "ministers agreed on Monday to sanction eight people": the decision is the
                # act (163), not a threat; it keeps its own code and the decision's status
                framed.add(g.i)
                decided = True
            elif "else_root" in spec and root in spec.get("else_applies_to", ()):
                if self._emit_frame(g, spec["else_root"], spec, t, b, carrier, cands):
                    framed.add(g.i)
                    return
            elif spec.get("fallback_default") and "root" in spec:
                # "agreed to set up a research centre": an intent to cooperate, not the act
                if self._emit_frame(g, spec["root"], spec, t, Base(None, None, b.strength), carrier, cands):
                    framed.add(g.i)
                    return
            if spec.get("else_status") and not decided:
                if root in spec.get("occurred_roots", ()):
                    # "protesters tried to storm the parliament": the attempt was made
                    tried = clause_status(g, self.cues)
                    status_override = "hypothetical" if tried == "modal" else tried
                else:
                    status_override = spec["else_status"]
                framed.add(g.i)
        if status_override is None:
            up = self._status_frames(t, carrier)
            if up == "drop":
                return
            status_override = up
        if b.code is None:
            code, swap = b.rev, True
        else:
            code, swap = b.code, False
        if code[:2] in ("17", "18", "19", "20") and is_verbal(t) and self._hazard_doer(t):
            return     # "superstorm Sandy ravaged New Jersey", "homes destroyed by the flood": no actor
        if not is_verbal(t) and carrier is None and code[:2] in ("02", "03", "10", "13"):
            op = self._outer_operator(self._noun_head(t))
            if op is not None and op[0] in ("12", "08"):
                # "rejected an appeal from Gbagbo", "accepted demands from the rebels"
                o_root, v = op
                n_src, n_tgt, _d = self.noun_roles(self._noun_head(t), b, None)
                s2, p2 = subject_token(v)
                src = self.actors_of(s2) if s2 is not None and not p2 else []
                tgt = [a for a in n_src if a not in src] or [a for a in n_tgt if a not in src]
                new_code = o_root + "0" if o_root != "12" else "120"
                status = clause_status(v, self.cues)
                if status == "modal":
                    status = "hypothetical"
                framed.add(v.i)
                cands.append(Candidate(v, new_code, src, tgt, status, b.strength, False,
                                       bool(src and tgt), [v, t], None, self._phrase(v, None) + " " + self._phrase(t, None), True))
                return
        received = self._received.get(t.i) if not is_verbal(t) else None
        if received is not None:
            self._code_received(t, b, code, received, cands)
            return
        if is_verbal(t):
            sources, targets, direct = self.verb_roles(t, b)
            shared = shared_object_verb(t)
            time_anchors = [t] if shared is None else [t, shared]    # "shot and killed X on Sunday"
            if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
                time_anchors.append(t.head)    # "the Sept. 11, 2012, attacks … that killed four"
            anchor_tok = t
        else:
            sources, targets, direct = self.noun_roles(self._noun_head(t), b, carrier)
            time_anchors = [t, carrier]
            anchor_tok = carrier or t
        time_anchors = time_anchors + [a.head.head for a in time_anchors if a is not None and a.dep_ == "pcomp"
                                       and a.head.lower_ == "by" and a.head.head.i != a.head.i]
        # "as he did two years ago by announcing the release": the means shares its act's time
        if swap:
            sources, targets = targets, sources
        if code == "041" and b.default and is_verbal(t) and not self._called_party(t, targets):
            return    # "called ISIS violence genocide", "calling the Islamic State radical": naming
        if code == "150" and b.default and is_verbal(t) and sources and not object_tokens(t) \
                and all(a.sector in self._dissent_sectors for a in sources):
            code = "141"    # "opposition supporters rallied in Caracas": a demonstration, not a mobilisation
        if code[:2] in ("18", "19") and sources and all(a.sector in self._riot_sectors and a.kind == "group"
                                                         for a in sources):
            code = "145"    # "protesters attacked police with rocks": a riot (CAMEO 145)
        elif code in ("190", "180") and (b.default or not is_verbal(t) or t.lemma_.lower() in self._reciprocal) \
                and sources \
                and (targets or (len(sources) >= 2 and t.lemma_.lower() in self._reciprocal)) \
                and self._politicians_only(sources + targets) \
                and context_code(t, {"@military": "x"}, self.lex.rules) is None:
            code = "111"    # "Sen. Ted Cruz attacked John Kasich": one politician attacking another speaks
        if code in ("140", "141") and sources and all(a.kind == "person" and a.sector in self._campaign_sectors
                                                      for a in sources):
            return    # "Sanders held a rally Saturday": a campaign rally, not dissent
        status = clause_status(anchor_tok, self.cues)
        strength = b.strength
        phrase = self._phrase(t, carrier)
        if status_override is None and (is_verbal(t) or carrier is not None):
            modal = self._modal_frame(anchor_tok)
            if modal is not None:
                root, speaker = modal
                code = sub_code(root, code)
                targets = [a for a in sources] or targets
                sources = speaker
                status = "occurred"
            elif status == "intended":
                code = self._future_intent(code)
            elif status == "hypothetical" and code[:2] in self.lex.rules.get("conditional_threat", {}).get("roots", ()) \
                    and self._has_condition(anchor_tok) and sources and not self._second_person(anchor_tok):
                code = sub_code("13", code)
                status = "occurred"   # "may halt mediation if …": the threat is made
            elif status == "negated" and self._future_negated(anchor_tok) and code[:2] in ("03", "04", "05", "06", "07", "08"):
                code = sub_code("12", code) if code[:2] != "03" else "120"
                status = "occurred"   # "will not accept refugees": a refusal
        if status == "occurred" and status_override is None and above is None and is_verbal(anchor_tok) \
                and self._open_infinitive(anchor_tok):
            status = "hypothetical"    # "the only hope is for Washington to oppose", "the plan is to attack"
        elif status == "occurred" and status_override is None and above is None and is_verbal(anchor_tok) \
                and anchor_tok.dep_ in ("advcl", "xcomp") and anchor_tok.head.i != anchor_tok.i \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in anchor_tok.children):
            # a purpose shares its act's status: "should send more forces into Syria to combat
            # the Islamic State", "did not want troops on the ground to fight"
            governing = clause_status(anchor_tok.head, self.cues)
            if governing == "occurred":
                framing = self._frame_above(anchor_tok.head, None)
                if framing is not None and framing[1][1].get("else_status"):
                    governing = framing[1][1]["else_status"]   # "favored imposing tariffs to punish Beijing"
            if governing in ("hypothetical", "intended", "negated"):
                status = governing
        if status == "occurred" and status_override:
            status = status_override
        if status == "occurred" and self._second_person(anchor_tok):
            status = "hypothetical"    # "you'd be fighting Syria", "you bomb them": rhetoric
        elif status_override == "negated" and status == "intended":
            status = "negated"
        if decided:
            time_anchors = time_anchors + [above[0]]   # "agreed on Monday to sanction"
        cands.append(Candidate(t, code, sources, targets, status, strength, b.symmetric, direct,
                               time_anchors, None, phrase, default=b.default and not decided))

    def _code_received(self, t, b: Base, code: str, g, cands) -> None:
        """An event noun its receiver's verb governs with the giver named ("faced criticism
        from Republicans", "rejected criticism from Trump", "won the backing of the unions"):
        the giver's act on the receiver, as it happened — rejecting the criticism does not undo
        it; the receiving verb is no event of its own."""
        sources, targets, _direct = self.noun_roles(self._noun_head(t), b, None)
        if (code or "")[:2] == "05":
            # "won the endorsement of X", "the backing of the unions": "of" names the giver
            for _p, o in prep_objects(self._noun_head(t), ("of",)):
                givers = self.actors_of(o)
                if givers:
                    sources = givers
                    targets = [a for a in targets if a not in givers]
                    break
        subj, passive = subject_token(g)
        if subj is not None and not passive:
            receiver = [a for a in self._first_person(subj, self.actors_of(subj)) if a not in sources]
            if receiver:
                targets = receiver
        status = clause_status(g, self.cues)
        if g.lemma_.lower() in self._denying and status == "negated":
            status = "occurred"      # "rejected criticism from X": the criticism was made
        if status == "modal":
            status = "hypothetical"
        self._framed_extra.add(g.i)
        cands.append(Candidate(t, code, sources, targets, status, b.strength, b.symmetric,
                               bool(sources and targets), [t, g], None,
                               self._phrase(g, None) + " " + self._phrase(t, None)))

    def _phrase(self, t, carrier) -> str:
        words = []
        if carrier is not None:
            words.append(carrier.text)
        for c in t.children:
            if c.dep_ in ("compound", "amod", "prt") and c.i < t.i and c.pos_ != "PROPN":
                words.append(c.text)
        words.append(t.text)
        for c in t.children:
            if c.dep_ == "prt":
                words.append(c.text)
        return " ".join(words)

    def _finish(self, cands: list[Candidate]) -> list[Event]:
        document = self.document
        pub = self.item.published_date
        events: dict[tuple, Event] = {}
        order = sorted(cands, key=lambda c: c.trigger.i)
        for c in order:
            info = self.lex.code_info(c.code)
            if info is None:
                continue
            if (c.status == "occurred" and self._imperative(c.trigger)) \
                    or (c.status in ("occurred", "intended") and self._asked(c.trigger)):
                c.status = "hypothetical"   # "Would it make ISIL less committed to kill Americans?"
            tx = self.anchors.time_for(*c.time_anchors)
            place = self.anchors.place_for(*[a for a in c.time_anchors if a is not None])
            if c.trigger.pos_ in ("NOUN", "PROPN"):
                if tx is None:
                    tx = self.anchors.time_near(c.trigger)
                self.anchors.remember(c.trigger, tx, place)
            occ = None
            if tx is None or place is None:
                occ = self.anchors.occasion_for(*[a for a in c.time_anchors if a is not None])
            if occ is not None:
                tx = tx or occ[0]
                place = place or occ[1]
            root = c.code[:2]
            victim = self._victim_noun(c.trigger) if not c.targets and root in ("17", "18", "19", "20") else None
            if victim is not None:
                # "a truck rammed into a crowd in Nice, killing 80 people": the people of the
                # place are the victims (CAMEO codes them as its civilians)
                code = place[1] if place is not None and place[1] else self._sentence_country(c.trigger)
                if code and not knowledge().is_region(code):
                    c.targets = [self._civilians(code, victim)]   # (the place may hang on the crowd:
                    #                                                "a crowd celebrating … in Nice")
            located = root in LOCATION_TARGET_ROOTS or c.code[:3] in ("042", "043", "044") or \
                (c.from_frame and root in ("03", "12", "13"))
            if not c.targets and place is not None and place[1] and len(place) > 2 and located:
                # a material act done in a country: that country is on the receiving end — also
                # the actor's own ("imposed a curfew in Cizre", "postponed the rally in Baku"),
                # as CAMEO codes domestic events
                c.targets = self._country_actor(place[0], place[1], place[2],
                                                avoid={a.id for a in c.sources})
                placed = True
            else:
                placed = False
            if not c.sources and c.targets and root in ("09", "11", "17", "18", "19", "20") \
                    and not placed and is_verbal(c.trigger):
                # an agent from the place only for an act told by a verb on a named target
                # ("a bomb killed a US soldier"); "the attacks in Paris", "the nightclub
                # attack" are background with no actor (eval/ANNOTATION.md)
                c.sources = self._agentless_source(c, root, place)
            if not c.sources and root in ("18", "19", "20") and self._bare_noun(c.trigger) and (
                    placed or all(a.kind == "country" for a in c.targets)):
                continue    # "the attacks in Paris", "the Orlando nightclub attack": a background
                #             noun with no actor, only a place
            if not c.targets and root == "13":
                c.targets = [a for a in self._condition_party(c.trigger) if a not in c.sources]
            if not c.targets and (root == "14" or root in ("11", "12") and c.sources and all(
                    a.sector in self._dissent_sectors for a in c.sources)):
                # "the opposition rejected the official results": domestic dissent is aimed at
                # the dissenters' own country, as CAMEO codes it
                c.targets = self._protest_target(c)
            pairs = [(a, b) for a, b in self._pairs(c) if not (self._private(a) and self._private(b))
                     and not self._own_nation(a, b, c.code)
                     and not (c.code[:3] in ("042", "043", "044") and self._home_trip(a, b))]
            if not pairs:
                continue
            date = date_range(tx)
            reported_act = is_verbal(c.trigger) or c.from_frame or any(
                a is not None and a is not c.trigger and is_verbal(a) for a in c.time_anchors)
            if date is None and c.status == "occurred" and pub is not None and reported_act \
                    and not self._past_perfect(c.trigger) and not self._habitual(c.trigger):
                # the report's day only for an act reported by a verb ("met", "held talks");
                # an event noun with no time of its own ("the lawsuit", "the deal") may be old
                iso = pub.isoformat()
                from ..records import DateRange
                date = DateRange(iso, iso, "day")
            sent_i = document.sentence_index(c.trigger.idx)
            if sent_i < 0:
                continue
            s = document.sentences[sent_i]
            q = self._quote_of(c.trigger)
            hedge = hedged(c.trigger, self.cues)
            for src, tgt in pairs:
                conf = self._confidence(c, src, tgt, hedge)
                feats = candidate_features(c, src, tgt, conf, hedge, q is not None)
                if self.gate is not None:
                    conf = round(probability(feats, self.gate), 3)
                code = c.code
                ev = Event(
                    id=stable_id(document.id, c.trigger.idx, code, src.id if src else None,
                                 tgt.id if tgt else None),
                    type=info.plover, mode=info.mode, cameo=code,
                    source=src.id if src else None, target=tgt.id if tgt else None,
                    status=c.status, date=date,
                    place=place_record(place, self.anchors.geo_of) or self.fallback_places.place_for(
                        s, c.status, date, pub),
                    goldstein=info.goldstein, quad_class=info.quad, confidence=conf,
                    evidence=Evidence(sent_i, s.start, s.end, document.text[s.start:s.end]),
                    trigger=c.phrase or c.trigger.text, quote=q.id if q else None,
                    incomplete=src is None or tgt is None)
                when = (date.start_date, date.end_date) if date else None
                key = (sent_i, code[:2], when, *sorted([ev.source or "", ev.target or ""])) if c.symmetric \
                    else (sent_i, code[:2], when, ev.source or "", ev.target or "")
                old = events.get(key)
                if old is None or ev.confidence > old.confidence:
                    events[key] = ev
                    self.features[ev.id] = feats
                    if ev.incomplete and self._state_level(src or tgt):
                        self.one_sided.add(ev.id)
        return sorted(events.values(), key=lambda e: (e.evidence.start, e.id))

    def _stative_participle(self, t) -> bool:
        """A past participle used as an adjective with no agent: "are discouraged", "upset and
        discouraged", "a divided party" — a state of its subject (the stative passives that
        code their subject's stance, "Israel is opposed to", are read as acts)."""
        if t.tag_ != "VBN" or any(c.dep_ == "agent" for c in t.children) or t.lemma_.lower() in self._stative:
            return False
        if t.dep_ in ("acomp", "amod"):
            return True
        return t.dep_ == "conj" and t.head.dep_ in ("acomp", "amod") and t.head.pos_ == "ADJ"

    @staticmethod
    def _bare_noun(t) -> bool:
        """An event word used as a noun — also when the parser tagged it a verb with no
        subject and no auxiliary ("the Orlando nightclub attack")."""
        if not is_verbal(t):
            return True
        return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in t.children)

    @staticmethod
    def _home_trip(a: Actor | None, b: Actor | None) -> bool:
        """A visit to a place of one's own country ("Obama visited the state", "toured
        Wilmington") is a domestic trip, not a visit between actors; a visit to a person, a
        body (the governor, the legislature) or a group of its own (a church, the troops)
        stays."""
        return a is not None and b is not None and bool(a.country) and a.country == b.country \
            and b.kind not in ("person", "organisation") and b.sector in (None, "GOV")

    @staticmethod
    def _private(a: Actor | None) -> bool:
        """A person the actor tables do not know, with no office, party, group or trade: an
        event between two such people is a private, sports or business matter, not political
        event data (a gunman or a suspect has a sector, CRM, and stays; so does a known
        public figure without an office at the time)."""
        if a is None or a.kind != "person" or a.sector:
            return False
        return not knowledge().names.get(norm(a.name))

    def _state_level(self, a: Actor | None) -> bool:
        """A country or IGO, a body or group of a known country, or a person whose code
        carries a sector (an office, a party, an armed group): not an unknown person."""
        if a is None or not a.code:
            return False
        if a.kind in ("country", "igo"):
            return True
        if a.kind != "person":
            return bool(a.country) or a.code[:3] in self._state_sectors
        code = a.code
        return any(code[i:i + 3] in self._state_sectors for i in range(0, len(code) - 2, 3))

    def _agentless_source(self, c: Candidate, root: str, place) -> list[Actor]:
        """Who acted when the text names no one, as CAMEO codes it: violence by no named
        actor ("a roadside bomb near Samarra killed a US soldier") is by unidentified attackers
        of the country it happens in; an arrest or investigation in the passive with no agent
        ("was arrested in Lebanon") is by that country's authorities."""
        t = c.trigger
        subj, passive = subject_token(t) if is_verbal(t) else (None, False)
        agent = agent_token(t) if is_verbal(t) else None
        if place is None or not place[1] or len(place) < 3:
            # the place may sit with the weapon: "a bombing near the town of Samarra killed …"
            place = self.anchors.place_for(*[x for x in (t, subj, agent) if x is not None], depth=6)
        if root == "17" and is_verbal(t) and passive and agent is None:
            authority = self._authority(c, place)
            if authority:
                return authority
        if (place is None or not place[1] or len(place) < 3) and root in ("18", "19", "20") \
                and c.targets and all(a.sector == "CVL" for a in c.targets) \
                and len({a.country for a in c.targets}) == 1 and c.targets[0].country \
                and self._weapon_doer(t, subj, passive):
            # "a truck rammed into a crowd … killing 80 people": civilians of one country
            # attacked by no one named are attacked by unidentified attackers there
            return [self._unidentified(c.targets[0].country)]
        if place is None or not place[1] or len(place) < 3:
            own = {a.country for a in c.targets}
            if (c.code.startswith("173") or root == "09") and is_verbal(t) and passive and agent is None \
                    and len(own) == 1 and None not in own and all(a.sector in STATE_OFFICE_SECTORS for a in c.targets):
                # "a Greek police officer has been charged with homicide": an official is charged
                # by his own country's authorities (a journalist or a soldier may be held abroad)
                code = own.pop()
                return self._country_actor(country_name(code) or code, code, t, mention=False,
                                           avoid={a.id for a in c.targets})
            return []
        if root in ("18", "19", "20"):
            if (subj is not None and not passive and self.actors_of(subj)) or (agent is not None and self.actors_of(agent)):
                return []
            if t.tag_ == "VBG" and t.dep_ in ("pcomp", "xcomp", "acl", "advcl", "ccomp") \
                    and not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in t.children):
                return []     # "interpreted as fighting ISIS": a gerund tells no attack by anyone
            if subj is not None and not passive and subj.lemma_.lower() not in self._weapon_subjects:
                return []     # "Kurdish pesh merga battling the Islamic State": someone named, not unknown
            # the other side named in the fighting: "killed in a clash with Chinese troops in Ladakh"
            if any(self.actors_of(o2) for _p, o in prep_objects(t, ("in", "during", "after", "at"))
                   for _p2, o2 in prep_objects(o, ("with", "against"))):
                return []
            return [self._unidentified(place[1])]
        if root in ("09", "11", "17") and is_verbal(t) and passive and agent is None:
            return self._country_actor(place[0], place[1], place[2], mention=False,
                                       avoid={a.id for a in c.targets})
        return []

    def _authority(self, c: Candidate, place) -> list[Actor]:
        """"was arrested Friday", "has been charged with murder", "was remanded in custody": a
        legal act in the passive with no agent is by the authorities of the country it happens
        in — its police for an arrest, its courts for a charge or a sentence ([roles]
        authority_sectors) — the place's country, else the one country of those it is done
        to, else the country the sentence or article is about."""
        sector = self._authority_sectors.get(c.trigger.lemma_.lower())
        if sector is None:
            return []
        code = place[1] if place is not None and place[1] and len(place) > 2 else None
        if code is None:
            own = {a.country for a in c.targets}
            here = self._context_country(c.trigger.idx)
            if None in own and len(own) == 1:
                code = here          # "Guillermo Hernandez was arrested": a local, unknown
            elif len(own) == 1 and all(a.sector in STATE_OFFICE_SECTORS for a in c.targets):
                code = own.pop()     # an official is charged by his own country
            elif len(own) == 1 and own == {here} and not any(self._named_nationality(a) for a in c.targets):
                code = here          # "six protesters were arrested" in an article about their country
        if not code or knowledge().is_region(code):
            return []
        aid = stable_id(self.document.id, "authority", code, sector)
        name = f"{knowledge().demonym(code) or country_name(code) or code} {self._authority_names.get(sector, sector)}"
        return [self.item.actors.get(aid) or self.item.actors.add(
            Actor(id=aid, name=name, country=code, sector=sector, code=code + sector, kind="organisation",
                  mentions=[]), by="events")]

    def _verdicts(self, cands, taken: set[int]) -> None:
        """"Trump is a faker", "the 83-year-old justice is totally inappropriate" in a speaker's
        quote or in what a speech verb reports: the speaker criticises that actor (CAMEO 111;
        readout's gold guide codes name-calling as criticism). The verdict is a word of
        [object_classes] negative as the predicate of "be" whose subject names an actor."""
        negative = self._negative_words
        if not negative:
            return
        for tok in self.doc:
            if tok.i in taken:
                continue
            if tok.lower_ in self._negative_in and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                    and tok.head.dep_ == "prep" and tok.head.head.lemma_ == "be" \
                    and not any(c.dep_ in ("det", "amod", "poss") for c in tok.children):
                pred = tok.head       # "her honesty is in question" (not "the man in question")
            elif tok.lower_ not in negative and tok.lemma_.lower() not in negative:
                continue
            else:
                pred = tok.head if tok.dep_ == "amod" and tok.head.dep_ == "attr" else tok
                if pred.dep_ not in ("acomp", "attr"):
                    continue
            if pred.head.lemma_ != "be":
                continue
            cop = pred.head
            if clause_status(cop, self.cues) == "negated" or self._asked(cop):
                continue      # "he is not a liar", "is he a liar?"
            subj = next((c for c in cop.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            speaker = self._verdict_speaker(tok, cop)
            if not speaker:
                continue
            targets = [a for a in self._first_person(subj, self.actors_of(subj))
                       if a not in speaker and a.kind in ("person", "organisation", "country", "igo", "group")]
            if not targets:
                continue
            cands.append(Candidate(tok, "111", speaker, targets, "occurred", 0.6, False, True, [cop], None,
                                   tok.text, True))

    def _verdict_speaker(self, tok, cop) -> list[Actor]:
        """Who says the verdict: the speaker of the speech quote it is in, else the subject of
        the speech verb whose complement the clause is."""
        t = cop.head    # the verb that reports or holds the verdict: "said", "feels", "tweeted"
        if cop.dep_ == "ccomp" and t.i != cop.i and (
                t.lemma_.lower() in self.cues.speech_verbs or t.lemma_.lower() in VERDICT_VERBS):
            subj, passive = subject_token(t)
            if subj is None or passive:
                return []
            return self._first_person(subj, self.actors_of(subj))
        q = self._quote_of(tok)
        if q is None or q.category != "speech" or not q.speaker:
            return []
        a = self.document.actor(q.speaker)
        return [a] if a is not None else []

    def _hazard_doer(self, t) -> bool:
        """The doer of a violent verb is a natural hazard ([object_classes] hazard): its subject
        or passive agent, or a word compounded with it ("superstorm Sandy")."""
        subj, passive = subject_token(t)
        doer = agent_token(t) if passive else subj
        if doer is None:
            return False
        words = {doer.lower_, doer.lemma_.lower()} | {c.lower_ for c in doer.children if c.dep_ in ("compound", "amod")}
        if doer.i > 0 and doer.doc[doer.i - 1].pos_ == "NOUN":
            words.add(doer.doc[doer.i - 1].lower_)      # "after superstorm Sandy", the name parsed apart
        return bool(words & self._hazards)

    def _open_infinitive(self, t) -> bool:
        """A to-infinitive that says what an aim is ("the only hope is for Washington to
        oppose", "the plan is to attack"; [status] aim_nouns) tells an act not done."""
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return False
        h = t.head
        if t.dep_ not in ("xcomp", "ccomp", "advcl", "attr") or h.lemma_ != "be":
            return False
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in self._aim_nouns for c in h.children):
            return True
        # "the only hope the Gulf has is for X to …", parsed with the copula under the noun
        return h.dep_ == "relcl" and h.head.lemma_.lower() in self._aim_nouns

    @staticmethod
    def _named_nationality(a: Actor) -> bool:
        """The actor is named by its nationality ("the American journalist"): a foreigner,
        maybe, who can be held abroad."""
        table = demonym_table()
        return any(w.lower() in table for m in a.mentions for w in m.text.split())

    def _victim_noun(self, t):
        """The object (or passive subject, or "into"/"on"/"at" object) of a violent or
        coercive act when it is a plain word for people ([roles] victim_nouns)."""
        if not is_verbal(t):
            return None
        cands = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        cands += [o for _p, o in prep_objects(t, ("into", "on", "at", "upon"))]
        for o in cands:
            if o.lower_ in self._victim_nouns or o.lemma_.lower() in self._victim_nouns:
                if not self.actors_of(o):
                    return o
        return None

    def _sentence_country(self, tok) -> str | None:
        """The one country the places of the token's sentence are in, if there is one."""
        sent = tok.sent
        lo, hi = sent.start_char, sent.end_char
        found = {p.country for p in self.item.places if lo <= p.start < hi and p.country
                 and not knowledge().is_region(p.country)}
        return found.pop() if len(found) == 1 else None

    def _civilians(self, code: str, tok) -> Actor:
        """The civilians of a country, mentioned by the victim word."""
        aid = stable_id(self.document.id, "civilians", code)
        start, end = tok.idx, tok.idx + len(tok)
        actor = self.item.actors.get(aid) or Actor(
            id=aid, name=f"civilians ({country_name(code) or code})", country=code, sector="CVL",
            code=code + "CVL", kind="group", mentions=[])
        actor = self.item.actors.add(actor, Mention(start, end, self.document.text[start:end], "victims"),
                                     by="events")
        self.index.add(actor, start, end)
        return actor

    def _weapon_doer(self, t, subj, passive) -> bool:
        """The act's subject (or that of the verb it hangs from: "rammed …, killing 80") is a
        weapon ("a truck", "a bomb"), not a doer readout cannot name nor an accident."""
        if subj is None and not passive and t.dep_ in ("advcl", "conj", "xcomp") and t.head.i != t.i:
            subj, passive = subject_token(t.head)
        return subj is not None and not passive and subj.lemma_.lower() in self._weapon_subjects

    def _unidentified(self, code: str) -> Actor:
        aid = stable_id(self.document.id, "unidentified", code)
        return self.item.actors.get(aid) or self.item.actors.add(
            Actor(id=aid, name=f"unidentified attackers ({country_name(code) or code})",
                  country=code, sector="UAF", code=code + "UAF", kind="group", mentions=[]),
            by="events")

    def _pairs(self, c: Candidate) -> list[tuple[Actor | None, Actor | None]]:
        srcs, tgts = list(c.sources), list(c.targets)
        if len(srcs) >= 2 and not tgts and c.trigger.lemma_.lower() in self._reciprocal:
            # "Russia and Ukraine traded blame": each side's act on the other
            return [(a, b) for a in srcs for b in srcs if a.id != b.id]
        if len(srcs) >= 2 and not tgts and (c.symmetric or c.code[:2] in ("03", "04", "05", "06")):
            if is_verbal(c.trigger) and any(p in ("with", "to") for p, _o in prep_objects(c.trigger, ("with", "to"))):
                return []   # "Harry and Meghan spoke with candor / with reporters": not with each other
            # "the US, Russia and Switzerland met": every pair among them
            return [(a, b) for k, a in enumerate(srcs) for b in srcs[k + 1:] if a.id != b.id]
        out = []
        for s in srcs or [None]:
            for t in tgts or [None]:
                if s is None and t is None:
                    continue
                if s is not None and t is not None and (s.id == t.id):
                    continue
                out.append((s, t))
        # a source whose own country is the target's is usually a pair seen from inside
        return out

    @staticmethod
    def _asked(tok) -> bool:
        """The trigger's clause is a question: the first sentence-final mark after it is "?"
        ("Did Russia bomb the hospital?", "\u201cWould it help?\u201d he asked")."""
        sent = tok.sent
        straight = sum(t.text == '"' for t in tok.doc[sent.start:tok.i])
        nested = False    # inside a quotation that opens after the trigger: its "?" is not the clause's
        for t in tok.doc[tok.i + 1:sent.end]:
            if t.text == "\u201c" or (t.text == '"' and straight % 2 == 0):
                nested = True
            elif t.text == "\u201d" or t.text == '"':
                nested = False
            if t.text == '"':
                straight += 1
            if nested:
                continue
            if t.text in ("?", "?\u201d", "?\"") or t.text.startswith("?"):
                return True
            if t.text in (".", "!", ";") or t.text.startswith((".", "!")):
                return False
        return False

    @staticmethod
    def _imperative(tok) -> bool:
        """The trigger sits under a command with no subject that opens its sentence or
        quotation ("Let them fight each other", "Bomb them"): an exhortation, not a report."""
        v = tok if is_verbal(tok) else clause_head(tok)
        for _ in range(4):
            if v.dep_ in ("ccomp", "xcomp", "conj") and v.head.i != v.i and v.head.tag_ == "VB":
                v = v.head
            else:
                break
        if v.tag_ != "VB" or v.dep_ not in ("ROOT", "ccomp", "parataxis"):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in v.children):
            return False
        before = [t for t in tok.doc[v.sent.start:v.i] if not (t.is_punct or t.is_quote or t.is_space)]
        return not before

    def _second_person(self, tok) -> bool:
        """The clause's subject is "you": rhetoric or an address, not a reported act."""
        v = tok if is_verbal(tok) else clause_head(tok)
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("you", "ya", "y'all") for c in v.children)

    def _habitual(self, tok) -> bool:
        """"regularly attacked", "have repeatedly called for": acts over a stretch of time, not
        on the report's day ([dates] habitual_adverbs)."""
        head = tok if is_verbal(tok) else tok.head
        words = self._habitual_words
        return any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in words for c in head.children)

    def _past_perfect(self, tok) -> bool:
        """"had shot down", "for having shot down": an act before the time of report."""
        head = tok if is_verbal(tok) else tok.head
        return any(c.dep_ == "aux" and c.lower_ in ("had", "having") for c in head.children)

    def _called_party(self, t, targets: list[Actor]) -> bool:
        """A phone call ("called Putin on Friday") needs its object to be the called party
        itself — a person, a country or a government named by the object's head — not an actor
        inside a named thing ("called ISIS violence genocide") nor an armed group."""
        objs = [c for c in t.children if c.dep_ in ("dobj", "dative")]
        if not objs:
            return True       # "the two leaders called": the pair rules decide
        head = objs[0]
        for a in targets:
            if a.kind in ("person", "country") or a.sector == "GOV":
                if any(m.start <= head.idx < m.end for m in a.mentions):
                    return True
        return False

    @staticmethod
    def _own_nation(a: Actor | None, b: Actor | None, code: str) -> bool:
        """Praise or support between a country's leader or body and that country as a whole
        ("allowed him to reassure Russians", "Russians say they admire Mr. Putin"): public
        opinion and a leader's address to the nation, not an interaction between actors."""
        if a is None or b is None or code[:2] not in ("01", "05"):
            return False
        if not a.country or a.country != b.country:
            return False
        return (a.kind == "country") != (b.kind == "country")

    def _confidence(self, c: Candidate, src, tgt, hedge: bool) -> float:
        conf = 0.25 + 0.45 * c.strength
        if src is not None and tgt is not None:
            conf += 0.15
        else:
            conf -= 0.1
        if c.direct:
            conf += 0.05
        if hedge:
            conf -= 0.1
        if c.status in ("hypothetical",):
            conf -= 0.05
        return round(max(0.05, min(0.95, conf)), 3)


def code_item(item, incomplete_min_confidence: float = 0.0, one_sided: str = "state") -> list[Event]:
    """The document's events. An event with a side missing is kept at
    `incomplete_min_confidence`; with `one_sided="state"` also when the side it has is a
    state-level actor and its trigger a specific coding ("the UN rejected a call…", "police
    opened fire"); with "all" always. On real news almost no one-sided candidate is a right
    event (eval/events_gold: 7 of about 200 on the training part), so the shipped setting
    is "gated"."""
    if one_sided not in ONE_SIDED_EVENTS:
        raise ValueError(f"one_sided_events: expected one of {', '.join(ONE_SIDED_EVENTS)}, got {one_sided!r}")
    if item.parsed is None or item.document is None:
        return []
    coder = DocumentCoder(item)
    events = coder.code()
    return [e for e in events if not e.incomplete or one_sided == "all"
            or (one_sided == "state" and e.id in coder.one_sided)
            or e.confidence >= incomplete_min_confidence]
