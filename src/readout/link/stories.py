"""Incremental story clustering: each new article joins the most similar recent story or
starts a new one; nothing is ever reclustered.

An article becomes one sparse TF-IDF vector whose terms are its distinctive words (names
and title words weigh more), its numbers, and the actors, places and event types the
extractors found (as terms of their own, so IDF weighs them like words: "a:china" says
little, "p:mosul" a lot). A story keeps only a compact signature in the store: the summed
term weights of its members (top terms only) and its date range. For a batch, one query
finds for every article the few stories that share its most distinctive terms and lie in
its date window; only those are compared by cosine similarity.
"""
from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa

from ..config import StoryLinkConfig
from ..records import stable_id

_TOKEN = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*|\d+(?:[.,]\d+)*")
_SENTENCE_END = set(".!?\n\"“”'‘’:;")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a plain word list; no model is loaded
    return frozenset(STOP_WORDS)


_STOP: frozenset[str] | None = None
_STEMS: dict[int, dict[str, str]] = {}   # by min length: token → term ("" if none)


@dataclass(slots=True)
class LinkArticle:
    """What clustering needs of one stored article."""
    id: str
    title: str | None
    text: str
    outlet: str | None = None
    published: str | None = None
    story_id: str | None = None
    actors: list[tuple[str, int]] = field(default_factory=list)   # (name, n_mentions)
    places: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)

    @property
    def date(self) -> dt.date | None:
        return parse_date(self.published)


def parse_date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def plural_stem(word: str) -> str:
    """Fold plain plurals together (talks/talk, casualties/casualty); nothing cleverer."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _starts_sentence(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def text_terms(text: str, weight: float, params: StoryLinkConfig, counts: Counter) -> None:
    """Add the words and numbers of `text` to `counts`; names weigh `name_weight` times more."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()
    min_len = params.min_word_length
    name_weight = params.name_weight
    stop, stems = _STOP, _STEMS.setdefault(min_len, {})
    if len(stems) > 200_000:
        stems.clear()
    for m in _TOKEN.finditer(text):
        tok = m.group()
        first = tok[0]
        if first.isdigit():
            num = tok.replace(",", "")
            if len(num) >= 2:
                counts["#" + num] += weight
            continue
        term = stems.get(tok)
        if term is None:
            low = tok.lower().replace("’", "'")
            if low.endswith("'s"):
                low = low[:-2]
            term = stems[tok] = "" if len(low) < min_len or low in stop else plural_stem(low)
        if not term:
            continue
        if first.isupper() and not _starts_sentence(text, m.start()):
            counts[term] += weight * name_weight
        else:
            counts[term] += weight


def article_terms(article: LinkArticle, params: StoryLinkConfig) -> dict[str, float]:
    """Sublinear term weights ln(1 + count) of one article (before IDF)."""
    counts: Counter = Counter()
    if article.title:
        text_terms(article.title, params.title_weight, params, counts)
    text_terms(article.text or "", 1.0, params, counts)
    for name, n in article.actors:
        if name:
            counts["a:" + name.lower()] += params.actor_weight * (1 + math.log(max(n, 1)))
    for place in article.places:
        if place:
            counts["p:" + place.lower()] += params.place_weight
    for etype in article.event_types:
        if etype:
            counts["e:" + etype] += params.event_type_weight
    return {t: math.log1p(c) for t, c in counts.items() if c > 0}


def idf(df: int, n_docs: int) -> float:
    return math.log((1 + n_docs) / (1 + df)) + 1.0


@dataclass
class StorySignature:
    """A story as clustering sees it: summed member term weights and date range."""
    id: str
    weights: dict[str, float]
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    title: str | None = None
    first_article_id: str | None = None
    _vector: tuple[dict[str, float], float] | None = None

    def add(self, terms: dict[str, float], date: dt.date | None) -> None:
        for t, w in terms.items():
            self.weights[t] = self.weights.get(t, 0.0) + w
        if date:
            self.date_min = min(self.date_min or date, date)
            self.date_max = max(self.date_max or date, date)
        self._vector = None

    def vector(self, idf_of, size: int) -> tuple[dict[str, float], float]:
        """The signature's top `size` terms by tf x idf and the vector norm."""
        if self._vector is None:
            scored = heapq.nlargest(size, ((w * idf_of(t), t) for t, w in self.weights.items()))
            vec = {t: v for v, t in scored}
            self._vector = (vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0)
        return self._vector

    def in_window(self, date: dt.date | None, days: int) -> bool:
        if date is None or self.date_min is None:
            return True
        return (self.date_min - dt.timedelta(days=days)) <= date <= (self.date_max + dt.timedelta(days=days))


