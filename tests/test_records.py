"""Records: small behaviours of the shared dataclasses."""
from __future__ import annotations

import pytest

from sitrep.records import Place, figure_order


@pytest.mark.parametrize(("place", "label"), [
    (Place(venue="Crocus City Hall", city="Krasnogorsk", admin1="Moscow Oblast", country="Russia"),
     "Crocus City Hall, Krasnogorsk, Moscow Oblast, Russia"),
    (Place(city="Moscow", admin1="Moscow", country="Russia"), "Moscow, Russia"),
    (Place(text="somewhere near the border"), "somewhere near the border"),
    (Place(), ""),
])
def test_records_place_label_finest_first_no_name_twice(place, label):
    assert place.label() == label


def test_records_figure_order_puts_subgroups_after_their_category():
    keys = ["attackers", "injured_children", "killed", "injured", "hospitalized", "killed_police", "zz"]
    assert sorted(keys, key=figure_order) == [
        "killed", "killed_police", "injured", "injured_children", "hospitalized", "attackers", "zz"]


def test_records_incident_kind_names_stories():
    from sitrep.records import EventType, Incident, Reconciled

    assert Incident(id="i1", type=EventType(label="armed assault")).kind == "armed assault"
    protest = EventType(acled_sub_event_type="Peaceful protest")
    assert Incident(id="i2", type=protest).kind == "Peaceful protest"
    assert Incident(id="i3").kind == "story"
    assert Incident(id="i4", figures={"killed": Reconciled("killed", 1, 1, 1)}).kind == "incident"
