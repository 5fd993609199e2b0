"""The WHERE clause and orders behind ``Store.incidents`` and ``Store.count_incidents``."""
from __future__ import annotations

#: Orders ``Store.incidents`` accepts, as SQL. Dates are ISO strings of varying precision.
ORDERS = {
    "date_desc": "date DESC NULLS LAST, id",
    "date_asc": "date ASC NULLS LAST, id",
    "killed_desc": "killed_best DESC NULLS LAST, date DESC NULLS LAST, id",
    "sources_desc": "n_independent DESC NULLS LAST, date DESC NULLS LAST, id",
    "updated_desc": "updated_at DESC NULLS LAST, id",
}

# '~' sorts after every digit and '-', so "2024-03" || '~' is the end of March 2024: a coarse date
# overlaps a range when its end is after ``since`` and its start before the end of ``until``.
_PLACE_TEXT = ("concat_ws(' ', title, venue, city, admin2, admin1, country, type, acled_event_type, "
               "acled_sub_event_type, gtd_attack_type)")


def incident_where(*, since: str | None = None, until: str | None = None, type: str | None = None,
                   country: str | None = None, min_killed: int | None = None, q: str | None = None,
                   main_only: bool = True) -> tuple[str, list]:
    """``("WHERE ...", params)`` for the filters given (an empty clause for none).

    The SQL runs on DuckDB and Postgres alike (``strpos``, not DuckDB's ``contains``).
    """
    where: list[str] = []
    params: list = []
    if main_only:
        where.append("main")
    if since:
        where.append("date || '~' >= ?")
        params.append(since)
    if until:
        where.append("date <= ? || '~'")
        params.append(until)
    if type:
        where.append("lower(?) IN (lower(type), lower(acled_event_type), lower(acled_sub_event_type), "
                     "lower(gtd_attack_type))")
        params.append(type.strip())
    if country:
        where.append("(lower(country) = lower(?) OR lower(country_code) = lower(?))")
        params += [country.strip(), country.strip()]
    if min_killed is not None:
        where.append("killed_best >= ?")
        params.append(int(min_killed))
    if q and q.strip():
        needle = q.strip().lower()
        where.append(
            f"(strpos(lower({_PLACE_TEXT}), ?) > 0 OR EXISTS (SELECT 1 FROM incident_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.incident_id = incidents.id "
            "AND (strpos(lower(coalesce(a.title, '')), ?) > 0 OR strpos(lower(a.text), ?) > 0)))")
        params += [needle, needle, needle]
    return ("WHERE " + " AND ".join(where) if where else ""), params
