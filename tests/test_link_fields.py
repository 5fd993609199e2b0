"""Choosing an incident's date, place and type from its members (link/fields.py)."""
from __future__ import annotations

import pytest

from sitrep.link.fields import incident_date, incident_place, incident_type
from sitrep.records import EventMention, EventType, Place


def m(n, *, date=None, precision="day", place=None, label=None):
    return EventMention(id=f"a{n}#0", article_id=f"a{n}", main=True, date=date,
                        date_precision=precision if date else None, place=place, type=EventType(label=label))


@pytest.mark.parametrize("members,expected", [
    # an arrest reported later does not move the shooting's date
    ([(m(1, date="2024-05-04"), "2024-05-05"), (m(2, date="2024-05-20"), "2024-05-21"),
      (m(3, date="2024-05-20"), "2024-05-22")], ("2024-05-04", "day")),
    # ties go to the earlier date
    ([(m(1, date="2024-05-05"), "2024-05-06"), (m(2, date="2024-05-04"), "2024-05-06")],
     ("2024-05-04", "day")),
    # the finest precision wins over a more frequent coarser one
    ([(m(1, date="2024-05", precision="month"), None), (m(2, date="2024-05", precision="month"), None),
      (m(3, date="2024-05-04"), None)], ("2024-05-04", "day")),
    ([(m(1), "2024-05-05")], (None, None)),
])
def test_link_fields_incident_date(members, expected):
    assert incident_date(members) == expected


def place(city, state, lat=None):
    return Place(city=city, admin1=state, country="United States", lat=lat)


def test_link_fields_place_state_first_then_city_within_it():
    members = [(m(1, place=place("Cedarville", "Ohio")), "2024-05-05"),
               (m(2, place=place(None, "California")), "2024-05-05"),
               (m(3, place=place("Alturas", "California", lat=41.5)), "2024-05-06")]
    chosen = incident_place(members)
    assert (chosen.city, chosen.admin1, chosen.lat) == ("Alturas", "California", 41.5)


def test_link_fields_place_state_written_in_the_text_outweighs_a_guess():
    members = [(m(1, place=place("Springfield", "Illinois")), "2024-05-05"),
               (m(2, place=place("Springfield", "Missouri")), "2024-05-05")]
    texts = ["Shots were fired in Springfield late Saturday.", "SPRINGFIELD, Missouri: two men were shot."]
    assert incident_place(members, texts).admin1 == "Missouri"
    assert incident_place(members[::-1], texts[::-1]).admin1 == "Missouri"
    assert incident_place([(m(1), None)]) is None


def test_link_fields_type_is_the_label_most_members_give():
    ms = [m(1, label="arrest"), m(2, label="armed assault"), m(3, label="armed assault")]
    assert incident_type(ms).label == "armed assault"
