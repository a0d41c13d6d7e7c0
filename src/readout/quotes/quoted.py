"""Rule 3 of the attribution finder: quoted stretches the cue rules did not cover.

A quotation is given to the nearest cue above it in the parse ("what he called a
“difficult” situation"), to a name after a dash (a vox-pop line), or continues the
previous direct quote ("“A,” he said. “B.”" is one quote); scare quotes and quoted
names with no cue are left alone. Mixed into `find.Finder`.
"""
from __future__ import annotations

import re

from .attribution import EDGE_CHARS, Attribution, add_part
from .category import category_table
from .marks import QuoteSpan, strip_span

MODIFIER_DEPS = ("amod", "compound", "nmod", "nummod", "poss")
# characters of attribution tail after a quotation ending a paragraph (',” Mr X said on Friday.')
CONTINUE_TAIL = 120
# complements of a cue that hold a quoted fragment of a report, and their longest length in tokens
HOLDING_DEPS = ("dobj", "ccomp", "xcomp", "prep", "dative", "oprd")
HOLDING_MAX = 60
# complements of a naming cue ('call') that hold what was asked for, not a name given
ASKED_DEPS = ("prep", "xcomp", "advcl")
# between a reported clause and a quotation going on with it: its sentence's end, a colon
GOES_ON_GAP = re.compile(r"[”\"’']?[.:!?]?[”\"’']? ?")


# steps from a colon up to the verb of the clause it ends, and that clause's longest length
COLON_UP = 3
COLON_CLAUSE_MAX = 16
# an unquoted statement after a colon: its fewest words
COLON_MIN_WORDS = 3


