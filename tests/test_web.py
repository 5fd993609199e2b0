"""The offline map and chart, and text highlighting (no server needed)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from sitrep import timeline
from sitrep.records import Article, EventMention, Figure, Reconciled, Report
from sitrep.web import basemap, chart, views

SVG = "{http://www.w3.org/2000/svg}"


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


def _box(svg: str) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return x, y, w, h


def test_web_map_of_a_city_zooms_on_its_region_and_names_it_beside_the_dot():
    svg = str(basemap.map_svg(31.55, 74.34, label="Lahore, Punjab, Pakistan", country="Pakistan",
                              precision="city"))
    x, y, w, h = _box(svg)
    assert w <= 10 and x < 74.34 < x + w and y < -31.55 < y + h  # a region, not a continent
    root = ET.fromstring(svg)
    (label,) = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert label.text == "Lahore"  # the place's own name; the full one is the dot's title
    assert 74.34 < float(label.get("x")) < x + w and label.get("text-anchor") == "start"
    assert abs(float(label.get("y")) + 31.55) < h / 10  # on the dot's line
    assert "<title>Lahore, Punjab, Pakistan</title>" in svg
    names = {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "country"}
    assert {"Pakistan", "India"} <= names  # which side of the border
    assert re.search(r">\d[\d,]* km</text>", svg)  # a scale


def test_web_map_label_near_the_right_edge_goes_left_of_the_dot():
    svg = str(basemap.map_svg(-89.0, 179.5, label="pole", precision="city"))
    root = ET.fromstring(svg)
    (label,) = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert label.get("text-anchor") == "end" and float(label.get("x")) < 179.5


def test_web_map_of_a_country_shows_the_whole_country_outlined():
    # GeoNames' centroid of France: the window holds mainland France (not French Guiana) and no dot
    svg = str(basemap.map_svg(46.0, 2.0, label="France", country="France", precision="country"))
    x, y, w, h = _box(svg)
    # Brest to Strasbourg, Dunkirk to Perpignan
    assert x < -4.8 and x + w > 8.2 and -y > 51.0 and -(y + h) < 42.3
    assert x > -30  # not stretched to South America
    assert 'class="hit"><title>France</title>' in svg and "<circle" not in svg
    assert ">France</text>" in svg
    # a neighbourhood map of a city in the same country is far smaller
    assert _box(str(basemap.map_svg(48.86, 2.35, label="Paris", precision="city")))[2] < w


def test_web_map_knows_countries_by_their_geonames_names_and_by_position():
    svg = str(basemap.map_svg(None, None, country="United States"))
    assert 'class="hit"><title>United States of America</title>' in svg
    assert basemap.find_country(None, 48.86, 2.35).name == "France"
    assert basemap.find_country("Freedonia", 52.52, 13.40).name == "Germany"
    assert basemap.find_country(None, 0.0, -30.0) is None  # the Atlantic


def test_web_basemap_names_are_countries_of_the_bundled_map():
    """Every target of data/web/basemap_names.tsv is a country the map draws, so the alias finds it."""
    names = {c.name.lower() for c in basemap.countries()}
    assert basemap.ALIASES and set(basemap.ALIASES.values()) <= names
    assert basemap.find_country("Ivory Coast").name.lower() == "côte d'ivoire"


def _claim(value: int, published: str | None, *, article_id: str | None = None, who: str | None = None,
           category: str = "killed", qualifier: str | None = None) -> Figure:
    return Figure(category, value, value, f"{value} killed", 0, 5, published=published, article_id=article_id,
                  attribution=who, qualifier=qualifier)


def _svg(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def _points(root: ET.Element) -> list[ET.Element]:
    return [c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]


def _texts(root: ET.Element, cls: str) -> list[ET.Element]:
    return [t for t in root.iter(f"{SVG}text") if (t.get("class") or "").split()[0] == cls]


def _inside(root: ET.Element, t: ET.Element) -> bool:
    """The text's estimated extent lies inside the viewBox."""
    _x, _y, w, h = (float(v) for v in root.get("viewBox").split())
    x, y, width = float(t.get("x")), float(t.get("y")), chart.text_width(t.text or "")
    lo, hi = {"end": (x - width, x), "middle": (x - width / 2, x + width / 2)}.get(t.get("text-anchor"),
                                                                                    (x, x + width))
    return 0 <= lo and hi <= w and 0 < y <= h


