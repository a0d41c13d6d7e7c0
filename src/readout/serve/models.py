"""Response models of the JSON API: they make /openapi.json say exactly what comes back."""
from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Problem(BaseModel):
    """An error: what went wrong, in a sentence."""
    detail: Any = Field(description="What was wrong (a message, or a list of bad parameters).")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Rows matching the filters, over all pages.")
    page: int
    page_size: int


class EventOut(BaseModel):
    """One coded event as one article reports it (offsets are into the article's clean text)."""
    id: str
    article_id: Optional[str] = None
    article_title: Optional[str] = None
    linked_event_id: Optional[str] = Field(None, description="Linked event it belongs to (link stage).")
    type: Optional[str] = Field(None, description="PLOVER event type.")
    mode: Optional[str] = None
    cameo: Optional[str] = None
    source: Optional[str] = None
    target: Optional[str] = None
    source_name: Optional[str] = None
    source_country: Optional[str] = None
    source_code: Optional[str] = None
    target_name: Optional[str] = None
    target_country: Optional[str] = None
    target_code: Optional[str] = None
    status: Optional[str] = None
    date_start: Optional[str] = None
    date_end: Optional[str] = None
    date_precision: Optional[str] = None
    place_name: Optional[str] = None
    place_country: Optional[str] = None
    place_geonames_id: Optional[int] = Field(None, description="GeoNames id of the event's place.")
    place_feature: Optional[str] = Field(None, description="GeoNames feature code (PCLI, ADM1, PPLC, PPL …).")
    place_admin1: Optional[str] = None
    place_lat: Optional[float] = None
    place_lon: Optional[float] = None
    place_precision: Optional[str] = Field(None, description="country | admin1 | region | city | point")
    place_gazetteer_name: Optional[str] = None
    place_source: Optional[str] = Field(None, description="Where the place came from: event | sentence | dateline.")
    goldstein: Optional[float] = None
    quad_class: Optional[int] = None
    confidence: Optional[float] = None
    sentence: Optional[int] = None
    start: Optional[int] = None
    end: Optional[int] = None
    evidence: Optional[str] = None
    trigger: Optional[str] = None
    quote_id: Optional[str] = None
    incomplete: Optional[bool] = Field(None, description="A side (source or target) is not in the text.")
    published: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None


class PlaceOut(BaseModel):
    """A geocoded place with the events there (by quad class)."""
    key: str = Field(description="The `place` filter value of /api/events: GeoNames id, else name.")
    name: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    precision: Optional[str] = None
    lat: float
    lon: float
    n: int
    quad: dict[str, int] = Field(default_factory=dict, description="Events per quad class (1–4).")


class PlaceList(BaseModel):
    items: list[PlaceOut]
    total: int = Field(description="Places matching the filters.")


class ArticleSummary(BaseModel):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    n_sentences: Optional[int] = None
    story_id: Optional[str] = None
    n_events: int = 0
    n_quotes: int = 0
    n_figures: int = 0


class Counts(BaseModel):
    """Rows per table; null when the store has no such table (e.g. before linking)."""
    articles: Optional[int] = None
    events: Optional[int] = None
    linked_events: Optional[int] = None
    quotes: Optional[int] = None
    figures: Optional[int] = None
    actors: Optional[int] = None
    stories: Optional[int] = None
    times: Optional[int] = None
    errors: Optional[int] = None


class TypeCount(BaseModel):
    type: str
    n: int


class Dyad(BaseModel):
    """An unordered pair of actors (a < b) and the events between them."""
    a: str
    b: str
    n_events: int
    n_a_to_b: int
    n_b_to_a: int
    mean_goldstein: Optional[float] = None


class Overview(BaseModel):
    counts: Counts
    latest_articles: list[ArticleSummary]
    event_types: list[TypeCount]
    top_dyads: list[Dyad]
    has_links: bool = Field(description="Whether the store holds the link stage's tables.")


class Week(BaseModel):
    week: str = Field(description="Monday of the ISO week (YYYY-MM-DD).")
    n: int
    by_quad: dict[str, int] = Field(description="Events per quad class (1–4; 'none' if uncoded).")
    goldstein: Optional[float] = Field(None, description="Mean Goldstein score of the week's events.")


class Span(BaseModel):
    start: str = Field(description="First day of the period (YYYY-MM-DD).")
    end: str = Field(description="Last day of the period (YYYY-MM-DD).")
    precision: str = Field(description="What the date was given as: month, season, quarter, year …")
    n: int
    by_quad: dict[str, int] = Field(description="Events per quad class (1–4; 'none' if uncoded).")
    goldstein: Optional[float] = Field(None, description="Mean Goldstein score of these events.")


class Direction(BaseModel):
    source: str
    target: str
    n_events: int
    n_dated: int = Field(0, description="Events with a date of their own (in `weeks` or `spans`).")
    n_undated: int = Field(description="Events without a date of their own: counted, not plotted.")
    mean_goldstein: Optional[float] = None
    weeks: list[Week] = Field(description="Events dated to a day or a week, by the week they start in.")
    spans: list[Span] = Field([], description="Events dated only to a month, season or longer, by period.")


