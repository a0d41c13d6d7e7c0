"""Frames: a verb or noun over an embedded action ("offered to release", "refused to
condemn", "threatened to stop talks", "said Sudan must return") coded as one event from
the CAMEO sub-code tables, or changing the embedded event's status."""
from __future__ import annotations

from ..records import Actor
from .arguments import object_tokens, prep_objects, subject_token
from .common import Base, Candidate, is_verbal
from .lexicon import frame_of, sub_code
from .status import clause_head, clause_status


# Prepositions before a frame noun that make it a point in time ("at the end of the talks").
TIME_PREPS = frozenset(("near", "at", "by", "before", "after", "until", "till", "towards", "toward",
                        "since", "during", "around", "from"))


class FrameCoding:
    """Frames, modal demands, future intent (mixed into DocumentCoder)."""

    def _question(self, g) -> bool:
        """A question, not a request: "asked Harry whether they quit", "asked why Charles was
        not answering" — a verb of asking over a whether/if/wh- clause ([questions] verbs)."""
        if g is None or g.lemma_.lower() not in self._question_verbs:
            return False
        if not any(c.dep_ in ("xcomp", "ccomp") for c in g.children) and (
                any(c.dep_ == "prep" and c.lower_ in ("about", "on", "over", "regarding") for c in g.children)
                or (g.tag_ == "VBN" and g.dep_ in ("advcl", "acl") and not any(c.dep_ == "agent" for c in g.children))):
            return True    # "when asked about Trump's temperament", "asked about the vote": a question
        for c in g.children:
            if c.dep_ not in ("ccomp", "xcomp", "advcl"):
                continue
            first = c.left_edge
            if first.lower_ in ("whether", "if") or first.tag_ in ("WDT", "WP", "WP$", "WRB"):
                return True
        return False

    def _frame_above(self, t, carrier, code: str | None = None):
        """The nearest frame word governing t (through its carrier), with the how of the link."""
        if carrier is not None:
            fr = frame_of(carrier.lemma_.lower())
            if fr is not None and "root" not in fr[1]:
                return carrier, fr, "carrier"
            g, how = self.governor(carrier)
        else:
            g, how = self.governor(t)
        if g is None:
            return None
        if self._question(g):
            return g, ("question", {"drop_embedded": True}), how   # "asked whether they quit"
        if g.pos_ == "NOUN" and g.dep_ == "pobj" and g.head.lower_ in TIME_PREPS:
            return None    # "near the end of a day of meetings": a time, not an end put to them
        nominal = not is_verbal(t) and carrier is None and how == "obj"
        fr = frame_of(g.lemma_.lower(), code, nominal)
        if fr is None:
            return None
        need = fr[1].get("particles", {}).get(g.lemma_.lower())
        if need and not any(c.dep_ == "prt" and c.lower_ == need for c in g.children):
            fr = frame_of(g.lemma_.lower(), code, False)
            if fr is None or fr[1].get("nominal_only"):
                return None
        return g, fr, how

    def _status_frames(self, t, carrier, depth: int = 3) -> str | None:
        """A status imposed by frames further up ("refused to …", "accusing X of …")."""
        tok = carrier or t
        for k in range(depth):
            g, how = self.governor(tok)
            if g is None and k == 0 and not is_verbal(tok):
                g = clause_head(tok)      # "expecting you next spring on a state visit"
                if g is tok:
                    return None
            if g is None:
                return None
            if how == "comp" and g.lemma_.lower() in self.lex.rules["status"].get("directives", ()) \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return "intended"         # "instructed Mr Kerry to continue negotiating"
            fr = frame_of(g.lemma_.lower())
            if fr is not None:
                spec = fr[1]
                if spec.get("drop_embedded"):
                    return "drop"
                if k and how == "comp" and spec.get("root") in ("02", "10"):
                    return "drop"   # "requested guards to help him travel": the travel is what was asked for
                if spec.get("else_status") and "root" not in spec:
                    return spec["else_status"]
            tok = g
        return None

    def _has_condition(self, head) -> bool:
        v = head if is_verbal(head) else clause_head(head)
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.cues.conditional_marks
                                         for m in c.children):
                return True
        return False

    def _future_negated(self, head) -> bool:
        v = head if is_verbal(head) else clause_head(head)
        return any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "would", "shall") for c in v.children)

    def _future_intent(self, code: str) -> str:
        """A cooperative action the actor says it will take is a commitment (03), a
        conflictual one a threat (13)."""
        fi = self.lex.rules.get("future_intent", {})
        root = code[:2]
        if root in fi.get("commit_roots", ()):
            return sub_code("03", code)
        if root in fi.get("threat_roots", ()):
            return sub_code("13", code)
        return code

    def _modal_frame(self, head):
        """("10"/"02", speaker actors) when head's clause says Y must/should act and a speech
        verb above names who says so ("Russia said Sudan must return the helicopter")."""
        frames = self.lex.rules.get("modal_frames", {})
        verb = head
        if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "attr"):
            verb = verb.head
        root = None
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in frames:
                root = frames[c.lower_]
                break
        if root is None:
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve", "been") for c in verb.children):
            return None    # "must not have done much good", "should have known": a guess or a regret
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and \
                not any(c.dep_ == "agent" for c in verb.children):
            return None    # "Blatter should be awarded the prize": no one is told to act
        t = verb
        for _ in range(4):
            if t.dep_ not in ("ccomp", "conj") or t.head.i == t.i:
                return None
            t = t.head
            if t.lemma_ in self.cues.speech_verbs or t.lemma_ in ("conclude", "urge", "believe", "insist"):
                subj, passive = subject_token(t)
                acts = self.actors_of(subj) if subj is not None and not passive else []
                return root, acts
        return None

    def _controlled(self, g, emb) -> bool:
        """Does the frame's subject do the embedded action ("X aims to…", not "X expects Y to…")?"""
        if any(c.dep_ in ("dobj", "dative") and c.i < emb.i for c in g.children) and emb.dep_ == "xcomp":
            return False
        for c in emb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and emb.dep_ == "ccomp":
                return False
        return True

    def _emit_frame(self, g, root: str, spec: dict, t, b: Base, carrier, cands) -> bool:
        """One event for frame verb g over the embedded trigger t (coded b)."""
        code = sub_code(root, b.code)
        if not code:
            return False
        emb = carrier or t
        if root == "03" and is_verbal(emb) and not self._controlled(g, emb) \
                and g.lemma_.lower() in self.lex.rules.get("wish_frames", {}).get("lemmas", ()):
            # "Russia wants the United States to lift sanctions": an appeal to the US, not Russia's intent
            root, spec = "02", self.lex.rules["frames"]["appeal"]
            code = sub_code(root, b.code)
        elif spec.get("controlled") and is_verbal(emb) and not self._controlled(g, emb):
            return False
        subj, passive = subject_token(g)
        if subj is not None and not self._same_sentence(subj, g):
            subj = None
        sources = self._first_person(subj, self.actors_of(subj)) if subj is not None and not passive else []
        targets: list[Actor] = []
        if g.pos_ == "NOUN":
            # a frame noun: "Turkey renewed an appeal to Belgium to extradite …"
            for c in g.children:
                if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i < g.i):
                    sources = sources or self.index.at(c.idx, c.idx + len(c))
            if not sources:
                gv, _how = self.governor(g)
                if gv is not None:
                    s2, p2 = subject_token(gv)
                    if s2 is not None and not p2:
                        sources = self.actors_of(s2)
            for p, o in prep_objects(g, ("to", "on", "upon", "for", "against")):
                targets = self.actors_of(o)
                if targets:
                    break
        if spec.get("target") == "object":
            for o in object_tokens(g):
                targets = self.actors_of(o)
                if targets:
                    break
            if not targets and is_verbal(g):
                for _p, o in prep_objects(g, tuple(spec.get("target_preps", ()))):
                    targets = [a for a in self.actors_of(o) if a not in sources]
                    if targets:
                        break
        if b.code is None and b.rev is None:
            emb_src, emb_tgt = [], []
            if is_verbal(t):
                es, ep = subject_token(t)
                if es is not None and not ep and es.i != (subj.i if subj is not None else -1):
                    emb_src = self.actors_of(es)
                o = object_tokens(t)
                emb_tgt = self.actors_of(o[0]) if o else []
                if not emb_tgt:
                    for _p, ob in prep_objects(t):
                        emb_tgt = self.actors_of(ob)
                        if emb_tgt:
                            break
        elif is_verbal(t):
            emb_src, emb_tgt, _ = self.verb_roles(t, b)
        else:
            emb_src, emb_tgt, _ = self.noun_roles(t, b, carrier or g)
        if not sources and g.dep_ == "acl" and g.head.pos_ == "NOUN":
            # "issued a declaration demanding that …": whoever issued it
            gv, _h = self.governor(g.head)
            if gv is not None:
                s2, p2 = subject_token(gv)
                if s2 is not None and not p2:
                    sources = self.actors_of(s2)
        if not sources and spec.get("target") != "object":
            sources = emb_src
        if not targets and b.symmetric and sources:
            # "aimed to deepen cooperation between the two countries": the other party
            own = {a.country for a in sources if a.country}
            targets = [a for a in emb_src + emb_tgt if a not in sources and a.country not in own]
        unnamed_addressee = False
        if not targets and root == "02" and is_verbal(g):
            # "called on its followers to kill civilians", "urged followers to attack France":
            # the appeal is to an addressee readout cannot name, not to the victims
            people = self.lex.rules.get("roles", {}).get("addressee_nouns", ())
            addressed = list(object_tokens(g)) + [o for _p, o in prep_objects(g, ("on", "upon", "with"))]
            unnamed_addressee = any((o.lemma_.lower() in people or o.lower_ in people) and not self.actors_of(o)
                                    for o in addressed)
        if not targets and not unnamed_addressee:
            targets = [a for a in emb_tgt if a not in sources]
        if not targets and spec.get("target") == "object" and not unnamed_addressee:
            targets = [a for a in emb_src if a not in sources]
        if not targets and is_verbal(t) and not unnamed_addressee:
            # "willing to send material to help defend Saudi Arabia": the first other actor
            # on the embedded action's object side
            targets = [a for a in self._fallback_target(t, sources) if a not in sources]
        if b.code is None and b.rev is None and is_verbal(t):
            # a bare intent ("promised to build a wall at the border") is aimed only at the
            # act's own object, never at a place or a topic further out
            named_objects = [a for o in object_tokens(t) for a in self.actors_of(o)]
            if root in ("03", "13") and not any(a in named_objects for a in targets) \
                    and g.lemma_.lower() not in spec.get("occurred_lemmas", ()) and spec.get("intent_needs"):
                return True
        if self._undirected_intent(g, root, spec, targets):
            return True       # consumed: neither the intent nor the embedded act is coded
        status = clause_status(g, self.cues)
        if status == "occurred":
            status = spec.get("status", "occurred")
            if g.lemma_.lower() in spec.get("occurred_lemmas", ()):
                status = "occurred"
        outer = self._outer_operator(g)
        if outer is not None:
            # "refused to commit to assistance" → 122; "rejected a demand to …" → 12x;
            # "accepted demands that it initiate reforms" → 08x
            o_root, o_tok = outer
            inner = code
            if o_root == "03" and inner[:2] in self.lex.rules["future_intent"]["threat_roots"]:
                o_root = "13"
            code = sub_code(o_root, inner) if inner else o_root + "0"
            self._framed_extra.add(o_tok.i)
            s2, p2 = subject_token(o_tok)
            new_src = self.actors_of(s2) if s2 is not None and not p2 else []
            if new_src:
                targets = [a for a in sources if a not in new_src] or targets
                sources = new_src
            status = clause_status(o_tok, self.cues)
            if status == "modal":
                status = "hypothetical"
            g = o_tok
        else:
            modal = self._modal_frame(g)
            if modal is not None:
                m_root, speaker = modal
                code = sub_code(m_root, b.code)
                targets = sources or targets
                sources = speaker
                status = "occurred"
        up = self._status_frames(g, None)
        if up == "drop":
            return True
        if up and status in ("occurred", "intended"):
            status = up if up != "intended" else status
        cands.append(Candidate(g, code, sources, targets, status, min(0.95, b.strength + 0.1),
                               b.symmetric, bool(sources and targets), [t, carrier, g], None,
                               self._phrase(g, None) + " … " + self._phrase(t, carrier), True))
        return True

    def _undirected_intent(self, g, root: str, spec: dict, targets: list[Actor]) -> bool:
        """A stated intent or plan aimed at no named party is not a codeable event: "pledged
        to protect people and property", "promised to build a wall", "Trump's plan to deport
        11 million people" (a policy plan described, not a threat issued to anyone). An
        agreement reached ("agreed to set up a centre") is an event between its parties."""
        rule = spec.get("intent_needs")
        if not rule or root not in ("03", "13") or g.lemma_.lower() in spec.get("occurred_lemmas", ()):
            return False
        if g.pos_ == "NOUN" and root == "13" and rule.get("no_noun_threats"):
            return True
        faiths = set(rule.get("faith_sectors", ()))
        population = set(rule.get("population_nouns", ()))

        def unnamed(a: Actor) -> bool:
            if a.kind == "group" and a.sector in faiths:
                return True
            words = [m.text.lower().split()[-1] for m in a.mentions if m.text.strip()]
            return bool(words) and all(w in population for w in words)
        return all(unnamed(a) for a in targets)

    def _outer_operator(self, g):
        """A rejecting or acceding verb over a frame ("refused to offer", "rejected the demand
        to", "accepted demands that"): (CAMEO root, verb)."""
        ops = self.lex.rules.get("frame_operators", {})
        v, how = self.governor(g)
        if v is None or how not in ("comp", "obj"):
            return None
        lemma = v.lemma_.lower()
        for root, lemmas in ops.items():
            if lemma in lemmas:
                return root, v
        fr = frame_of(lemma)
        if fr is not None and fr[0] == "commit" and how == "comp":
            if is_verbal(g) and not self._controlled(v, g) \
                    and lemma in self.lex.rules.get("wish_frames", {}).get("lemmas", ()):
                return "02", v      # "wants the United States to lift sanctions": an appeal
            return "03", v          # "agreed to lift embargoes", "prepared to lift a ban"
        return None

    def _bare_frame(self, g, bases, cands, framed) -> None:
        if g.i in self._framed_extra:
            return
        fr = frame_of(g.lemma_.lower())
        if fr is None or "root" not in fr[1] or fr[0] == "reject":
            return
        spec = fr[1]
        if self._question(g):
            return
        comps = [c for c in g.children if c.dep_ in ("xcomp", "ccomp") and is_verbal(c)]
        if not comps and fr[0] in ("appeal", "demand"):
            # "called for Trump to drop out": the "for … to" clause is parsed as adverbial
            comps = [c for c in g.children if c.dep_ == "advcl" and is_verbal(c)
                     and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if not comps:
            return
        if g.pos_ == "ADJ" and fr[0] != "commit":
            return
        comp = comps[0]
        if comp.lemma_ in self.cues.speech_verbs or comp.lemma_ == "be" or comp.i in bases:
            return
        if fr[0] == "commit" and comp.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children):
            return    # "I wish Clinton had differentiated …": a wish about another's act, no commitment
        b = Base(None, None, 0.45)
        if self._emit_frame(g, spec["root"], spec, comp, b, None, cands):
            framed.add(g.i)

    def _bare_modal(self, v, cands) -> None:
        if v.lemma_ in ("be", "have"):
            return    # "Clinton should be ready for questions": a state, no act demanded
        modal = self._modal_frame(v)
        if modal is None:
            return
        root, speaker = modal
        subj, passive = subject_token(v)
        targets = self.actors_of(subj) if subj is not None and not passive else []
        code = sub_code(root, None)
        cands.append(Candidate(v, code, speaker, targets, "occurred", 0.5, False,
                               bool(speaker and targets), [v], None, self._phrase(v, None), True))