def test_web_chart_plots_history_in_time_order():
    figs = {"killed": Reconciled("killed", 5, 9, 9, history=[{"time": "2024-03-23", "value": 9},
                                                              {"time": "2024-03-22T20:00", "value": 5}]),
            "injured": Reconciled("injured", 4, 4, 4, claims=[_claim(4, "2024-03-22"), _claim(6, None)])}
    entries = timeline.entries(figs)
    assert [e.value for e in entries if e.category == "killed"] == [5, 9]
    assert [e.value for e in entries if e.category == "injured"] == [4, 6]  # the undated one last
    root = _svg(chart.chart_svg(entries))
    points = _points(root)
    assert len(points) == 3  # the undated claim has no place on a time axis
    killed = [p for p in points if p.get("data-category") == "killed"]
    assert float(killed[0].get("cx")) < float(killed[1].get("cx"))
    tip = killed[1].find(f"{SVG}title").text
    assert "killed: 9" in tip and "2024-03-23" in tip
    assert len(list(root.iter(f"{SVG}polyline"))) == 1  # a line through killed's two; injured has one point
    assert chart.chart_svg(timeline.entries({"killed": Reconciled("killed", 1, 1, 1,
                                                                  claims=[_claim(1, None)])})) is None


def test_web_chart_of_one_point_has_a_day_label_and_a_readable_y_axis():
    figs = {"killed": Reconciled("killed", 7, 7, 7, claims=[_claim(7, "2024-03-23", article_id="a1")])}
    root = _svg(chart.chart_svg(timeline.entries(figs)))
    assert len(_points(root)) == 1
    assert [t.text for t in _texts(root, "day")] == ["2024-03-23"]
    ys = [int(t.text) for t in _texts(root, "tick") if "y" in t.get("class").split()]
    assert ys[0] == 0 and ys[-1] >= 7 and len(ys) >= 3  # 0, ..., a round top
    assert all(_inside(root, t) for t in root.iter(f"{SVG}text"))


def test_web_chart_of_one_day_without_times_draws_the_reports_side_by_side():
    # a story told within hours: three reports of one day, no time of day known
    claims = [_claim(3, "2024-03-23", article_id="a1", who="police"),
              _claim(5, "2024-03-23", article_id="a2", who="a hospital"),
              _claim(5, "2024-03-23", article_id="a3")]
    figs = {"killed": Reconciled("killed", 3, 5, 5, claims=claims),
            "injured": Reconciled("injured", 12, 12, 12, claims=[_claim(12, "2024-03-23", article_id="a2",
                                                                          category="injured")])}
    root = _svg(chart.chart_svg(timeline.entries(figs)))
    points = _points(root)
    assert len(points) == 4
    killed_x = [float(p.get("cx")) for p in points if p.get("data-category") == "killed"]
    assert len(set(killed_x)) == 3  # no vertical line: each report its own x
    injured_x = [float(p.get("cx")) for p in points if p.get("data-category") == "injured"]
    assert injured_x[0] in killed_x  # the same report's figures stand one above the other
    assert [t.text for t in _texts(root, "day")] == ["2024-03-23"]
    assert all(_inside(root, t) for t in root.iter(f"{SVG}text"))


def test_web_chart_of_one_day_spreads_the_reports_by_their_time_and_names_each_source():
    claims = [_claim(40, "2024-03-22", article_id="late", who="the FSB"),
              _claim(12, "2024-03-22", article_id="early", who="police", qualifier="at least")]
    figs = {"killed": Reconciled("killed", 12, 40, 40, claims=claims)}
    arts = {"early": {"outlet": "Wire <One>", "published": "2024-03-22T19:10:00+00:00"},
            "late": {"outlet": "Daily Two", "published": "2024-03-22T23:45:00Z"}}
    root = _svg(chart.chart_svg(timeline.entries(figs, arts)))
    points = _points(root)
    assert len(points) == 2
    early, late = sorted(points, key=lambda p: float(p.get("cx")))
    tip = early.find(f"{SVG}title").text
    assert "at least 12" in tip and "Wire <One>" in tip and "according to police" in tip and "19:10" in tip
    assert "Daily Two" in late.find(f"{SVG}title").text
    hours = [t.text for t in _texts(root, "tick") if "x" in t.get("class").split()]
    assert hours and all(len(h) == 5 and h[2] == ":" for h in hours)
    assert "&lt;One&gt;" in str(chart.chart_svg(timeline.entries(figs, arts)))  # escaped