class QuadClass(BaseModel):
    quad_class: int
    label: str


class DyadSeries(BaseModel):
    a: str
    b: str
    level: str
    directions: list[Direction] = Field(description="a→b, then b→a.")
    quad_classes: list[QuadClass]
    names: dict[str, str]


class NetworkNode(BaseModel):
    id: str
    label: str
    n_events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    n_events: int
    mean_goldstein: Optional[float] = None


class Network(BaseModel):
    level: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class ActorGroup(BaseModel):
    name: Optional[str] = None
    country: Optional[str] = None
    code: Optional[str] = None
    kind: Optional[str] = None
    n_articles: int
    n_mentions: Optional[int] = None


class MentionOut(BaseModel):
    id: str
    actor_id: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    how: Optional[str] = None
    sentence: Optional[int] = None


class ActorOut(BaseModel):
    id: str
    name: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    code: Optional[str] = None
    kind: Optional[str] = None
    n_mentions: Optional[int] = None
    mentions: list[MentionOut] = []


class SentenceOut(BaseModel):
    id: str
    idx: int
    start: int
    end: int


class TimeOut(BaseModel):
    id: str
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    precision: Optional[str] = None
    anchor: Optional[str] = None
    method: Optional[str] = None
    sentence: Optional[int] = None


class QuoteOut(BaseModel):
    id: str
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    speaker_name: Optional[str] = None
    text: Optional[str] = None
    kind: Optional[str] = None
    cue: Optional[str] = None
    via: Optional[str] = None
    via_name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    category: Optional[str] = None
    parts: Optional[list[int]] = None
    sentence: Optional[int] = None


class FigureOut(BaseModel):
    id: str
    text: Optional[str] = None
    value: Optional[float] = None
    unit: Optional[str] = None
    measure: Optional[str] = None
    period_start: Optional[str] = None
    period_end: Optional[str] = None
    claimant: Optional[str] = None
    claimant_name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    sentence: Optional[int] = None


class StoryArticle(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class Story(BaseModel, extra="allow"):
    """The story (cluster of articles on one happening) an article belongs to; link stage."""
    id: str
    articles: list[StoryArticle]


class ArticleOut(BaseModel):
    id: str
    input_id: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    published_source: Optional[str] = None
    dateline: Optional[str] = None
    credits: Optional[list[str]] = None
    caption: Optional[str] = None
    text: str
    removed: Optional[list[str]] = Field(None, description="Text removed as boilerplate.")
    n_sentences: Optional[int] = None
    readout_version: Optional[str] = None
    data_hash: Optional[str] = None
    story_id: Optional[str] = None
    story: Optional[Story] = None
    sentences: list[SentenceOut]
    times: list[TimeOut]
    actors: list[ActorOut]
    events: list[EventOut]
    quotes: list[QuoteOut]
    figures: list[FigureOut]


class Partner(BaseModel):
    key: str = Field(description="Counterpart's country code, or its name when it has no country.")
    by: str = Field(description="'country' or 'name': what `key` is.")
    name: Optional[str] = None
    n_events: int
    n_as_source: int
    n_as_target: int
    mean_goldstein: Optional[float] = None


class ActorQuote(BaseModel):
    id: str
    article_id: str
    article_title: Optional[str] = None
    published: Optional[str] = None
    text: Optional[str] = None
    kind: Optional[str] = None
    cue: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_text: Optional[str] = None
    via_name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class ActorDetail(BaseModel):
    key: str
    by: str = Field(description="How the key was read: country, code or name.")
    label: str = Field(description="A readable name for the actor.")
    identities: list[ActorGroup]
    n_events: int
    partners: list[Partner]
    quotes: list[ActorQuote]
    events: list[EventOut]


class QuoteBrief(BaseModel):
    id: str
    text: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_text: Optional[str] = None
    kind: Optional[str] = None


class Context(BaseModel):
    before: str
    sentence: str
    after: str
    highlight_start: int = Field(description="Offset of the evidence in `sentence`.")
    highlight_end: int


class EventMention(EventOut):
    quote: Optional[QuoteBrief] = None
    context: Optional[Context] = None


class LinkedSummary(BaseModel):
    type: Optional[str] = None
    cameo: Optional[str] = None
    status: Optional[str] = None
    source_name: Optional[str] = None
    source_country: Optional[str] = None
    target_name: Optional[str] = None
    target_country: Optional[str] = None
    date_start: Optional[str] = None
    date_end: Optional[str] = None
    mean_goldstein: Optional[float] = None
    n_mentions: int
    n_articles: int
    statuses: list[str]


class LinkedEvent(BaseModel):
    id: str
    linked: bool = Field(description="False: no link data; the event is shown alone.")
    record: Optional[dict[str, Any]] = Field(None, description="The linked_events row, as stored.")
    summary: LinkedSummary
    mentions: list[EventMention]
