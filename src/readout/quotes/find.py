"""Attributions in a parsed article: content span, cue and speaker span.

Works on the spaCy Doc and the quote-mark spans; knows nothing about actors (the
stage resolves speakers afterwards). Four sources of attributions, in order:

1. cue words (say, tell, believe, show …) with a clausal complement, a quote after a
   colon, or standing after or inside the clause they report ("…, Mr Xi said"; "The
   plan, an aide said, is …"; "…, IMF data shows", also when the parser got the cue's
   part of speech wrong); other reporting verbs through the verb + complement frames
   counted on attribution data ("backed X", "called for X", "accused X of Y");
2. "according to X", which either names the channel of an attribution already found
   in the sentence or is the attribution itself;
3. quoted stretches not yet covered (`quoted`): given to the nearest cue above
   them in the parse ("what he called a “difficult” situation"), or continuing the
   previous direct quote; scare quotes and quoted names with no cue are left alone;
4. learned candidates (`learned`): complements of any word, scored by a model
   trained on attribution data, where the rules found nothing ("backed Clinton",
   "a supporter of …", "criticized X for …").
"""
from __future__ import annotations

import re

from ..nlp.text import parsed_text
from .attribution import EDGE_CHARS, Attribution, span_chars
from .category import category_table
from .cues import CueLexicon, cue_lexicon
from .learned import REST_STOP_PREPS, VP_REST_DEPS, DocView, LearnedCandidates, QuoteModel, quote_model
from .marks import QuoteSpan, find_quote_spans, strip_span
from .quoted import QuotedStretches

