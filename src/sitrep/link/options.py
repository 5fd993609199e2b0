"""The knobs of linking, declared once (similarity, clustering and assembly all read them)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class LinkOptions:
    threshold: float = 0.17  # average-link similarity needed to merge two clusters
    window_days: int = 7  # blocking window on (publication) dates
    text_window_days: int = 90  # the same for dates guessed from the text
    event_window_days: int = 2  # two event dates (day precision) further apart are two events
    attach_factor: float = 0.7  # a lone article joins a cluster at this share of the threshold
    name_weight: float = 3.0  # capitalised words and numbers count this many times a plain word
    rare_df: int = 6  # words in at most this many documents make candidates across any dates
    follow_up_days: int = 1100  # reports further apart than this are never one incident
    follow_up_factor: float = 0.5  # similarity kept for a pair beyond the date window
    block_df: int = 200  # undated nodes find candidates through words in at most this many documents
    block_top: int = 100  # ... and keep this many best candidates each
    date_conflict: float = 0.5  # similarity kept when event dates disagree (0: never one incident)
    distinct_days: int = 60  # event days (publication known) further apart: never one incident
    place_conflict: float = 0.8  # the same for different cities / states
    figure_conflict: float = 0.8  # ... for different killed (or injured) totals: tolls get revised
    growing_toll: int = 10  # totals this large that differ are no conflict: a mass-casualty toll climbs
    type_conflict: float = 0.85  # ... for different event types
    year_conflict: float = 0.5  # ... when the years the two texts name are disjoint (and no date told)
    penalty_floor: float = 0.3  # all penalties together keep at least this share of the similarity
    same_day: float = 1.15  # similarity multiplied when both event dates (day precision) agree
    same_city: float = 1.2  # ... when both name the same city
    same_country: float = 1.2  # ... when both report a mass toll in one country, one naming no town
    same_toll: float = 1.1  # ... per agreeing non-zero killed (injured) total
    cross_lingual: float = 0.25  # similarity two main reports in different languages start from when they
    # name the same town: their words cannot be compared, so the evidence (date, figures, type) decides
    cross_lingual_block: int = 400  # ... compared only within blocks (town, date window) of at most this many
    min_sim: float = 0.05  # pairs below this are dropped from the graph
    text_chars: int = 6000  # how much of a main article's text describes it
    boilerplate_df: int = 3  # a line in this many articles is site furniture, not the story (0: keep all)
    ref_members: int = 25  # a stored referenced incident links through its first this many members only
    stories: bool = True  # an article with no incident mention still links, through its text alone
