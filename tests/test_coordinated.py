"""Coordinated attacks: incidents in several towns on one day by one group are parts of one attack."""
from __future__ import annotations

import csv
import io

from sitrep.export import export_incidents
from sitrep.link.coordinated import mark_coordinated
from sitrep.records import Actor, Incident, Place
from sitrep.render import render_incident


def inc(iid, city, lat, lon, *, date="2024-04-21", group="Brotherhood of the Dawn", country="Sri Lanka",
        precision="day"):
    actors = [Actor(role="claimed_by", name=group, kind="group")] if group else []
    return Incident(id=iid, date=date, date_precision=precision, actors=actors,
                    place=Place(city=city, country=country, lat=lat, lon=lon, precision="city"))


def test_coordinated_same_day_same_group_several_towns_are_parts_of_one_attack():
    a, b, c = inc("i1", "Colombo", 6.93, 79.85), inc("i2", "Negombo", 7.21, 79.84), \
        inc("i3", "Batticaloa", 7.71, 81.69)
    (group,) = mark_coordinated([a, b, c])
    assert [i.id for i in group] == ["i1", "i2", "i3"]
    assert a.part_of == b.part_of == c.part_of and a.part_of.startswith("c")
    assert a.related == ["i2", "i3"] and c.related == ["i1", "i2"]


def test_coordinated_needs_the_same_day_group_and_two_places():
    far = inc("i1", "Colombo", 6.93, 79.85)
    others = [
        inc("i2", "Negombo", 7.21, 79.84, date="2024-04-22"),  # another day
        inc("i3", "Kandy", 7.29, 80.63, group="Another Front"),  # another group
        inc("i4", "Dehiwala", 6.85, 79.87),  # 10 km away: the same place
        inc("i5", "Galle", 6.03, 80.22, group=None),  # nobody named
        inc("i6", "Jaffna", 9.66, 80.02, precision="month"),  # not dated to the day
    ]
    assert mark_coordinated([far, *others]) == []
    assert far.part_of is None and far.related == []


def test_coordinated_parts_are_exported_and_shown():
    a, b = inc("i1", "Colombo", 6.93, 79.85), inc("i2", "Negombo", 7.21, 79.84)
    mark_coordinated([a, b])
    out = io.StringIO()
    export_incidents([a, b], "gtd", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["multiple"], r["related"]) for r in rows] == [("1", "i2"), ("1", "i1")]
    out = io.StringIO()
    export_incidents([a, b], "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["part_of"] == a.part_of and rows[0]["related"] == "i2"
    assert f"coordinated attack ({a.part_of}) with: i2" in render_incident(a, {})