def test_web_chart_of_many_days_puts_dates_on_the_axis_in_order():
    reports = [(3, "2024-03-01"), (5, "2024-03-02"), (6, "2024-03-02"), (20, "2024-03-09"),
               (26, "2024-03-20")]
    claims = [_claim(v, d, article_id=f"a{i}") for i, (v, d) in enumerate(reports)]
    figs = {"killed": Reconciled("killed", 3, 26, 26, claims=claims)}
    root = _svg(chart.chart_svg(timeline.entries(figs)))
    xs = [float(p.get("cx")) for p in _points(root)]
    assert xs == sorted(xs) and len(set(xs)) == 5  # the two of one day set apart
    assert xs[3] - xs[2] > xs[2] - xs[1]  # a week apart is further than one day's two reports
    labels = [t.text for t in _texts(root, "tick") if "x" in t.get("class").split()]
    assert labels[0] == "2024-03-01" and len(labels) >= 3 and labels == sorted(labels)
    assert all(_inside(root, t) for t in root.iter(f"{SVG}text"))


def test_web_chart_legend_names_every_category_inside_the_picture():
    cats = ["killed", "injured", "hospitalized", "missing", "arrested", "kidnapped", "attackers_killed",
            "attackers_injured"]
    figs = {c: Reconciled(c, 2, 2, 2, claims=[_claim(2 + i, "2024-03-23", article_id="a1", category=c)])
            for i, c in enumerate(cats)}
    root = _svg(chart.chart_svg(timeline.entries(figs)))
    legend = _texts(root, "legend")
    assert sorted(t.text for t in legend) == sorted(c.replace("_", " ") for c in cats)
    assert all(_inside(root, t) for t in legend)
    assert len({t.get("y") for t in legend}) >= 2  # wrapped onto a second row, not cut at the edge
    assert len(_points(root)) == len(cats)


def test_timeline_report_time_is_the_article_time_else_the_entry_time():
    figs = {"killed": Reconciled("killed", 5, 9, 9, history=[
        {"time": "2024-03-23", "article_id": "b", "value": 9, "attribution": "officials"},
        {"time": "2024-03-23", "article_id": "a", "value": 5, "qualifier": "at least"}])}
    arts = {"a": Article.from_text("x", published="2024-03-22T08:00:00", outlet="Wire")}
    got = timeline.entries(figs, arts)
    assert [(e.time, e.value, e.outlet) for e in got] == [("2024-03-22T08:00:00", 5, "Wire"),
                                                          ("2024-03-23", 9, None)]
    assert got[0].value_text() == "at least 5" and got[1].source_text() == "according to officials"


def test_timeline_takes_the_claims_with_their_sources_and_a_history_time_where_they_have_none():
    claims = [_claim(12, None, article_id="a", who="police"), _claim(15, "2024-05-07", article_id="a",
                                                                     who="a hospital official")]
    rec = Reconciled("killed", 12, 15, 15, claims=claims,
                     history=[{"time": "2024-05-06", "article_id": "a", "value": 12},
                              {"time": "2024-05-07", "article_id": "a", "value": 15}])
    got = timeline.entries({"killed": rec})
    assert [(e.time, e.value, e.attribution) for e in got] == [("2024-05-06", 12, "police"),
                                                              ("2024-05-07", 15, "a hospital official")]


@pytest.mark.parametrize("text,expected", [
    ("2024-03-22", (datetime(2024, 3, 22, 12), False)),
    ("2024-03-22T14:05:00+02:00", (datetime(2024, 3, 22, 12, 5), True)),
    ("2024-03-22T00:00:00Z", (datetime(2024, 3, 22, 12), False)),  # a date written as a date-time
    ("2024-03", None), (None, None), ("not a date", None)])
def test_timeline_parse_time(text, expected):
    assert timeline.parse_time(text) == expected


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