class QuotedStretches:
    """Methods of `Finder` for quote marks (uses its doc, quotes, lexicon and speaker rules)."""

    def _colon_statements(self, atts: list[Attribution]) -> list[Attribution]:
        """'Trump leaned in and boomed: “Let’s …”' / 'The ministry’s statement read: talks
        will go on' / 'He released the following statement: “…”': a clause ending in a colon
        introduces a statement of its subject — the quotation opening after the colon, or the
        rest of the sentence — when its verb is a verb of saying or a word of it names a
        statement ([colon] in quote_cues.toml)."""
        out: list[Attribution] = []
        taken = [(a.start, a.end) for a in atts]
        doc = self.doc
        for i, low in enumerate(self.dv.lower):
            if low != ":" or self.tok_quote[i] >= 0:
                continue
            colon = doc[i]
            if any(s <= colon.idx < e for s, e in taken):
                continue
            v = self._colon_verb(colon)
            if v is None or not self._states_after_colon(v, colon):
                continue
            k = i + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k >= len(doc) or "\n\n" in self.text[colon.idx:doc[k].idx]:
                continue
            qi = self.tok_quote[k]
            if qi >= 0 and self.quotes[qi].open_mark <= doc[k].idx:
                chain = self._chain(qi)
                att = Attribution(self.quotes[qi].start, self.quotes[chain[-1]].end, "direct",
                                  how="colon-statement")
                att.quotes = chain
                att.cue, att.cue_token = self._cue_text(v), v.i
                att.cue_start, att.cue_end = v.idx, v.idx + len(v)
            else:
                sent = doc[k].sent
                toks = list(doc[k:sent.end])
                if sum(1 for t in toks if t.is_alpha) < COLON_MIN_WORDS \
                        or not any(t.pos_ in ("VERB", "AUX") for t in toks):
                    continue
                att = self._content_from_tokens(toks, "colon-statement", v)
                if att is None:
                    continue
            if any(a < att.end and att.start < b for a, b in taken):
                continue
            self._speaker_into(att, self._colon_speaker(v, colon))
            taken.append((att.start, att.end))
            out.append(att)
        return out

    def _colon_speaker(self, v, colon):
        """Who states what follows a colon: the clause's subject; for a statement noun as
        subject ('two words that Jeb Bush could not utter were:') or none, the statement's
        owner or the subject of its relative clause."""
        subj = self._colon_subject(v)
        if subj is not None and not self._statement_noun(subj):
            return subj
        nouns = ([subj] if subj is not None else []) + [
            t for t in self.doc[v.i + 1:colon.i] if self._statement_noun(t)]
        for n in nouns:
            owners = [c for c in n.children if c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "PROPN"]
            if owners:
                return owners[0]
            rel = [c for c in n.children if c.dep_ == "relcl"]
            if rel:
                own = [c for c in rel[0].children if c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who")]
                if own:
                    return own[0]
        return subj

    def _statement_noun(self, t) -> bool:
        return t.pos_ == "NOUN" and (t.lower_ in self.lex.colon_nouns or t.lemma_.lower() in self.lex.colon_nouns)

    def _colon_subject(self, v):
        """The subject of a colon clause's verb, or of the verb it was joined to ('Trump
        gestured, then leaned in and boomed: …')."""
        for _ in range(3):
            subj = self.subject_of(v)
            if subj is not None or v.dep_ not in ("conj", "dep") or v.head.i == v.i:
                return subj
            v = v.head
        return None

    def _colon_verb(self, colon):
        """The verb of the clause a colon ends (the colon hangs on it or on a word of it)."""
        v = colon.head
        for _ in range(COLON_UP):
            if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
                break
            v = v.head
        if v.pos_ not in ("VERB", "AUX") or v.i >= colon.i or colon.i - v.i > COLON_CLAUSE_MAX \
                or self.tok_quote[v.i] >= 0:
            return None
        return v

    def _states_after_colon(self, v, colon) -> bool:
        lemma = v.lemma_.lower()
        if self.lex.is_class(self.cue_lemma(v), "speech", "reverse") or lemma in self.lex.colon_verbs \
                or category_table().verbs.get(lemma) == "speech":
            return True
        if v.i > 0 and self.doc[v.i - 1].text == "(":
            return False   # '(read: without prescriptions)'
        subj = self.subject_of(v)
        if lemma in ("be", "become"):   # 'The message was: …', not 'The question is: …'
            words = [subj] if subj is not None else []
        else:
            words = [t for t in self.doc[v.i + 1:colon.i]] + ([subj] if subj is not None else [])
        return any(t.lower_ in self.lex.colon_nouns or t.lemma_.lower() in self.lex.colon_nouns
                   for t in words if t.pos_ == "NOUN")

    def _quote_attributions(self, atts: list[Attribution]) -> list[Attribution]:
        covered = set()
        own_quotes: set[tuple[int, int]] = set()   # (quote, cue token): in a cue's own larger content
        for a in atts:
            covered.update(a.quotes)
            if a.cue_token is not None:
                own_quotes.update((qi, a.cue_token) for qi in a.quotes
                                  if a.start < self.quotes[qi].open_mark)
        out: list[Attribution] = []
        own_content: dict[int, list[Attribution]] = {}
        for a in atts:
            if a.cue_token is not None and a.how in ("ccomp", "colon"):
                own_content.setdefault(a.cue_token, []).append(a)
        last_direct: Attribution | None = None
        last_cued: Attribution | None = None   # the last direct quote with a cue, speaker or not
        last_report: Attribution | None = None
        ordered = sorted(atts, key=lambda a: a.start)
        k = 0
        for qi, q in enumerate(self.quotes):
            while k < len(ordered) and ordered[k].start <= q.start:
                if ordered[k].kind in ("direct", "mixed") and ordered[k].speaker_start is not None:
                    last_direct = ordered[k]
                if ordered[k].kind == "direct" and ordered[k].cue_start is not None:
                    last_cued = ordered[k]
                if ordered[k].speaker_start is not None and ordered[k].cue_start is not None:
                    last_report = ordered[k]
                k += 1
            if q.continues is not None:
                continue   # handled with the span it continues
            chain = self._chain(qi)
            toks = self._tokens_of(q)
            if not toks:
                continue
            cue, steps = self._cue_above(toks)
            if cue is not None and cue.i in own_content and cue.idx > q.end \
                    and self.text[q.start:q.end].rstrip()[-1:] in ".?!" \
                    and not any(a.start < q.end and q.start < a.end for a in own_content[cue.i]):
                cue = None   # '“A,” X said. “B.” Y said C': Y's cue has its own content; B goes on A
            if qi in covered and (cue is None or not self.lex.is_class(self.cue_lemma(cue), "naming")
                                  or (qi, cue.i) in own_quotes and self._inside_asked_for(cue, toks)):
                continue   # part of a mixed quote, unless a nested 'what he called “…”' — but
                # 'called for a move to a “clean energy economy”': the cue's own content holds it
            if cue is not None:
                if self._looks_like_name_or_scare(toks, q) and not (
                        self.lex.is_class(self.cue_lemma(cue), "naming") and steps <= 3):
                    continue
                att = Attribution(q.start, self.quotes[chain[-1]].end, "direct", how="quote-cue")
                att.quotes = chain
                att.cue, att.cue_token = self._cue_text(cue), cue.i
                att.cue_start, att.cue_end = cue.idx, cue.idx + len(cue)
                self._naming_object(att, cue, toks)
                self._holding_phrase(att, cue, toks)
                self._speaker_into(att, self.subject_of(cue))
                out.append(att)
                continue
            if qi in covered:
                continue
            dash = self._dash_source(q)
            if dash is not None:
                # “…” ― Maria Lopez, 34, Phoenix (a vox-pop line)
                att = Attribution(q.start, self.quotes[chain[-1]].end, "direct", how="dash")
                att.quotes = chain
                mark = dash[0]
                att.cue, att.cue_start, att.cue_end = self.text[mark.idx], mark.idx, mark.idx + 1
                self._speaker_into(att, dash[1])
                out.append(att)
                continue
            run = next((a for a in (last_direct, last_cued) if a is not None and self._same_paragraph_run(a, q)), None)
            if run is not None:
                # “A,” he said. “B.” — one quotation broken by its attribution (also when the
                # parse gave the cue no subject: '“A,” added a Democrat. “B.”')
                add_part(run, q.start, self.quotes[chain[-1]].end)
                run.quotes = sorted(set(run.quotes) | set(chain))
                continue
            if last_report is not None and last_report.kind != "direct" and \
                    self._quote_goes_on(last_report, q, toks):
                # 'adding that he had fought for bills. “A leader must fight …”': the
                # quotation right after a reported clause goes on with what was reported
                add_part(last_report, q.start, self.quotes[chain[-1]].end)
                last_report.quotes = sorted(set(last_report.quotes) | set(chain))
                continue
            if self._is_sentence_quote(toks) and last_direct is not None and \
                    self._near(last_direct.end, q.open_mark):
                # the next paragraph quotes the same speaker on: one quotation in pieces
                add_part(last_direct, q.start, self.quotes[chain[-1]].end)
                last_direct.quotes = sorted(set(last_direct.quotes) | set(chain))
        return out

    def _inside_asked_for(self, cue, toks) -> bool:
        """The quoted tokens lie in a prepositional complement of the cue ('called for a move
        to a “clean energy economy”', 'referred to X as “Y”'), not in a named object
        ('called him “Y”'): with the cue's own content larger than them, that content is the
        report."""
        first = min(t.i for t in toks)
        return any(c.dep_ in ASKED_DEPS and c.left_edge.i <= first <= c.right_edge.i for c in cue.children)

    def _naming_object(self, att: Attribution, cue, toks) -> None:
        """'called Wells Fargo's behaviour “outrageous”': the thing named belongs to the quote."""
        if not self.lex.is_class(self.cue_lemma(cue), "naming"):
            return
        first = min(t.i for t in toks)
        objs = [c for c in cue.children if c.i < first and self.tok_quote[c.i] < 0 and (
            c.dep_ == "dobj" or c.dep_ in ("oprd", "dep") and c.pos_ in ("PROPN", "NOUN", "PRON"))]
        if not objs:   # 'This feature has been called “strategic ambiguity”': the subject is named
            objs = [c for c in cue.children if c.dep_ == "nsubjpass" and c.i < first and self.tok_quote[c.i] < 0
                    and c.pos_ in ("PROPN", "NOUN")]
        if objs:
            start = min(t.idx for t in objs[0].subtree)
            if start < att.start:
                att.start = start
                att.kind = "mixed"
                # … to the end of the phrase holding the quote: 'as a “fair” result'
                holder = [c for c in cue.children if c.left_edge.i <= first <= c.right_edge.i]
                if holder:
                    last = holder[0].right_edge
                    _, end = strip_span(self.text, att.start, last.idx + len(last), EDGE_CHARS + ".")
                    att.end = max(att.end, end)

    def _holding_phrase(self, att: Attribution, cue, toks) -> None:
        """'accusing it of ''creating a wall'' and ''militarizing'' the waters' / 'pledged
        "cooperation", a "deep" bond and a "close relationship"': a quoted fragment inside a
        complement of a speech or evaluative cue; the report is the whole complement."""
        lemma = self.cue_lemma(cue)
        if att.start != min(t.idx for t in toks) or self.lex.is_class(lemma, "naming") \
                or not self.lex.is_class(lemma, "speech", "evaluative"):
            return
        first, last = min(t.i for t in toks), max(t.i for t in toks)
        holder = [c for c in cue.children if c.dep_ in HOLDING_DEPS
                  and c.left_edge.i <= first and last <= c.right_edge.i and c.i > cue.i]
        if not holder:
            return
        h = holder[0]
        lo = h.left_edge.i
        objs = [c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < lo and c is not h]
        if h.dep_ == "prep" and objs:
            lo = objs[0].left_edge.i   # 'accusing it of …': the object goes with the phrase
        hi = h.right_edge.i
        if hi - lo > HOLDING_MAX or any(self.doc[k].is_sent_start for k in range(lo + 1, hi + 1)) \
                or hi - lo + 1 < 2 * len(toks):
            return   # a quotation making up most of the phrase stays the quote it is
        start, end = strip_span(self.text, self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi]),
                                EDGE_CHARS + ".")
        if start < att.start or end > att.end:
            att.start, att.end = min(att.start, start), max(att.end, end)
            att.kind = "mixed"
            att.quotes = self._quotes_in(att.start, att.end)

    def _dash_source(self, q: QuoteSpan):
        """(dash token, name token) when a quote is followed by '― Name' or '— Name'."""
        if q.close_mark is None:
            return None
        j = q.outer_end
        while j < len(self.text) and self.text[j] in " \t":
            j += 1
        if j >= len(self.text) or self.text[j] not in "―—–":
            return None
        span = self.doc.char_span(j, min(len(self.text), j + 60), alignment_mode="expand")
        if span is None or len(span) < 2:
            return None
        dash = span[0]
        names = [t for t in span[1:4] if t.pos_ == "PROPN"]
        if not names:
            return None
        head = names[0]
        while head.head.pos_ == "PROPN" and head.head.i > head.i and head.head.i - head.i <= 3:
            head = head.head
        return dash, head

    def _tokens_of(self, q: QuoteSpan):
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _cue_above(self, toks):
        """The nearest cue governing the quoted tokens, and how many steps up it is."""
        inside = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
        best = (None, 99)
        for r in roots:
            cur, steps = r, 0
            while cur.head.i != cur.i and steps < 7:
                cur = cur.head
                steps += 1
                if cur.i in inside or self.tok_quote[cur.i] >= 0:
                    continue
                lemma = self.cue_lemma(cur)
                if lemma and self.lex.is_class(lemma, "speech", "naming", "evaluative"):
                    if steps < best[1]:
                        best = (cur, steps)
                    break
        return best

    def _looks_like_name_or_scare(self, toks, q: QuoteSpan) -> bool:
        words = [t for t in toks if t.is_alpha]
        if not words:
            return True
        head_out = [t for t in toks if t.head.i not in {x.i for x in toks}]
        modifier = bool(head_out) and all(t.dep_ in MODIFIER_DEPS and t.head.i > t.i for t in head_out)
        title_case = len(words) <= 6 and all(w.text[0].isupper() for w in words if len(w) > 3)
        return modifier or (title_case and len(words) <= 4)

    def _is_sentence_quote(self, toks) -> bool:
        words = [t for t in toks if not t.is_punct]
        return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in toks)

    def _same_paragraph_run(self, att: Attribution, q: QuoteSpan) -> bool:
        """q follows att's direct quote in the same paragraph with only the attribution between."""
        if att.kind != "direct" or q.open_mark < att.end:
            return False
        gap = self.text[att.end:q.open_mark]
        if not (len(gap) <= 200 and "\n" not in gap and att.cue_start is not None and
                att.cue_start < q.open_mark and gap.rstrip().endswith((".", ",", ":", ";", "!", "?"))):
            return False
        # only the attribution between: its cue stands in the gap, or nothing but marks does
        # ('“A,” he tweeted. “B.” Jeb Bush told a paper: “C”': C is not his)
        return att.end <= att.cue_start or not re.search(r"\w", gap)

    def _quote_goes_on(self, att: Attribution, q: QuoteSpan, toks) -> bool:
        """q opens right after att's content ends its sentence ('… B. “C …”', '… B: “C”'),
        in the same paragraph, after its cue, and is a whole sentence."""
        if q.open_mark < att.end or att.cue_start is None or att.cue_start > att.end:
            return False
        return bool(GOES_ON_GAP.fullmatch(self.text[att.end:q.open_mark])) and self._is_sentence_quote(toks)

    def _near(self, a: int, b: int) -> bool:
        """In the same paragraph, or b opens the paragraph after the one a's quotation ends, with only a short
        attribution tail after a ('…,” she said.¶“B …”'): the print convention for a
        speaker quoted on; a paragraph of narrative between, or a quotation set inside
        a paragraph, starts over."""
        if b < a:
            return False
        breaks = self.text.count("\n\n", a, b)
        if breaks == 0:
            # in the same paragraph, unless a clause ending in a colon introduces it
            # ('… NRC Handelsblad: “C”' is a new one, introduced by its own clause)
            gap = self.text[a:b].rstrip(" “\"‘'")
            return not (re.search(r"\w", gap) and gap.endswith(":"))
        if breaks != 1:
            return False
        brk = self.text.find("\n\n", a, b)
        return brk - a <= CONTINUE_TAIL and not self.text[brk:b].strip()

    def _merge_fragments(self, atts: list[Attribution]) -> list[Attribution]:
        """Quoted fragments under one cue ('said “a,” and “b” and “c”') make one quote."""
        out: list[Attribution] = []
        for a in atts:
            prev = out[-1] if out else None
            if prev is not None and a.how == "quote-cue" and prev.kind in ("direct", "mixed") \
                    and prev.cue_token == a.cue_token and prev.cue_start is not None \
                    and prev.end <= prev.cue_start < a.start and a.start - prev.end <= 200 \
                    and "\n" not in self.text[prev.end:a.start]:
                add_part(prev, a.start, a.end)   # '“A,” Clinton said, “because B.”': one quotation
                prev.quotes = sorted(set(prev.quotes) | set(a.quotes))
                continue
            if prev is not None and prev.how == a.how == "quote-cue" and prev.cue_token == a.cue_token \
                    and re.fullmatch(r"[\s,;”“\"’‘]*(?:(?:and|or|as well as)[\s”“\"]*)?", self.text[prev.end:a.start]):
                prev.end = a.end
                prev.quotes = sorted(set(prev.quotes) | set(a.quotes))
                continue
            out.append(a)
        return out