def cosine(vec: dict[str, float], norm: float, story_vec: dict[str, float], story_norm: float) -> float:
    if len(vec) > len(story_vec):
        dot = sum(w * vec.get(t, 0.0) for t, w in story_vec.items())
    else:
        dot = sum(w * story_vec.get(t, 0.0) for t, w in vec.items())
    return dot / (norm * story_norm)


def _register(con, name: str, rows: list[dict], schema: pa.Schema) -> None:
    con.register(name, pa.Table.from_pylist(rows, schema=schema))


def assign_stories(con, articles: list[LinkArticle], params: StoryLinkConfig) -> dict[str, str]:
    """Give every article without a story one (in the order given); returns {article: story}.

    Articles that already carry a story id (re-ingested ones) keep it and change nothing,
    so linking is idempotent. Writes the stories, their signatures, the document
    frequencies and `articles.story_id`; the caller holds the transaction.
    """
    todo, seen = [], set()
    for a in articles:
        if a.story_id is None and a.id not in seen:
            todo.append(a)
            seen.add(a.id)
    if not todo:
        return {}
    threshold = params.threshold
    window = params.window_days
    size = params.signature_terms
    n_query = params.query_terms
    max_cands = params.max_candidates

    terms = [article_terms(a, params) for a in todo]
    batch_df: Counter = Counter()
    for t in terms:
        batch_df.update(t.keys())
    rows = con.execute("SELECT value FROM _link_state WHERE key = 'n_docs'").fetchall()
    n_docs = (rows[0][0] if rows else 0) + len(todo)
    df = _load_df(con, batch_df.keys())
    for t, n in batch_df.items():
        df[t] = df.get(t, 0) + n

    known: dict[str, float] = {}

    def idf_of(term: str) -> float:
        v = known.get(term)
        if v is None:
            v = known[term] = idf(df.get(term, 1), n_docs)
        return v

    vectors = []
    for t in terms:
        vec = {term: w * idf_of(term) for term, w in t.items()}
        vectors.append((vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0))

    stories, cands = _load_candidates(con, todo, vectors, n_query, max_cands, window)
    extra_terms = {t for s in stories.values() for t in s.weights if t not in df}
    df.update(_load_df(con, extra_terms))
    known.clear()          # idf_of may have met those terms before their df was loaded

    assigned: dict[str, str] = {}
    touched: dict[str, StorySignature] = {}
    for a, t, (vec, norm), own in zip(todo, terms, vectors, cands):
        date = a.date
        best, best_sim = None, threshold
        for sid in own + [s for s in touched if s not in own]:
            story = stories[sid]
            if not story.in_window(date, window):
                continue
            svec, snorm = story.vector(idf_of, size)
            sim = cosine(vec, norm, svec, snorm)
            if sim >= best_sim:
                best, best_sim = story, sim
        if best is None:
            best = StorySignature(id=stable_id("story", a.id), weights={}, title=a.title,
                                  first_article_id=a.id)
            stories[best.id] = best
        best.add(t, date)
        touched[best.id] = best
        assigned[a.id] = best.id

    _write(con, touched, assigned, batch_df, len(todo), idf_of, size)
    return assigned


def _load_df(con, terms) -> dict[str, int]:
    terms = list(terms)
    if not terms:
        return {}
    _register(con, "_q_terms", [{"term": t} for t in terms], pa.schema([("term", pa.string())]))
    try:
        return dict(con.execute("SELECT d.term, d.df FROM _link_df d JOIN _q_terms q USING (term)").fetchall())
    finally:
        con.unregister("_q_terms")


