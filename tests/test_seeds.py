"""The model case: the two bundled seed articles, read end to end, against every check in their gold."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from sitrep.gazetteer import distance_km

GOLD = json.loads((Path(__file__).parent / "data" / "seeds_gold.json").read_text(encoding="utf-8"))
MAIN = next(i for i in GOLD["incidents"] if i["main"])

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from sitrep.pipeline import Pipeline
    from sitrep.store import Store

    store = Store(str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb"))
    folder = resources.files("sitrep") / "data" / "seeds"
    with resources.as_file(folder) as path:
        summary = Pipeline(store).ingest([str(path)])
    assert summary.failed == 0
    Pipeline(store).process()
    yield store
    store.close()


def by_file(store):
    """Stored article id for each seed file stem."""
    return {Path(a.source).stem: a.id for a in store.articles()}


def main_incident(store):
    ids = by_file(store)
    found = [i for i in store.incidents(limit=None) if set(ids.values()) <= set(i.article_ids)]
    assert len(found) == 1, "one main incident must hold both seed articles"
    return found[0]


def claim_values(rec):
    return {(c.low, c.attribution_kind) for c in rec.claims}


def test_seeds_one_main_incident_with_killed_at_least_60(seeded):
    inc = main_incident(seeded)
    killed = inc.figures["killed"]
    assert killed.best == 60 and killed.qualifier == "at least"
    assert killed.best not in (334, 170, 40, 6000, 6200)


def test_seeds_injured_145_with_lower_claims_hospitalized_and_children(seeded):
    inc = main_incident(seeded)
    injured = inc.figures["injured"]
    assert injured.best == 145
    assert any(c.low == 100 and c.qualifier == "more than" for c in injured.claims)
    assert injured.low is not None and injured.low <= 100
    assert inc.figures["hospitalized"].best == 115
    children = [r for k, r in inc.figures.items() if k.startswith("injured") and "child" in k]
    assert children and children[0].best == 5


def test_seeds_attributed_claims_kept_but_not_reconciled(seeded):
    killed = main_incident(seeded).figures["killed"]
    fsb = [c for c in killed.claims if c.low == 40]
    assert fsb and "FSB" in (fsb[0].attribution or "") and fsb[0].attribution_kind == "authority"
    hundreds = [c for c in killed.claims if c.qualifier == "hundreds"]
    assert hundreds and hundreds[0].attribution_kind == "claimant"
    assert killed.best == 60


def test_seeds_date_and_place(seeded):
    inc = main_incident(seeded)
    assert inc.date == MAIN["date"]
    p = inc.place
    assert p is not None and (p.city in MAIN["place"]["accepted_cities"])
    assert p.country == "Russia"
    assert p.lat is not None and distance_km(p.lat, p.lon, MAIN["place"]["lat"], MAIN["place"]["lon"]) <= 25


def test_seeds_claimed_by_islamic_state_denied_by_ukraine(seeded):
    actors = main_incident(seeded).actors
    assert any(a.role == "claimed_by" and "islamic state" in a.name.lower() or
               a.role == "claimed_by" and "isis" in a.name.lower() for a in actors)
    assert any(a.role == "denied_by" and ("ukrain" in a.name.lower() or "zelensk" in a.name.lower())
               for a in actors)


def test_seeds_referenced_incidents_stay_apart(seeded):
    inc = main_incident(seeded)
    others = [i for i in seeded.incidents(main_only=False, limit=None) if i.id != inc.id]
    years = {(i.date or "")[:4] for i in others}
    assert "2004" in years and "2002" in years  # Beslan and the Moscow theater siege
    for i in others:
        assert i.best("killed") != 60 or i.date != inc.date
    assert all(c.low not in (334, 170) for c in inc.figures["killed"].claims)


def test_seeds_paraphrase_flag(seeded):
    ids = by_file(seeded)
    from sitrep.extract.signals import PARAPHRASE_THRESHOLD

    reports = {r.article_id: r for r in seeded.reports()}
    rewrite = reports[ids["004_42c037824aa87c5d"]]
    original = reports[ids["000_68176ac7e1d4815d"]]
    assert rewrite.paraphrase_score >= PARAPHRASE_THRESHOLD > original.paraphrase_score
