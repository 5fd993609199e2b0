"""Turn Sitrep's records into prediction rows in the suites' format (FORMAT.md)."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

from sitrep.records import EventMention, Incident, Place, Report, everyone

#: Who a suite's killed and injured count: "victims" (the attackers' own apart) or "everyone".
COUNTS = ("victims", "everyone")


@functools.cache
def _counts_table() -> dict[str, str]:
    text = resources.files("sitrep").joinpath("evaluate/counts.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def counts_for(suite_name: str) -> str:
    """Who ``suite_name``'s killed and injured count (``evaluate/counts.json``, by name prefix: "gtd-dev"
    and "gtd-val" read as "gtd"); "victims" for a suite it does not name."""
    table = _counts_table()
    hits = [k for k in table if suite_name.lower().startswith(k)]
    return table[max(hits, key=len)] if hits else "victims"


def _count(best: Callable[[str], int | None], category: str, counts: str) -> int:
    value = everyone(best, category) if counts == "everyone" else best(category)
    return int(value or 0)


def _place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"city": None, "state": None, "admin1": None, "country": None, "location": None,
                "lat": None, "lon": None}
    # The locality is the town, or the county where the text names no town ("Brown County, Wis."):
    # the most precise place below the region, as incident databases record it.
    locality = place.city or (place.admin2 if place.precision == "admin2" else None)
    return {
        "city": locality,
        "state": place.admin1,
        "admin1": place.admin1,
        "country": place.country,
        "location": place.city or place.admin2 or place.venue or place.admin1,
        "lat": place.lat,
        "lon": place.lon,
    }


def mention_row(mention: EventMention | None, counts: str = "victims") -> dict[str, Any]:
    """Every field any per-article suite may ask for, read from an article's main mention; ``counts``
    (``COUNTS``) says whether killed and injured hold the attackers' own."""
    from sitrep.extract import actors as actors_mod  # the GTD reading of perpetrator and claim

    if mention is None:
        return {"killed": 0, "injured": 0, "perpetrator": "Unknown", "claimed": 0, **_place_fields(None)}
    t = mention.type
    perpetrator = actors_mod.primary_perpetrator(mention.actors)
    return {
        "killed": _count(mention.totals.get, "killed", counts),
        "injured": _count(mention.totals.get, "injured", counts),
        "date": mention.date,
        "event_type": t.acled_event_type,
        "sub_event_type": t.acled_sub_event_type,
        "attack_type": t.gtd_attack_type,
        "weapon_type": t.gtd_weapon_type,
        "target_type": t.gtd_target_type,
        "label": t.case_label,
        "perpetrator": perpetrator or "Unknown",
        "claimed": actors_mod.claimed(mention.actors),
        **_place_fields(mention.place),
    }


def article_rows(
    suite_fields: Iterable[str],
    reports: Mapping[str, Report],
    ids: Mapping[str, str],
    *,
    label_only: bool = False,
    counts: str = "victims",
) -> list[dict[str, Any]]:
    """One row per suite article id; ``ids`` maps suite id -> stored article id; ``counts`` as
    ``mention_row``'s."""
    wanted = [f for f in suite_fields if f != "article_id"]
    rows = []
    for suite_id, stored in ids.items():
        report = reports.get(stored)
        full = mention_row(report.main if report else None, counts)
        if report is not None and report.main is None and report.place is not None:
            full |= _place_fields(report.place)  # an article that tells no incident: where it is set
        if label_only:
            rows.append({"article_id": suite_id, "label": full.get("label")})
            continue
        rows.append({"article_id": suite_id, **{f: full.get(f) for f in wanted}})
    return rows


def incident_rows(
    incidents: Sequence[Incident],
    reports: Mapping[str, Report],
    external: Mapping[str, Sequence[str]],
    counts: str = "victims",
) -> list[dict[str, Any]]:
    """One row per main incident; ``external`` maps stored article id -> its suite ids; ``counts`` as
    ``mention_row``'s.

    An article is listed under the incident that holds its main mention, and only there.
    """
    from sitrep.link import story_mention

    main_mentions = {(r.main or story_mention(r.article_id)).id: r.article_id for r in reports.values()}
    rows, listed = [], set()
    for inc in incidents:
        if not inc.main:
            continue
        suite_ids: list[str] = []
        for mid in inc.mention_ids:
            stored = main_mentions.get(mid)
            if stored is None or stored in listed:
                continue
            listed.add(stored)
            suite_ids.extend(external.get(stored, [stored]))
        if not suite_ids:
            continue
        place = _place_fields(inc.place)
        rows.append({
            "incident_id": inc.id,
            "article_ids": suite_ids,
            "killed": _count(inc.best, "killed", counts),
            "injured": _count(inc.best, "injured", counts),
            "date": inc.date,
            "city": place["city"],
            "state": place["state"],
            "country": place["country"],
        })
    return rows
