"""A store's content as plain data, without the times it was written at: two runs that read the same
articles must leave equal content, however often they were interrupted."""
from __future__ import annotations

import json
from typing import Any

import duckdb

from sitrep.store import schema

#: Columns and record keys that say when a row was written, not what it holds.
TIMES = {"ingested_at", "extracted_at", "updated_at"}


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in TIMES}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def content(path: str) -> dict[str, list]:
    """Every record table's rows, sorted, times left out, JSON records parsed."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table, cols in schema.TABLES.items():
            names = [c for c in cols if c not in TIMES]
            quoted = ", ".join(f'"{n}"' for n in names)
            rows = con.execute(f"SELECT {quoted} FROM {table}").fetchall()
            parsed = []
            for row in rows:
                d = dict(zip(names, row, strict=True))
                if "record" in d:
                    d["record"] = _strip(json.loads(d["record"]))
                parsed.append(json.dumps(d, sort_keys=True, default=str))
            out[table] = sorted(parsed)
        return out
    finally:
        con.close()
