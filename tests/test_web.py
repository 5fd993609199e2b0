"""The offline map and chart, and text highlighting (no server needed)."""
from __future__ import annotations

import re

from sitrep.records import EventMention, Figure, Reconciled, Report
from sitrep.web import basemap, chart, views


def test_web_basemap_decodes_every_country_within_the_world():
    countries = basemap.countries()
    assert len(countries) > 150
    names = {c.name for c in countries}
    assert {"France", "Pakistan", "Brazil", "Australia"} <= names
    for c in countries:
        assert -180.01 <= c.box[0] <= c.box[2] <= 180.01 and -90.01 <= c.box[1] <= c.box[3] <= 90.01
    france = next(c for c in countries if c.name == "France")
    # Paris (48.9 N, 2.3 E) lies inside France's box; the path is in (lon, -lat).
    assert france.box[0] < 2.3 < france.box[2] and france.box[1] < 48.9 < france.box[3]
    assert france.path.startswith("M") and france.path.endswith("Z")


def test_web_map_centres_on_the_place_and_escapes_the_label():
    svg = str(basemap.map_svg(48.86, 2.35, label="Paris <b>"))
    x, y, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert x < 2.35 < x + w and y < -48.86 < y + h
    assert '<circle cx="2.350" cy="-48.860"' in svg
    assert "Paris &lt;b&gt;" in svg and "<b>" not in svg
    assert "<title>France</title>" in svg and "<title>Australia</title>" not in svg


def test_web_map_without_position_shows_the_country_or_nothing():
    svg = str(basemap.map_svg(None, None, country="Brazil"))
    assert 'class="hit"><title>Brazil</title>' in svg and "<circle" not in svg
    assert basemap.map_svg(None, None) is None
    assert basemap.map_svg(None, None, country="Atlantis") is None


def test_web_map_window_stays_on_the_world_near_the_edges():
    svg = str(basemap.map_svg(-89.0, 179.5, label="pole"))
    x, y, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert x + w <= 180.01 and -y - h >= -90.01  # the window is shifted, not cut


def _claim(value: int, published: str | None) -> Figure:
    return Figure("killed", value, value, f"{value} killed", 0, 5, published=published)


def test_web_chart_plots_history_in_time_order():
    figs = {"killed": Reconciled("killed", 5, 9, 9, history=[{"time": "2024-03-23", "value": 9},
                                                              {"time": "2024-03-22T20:00", "value": 5}]),
            "injured": Reconciled("injured", 4, 4, 4, claims=[_claim(4, "2024-03-22"), _claim(6, None)])}
    data = chart.series(figs)
    assert [v for _d, v in data["killed"]] == [5, 9]
    assert [v for _d, v in data["injured"]] == [4]  # the undated claim has no place on a time axis
    svg = str(chart.chart_svg(figs))
    assert svg.count("<polyline") == 2 and "killed 9 (2024-03-23)" in svg
    assert chart.chart_svg({"killed": Reconciled("killed", 1, 1, 1, claims=[_claim(1, None)])}) is None


def test_web_segments_keep_text_and_skip_overlaps():
    text = "Five people died in Lyon on Friday."
    spans = [(0, 16, "figure", "killed: 5"), (5, 11, "actor", "overlaps"), (20, 24, "place", "Lyon")]
    segs = views.segments(text, spans)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["kind"]) for s in segs if s["kind"]] == [("Five people died", "figure"),
                                                                    ("Lyon", "place")]
    assert views.segments(text, [(30, 99, "figure", "past the end")]) == [
        {"text": text, "kind": None, "title": None, "start": 0}]


def test_web_evidence_highlights_the_claim_in_its_sentence():
    fig = Figure("injured", 30, 30, "30 injured", 50, 60, sentence="Police said 30 injured were taken away.")
    segs = views.evidence(fig, None)
    assert [s["text"] for s in segs] == ["Police said ", "30 injured", " were taken away."]
    assert segs[1]["kind"] == "figure"


def test_web_title_figure_is_no_highlight_in_the_text_but_shows_its_title():
    # a figure read from the title (start = end = -1, extract/title.py) has no place in the article's text
    text = "Police are investigating a shooting on Main Street."
    title_fig = Figure("killed", 1, 1, "1 dead", -1, -1, sentence="1 dead in shooting on Main Street")
    text_fig = Figure("injured", 1, 1, "a shooting", 25, 35, sentence=text)
    report = Report("a1", mentions=[EventMention(id="a1#0", article_id="a1", main=True,
                                                 figures=[title_fig, text_fig])])
    spans = views._report_spans(report)
    assert [s[:2] for s in spans] == [(25, 35)]
    assert [s["text"] for s in views.segments(text, spans) if s["kind"]] == ["a shooting"]
    assert [s["text"] for s in views.evidence(title_fig, None) if s["kind"]] == ["1 dead"]


def test_web_chart_of_a_single_day_spans_the_days_around_it():
    claims = [_claim(3, "2024-03-23"), _claim(5, "2024-03-23")]
    figs = {"killed": Reconciled("killed", 3, 3, 3, claims=claims)}
    svg = str(chart.chart_svg(figs))
    assert ">2024-03-22</text>" in svg and ">2024-03-24</text>" in svg


def test_web_who_groups_names_first_and_descriptions_once_per_role():
    from sitrep.records import Actor

    actors = [Actor("perpetrator", "gunmen", kind="description"),
              Actor("claimed_by", "Islamic State", how="Amaq", kind="group"),
              Actor("perpetrator", "Islamic State", kind="group"),
              Actor("perpetrator", "Gunmen", kind="description"),
              Actor("perpetrator", "militants", kind="description"),
              Actor("denied_by", "Kyiv", kind="state")]
    groups = views.who(actors)
    assert [g["label"] for g in groups] == ["Perpetrator", "Claimed by", "Denied by"]
    perp = groups[0]
    assert [n["name"] for n in perp["named"]] == ["Islamic State"]
    assert perp["described"] == ["gunmen", "militants"]  # "Gunmen" again is not repeated
    assert groups[1]["named"] == [{"name": "Islamic State", "how": "Amaq", "kind": "group"}]
