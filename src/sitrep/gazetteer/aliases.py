"""Name normalization and the English aliases GeoNames' tables lack (general, not per suite).

The alias tables are data files in ``data/gazetteer/`` (see its README), read through ``sitrep.lexicon``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

from sitrep import lexicon

#: The folder under ``data/`` the gazetteer's tables are in.
FOLDER = "gazetteer"


def _table(name: str) -> tuple[tuple[str, ...], ...]:
    return lexicon.rows(name, folder=FOLDER)


#: Words an admin1 or admin2 name may carry that writers drop ("Moscow Oblast" ~ "Moscow"), in file order.
ADMIN_SUFFIXES: tuple[str, ...] = tuple(r[0] for r in _table("admin_suffixes"))
_SUFFIX_RE = re.compile(r"\b(?:" + "|".join(ADMIN_SUFFIXES) + r")\b")
_PREFIX_RE = re.compile(r"^(?:(?:state|province|region|republic|governorate|department) of |the )")

#: AP style abbreviations of US states -> postal code (postal codes come from the table itself).
US_STATE_AP: dict[str, str] = dict(lexicon.mapping("us_state_ap", folder=FOLDER))

#: English names writers use for countries besides GeoNames' short name: code -> names, in file order.
COUNTRY_ALIASES: dict[str, list[str]] = {}
for _cc, _alias in _table("country_aliases"):
    COUNTRY_ALIASES.setdefault(_cc, []).append(_alias)

#: Demonyms and adjectives are not places; names that are too often common words to look up alone.
STOP_NAMES: frozenset[str] = frozenset(r[0] for r in _table("stop_names"))

#: Words that open the name of a part of a town ("Colonia Bellavista", "Barangay Capihan").
PART_WORDS: frozenset[str] = frozenset(r[0] for r in _table("part_words"))

#: French compass words in region names -> the English key word ("Nord-Ouest" ~ "North-West").
_FRENCH_COMPASS: dict[str, str] = dict(lexicon.mapping("french_compass", folder=FOLDER))

#: English names of admin1 regions that the shipped table spells in transliteration only.
ADMIN1_ENGLISH: dict[tuple[str, str], str] = {
    (cc, name): english for cc, name, english in _table("admin1_english")
}

#: Nationality adjectives: weak evidence of the country a story is set in ("Ukrainian soldiers"); None
#: for one with no country of its own ("Kurdish").
DEMONYMS: dict[str, str | None] = {r[0]: (r[1] if len(r) > 1 and r[1] else None) for r in _table("demonyms")}

#: Regional abbreviations of admin1 names used by the press outside the US ("(Guntur, AP)", "J&K").
#: US postal codes win where a code is both ("TN": see REGION_ABBREV).
ADMIN1_ABBREV: dict[str, tuple[str, str]] = {ab: (cc, name) for ab, cc, name in _table("admin1_abbrev")}
#: The other reading of codes that are also US postal codes: the town named before decides ("Tenkasi, TN").
REGION_ABBREV: dict[str, tuple[str, str]] = {ab: (cc, name) for ab, cc, name in _table("region_abbrev")}

#: Regions the tables lack or spell otherwise: (country code, name, the tables' region, kind), kind
#: "admin1" (a region of its own inside or instead of the tables' one), "admin2" (a second-level region
#: of it) or "alias" (another spelling of it).
REGIONS_EXTRA: tuple[tuple[str, str, str, str], ...] = tuple(
    (r[0], r[1], r[2], r[3]) for r in _table("regions_extra"))

#: Display names where GeoNames' short name is not the one news and coders use.
COUNTRY_DISPLAY: dict[str, str] = dict(lexicon.mapping("country_display", folder=FOLDER))


def table_bytes() -> bytes:
    """The data files the tables above are read from, in name order (the index's cache stamp hashes them:
    an edited table rebuilds the index)."""
    base = resources.files("sitrep").joinpath("data", FOLDER)
    files = sorted((p for p in base.iterdir() if p.is_file() and p.name.endswith((".tsv", ".txt"))),
                   key=lambda p: p.name)
    return b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in files)


@functools.lru_cache(maxsize=65536)  # pure, and asked for the same names again and again
def norm(name: str) -> str:
    """Matching key: accents, case and punctuation folded ("Vorob'yovo" -> "vorobyovo")."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = name.replace("'", "").replace("\u2019", "").replace("`", "")
    name = re.sub(r"\bst\.? ", "saint ", name)
    name = re.sub(r"\bft\.? ", "fort ", name)
    name = re.sub(r"\bmt\.? ", "mount ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@functools.lru_cache(maxsize=65536)
def admin_key(name: str) -> str:
    """Matching key of an admin region: suffixes like Oblast/Province/County dropped."""
    key = _PREFIX_RE.sub("", norm(name))
    stripped = re.sub(r"\s+", " ", _SUFFIX_RE.sub(" ", key)).strip()
    return stripped or key


@functools.lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """A looser key for transliterated region names: "Idleb" ~ "Idlib", "Ar-Raqqa" ~ "Ar-Raqqah",
    "Lower Shabelle" ~ "Lower Shabeelle", "Urozgan" ~ "Oruzgan", "Bekaa" ~ "Beqaa"."""
    key = re.sub(r"^(?:a[lrsdtnz]|el|ash|ath) ", "", admin_key(name)).replace(" ", "")
    key = key.replace("q", "k").replace("w", "v").replace("y", "i").replace("ou", "u")
    key = re.sub(r"[eiy]", "i", key)
    key = re.sub(r"[ou]", "u", key)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    key = key[:-1] if len(key) > 4 and key.endswith("h") else key
    return key[:-1] if len(key) > 4 and key[-1] in "aiu" else key  # "Hasakeh" ~ "Hasakah"


@functools.lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """The consonants of a region name, for a last-resort match ("Al-Hasakeh" ~ "Al-Hasakah")."""
    key = re.sub(r"[aeiouy]", "", loose_key(name))
    return key[:-1] if len(key) > 4 and key.endswith("h") else key


@functools.lru_cache(maxsize=65536)
def admin1_variants(name: str) -> frozenset[str]:
    """Spelling variants of a transliterated admin1 name ("Ingushetiya" -> "ingushetia")."""
    key = admin_key(name)
    out = {key}
    if key.endswith("iya"):
        out.add(key[:-3] + "ia")
    if key.endswith("skaya"):
        out.add(key[:-5] + "sk")
    if key.endswith("ayya"):
        out.add(key[:-4] + "aya")
    french = " ".join(_FRENCH_COMPASS.get(w, w) for w in key.replace("extreme nord", "far north").split())
    if french != key:
        out.add(french)  # "Nord-Ouest" ~ "North-West", "Extreme-Nord" ~ "Far North"
    return frozenset(out)