__all__ = ["Attribution", "Finder", "find_attributions"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp",)
CUTOFF_DEPS = ("relcl", "acl", "appos", "punct", "cc", "advcl", "parataxis", "case")
RELATIVE = ("who", "that", "which", "whom")
CCOMP_REST = True
NESTED_QUOTE_CUE = True
# first words of an introductory phrase, never the start of a report before '…, X said'
INTRO_WORDS = frozenset({"during", "though", "although", "if", "when", "while", "because", "after",
                         "before", "since", "unless", "once", "until", "despite", "rather", "whereas",
                         "whether", "amid"})
OBJECT_CUT = True
# words that alone before 'X said,' only point at what was said ('That, X explained, is by design')
POINTING_WORDS = frozenset({"and", "but", "so", "yet", "that", "this", "it", "these", "those", "which"})
DASHES = ("-", "—", "–", "--")
FINITE_PAST_PRESENT = ("VBD", "VBZ")
# longest stretch between a cue and a colon before its content ('released the following statement:')
COLON_GAP = 90
C_REST_MARKS = frozenset({"because", "while", "although", "though", "if", "unless", "whereas"})
# "NAME: …" at a line start, or "… - Name: “…”" after a dash: a speaker label (rule 2b)
_NAME_WORD = r"(?:[A-Z][\w.’'-]*|of|and|de|van|von|al)"
LABEL = re.compile(r"(?m)(?:^|(?P<dash> [-–—] ?))(?:More from )?(?P<label>[A-Z][\w.’'-]*(?: " + _NAME_WORD
                   + r"){0,4}): ")
# words that start or end a label but name no speaker ("Update:", "Photo:", "Q:")
LABEL_STOP = frozenset({"update", "updated", "photo", "photos", "video", "watch", "read", "related",
                        "source", "sources", "note", "editor’s", "editor's", "correction", "see",
                        "tags", "q", "a", "q.", "a.", "p.s.", "ps", "also", "warning", "breaking",
                        "exclusive", "poll", "report", "analysis", "opinion", "live", "listen",
                        "transcript", "credit", "image", "file", "subscribe", "follow", "share",
                        "more", "the", "this", "here", "why", "what", "how", "who", "when", "where"})


class Finder(QuotedStretches, LearnedCandidates):
    """One article's attribution finder; `find()` returns the attributions in text order."""

    def __init__(self, parsed, lexicon: CueLexicon | None = None, model: QuoteModel | None = None,
                 text: str | None = None):
        self.doc = parsed
        self.text = parsed_text(parsed) if text is None else text
        self.lex = lexicon or cue_lexicon()
        self.model = model
        self.quotes: list[QuoteSpan] = find_quote_spans(self.text)
        self.dv = DocView(parsed)
        self.tok_quote = self._token_quote_index()
        self.dv.set_quotes(self.tok_quote)

    # ---- tokens and quotes -------------------------------------------------------------
    def _token_quote_index(self) -> list[int]:
        """For each token, the index of the quote span whose marks enclose it, else -1."""
        out = [-1] * len(self.doc)
        qi = 0
        qs = self.quotes
        for i, at in enumerate(self.dv.idx):
            while qi < len(qs) and qs[qi].outer_end <= at:
                qi += 1
            if qi < len(qs) and qs[qi].outer_start <= at < qs[qi].outer_end:
                out[i] = qi
        return out

    def cue_lemma(self, tok) -> str | None:
        if tok.pos_ in ("PROPN", "NUM", "PUNCT", "DET", "ADP", "PRON"):
            return None
        lemma = tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX") else None
        found = self.lex.lemma_of(tok.lower_, lemma)
        if found and tok.pos_ not in ("VERB", "AUX") and tok.lower_ == found and tok.tag_ != "VBP":
            return None   # a bare noun like "report" or "estimate" is no cue
        return found

    # ---- speaker -----------------------------------------------------------------------
    def subject_of(self, v, depth: int = 0):
        """The token naming who speaks through cue `v`, following control and coordination."""
        if depth > 4:
            return None
        own = [c for c in v.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE]
        if v.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and v.head.lemma_.lower() == "make" \
                and v.i > v.head.i and (not own or own[0].lower_ == "it"):
            return self.subject_of(v.head, depth + 1)   # 'Sanders made it clear that …': Sanders
        # a subject outside quotation marks first ('“Toil or go to prison,” Frank writes':
        # the parser may make a word of the quotation a subject as well)
        kids = sorted(v.children, key=lambda c: self.tok_quote[c.i] >= 0)
        for c in kids:
            if c.dep_ in SUBJECT_DEPS and c.dep_ != "csubj":
                if c.lower_ in RELATIVE and own:
                    return own[0]   # "a law which opponents say mirrors …": the opponents say it
                if c.lower_ in RELATIVE and v.dep_ == "relcl":
                    return v.head if v.head.pos_ in ("NOUN", "PROPN", "PRON") else None
                if c.dep_ == "nsubjpass":
                    agent = [a for a in v.children if a.dep_ == "agent"]
                    if agent:
                        pobj = [p for p in agent[0].children if p.dep_ == "pobj"]
                        return pobj[0] if pobj else None
                    continue
                return c
        after_quote = v.i >= 2 and (v.doc[v.i - 1].text in ("”", '"', "''")
                                    or v.doc[v.i - 1].text == "," and v.doc[v.i - 2].text in ("”", '"', "''"))
        for c in v.children:   # inverted "…, said Mr X" sometimes comes out as dobj/attr
            if c.dep_ in ("attr",) and c.i > v.i and c.pos_ in ("PROPN", "NOUN"):
                return c
            if c.dep_ == "dobj" and after_quote and c.i > v.i and c.pos_ in ("PROPN", "NOUN") \
                    and self.tok_quote[c.i] < 0:
                return c   # '“…,” added a South Carolina Democrat.'
        dep = v.dep_
        head = v.head
        if head.i == v.i:
            return None
        if dep == "conj":
            cue = self._joining_cue(v)
            return self.subject_of(cue if cue is not None else head, depth + 1)
        if dep == "xcomp":
            objs = [c for c in head.children if c.dep_ in ("dobj",) and c.i < v.i]
            return objs[0] if objs else self.subject_of(head, depth + 1)
        if dep in ("advcl", "pcomp") and (v.tag_ == "VBG" or any(
                c.dep_ == "aux" and c.tag_ == "VBG" for c in v.children)):   # 'having referred to …'
            return self.subject_of(head if dep == "advcl" else head.head, depth + 1)
        if dep == "advcl" and v.tag_ in FINITE_PAST_PRESENT and v.i > head.i and v.i > 0 \
                and v.doc[v.i - 1].text == "," and not any(c.dep_ in ("mark", "advmod") for c in v.children):
            return self.subject_of(head, depth + 1)   # 'has mocked X, referred to Y as …' (a list of verbs)
        if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
        return None

    def holder_of(self, v):
        """Who holds a stance named by any word: the subject of a verb, the owner of a noun
        ("Trump's comments on …"), or the subject of the verb a noun or adjective serves
        ("she voiced support for …", "he was critical of …")."""
        subj = self.subject_of(v)
        if subj is not None or v.pos_ not in ("NOUN", "ADJ"):
            return subj
        owners = [c for c in v.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
        if v.dep_ in ("dobj", "attr", "acomp", "oprd", "nsubj") and v.head.i != v.i \
                and v.head.pos_ in ("VERB", "AUX"):
            return self.subject_of(v.head) if v.dep_ != "nsubj" else None
        if v.dep_ == "pobj" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            return self.subject_of(v.head.head)
        return None

    def speaker_span(self, head) -> tuple[int, int, tuple[int, int]]:
        """The speaker phrase around its head word: modifiers kept, clauses and appositions cut."""
        head = self._through_channel(head)
        keep = [head]
        stack = [c for c in head.children if c.dep_ not in CUTOFF_DEPS]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "appos", "acl", "advcl"))
        keep.sort(key=lambda t: t.i)
        # cut at the first comma after the head and before it
        left = [t for t in keep if t.i <= head.i]
        right = [t for t in keep if t.i > head.i]
        cut_left = max((t.i for t in left if t.text == ","), default=-1)
        cut_right = min((t.i for t in right if t.text == ","), default=10 ** 9)
        keep = [t for t in keep if cut_left < t.i < cut_right]
        s, e = span_chars(keep)
        s, e = strip_span(self.text, s, e, EDGE_CHARS + "“”\"")
        return s, e, (head.idx, head.idx + len(head))

    def _through_channel(self, head):
        """'Beijing's readout' / 'the Kremlin version' / 'IMF data' → the owner of the channel."""
        if head.lemma_.lower() in self.lex.channels or head.lower_ in self.lex.channels:
            if head.lower_ in self.lex.channel_people:
                return head
            owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
            owners += [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if owners:
                return owners[0]
            if head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.lower_ not in self.lex.channel_people:
                issuer = self.subject_of(head.head)   # 'The DNC issued a statement saying …'
                if issuer is not None and issuer.pos_ in ("PROPN", "NOUN", "PRON"):
                    return issuer
        return head

    def _speaker_into(self, att: Attribution, tok) -> None:
        if tok is None or self.tok_quote[tok.i] >= 0:
            return
        if tok.pos_ == "PRON" and tok.lower_ not in self.lex.pronouns and tok.lower_ not in RELATIVE:
            return   # "it", "this" and other non-speakers
        if tok.pos_ == "NOUN":   # "the farmer, Joseph Mwangi, said": the name speaks
            names = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if names:
                tok = names[0]
        s, e, h = self.speaker_span(tok)
        att.speaker_start, att.speaker_end, att.speaker_head = s, e, h

    # ---- content -----------------------------------------------------------------------
    def _content_from_tokens(self, tokens, how: str, cue) -> Attribution | None:
        tokens = [t for t in tokens if not t.is_space]
        if cue is not None and tokens:   # a parse that runs over a paragraph break is cut there
            p_lo = self.text.rfind("\n\n", 0, cue.idx)
            p_hi = self.text.find("\n\n", cue.idx)
            p_hi = len(self.text) if p_hi < 0 else p_hi
            tokens = [t for t in tokens if p_lo < t.idx < p_hi]
            if tokens and tokens[-1].i < cue.i:   # "… ticked through the code: “A,” he said"
                colons = [k for k, t in enumerate(tokens[:-2]) if t.text == ":" and self.tok_quote[t.i] < 0]
                if colons:
                    tokens = tokens[colons[-1] + 1:]
        while tokens and tokens[-1].text in (".", "!", "?") and self.tok_quote[tokens[-1].i] < 0:
            tokens = tokens[:-1]   # the sentence's own full stop is not part of a reported clause
        if not tokens:
            return None
        s, e = span_chars(tokens)
        s, e = strip_span(self.text, s, e, EDGE_CHARS)
        if e - s < 2:
            return None
        att = Attribution(s, e, "indirect", how=how)
        if cue is not None:
            att.cue, att.cue_token = self._cue_text(cue), cue.i
            att.cue_start, att.cue_end = cue.idx, cue.idx + len(cue)
        self._set_kind(att)
        return att

    def _cue_text(self, cue) -> str:
        """The cue as written, with its particle ('pointed out', 'called for')."""
        parts = [cue] + [c for c in cue.children if c.dep_ == "prt"
                         or c.dep_ == "dobj" and c.lower_ == "it" and cue.lemma_ == "put"]   # "as X put it"
        parts.sort(key=lambda t: t.i)
        return " ".join(t.text for t in parts)

    def _quotes_in(self, s: int, e: int) -> list[int]:
        return [i for i, q in enumerate(self.quotes) if q.start < e and s < q.end]

    def _chain(self, qi: int) -> list[int]:
        """The quote span and the spans continuing it over following paragraphs."""
        out = [qi]
        for j in range(qi + 1, len(self.quotes)):
            if self.quotes[j].continues == out[-1]:
                out.append(j)
        return out

    def _set_kind(self, att: Attribution) -> None:
        inside = self._quotes_in(att.start, att.end)
        att.quotes = inside
        if not inside:
            att.kind = "indirect"
            return
        if self._split_at_own_cue(att, inside):
            return
        first, last = self.quotes[inside[0]], self.quotes[inside[-1]]
        s, e = strip_span(self.text, att.start, att.end)
        covered = first.outer_start <= s + 1 and e - 1 <= last.outer_end and all(
            self.quotes[a].outer_end >= self.quotes[b].outer_start - 3 for a, b in zip(inside, inside[1:]))
        if covered:
            chain = self._chain(inside[-1])
            att.kind = "direct"
            att.start = first.start
            att.end = self.quotes[chain[-1]].end
            att.quotes = sorted(set(inside) | set(chain))
        else:
            att.kind = "mixed"
            q = self.quotes[inside[-1]]
            if att.start <= q.open_mark and q.start < att.end < q.end:
                att.end = q.end   # a quotation opened in the content runs to its closing mark

    def _covered(self, s: int, e: int, idx: list[int]) -> bool:
        """Whether quotations `idx` (adjacent ones) make up all of [s, e)."""
        if not idx:
            return False
        s, e = strip_span(self.text, s, e)
        qs = [self.quotes[i] for i in idx]
        return qs[0].outer_start <= s + 1 and e - 1 <= qs[-1].outer_end and all(
            a.outer_end >= b.outer_start - 3 for a, b in zip(qs, qs[1:]))

    def _split_at_own_cue(self, att: Attribution, inside: list[int]) -> bool:
        """'“A,” he said. “B.”' parsed as one clause: the content holds its own reporting
        frame. When quotations make up both sides, the quote is the two pieces without it."""
        c0, c1 = att.cue_start, att.cue_end
        if c0 is None or not att.start < c0 < att.end:
            return False
        before = [i for i in inside if self.quotes[i].outer_end <= c0]
        after = [i for i in inside if self.quotes[i].outer_start >= c1]
        if not before or not after or len(before) + len(after) != len(inside):
            return False
        qa, qb = self.quotes[before[-1]], self.quotes[after[0]]
        if not (self._covered(att.start, qa.outer_end, before) and self._covered(qb.outer_start, att.end, after)):
            return False
        chain = self._chain(after[-1])
        att.kind = "direct"
        att.start = self.quotes[before[0]].start
        att.end = self.quotes[chain[-1]].end
        att.parts = [(att.start, qa.end), (qb.start, att.end)]
        att.quotes = sorted(set(inside) | set(chain))
        return True

    # ---- rule 1: cue words -------------------------------------------------------------
    def _cue_attributions(self) -> list[Attribution]:
        out = []
        dv, forms, known = self.dv, self.lex.form_lemma, self.lex.known
        for i in range(dv.n):
            if self.tok_quote[i] >= 0 or (dv.lower[i] not in forms and dv.lemma[i] not in known):
                continue
            tok = self.doc[i]
            lemma = self.cue_lemma(tok)
            if lemma is None:
                continue
            att = self._content_of_cue(tok, lemma)
            if att is None:
                continue
            if tok.lemma_.lower() != "accord":
                subj = self.subject_of(tok)
                if subj is None and att.end <= tok.idx:
                    subj = self._surface_subject(tok)
                if subj is None and tok.i > 0 and self.doc[tok.i - 1].dep_ == "appos" \
                        and self.doc[tok.i - 1].pos_ == "PROPN" and tok.pos_ == "VERB":
                    subj = self.doc[tok.i - 1]   # "In a tweet about X, Y wrote:" parsed Y as X's apposition
                if not self._can_give_evidence(lemma, subj):
                    continue   # "the conflict showing little sign of …" reports nothing
                self._speaker_into(att, subj)
            out.append(att)
        return out

    def _can_give_evidence(self, lemma: str, subj) -> bool:
        """Evidence verbs (show, find, indicate) report only for a source: data, a poll, a name."""
        if self.lex.is_class(lemma, "speech", "thought") or not self.lex.is_class(lemma, "evidence"):
            return True
        if subj is None:
            return False
        head = self._through_channel(subj)
        return head is not subj or subj.pos_ in ("PROPN", "PRON") or \
            subj.lower_ in self.lex.channels or subj.lemma_.lower() in self.lex.channels

    def _content_of_cue(self, v, lemma: str) -> Attribution | None:
        if not self.lex.is_class(lemma, "speech", "thought", "evidence"):
            if self.lex.is_class(lemma, "reverse"):
                return self._reverse_content(v)   # "…, he continued."
            return self._frame_content(v, lemma)
        children = [c for c in v.children if c.dep_ in CONTENT_DEPS and c.i != v.i]
        if any(c.i > v.i for c in children):
            # 'X was not part of the swap; Iran insists it does not know': the clause after
            # the cue is what it reports, one before it (unless quoted) is the sentence's own
            children = [c for c in children if c.i > v.i or self._mostly_quoted(c)]
        speech = self.lex.is_class(lemma, "speech")
        # "said: “…”" — a quote right after a colon, even across a sentence break
        after = self._colon_quote(v)
        put_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in v.children)
        if after is None and (speech or put_it) and not children:
            after = self._comma_quote(v)
        speech = speech or put_it
        if after is not None and speech:
            q = self.quotes[after]
            chain = self._chain(after)
            att = Attribution(q.start, self.quotes[chain[-1]].end, "direct", how="colon")
            att.quotes = chain
            att.cue, att.cue_token = self._cue_text(v), v.i
            att.cue_start, att.cue_end = v.idx, v.idx + len(v)
            return att
        if children and (speech or self.lex.is_class(lemma, "evidence")
                         or self.lex.has_frame(lemma, "ccomp")):
            subj = self.subject_of(v)
            not_content = {t.i for t in subj.subtree} if subj is not None and subj.head.i == v.i else set()
            tokens = [t for c in children for t in c.subtree if t.i not in not_content]
            tokens = self._cut_trailing_relative(self._cut_reports(tokens, v))
            return self._content_from_tokens(self._ccomp_rest(v, tokens), "ccomp", v)
        found = self._frame_content(v, lemma)
        if found is not None:
            return found
        if speech and not children:
            found = self._short_answer(v)
            if found is not None:
                return found
        if speech or lemma in self.lex.classes["evidence"]:
            # a quote or clause as object or parataxis of a verb of saying
            for c in v.children:
                if c.dep_ in ("dobj", "parataxis", "xcomp", "oprd") and self._mostly_quoted(c):
                    return self._content_from_tokens(list(c.subtree), "quoted-object", v)
            rev = self._reverse_content(v)
            if rev is not None:
                return rev
        return None

    def _ccomp_rest(self, v, tokens: list) -> list:
        """A reported clause goes on in clauses the parser hung on the cue: "said A because B",
        "said A, while B", "says A and that B" (C_REST_MARKS; not after a later cue)."""
        if not tokens or not CCOMP_REST:
            return tokens
        end = max(t.i for t in tokens)
        out = list(tokens)
        for c in v.children:
            if c.i <= end:
                continue
            if c.dep_ == "advcl":
                marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
                if not marks or marks[0] not in C_REST_MARKS:
                    break
                if marks[0] in self.lex.contrast and self._holds_report(c):
                    break   # 'said A, while others said B': B is its own report
            elif c.dep_ == "conj":
                first = c.left_edge
                kids = list(c.children)
                that = first.lower_ == "that" or any(m.dep_ == "mark" and m.lower_ == "that" for m in kids)
                infinitive = any(m.dep_ == "aux" and m.lower_ == "to" for m in kids) and \
                    not any(m.dep_ in ("nsubj", "nsubjpass") for m in kids)   # "was not to A but to B"
                if not (that or infinitive):
                    break
            elif c.dep_ in ("punct", "cc"):
                if c.text not in (",", "and", "but", "”", "\"", "’"):
                    break
                continue
            else:
                break
            if any(self.tok_quote[t.i] < 0 and self.lex.is_class(self.cue_lemma(t), "speech") and t.i != c.i
                   and t.dep_ in ("ROOT", "conj", "advcl") for t in c.subtree):
                break
            out.extend(c.subtree)
            end = c.right_edge.i
        return out

    def _object_tokens(self, obj) -> list:
        """An object noun phrase without what a comma sets off after it: 'the “Charleston
        loophole,” a flaw in …' / 'Clinton’s email use, which …' / 'issues, including …'."""
        if not OBJECT_CUT:
            return list(obj.subtree)
        cut = None
        for c in obj.children:
            if c.i <= obj.i:
                continue
            before = self.doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
            comma = before is not None and before.text in (",", "”", "\"") and \
                (before.text == "," or self.doc[before.i - 1].text == ",")
            if comma and c.dep_ == "appos" and self._list_item(obj, c):
                continue   # 'the attacks, her support for X and her work on Y': a list, not an apposition
            if comma and (c.dep_ in ("relcl", "appos", "acl") or c.dep_ == "prep" and c.lower_ in ("including", "like", "such")):
                cut = c.left_edge.i if cut is None else min(cut, c.left_edge.i)
        toks = list(obj.subtree)
        if cut is not None:
            toks = [t for t in toks if t.i < cut]
        return toks

    @staticmethod
    def _list_item(obj, c) -> bool:
        """Apposition c of obj is an item of a list: 'and'/'or' and a last noun item follow
        inside it or after it ('the attacks, her support for X and her work on Y')."""
        later = list(c.subtree) + [t for t in obj.children if t.i > c.i]
        return any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.i > 0
                   and t.doc[t.left_edge.i - 1].lower_ in ("and", "or") for t in later)

    def _vp_rest(self, v, tokens: list) -> list:
        """The content tokens plus the cue's later complements, up to a comma or conjunction."""
        if not tokens:
            return tokens
        end = max(t.i for t in tokens)
        out = list(tokens)
        for c in v.children:
            if c.i <= end:
                continue
            as_clause = c.dep_ == "advcl" and c.left_edge.lower_ == "as" and c.left_edge.dep_ == "mark" \
                and c.left_edge.head.i == c.i and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
            if c.dep_ not in VP_REST_DEPS and not as_clause \
                    or any(self.dv.punct[k] for k in range(end + 1, c.left_edge.i)):
                break   # ('described the country as beset by …': the 'as' clause says what of it)
            if c.dep_ == "prep" and c.lower_ in REST_STOP_PREPS:
                break
            if self._occasion(c):
                continue   # not content itself, but what follows it may be ('blamed X directly for Y')
            out.extend(c.subtree)
            end = c.right_edge.i
        return out

    def _occasion(self, c) -> bool:
        """A later complement telling where, when or how it was said ('on Fox and Friends',
        'in almost every speech', 'Monday', 'directly'), not what ([occasions])."""
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
            return True
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_.endswith("ly"):
            return True
        if c.dep_ != "prep" or c.lower_ not in self.lex.occasion_preps:
            return False
        objs = [x for x in c.children if x.dep_ == "pobj"]
        if not objs:
            return False
        o = objs[0]
        if o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in self.lex.occasion_nouns \
                or o.lower_ in self.lex.occasion_nouns:
            return True
        return c.lower_ in ("on", "in") and o.pos_ == "PROPN" and o.ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "")

    def _cut_reports(self, tokens: list, v=None) -> list:
        """Cut a later report the parse hung inside a content: "X said A, and Y said B",
        "he said A, telling reporters that B", "she said A and highlighted B" (a reporting
        verb with no subject of its own, in the cue's tense, not in the tense of the verb
        it was joined to) — B belongs to its own cue."""
        if len(tokens) < 4:
            return tokens
        first = tokens[0].i
        for t in tokens:
            if t.i - first < 2 or t.dep_ not in ("conj", "advcl") or self.tok_quote[t.i] >= 0:
                continue
            lemma = self.cue_lemma(t)
            if self._joined_report(t, v, lemma):
                return self._cut_before(tokens, t, first)
            if not self.lex.is_class(lemma, "speech", "thought"):
                continue
            marks = [m.lower_ for m in t.children if m.dep_ == "mark"]
            if t.dep_ == "advcl" and marks and marks[0] in self.lex.contrast and t.left_edge.i > t.head.i \
                    and self._holds_report(t):
                return self._cut_before(tokens, t, first)   # 'said A, while others said B'
            if t.dep_ == "advcl" and any(m in C_REST_MARKS for m in marks):
                continue   # "said she asked because she wanted …": one reported clause
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            before = self.doc[t.left_edge.i - 1] if t.left_edge.i > first else None
            if own_subject or (t.tag_ == "VBG" and before is not None and before.text in (",",) + DASHES):
                return self._cut_before(tokens, t, first)
        return tokens

    def _holds_report(self, c) -> bool:
        """Clause c holds a report of its own: a speech cue with its own subject
        ('while others said …') or reporting by a gerund ('while X soared by saying …')."""
        for t in c.subtree:
            if self.tok_quote[t.i] >= 0 or t.pos_ not in ("VERB", "AUX"):
                continue
            if not self.lex.is_class(self.cue_lemma(t), "speech"):
                continue
            if t.tag_ == "VBG" or any(x.dep_ in ("nsubj", "nsubjpass") for x in t.children):
                return True
        return False

    def _cut_trailing_relative(self, tokens: list) -> list:
        """'said the FBI had secured the cooperation of Bryan Pagliano, who worked on …': a
        relative clause set off by a comma at the end of a reported clause is the writer's
        note on a name in it, not what was said."""
        if len(tokens) < 6 or any(self.tok_quote[t.i] >= 0 for t in tokens):
            return tokens
        ids = {t.i for t in tokens}
        last = max(ids)
        for t in tokens:
            if t.dep_ != "relcl" or t.head.pos_ not in ("PROPN", "NOUN") or t.right_edge.i < last - 1:
                continue
            lo = t.left_edge.i
            if lo - 1 in ids and self.doc[lo - 1].text == "," and lo - 1 > min(ids) + 2 \
                    and self.doc[lo].lower_ in ("who", "which", "whose", "where", "when", "whom"):
                return [x for x in tokens if x.i < lo - 1]
        return tokens

    def _cut_before(self, tokens: list, t, first: int) -> list:
        cut = t.left_edge.i
        while cut - 1 > first and self.doc[cut - 1].dep_ in ("cc", "punct"):
            cut -= 1
        return [x for x in tokens if x.i < cut]

    def _joining_cue(self, t):
        """The cue whose reported clause t was joined to by the parser ('said she admires X and
        highlighted Y' → said), when t is a reporting verb in that cue's tense; else None."""
        if t.dep_ != "conj" or t.tag_ not in FINITE_PAST_PRESENT or t.head.tag_ == t.tag_:
            return None
        x = t.head
        for _ in range(3):
            if x.dep_ not in ("ccomp", "xcomp", "conj") or x.head.i == x.i:
                return None
            x = x.head
            if x.tag_ == t.tag_ and self.lex.is_class(self.cue_lemma(x), "speech", "thought") \
                    and self.cue_lemma(t) is not None and self._joined_report(t, x, self.cue_lemma(t)):
                return x
        return None

    def _joined_report(self, t, v, lemma) -> bool:
        """'said she admires X and highlighted Y': t is a second report of the cue v's speaker."""
        if v is None or lemma is None or t.dep_ != "conj" or t.tag_ not in FINITE_PAST_PRESENT:
            return False
        if t.tag_ != v.tag_ or self.lex.is_class(lemma, "thought"):
            return False
        if t.head.tag_ == t.tag_ and not self.lex.is_class(lemma, "speech", "naming", "evaluative"):
            return False   # 'said he went there and bought milk': one reported clause
        return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)

    def _appeal_content(self, v, lemma: str) -> Attribution | None:
        """'called on Congress to act' / 'called for Clinton to resign': the one appealed to
        and the act asked for ([appeals] in quote_cues.toml)."""
        preps = self.lex.appeals.get(lemma) if self.lex.appeals else None
        if not preps:
            return None
        for c in v.children:
            marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in preps and m.i < c.i]
            if c.dep_ == "advcl" and c.i > v.i and marks and any(
                    x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                # 'called for Clinton to resign' (parsed 'for' + a clause): the object of 'for'
                return self._content_from_tokens([t for t in c.subtree if t.i > marks[0].i], "appeal", v)
            if c.dep_ != "prep" or c.lower_ not in preps or c.i < v.i:
                continue
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if not objs:
                continue
            o = objs[0]
            acts = [x for x in v.children if x.dep_ in ("xcomp", "advcl") and x.i > o.right_edge.i
                    and any(a.dep_ == "aux" and a.lower_ == "to" and a.i < x.i for a in x.children)]
            acts += [x for x in o.children if x.dep_ in ("acl", "relcl") and x.i > o.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)]
            if not acts:
                continue
            x = acts[0]
            tokens = [t for t in o.subtree if t.i < x.left_edge.i] + list(x.subtree)
            return self._content_from_tokens(tokens, "appeal", v)
        return None

    def _frame_content(self, v, lemma: str) -> Attribution | None:
        """Verb + object frames learnt from attribution data ("backed X", "called for X")."""
        found = self._appeal_content(v, lemma)
        if found is not None:
            return found
        for c in v.children:
            frame = c.dep_
            tokens = None
            if frame == "dobj" and not self.lex.object_is_content(lemma, c.lemma_):
                continue   # "posted the clip", "claimed victory"
            if frame in ("xcomp", "dobj") and self.lex.has_frame(lemma, frame):
                tokens = self._object_tokens(c) if frame == "dobj" else list(c.subtree)
            elif frame == "prep" and self.lex.has_frame(lemma, "prep:" + c.lower_):
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                tokens = [t for x in objs for t in (self._object_tokens(x) if x.dep_ == "pobj" else x.subtree)]
            if tokens:
                return self._content_from_tokens(self._vp_rest(v, tokens), "frame:" + frame, v)
        return None

    def _mostly_quoted(self, tok) -> bool:
        sub = list(tok.subtree)
        q = sum(1 for t in sub if self.tok_quote[t.i] >= 0)
        return len(sub) >= 2 and q >= 0.8 * len(sub)

    def _colon_quote(self, v) -> int | None:
        """Index of a quote span opening right after 'cue …:' (within a few tokens)."""
        doc = self.doc
        for j in range(v.i + 1, min(v.i + 8, len(doc))):
            t = doc[j]
            if t.text == ":":
                k = j + 1
                while k < len(doc) and doc[k].is_space:
                    k += 1
                if k < len(doc) and self.tok_quote[k] >= 0:
                    qi = self.tok_quote[k]
                    if self.quotes[qi].open_mark == doc[k].idx:
                        return qi
                return None
            if t.is_sent_end or self.tok_quote[j] >= 0 or t.pos_ == "VERB":
                return None
        return None

    def _comma_quote(self, v) -> int | None:
        """'Ryan said, “Look …”' / 'As Michael Dell said last week, “Israel is …”': a quotation
        opening right after a comma that ends the reporting clause, when no quotation stands
        before the clause in its sentence (then the comma joins '“A,” he said, “B”')."""
        doc = self.doc
        sent = v.sent
        if any(self.tok_quote[k] >= 0 for k in range(sent.start, v.i)):
            return None
        for j in range(v.i + 1, min(v.i + 8, sent.end)):
            t = doc[j]
            if t.text == "," or t.text.startswith(",") and len(t.text) > 1:
                k = j + 1
                while k < len(doc) and doc[k].is_space:
                    k += 1
                at = t.idx + 1 if len(t.text) > 1 else (doc[k].idx if k < len(doc) else None)
                if at is None:
                    return None
                return self.tok_quote_at(at)
            if self.tok_quote[j] >= 0:
                q = self.quotes[self.tok_quote[j]]
                if self.text[v.idx + len(v):q.open_mark].rstrip().endswith(","):
                    return self.tok_quote[j]   # ',“' written without a space
                return None
            if t.is_sent_end or t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "that"):
                return None
        return None

    def _short_answer(self, v) -> Attribution | None:
        """'the candidate said no' / 'half said so' / '75 percent said yes'."""
        nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
        if nxt is None or nxt.lower_ not in ("yes", "no", "so") or nxt.head.i != v.i:
            return None
        after = v.doc[nxt.i + 1] if nxt.i + 1 < len(v.doc) else None
        if after is not None and not (after.is_punct or after.dep_ in ("cc", "prep") or after.is_space):
            return None
        att = Attribution(nxt.idx, nxt.idx + len(nxt), "indirect", how="answer")
        att.cue, att.cue_token = self._cue_text(v), v.i
        att.cue_start, att.cue_end = v.idx, v.idx + len(v)
        return att

    def _reverse_content(self, v) -> Attribution | None:
        """'…, Mr Xi said.' / '…,” he told reporters.' / '…, IMF data shows.'"""
        sent = v.sent
        left = self._reverse_left_edge(v)
        if left is None:
            return self._quote_before_sentence(v)
        tokens = [t for t in sent if t.i < left]
        how = "reverse" if v.pos_ in ("VERB", "AUX") else "surface-reverse"
        if how == "surface-reverse" and not self.lex.is_class(self.cue_lemma(v), "evidence"):
            return None   # only 'IMF data shows' gets a cue the parser took for a noun
        if how == "reverse" and not self._reverse_subject(v):
            return None   # '…, claiming 41 percent' / '…, estimated at $5 billion' report nothing before
        if not self._clause_ends_after(v):
            right = self._clause_comma_after(v)
            if right is None or len(tokens) < 2:
                return None
            # "The plan, an aide said, is to …": the report runs on both sides of its clause
            rest = [t for t in sent if t.i > right]
            words = [t for t in rest if not t.is_punct]
            if words and words[0].tag_ == "VBG" and len(tokens) >= 3:
                return self._content_from_tokens(tokens, how, v)   # "…, he said, adding that …"
            if len(words) < 2:
                return None
            before = [t for t in tokens if not t.is_punct and not t.is_space]
            if any(c.lower_ == "as" and c.i < v.i and c.dep_ in ("mark", "advmod", "prep") for c in v.children) \
                    or before and all(t.lower_ in POINTING_WORDS for t in before):
                # 'Of course, as X observed, the winner was …' / 'That, X explained, is by design':
                # only the clause after the reporting clause is what was said
                return self._content_from_tokens(rest, how + "-after", v)
            return self._content_from_tokens(tokens + rest, how + "-around", v)
        if len(tokens) < 3 or not self._reported_clause(tokens):
            return None
        return self._content_from_tokens(tokens, how, v)

    def _reverse_subject(self, v) -> bool:
        """A reporting clause after what it reports has its own subject, inverted or not
        ('…, Mr Xi said' / '…, said Mr Xi'), and a finite verb."""
        if v.tag_ in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in v.children):
            return False
        return any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ in ("attr", "dobj") and c.i > v.i
                   and c.pos_ in ("PROPN", "NOUN") for c in v.children)

    def _reported_clause(self, tokens) -> bool:
        """Whether words before '…, X said' can be what was said: a quotation, or a clause with
        a verb that is no introductory phrase ('Of course, …', 'During the debate, …',
        'If she becomes president, …')."""
        words = [t for t in tokens if not t.is_punct and not t.is_space]
        if not words or any(self.tok_quote[t.i] >= 0 for t in words):
            return True
        if not any(t.pos_ in ("VERB", "AUX") for t in words):
            return False
        first = words[0]
        return not (first.lower_ in INTRO_WORDS or first.dep_ == "mark" and first.head.dep_ == "advcl")

    def _quote_before_sentence(self, v) -> Attribution | None:
        """'“Thank you, Lakeside!” she tweeted.': the parser ended the sentence inside the
        quotation, so the reporting clause stands alone; it reports the quote before it when
        only its subject comes first and only a short tail follows."""
        doc = self.doc
        start = v.sent.start
        if start == 0 or v.i - start > 6:
            return None
        if not self._clause_ends_after(v) and (
                any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in v.children)
                or any(t.lower_ == "that" or self.tok_quote[t.i] >= 0 for t in doc[v.i + 1:v.sent.end])):
            return None   # "… said as he launched the process" still reports the quote before
        prev = doc[start - 1]
        qi = self.tok_quote[prev.i]
        if qi < 0 or self.quotes[qi].close_mark is None or prev.idx < self.quotes[qi].close_mark:
            return None   # the token before is not the quotation's closing mark
        if "\n" in self.text[self.quotes[qi].outer_end:doc[start].idx]:
            return None
        before = doc[start:v.i]
        if any(t.pos_ in ("VERB", "AUX") or t.is_punct or self.tok_quote[t.i] >= 0 for t in before):
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "attr" and c.i > v.i for c in v.children):
            return None
        chain = self._chain(qi)
        att = Attribution(self.quotes[qi].start, self.quotes[chain[-1]].end, "direct", how="quote-before")
        att.quotes = chain
        att.cue, att.cue_token = self._cue_text(v), v.i
        att.cue_start, att.cue_end = v.idx, v.idx + len(v)
        return att

    def _clause_comma_after(self, v) -> int | None:
        """The comma closing a reporting clause set inside a sentence (", Mr X said,")."""
        doc = self.doc
        for j in range(v.i + 1, min(v.i + 8, v.sent.end)):
            t = doc[j]
            if t.text == ",":
                return j
            if t.pos_ in ("VERB", "AUX") or self.tok_quote[j] >= 0 or t.text in (".", ";", ":", "that"):
                return None
        return None

    def _reverse_left_edge(self, v) -> int | None:
        """Token index where the reporting clause starts, if a comma/quote comes right before it."""
        doc = self.doc
        sent_start = v.sent.start
        j = v.i - 1
        steps = 0
        # inverted: ', said Mr X'
        if j >= sent_start and doc[j].text in (",", "”", "\"", "’") or (
                j >= sent_start and self.tok_quote[j] >= 0):
            return v.i
        while j >= sent_start and steps < 11:
            t = doc[j]
            if t.text in (",", "”", "\"", "—", "–") or self.tok_quote[j] >= 0:
                if steps >= 7 and not (self.tok_quote[j] >= 0 or t.text in ("”", "\"")):
                    return None   # a long speaker phrase only after a quotation's closing mark
                return j + 1 if j + 1 < v.i else None
            if t.pos_ in ("VERB",) or t.text in (".", ";", ":", "(", ")"):
                return None
            j -= 1
            steps += 1
        return None

    def _clause_ends_after(self, v) -> bool:
        """After the cue: only a short tail (object, 'on Friday', 'in a statement') to the end."""
        doc = self.doc
        end = v.sent.end
        j = v.i + 1
        n = 0
        while j < end:
            t = doc[j]
            if t.text in (".", "!", "?") or t.is_space:
                return True
            if t.text in (",", ";", ":") and n > 0:
                return True
            if t.pos_ == "VERB" and t.dep_ not in ("amod",) or self.tok_quote[j] >= 0 or t.text in ("that",):
                return False
            if t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass") and t.head.i != v.i:
                return False   # 'The plan, he says, is different': the sentence's own verb after the clause
            n += 1
            if n > 10:
                return False
            j += 1
        return True

    def _surface_subject(self, v):
        """The head of the words between the comma and a cue the parser did not take as a verb."""
        doc = self.doc
        j = v.i - 1
        best = None
        while j >= v.sent.start and doc[j].text not in (",", "”", "\"") and self.tok_quote[j] < 0:
            if doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
                best = best or doc[j]
                if doc[j].lower_ in self.lex.channels:
                    best = doc[j]
                    break
            j -= 1
        if best is not None and best.lower_ in self.lex.channels:
            owners = [doc[k] for k in range(max(v.sent.start, best.i - 4), best.i)
                      if doc[k].pos_ == "PROPN"]
            if owners:
                return owners[-1]
        return best

    # ---- rule 2: according to ---------------------------------------------------------
    def _according(self, atts: list[Attribution]) -> list[Attribution]:
        doc = self.doc
        new = []
        phrases = self.lex.according
        firsts = {words[0] for words in phrases}
        for i, low in enumerate(self.dv.lower):
            if low not in firsts or self.tok_quote[i] >= 0:
                continue
            t = doc[i]
            for words in phrases:
                n = len(words)
                if t.lower_ != words[0] or t.i + n > len(doc):
                    continue
                if tuple(x.lower_ for x in doc[t.i:t.i + n]) != words:
                    continue
                marker_end = doc[t.i + n - 1]
                src = self._according_source(t, marker_end)
                if src is None:
                    continue
                self._attach_according(t, marker_end, src, atts, new)
        return new

    def _according_source(self, first, last):
        pobj = [c for c in last.children if c.dep_ in ("pobj", "dobj")]
        if not pobj:
            pobj = [c for c in first.children if c.dep_ in ("pobj", "dobj")]
        if pobj:
            return pobj[0]
        nxt = first.doc[last.i + 1] if last.i + 1 < len(first.doc) else None
        return nxt if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "DET") else None

    def _attach_according(self, first, last, src, atts: list[Attribution], new: list) -> None:
        sent = first.sent
        phrase = set(t.i for t in first.subtree) | set(t.i for t in src.subtree) | {first.i, last.i}
        p_lo, p_hi = min(phrase), max(phrase)
        # an attribution already found in this sentence: the marker names its channel
        for a in atts:
            if a.cue_token is None or not (sent.start <= a.cue_token < sent.end):
                continue
            if a.speaker_start is None:
                break
            s, e, h = self.speaker_span(src)
            a.via_start, a.via_end = s, e
            return
        before = [t for t in sent if t.i < p_lo]
        after = [t for t in sent if t.i > p_hi]
        # the reported clause is the larger side of the phrase ("X, according to Y." / "According to Y, X.")
        tokens = before if len([t for t in before if not t.is_punct]) >= \
            len([t for t in after if not t.is_punct]) else after
        att = self._content_from_tokens(tokens, "according", None)
        if att is None:
            return
        att.cue = " ".join(t.text for t in first.doc[first.i:last.i + 1])
        att.cue_start, att.cue_end = first.idx, last.idx + len(last)
        att.cue_token = first.i
        self._speaker_into(att, src)
        new.append(att)

    # ---- rule 2c: reportedly -------------------------------------------------------------
    def _reportedly(self, atts: list[Attribution]) -> list[Attribution]:
        """'The group is reportedly spending $1.5 million …': a report without its source."""
        out = []
        for i, low in enumerate(self.dv.lower):
            if low != "reportedly" or self.tok_quote[i] >= 0:
                continue
            t = self.doc[i]
            head = t.head
            if t.dep_ != "advmod" or head.pos_ not in ("VERB", "AUX"):
                continue
            if any(a.start <= t.idx < a.end or a.cue_token == head.i for a in atts):
                continue
            att = self._content_from_tokens(list(head.subtree), "reportedly", None)
            if att is None:
                continue
            att.cue, att.cue_token = t.text, t.i
            att.cue_start, att.cue_end = t.idx, t.idx + len(t)
            out.append(att)
        return out

    # ---- rule 2b: speaker labels ---------------------------------------------------------
    def _labels(self, atts: list[Attribution]) -> list[Attribution]:
        """'TAPPER: Do you think …' (a transcript line) and '… - Carl Bialik: “One of …”':
        a name and a colon before what the named one said, with no verb."""
        out = []
        taken = [(a.start, a.end) for a in atts]
        for m in LABEL.finditer(self.text):
            label_s, label_e = m.start("label"), m.end("label")
            words = self.text[label_s:label_e].split()
            if words[0].lower() in LABEL_STOP or any(w.lower() in LABEL_STOP for w in words[-1:]):
                continue
            caps = all(w.isupper() for w in words if w.isalpha())
            after = m.end()
            qi = self.tok_quote_at(after)
            if qi is not None:
                chain = self._chain(qi)
                start, end = self.quotes[qi].start, self.quotes[chain[-1]].end
            elif caps and m.group("dash") is None:
                end = self.text.find("\n", after)
                end = len(self.text) if end < 0 else end
                start, end = strip_span(self.text, after, end, EDGE_CHARS)
            else:
                continue
            if end - start < 12 or len(self.text[start:end].split()) < 3:
                continue
            if any(a <= label_s < b for a, b in taken):
                continue   # the label is inside another report
            span = self.doc.char_span(label_s, label_e, alignment_mode="expand")
            if span is None or not any(t.pos_ == "PROPN" or t.is_upper for t in span):
                continue
            if any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
                continue
            att = Attribution(start, end, "direct", how="label")
            if qi is not None:
                att.quotes = chain
            else:
                self._set_kind(att)
            colon = m.end("label")
            att.cue, att.cue_start, att.cue_end = ":", colon, colon + 1
            head = span.root
            if head.pos_ not in ("PROPN", "NOUN") and not head.is_upper:
                continue
            same = [a for a in atts if a.how == "colon" and a.start == start and a.cue_end is not None
                    and a.cue_end <= label_s]
            for a in same:   # "Pollsters agree - Carl Bialik: “…”": the label is the nearer speaker
                a.speaker_start, a.speaker_end = label_s, label_e
                a.speaker_head = (head.idx, head.idx + len(head))
            if same or any(a.start == start and a.end == end for a in atts):
                continue
            att.speaker_start, att.speaker_end = label_s, label_e
            att.speaker_head = (head.idx, head.idx + len(head))
            taken.append((start, end))
            out.append(att)
        return out

    def tok_quote_at(self, at: int) -> int | None:
        """The quote span whose opening mark stands at `at` (after spaces)."""
        while at < len(self.text) and self.text[at] in " \t":
            at += 1
        for i, q in enumerate(self.quotes):
            if q.open_mark == at:
                return i
            if q.open_mark > at:
                break
        return None

    # ---- all ---------------------------------------------------------------------------
    def find(self) -> list[Attribution]:
        atts = self._cue_attributions()
        atts = self._drop_nested(atts)
        atts += self._according(atts)
        atts += self._labels(atts)
        atts += self._reportedly(atts)
        atts += self._colon_statements(atts)
        atts += self._quote_attributions(atts)
        if NESTED_QUOTE_CUE:
            atts = self._drop_nested_quoted(atts)
        quoted_cues = {a.cue_token for a in atts if a.how == "quote-cue"}
        # "“…,” Mr X told Mr Y": a cue with a quotation does not also report its object
        atts = [a for a in atts if not (a.how.startswith("frame:") and a.cue_token in quoted_cues)]
        if self.model is not None:
            atts += self._learned(atts)
        atts.sort(key=lambda a: (a.start, a.end))
        atts = self._merge_fragments(self._dedupe(atts))
        for a in atts:
            a.category = self.category_of(a)
        return atts

    def category_of(self, att: Attribution) -> str:
        """speech, thought, stance or evidence, by the cue and its source (quotes/category.py)."""
        lemma = None
        if att.cue_token is not None and att.how != "according":
            tok = self.doc[att.cue_token]
            lemma = tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX") else None
        source = self.text[att.speaker_start:att.speaker_end] if att.speaker_start is not None else None
        if source is not None and att.cue_start is not None and 0 <= att.cue_start - att.speaker_end < 40 \
                and "\n" not in self.text[att.speaker_start:att.cue_start]:
            # "IMF data shows": the speaker is the channel's owner, the source phrase the channel
            source = self.text[att.speaker_start:att.cue_start]
        table = category_table()
        if self._colon_led(att):
            # 'X boomed: “…”' / 'had one message: …': the colon is the cue's last word (its mark)
            return table.categorise((att.cue or "") + " :", source, None)
        if att.cue_token is not None and att.how != "according":
            # 'made it clear that …', 'issued a statement saying': a phrase around the cue word
            i = att.cue_token
            window = self.doc[max(0, i - 3):min(len(self.doc), i + 4)]
            cat = table.phrase_category([t.text for t in window], i - window.start)
            if cat is not None:
                return cat
        cat = table.categorise(att.cue, source, lemma)
        if cat != "speech" and att.cue_token is not None and att.how != "according" \
                and self._speech_frame(att):
            return "speech"
        return cat

    def _speech_frame(self, att: Attribution) -> bool:
        """The cue word stands in a speech frame ([frames] of quote_categories.toml): under
        an aspectual or light verb with a speech noun object ('held a conference call to
        defend', 'spent much of his speech defending'), or is such a verb with a speech
        object or complement outside its content ('put out a statement about', 'delivered a
        speech about', 'began by talking about', 'moved to emphasize')."""
        table = category_table()
        i = att.cue_token
        t = self.doc[i]

        def outside(tok) -> bool:
            return not (att.start <= tok.idx < att.end)

        frames = []
        if t.lemma_.lower() in table.frame_verbs:
            frames.append((t, False))
        v = t
        for _ in range(2):   # up through 'to'/'by'/'in' to the frame verb
            dep, h = v.dep_, v.head
            if h is v:
                break
            if dep in ("pcomp", "pobj") and h.dep_ == "prep" and h.head is not h:
                h = h.head
            elif dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                break   # 'while Clinton pushed …', '…, seeking to': a clause of its own
            elif dep not in ("xcomp", "advcl", "pcomp"):
                break
            if h.pos_ not in ("VERB", "AUX") or h.lemma_.lower() not in table.frame_verbs:
                break
            frames.append((h, True))
            v = h
        for f, above in frames:
            for c in f.children:
                if not outside(c):
                    continue
                if c.dep_ in ("dobj", "npadvmod") and c.pos_ in ("NOUN", "PROPN"):
                    if self._speech_noun(c):
                        return True
                elif c.dep_ == "prep" and c.lower_ in ("by", "to", "in", "with") and not above:
                    for g in c.children:
                        if g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB" and g.i != i and outside(g) \
                                and table.speech_word(g.text, g.lemma_.lower(), verb=True):
                            return True
                elif c.dep_ == "xcomp" and not above and c.pos_ == "VERB" and c.i != i and outside(c) \
                        and table.speech_word(c.text, c.lemma_.lower(), verb=True):
                    return True
        return False

    def _speech_noun(self, n) -> bool:
        """A noun phrase head that is a speech noun, or one whose 'of' noun is ('much of his
        speech')."""
        table = category_table()
        if table.frame_noun(n.text):
            return True
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                if any(g.dep_ == "pobj" and table.frame_noun(g.text) for g in c.children):
                    return True
        return False

    def _colon_led(self, att: Attribution) -> bool:
        """The content opens right after a colon that ends its reporting clause ('X said: …',
        'had one message: …'), in the same sentence run, with the cue before it."""
        if att.cue_end is None or att.cue_end > att.start or att.how == "according":
            return False
        gap = self.text[att.cue_end:att.start]
        if len(gap) > COLON_GAP or "\n\n" in gap:
            return False
        gap = gap.rstrip(" \n\t“\"‘'")
        return gap.endswith(":") and not any(ch in gap[:-1] for ch in ".;:!?“”\"")

    def _drop_nested(self, atts: list[Attribution]) -> list[Attribution]:
        """A cue inside another attribution's content is part of what was reported."""
        spans = [(a.start, a.end) for a in atts]
        keep = []
        for a in atts:
            c = a.cue_start
            nested = any(s <= c < e for (s, e), b in zip(spans, atts) if b is not a and c is not None)
            if not nested or a.kind == "direct":
                keep.append(a)
        return keep

    def _drop_nested_quoted(self, atts: list[Attribution]) -> list[Attribution]:
        """A quoted fragment given to a cue inside another report's content is part of that
        report ('Americans are “right to be angry,” but hungry for what she calls “real
        solutions”')."""
        outer = [(a.start, a.end) for a in atts if a.how != "quote-cue"]
        return [a for a in atts if not (a.how == "quote-cue" and a.cue_start is not None and any(
            s <= a.cue_start < e and s <= a.start and a.end <= e + 2 for s, e in outer))]

    def _dedupe(self, atts: list[Attribution]) -> list[Attribution]:
        out: list[Attribution] = []
        seen = set()
        for a in atts:
            key = (a.start, a.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(a)
        return out


_DEFAULT = object()


def find_attributions(parsed, lexicon: CueLexicon | None = None, model=_DEFAULT,
                      text: str | None = None) -> list[Attribution]:
    """All attributions in a parsed article (spaCy Doc), in text order.

    `model` defaults to the shipped candidate scorer; pass None for the rules alone.
    `text` is the Doc's text when the caller has it (saves rebuilding it)."""
    return Finder(parsed, lexicon, quote_model() if model is _DEFAULT else model, text).find()
