"""What a trigger codes as: CAMEO dictionary patterns for verbs, the nominal-trigger
table for event nouns, and the verb each event word depends on."""
from __future__ import annotations

from .common import CLAUSE_CHILD, STOP_POST, Base, is_verbal
from .lexicon import frame_of
from .patterns import Context, best_pattern
from .senses import context_code, sense_code


class TriggerCoding:
    """Base codes of verbs and event nouns (mixed into DocumentCoder)."""

    def verb_base(self, tok) -> Base | None:
        lemma = tok.lemma_.lower()
        lex = self.lex
        sense = sense_code(tok, lex.rules)
        if sense is not None:
            if not sense:
                return None
            a, b = (sense.split(":") + [None])[:2] if ":" in sense else (sense, None)
            return Base(a or None, b or None, 0.8, symmetric=bool(a) and a == b)
        excl = lex.not_events.get(lemma)
        if excl:
            for c in tok.children:
                if c.dep_ in excl or f"{c.dep_}:{c.lower_}" in excl:
                    return None
        objs = lex.verb_phrases.get(lemma)
        if objs:
            for c in tok.children:
                if c.dep_ in ("dobj", "attr", "nsubjpass") or (c.dep_ == "prep" and c.lower_ == "for"):
                    heads = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
                    for h in heads:
                        code = objs.get(h.lemma_.lower()) or objs.get(h.lower_)
                        if code:
                            a, b = (code.split(":") + [None])[:2] if ":" in code else (code, None)
                            return Base(a or None, b or None, 0.8)
        light = lemma in lex.light_verbs
        if lemma in lex.verb_codes and not light:
            code = lex.verb_codes[lemma]
            if not code:
                return None
            a, b = code.split(":") if ":" in code else (code, None)
            return Base(a or None, b, 0.6, symmetric=(a == b))
        entries = lex.verbs.get(lemma)
        if not entries:
            return None
        ctx = None
        best: Base | None = None
        for e in entries:
            if e.extra and not self._has_particles(tok, e.extra):
                continue
            block = lex.blocks[e.block]
            if ctx is None:
                ctx = self._context(tok)
            pat = best_pattern(block.patterns, ctx) if block.patterns else None
            if pat is not None:
                cand = Base(pat.code, pat.rev, min(0.95, 0.6 + 0.05 * pat.weight),
                            symmetric=(pat.code is not None and pat.code == pat.rev))
                if pat.code is None and pat.rev is None:
                    cand = Base(None, None, 0.9)   # a pattern that says "not an event"
            elif light:
                continue           # a light verb codes only in a specific phrase
            else:
                code = e.code or block.default
                rev = e.rev if e.code else block.default_rev
                if code is None and rev is None:
                    continue
                cand = Base(code, rev, 0.45 + (0.1 if e.code else 0) + (0.1 if e.extra else 0),
                            symmetric=(code is not None and code == rev), default=not (e.code or e.extra))
            if best is None or cand.strength > best.strength:
                best = cand
        if best is None or (best.code is None and best.rev is None):
            return None
        if self._object_context_says_none(tok):
            return None       # "held a campaign rally": the rally's sentence says it is none
        return best

    def _object_context_says_none(self, tok) -> bool:
        for c in tok.children:
            if c.dep_ == "dobj":
                rule = self.lex.nouns.get(c.lower_) or self.lex.nouns.get(c.lemma_.lower())
                if rule is not None and rule.contexts and context_code(c, rule.contexts, self.lex.rules) == "":
                    return True
        return False

    def _has_particles(self, tok, extra: tuple[str, ...]) -> bool:
        nxt = [c.lower_ for c in tok.children if c.i > tok.i and c.dep_ in ("prt", "prep", "dobj", "advmod", "dative")]
        follow = [t.lower_ for t in self.doc[tok.i + 1: tok.i + 1 + len(extra)]]
        return follow == list(extra) or all(w in nxt for w in extra)

    def _context(self, tok) -> Context:
        """The verb's own phrase: its dependents' subtrees, not entering other clauses."""
        ctx = Context()

        def walk(t, post, depth):
            if t.pos_ != "PUNCT":
                ctx.add(t, post)
            if depth >= 3:
                return
            for c in t.children:
                if c.dep_ not in CLAUSE_CHILD:
                    walk(c, post, depth + 1)

        for c in tok.children:
            if c.dep_ in STOP_POST or c.dep_ in ("xcomp", "ccomp", "npadvmod"):
                continue
            if c.dep_ == "prep" and any(o.i in self.anchors.time_of or o.ent_type_ in ("DATE", "TIME")
                                        for o in c.children):
                continue      # "on Tuesday" is not "call on"
            walk(c, c.i > tok.i, 0)
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                walk(c, False, 1)
        return ctx

    def noun_base(self, tok) -> Base | None:
        rule = self.lex.nouns.get(tok.lower_) or self.lex.nouns.get(tok.lemma_.lower())
        if rule is None:
            return None
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in self._agent_heads:
            return None         # "aid agencies", "peace activists": a description, not an event
        words = set()
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "prep", "npadvmod", "nummod"):
                words.add(c.lemma_.lower())
                words.add(c.lower_)
            if c.dep_ == "poss" and c.lemma_.lower() in self._dated_possessors:
                words.add("<dated>")       # "Friday's march", "Sunday's rally": a dated happening
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            words.add(tok.head.head.lemma_.lower())     # "state of emergency"
        for c in tok.children:
            if c.dep_ == "prep":
                for o in c.children:
                    if o.dep_ == "pobj" and o.lemma_.lower() in rule.requires:
                        words.add(o.lemma_.lower())
        if rule.requires and not any(w in words for w in rule.requires):
            return None
        code, strength = rule.code, 0.55
        for w, c in rule.mods.items():
            if w in words:
                code, strength = c, 0.7
                break
        if code is None:
            return None
        if strength < 0.7:      # a modifier's code ("air attack") outranks the sentence
            ctx = context_code(tok, rule.contexts, self.lex.rules)
            if ctx is not None:
                if not ctx:
                    return None
                code = ctx
        return Base(code, None, strength, symmetric=rule.symmetric, rule=rule)

    def governor(self, tok, depth: int = 0):
        """The verb an event word depends on as complement or object: (verb, how)."""
        dep = tok.dep_
        h = tok.head
        if h.i == tok.i:
            return None, None
        if is_verbal(tok) and dep in ("xcomp", "ccomp"):
            return h, "comp"
        if is_verbal(tok) and dep == "advcl" and frame_of(h.lemma_.lower()) is not None \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and not any(c.dep_ in ("xcomp", "ccomp") for c in h.children):
            return h, "comp"          # "have sworn to fight" parsed as a purpose clause
        if is_verbal(tok) and dep == "pcomp" and h.dep_ == "prep" and h.lower_ == "to" \
                and h.head.pos_ == "NOUN" and frame_of(h.head.lemma_.lower()) is not None:
            return h.head, "comp"         # "his resistance to providing weapons"
        if is_verbal(tok) and dep == "pcomp" and h.dep_ == "prep" and h.lower_ == "to" and h.i > 0:
            prev = tok.doc[h.i - 1]       # the same, with "to" hung on the verb: "deepened his resistance to"
            if prev.pos_ == "NOUN" and prev.dep_ == "dobj" and prev.head.i == h.head.i \
                    and frame_of(prev.lemma_.lower()) is not None:
                return prev, "comp"
        if is_verbal(tok) and dep == "pcomp" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX", "ADJ"):
            return h.head, "pobj:" + h.lower_
        if is_verbal(tok) and dep in ("acl", "xcomp", "relcl", "ccomp") and h.pos_ == "NOUN" and (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                or (dep in ("ccomp", "acl") and frame_of(h.lemma_.lower()) is not None)):
            return h, "comp"          # "an appeal to Belgium to extradite", "its demand that …"
        if tok.pos_ in ("NOUN", "PROPN") and dep in ("dobj", "nsubjpass", "attr"):
            return (h, "obj") if h.pos_ in ("VERB", "AUX", "ADJ") else (None, None)
        if dep == "pobj" and h.dep_ in ("prep", "agent") and h.head.pos_ in ("VERB", "AUX", "ADJ"):
            return h.head, "pobj:" + h.lower_
        if dep == "pobj" and h.lower_ == "of" and h.head.pos_ == "NOUN" and h.head.i < tok.i:
            op = frame_of(h.head.lemma_.lower(), None, True)
            if op is not None and op[1].get("nominal_only"):
                return h.head, "obj"      # "a suspension of air links", "the lifting of sanctions"
        if dep == "pobj" and h.lower_ == "of" and h.head.pos_ == "NOUN" and h.head.i < tok.i \
                and h.head.lemma_.lower() not in self.lex.nouns and depth < 2:
            return self.governor(h.head, depth + 1)   # "5 million dollars of aid", "tons of food"
        return None, None

    @staticmethod
    def _noun_head(t):
        """'mediation mission', 'peace talks': an event noun used as a modifier stands for its head."""
        if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i:
            return t.head
        return t