def _load_candidates(con, todo, vectors, n_query, max_cands, window):
    """Stories that share an article's most distinctive terms and lie in its date window:
    their signatures by id, and for each article the ids of its candidates (best first)."""
    rows = []
    cands: list[list[str]] = [[] for _ in todo]
    for k, (a, (vec, _)) in enumerate(zip(todo, vectors)):
        for term, w in sorted(vec.items(), key=lambda x: -x[1])[:n_query]:
            rows.append({"k": k, "term": term, "w": w, "d": a.date})
    if not rows:
        return {}, cands
    _register(con, "_q", rows, pa.schema([("k", pa.int32()), ("term", pa.string()),
                                          ("w", pa.float64()), ("d", pa.date32())]))
    try:
        hits = con.execute(f"""
            SELECT q.k, st.story_id, sum(q.w) AS score
            FROM _q q JOIN _story_terms st ON st.term = q.term JOIN stories s ON s.id = st.story_id
            WHERE q.d IS NULL OR s.date_min IS NULL
               OR q.d BETWEEN s.date_min - {window} AND s.date_max + {window}
            GROUP BY q.k, st.story_id
            QUALIFY row_number() OVER (PARTITION BY q.k ORDER BY score DESC, st.story_id) <= {max_cands}
            ORDER BY q.k, score DESC, st.story_id""").fetchall()
    finally:
        con.unregister("_q")
    ids = sorted({h[1] for h in hits})
    for k, sid, _ in hits:
        cands[k].append(sid)
    if not ids:
        return {}, cands
    _register(con, "_q_ids", [{"id": i} for i in ids], pa.schema([("id", pa.string())]))
    try:
        meta = con.execute("SELECT s.id, s.date_min, s.date_max, s.title, s.first_article_id "
                           "FROM stories s JOIN _q_ids q USING (id)").fetchall()
        weights = con.execute("SELECT st.story_id, st.term, st.weight FROM _story_terms st "
                              "JOIN _q_ids q ON q.id = st.story_id").fetchall()
    finally:
        con.unregister("_q_ids")
    stories = {sid: StorySignature(id=sid, weights={}, date_min=dmin, date_max=dmax, title=title,
                                   first_article_id=first)
               for sid, dmin, dmax, title, first in meta}
    for sid, term, w in weights:
        stories[sid].weights[term] = w
    return stories, cands


def _label(story: StorySignature, idf_of, n: int = 6) -> str:
    words = sorted(((w * idf_of(t), t) for t, w in story.weights.items()
                    if t[:2] not in ("a:", "p:", "e:") and not t.startswith("#")), reverse=True)
    return " ".join(t for _, t in words[:n])


def _write(con, touched, assigned, batch_df, n_new, idf_of, size) -> None:
    ids = [{"id": sid} for sid in touched]
    _register(con, "_t_ids", ids, pa.schema([("id", pa.string())]))
    sig_rows, story_rows = [], []
    for s in touched.values():
        vec, _ = s.vector(idf_of, size)
        sig_rows.extend({"story_id": s.id, "term": t, "weight": s.weights[t]} for t in vec)
        story_rows.append({"id": s.id, "title": s.title, "first_article_id": s.first_article_id,
                           "label": _label(s, idf_of)})
    try:
        con.execute("DELETE FROM _story_terms WHERE story_id IN (SELECT id FROM _t_ids)")
        _register(con, "_sig", sig_rows, pa.schema([("story_id", pa.string()), ("term", pa.string()),
                                                    ("weight", pa.float64())]))
        con.execute("INSERT INTO _story_terms SELECT story_id, term, weight FROM _sig")
        con.unregister("_sig")
        _register(con, "_st", story_rows, pa.schema([("id", pa.string()), ("title", pa.string()),
                                                     ("first_article_id", pa.string()),
                                                     ("label", pa.string())]))
        con.execute("""INSERT INTO stories (id, title, first_article_id, label, n_articles, n_sources,
                       n_linked_events) SELECT id, title, first_article_id, label, 0, 0, 0 FROM _st
                       ON CONFLICT (id) DO UPDATE SET label = excluded.label""")
        con.unregister("_st")
        _register(con, "_as", [{"id": a, "story_id": s} for a, s in assigned.items()],
                  pa.schema([("id", pa.string()), ("story_id", pa.string())]))
        con.execute("UPDATE articles SET story_id = x.story_id FROM _as x WHERE articles.id = x.id")
        con.unregister("_as")
        _register(con, "_df", [{"term": t, "df": n} for t, n in batch_df.items()],
                  pa.schema([("term", pa.string()), ("df", pa.int32())]))
        con.execute("INSERT INTO _link_df SELECT term, df FROM _df "
                    "ON CONFLICT (term) DO UPDATE SET df = _link_df.df + excluded.df")
        con.unregister("_df")
        con.execute("INSERT INTO _link_state VALUES ('n_docs', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = _link_state.value + excluded.value", [n_new])
        refresh_story_counts(con, "_t_ids")
    finally:
        con.unregister("_t_ids")


def refresh_story_counts(con, ids_view: str) -> None:
    """Recount articles, sources and dates of the stories listed in the view `ids_view`."""
    con.execute(f"""
        UPDATE stories SET n_articles = c.n, n_sources = c.ns, date_min = c.dmin, date_max = c.dmax
        FROM (SELECT story_id, count(*) AS n, count(DISTINCT coalesce(outlet, id)) AS ns,
                     min(TRY_CAST(left(published, 10) AS DATE)) AS dmin,
                     max(TRY_CAST(left(published, 10) AS DATE)) AS dmax
              FROM articles WHERE story_id IN (SELECT id FROM {ids_view}) GROUP BY story_id) c
        WHERE stories.id = c.story_id""")
