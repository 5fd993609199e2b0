"""Hand-made stores for the API and page tests: articles, reports and incidents built directly,
so the tests run fast without the spaCy model. Sentences are our own, not from any suite."""
from __future__ import annotations

from sitrep.records import (
    Actor,
    Article,
    EventMention,
    EventType,
    Figure,
    Incident,
    Place,
    Reconciled,
    Report,
    Source,
)
from sitrep.store import Store

MARKET = ("Blast at Riverside market\n\n"
          "At least 12 people were killed and 30 injured when a car bomb exploded at a market in Lahore "
          "on Monday, police said. The toll later rose to 15, a hospital official said.")
MARKET_COPY = MARKET + "\n\nThis report was republished."
HOSTILE = ("Crowd at <b>city hall</b> <script>window.__pwned = 1; alert(1)</script>\n\n"
           "Three people were killed in <img src=x onerror=alert(2)> Springfield on Friday, officials said. "
           "<a href=\"javascript:alert(3)\">click</a> & more.")


def _fig(art: Article, words: str, category: str, low: int, published: str, **kw) -> Figure:
    start = art.text.index(words)
    sentence_start = art.text.rfind(".", 0, start) + 1
    sentence_end = art.text.find(".", start) + 1
    return Figure(category=category, low=low, high=low, text=words, start=start, end=start + len(words),
                  sentence=art.text[sentence_start:sentence_end].strip(), article_id=art.id,
                  published=published, **kw)


def build(store: Store, *, extra: int = 0) -> dict[str, str]:
    """Fill ``store``; returns the ids tests need. ``extra`` adds that many plain incidents for paging."""
    market = Article.from_text(MARKET, title="Blast at Riverside market", outlet="Daily Wire",
                               published="2024-05-06", url="https://example.org/market")
    copy = Article.from_text(MARKET_COPY, title="Blast at Riverside market (copy)", outlet="Echo News",
                             published="2024-05-07")
    hostile = Article.from_text(HOSTILE, title="Crowd at <b>city hall</b> <script>alert(1)</script>",
                                published="2024-06-01")
    store.add_articles([market, copy, hostile])
    killed1 = _fig(market, "At least 12 people were killed", "killed", 12, "2024-05-06",
                   qualifier="at least", attribution="police", attribution_kind="authority")
    injured = _fig(market, "30 injured", "injured", 30, "2024-05-06", attribution="police",
                   attribution_kind="authority")
    killed2 = _fig(market, "rose to 15", "killed", 15, "2024-05-07", attribution="a hospital official",
                   attribution_kind="authority", revision="up")
    lahore, police = market.text.index("Lahore"), market.text.index("police")
    place = Place(text="Lahore", start=lahore, end=lahore + 6, city="Lahore", admin1="Punjab",
                  country="Pakistan", country_code="PK", lat=31.55, lon=74.34, precision="city")
    mention = EventMention(id=f"{market.id}#0", article_id=market.id, main=True,
                           type=EventType(label="bombing"), date="2024-05-06", place=place,
                           figures=[killed1, injured, killed2],
                           actors=[Actor(role="official", name="police", text="police",
                                         start=police, end=police + 6)])
    ref = EventMention(id=f"{market.id}#1", article_id=market.id, main=False, type=EventType(label="bombing"),
                       date="2023")
    hostile_m = EventMention(id=f"{hostile.id}#0", article_id=hostile.id, main=True,
                             type=EventType(label="armed assault"), date="2024-05-31",
                             figures=[_fig(hostile, "Three people were killed", "killed", 3, "2024-06-01",
                                           attribution="officials")])
    store.save_reports([Report(market.id, mentions=[mention, ref], published="2024-05-06"),
                        Report(copy.id, mentions=[], published="2024-05-07", paraphrase_score=0.8,
                               paraphrase_evidence=["conflagration", "edifice"]),
                        Report(hostile.id, mentions=[hostile_m], published="2024-06-01")])
    incident = Incident(
        id="i-market", mention_ids=[mention.id], type=EventType(label="bombing"), date="2024-05-06",
        date_precision="day", place=place, actors=mention.actors,
        figures={"killed": Reconciled("killed", 12, 15, 15, rule="latest authority figure",
                                      claims=[killed1, killed2],
                                      history=[{"time": "2024-05-06", "article_id": market.id, "value": 12},
                                               {"time": "2024-05-07", "article_id": market.id, "value": 15}]),
                 "injured": Reconciled("injured", 30, 30, 30, claims=[injured])},
        sources=[Source(market.id), Source(copy.id, "copy-of", market.id, 0.97, ["same text"])],
        title="Car bomb at a market in Lahore")
    older = Incident(id="i-older", mention_ids=[ref.id], main=False, type=EventType(label="bombing"),
                     date="2023", date_precision="year", sources=[Source(market.id)],
                     title="An earlier bombing")
    hostile_i = Incident(id="i-hostile", mention_ids=[hostile_m.id], type=EventType(label="armed assault"),
                         date="2024-05-31", figures={"killed": Reconciled("killed", 3, 3, 3,
                                                                          claims=hostile_m.figures)},
                         sources=[Source(hostile.id)], title="Crowd <script>alert(4)</script> at city hall")
    plain = [Incident(id=f"i-extra-{n:03d}", type=EventType(label="protest"),
                      date=f"2022-01-{n % 28 + 1:02d}", title=f"Protest number {n}") for n in range(extra)]
    store.save_incidents([incident, older, hostile_i, *plain])
    return {"market": market.id, "copy": copy.id, "hostile": hostile.id, "incident": "i-market",
            "older": "i-older", "hostile_incident": "i-hostile"}


class FakePipeline:
    """Stands in for ``sitrep.pipeline.Pipeline`` in fast tests: stores articles, extracts nothing."""

    def __init__(self, store: Store):
        self.store = store

    def ingest_articles(self, articles):
        from sitrep.pipeline import IngestResult, IngestSummary

        added = self.store.add_articles(articles)
        return IngestSummary([IngestResult(a.source or a.id, x.status, a.id, a.title)
                              for a, x in zip(articles, added, strict=True)])

    def process(self, *, progress=None):
        todo = self.store.articles(unprocessed=True)
        self.store.save_reports([Report(a.id, relevant=False, published=a.published) for a in todo])
        if progress:
            progress(len(todo))
