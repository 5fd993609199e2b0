"""Places: every place an article names, resolved against the gazetteer; the place of the event."""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from sitrep import datewords, lexicon, rules
from sitrep.extract import toponyms as tp
from sitrep.gazetteer import (
    DEMONYMS,
    STOP_NAMES,
    Gazetteer,
    GeoEntry,
    admin_key,
    distance_km,
    loose_key,
    norm,
)
from sitrep.nlp import doc_text
from sitrep.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Head words that make an ORG or unlabeled name a venue ("Madison Square Garden", "Jefferson High School").
_VENUE_RE = re.compile(r"\b(?:Hall|School|Mall|Church|Mosque|Synagogue|Temple|Hospital|Cent(?:er|re)|Stadium|"
                       r"Arena|Club|Bar|Restaurant|Hotel|Park|Station|Airport|University|College|Market|"
                       r"Plaza|Square|Theat(?:er|re)|Apartments?|Complex|Store|Walmart|Base|Checkpoint)\b")
#: An upper-case dateline at the start of a text or line: "CEDAR RAPIDS —", "YORK, Pa. (AP) -".
# Scraped pages glue the dateline to the outlet's name ("Fox 59INDIANAPOLIS, Ind. (AP) —"): the city
# is an upper-case run, possibly with a glued prefix that _spans strips by trying its suffixes.
_DATELINE_RE = re.compile(
    r"(?<![A-Z])(?P<city>[A-Z][A-Z.']+(?:[ -][A-Z][A-Z.']+){0,3})(?:,\s*(?P<region>[A-Z][A-Za-z.]{1,12}"
    r"(?: [A-Z][a-z]+)?))?\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-|:)")
_DATELINE_AFTER_RE = re.compile(r"^\s*(?:,\s*[A-Z][A-Za-z.]{1,12}(?: [A-Z][a-z]+)?)?\s*"
                                r"(?:\([^()\n]{1,40}\)\s*)?"
                                r"(?:—|–|--|-(?!\w)|:)")
_TITLE_DATELINE_RE = re.compile(r"\s*(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s*"
                                r"\((?:[A-Z][A-Za-z]*[/ ,&]*){1,4}\)\s*(?:—|–|--|-|:)")
#: "City, ST" and "City, Calif." after a capitalized name.
_CITY_STATE_RE = re.compile(r"\b(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}),\s*"
                            r"(?P<st>[A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z]\.\s?[A-Z]\.)(?=[\s,.;)]|$)")
#: A capitalized name after a locative preposition: found even where the tagger calls it a PERSON or ORG.
# "of" only after a word for a place ("town of", "outskirts of"): "Front of Liberation" is no place.
_PREP_RE = re.compile(r"(?:\b(?:in|on|near|at|outside|around|from|to|and|into|towards?|between|across)|"
                      r"(?:[Cc]ity|[Tt]own|[Vv]illage|outskirts|suburbs?|province|district|area|region|county|governorate|"
                      r"municipality|(?:north|south|east|west)(?:east|west)?|countryside) of)\s+"
                      r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural|downtown|"
                      r"(?:north|south)(?:east|west)?|east|west)\s+)?"
                      r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z][\w'\u2019-]+|al|el|de|del|la|ad|as|an|"
                      r"ar|ash|az|bin|ibn)\b){0,3})")
#: A town named by its institutions or people: "Lubbock police", "Richland County Sheriff's", "a Logan teen".
_LOCAL_RE = re.compile(
    r"\b(?!(?:The|A|An)\b)(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?: County| Parish)?)(?:'s)?\s+"
    r"(?:[Pp]olice|[Ss]heriff|"
    r"PD\b|Metropolitan Police|[Ff]ire [Dd]epartment|[Cc]oroner|[Dd]istrict [Aa]ttorney|[Mm]ayor)"
    r"|\b(?:[Aa]n?|[Tt]he)\s+(?P<name2>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:man|woman|teen(?:ager)?|boy|girl|"
    r"resident|couple|family|father|mother|student|native|home(?:owner)?)\b"
    # a headline drops the article: "Augusta man shot while fleeing", "Chapel Hill drive-by shooting ..."
    r"|^\s*(?!(?:The|A|An)\b)(?P<name3>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:man|woman|teen(?:ager)?|boy|girl|"
    r"couple|family|shooting|drive-by|homicide|stabbing|murder|standoff)\b")
#: Streets are tagged FAC but name no venue, and the town near them is often another one.
_STREET_RE = re.compile(r"\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|"
                        r"Ln\.?|Highway|Hwy\.?|Way|Court|Ct\.?|Place|Parkway|Pkwy\.?|Trail|Terrace|Circle|Route|Pike)"
                        r"(?:\s+(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?)?$")
#: A street word right after a name makes it a street's ("Raymond Avenue", "Fifth and Liberty streets").
# A lower-case street word counts in the plural only: "the Harris County road" is a road in the county.
_STREET_AFTER_RE = re.compile(r"\s+(?:Streets?\b|streets\b|Avenues?\b|avenues\b|Roads?\b|roads\b|Boulevard|"
                              r"Blvd\b|Drive\b|Lane\b|Ave\b|Parkway|Pkwy\b|Terrace|Court\b)")
#: "the 3300 block of X": X is a street.
_ADDRESS_BEFORE_RE = re.compile(r"\bblock of\s+(?:the\s+)?$")
#: "St. Cloud", "Mt. Pleasant", "Ft. Worth": the abbreviation is part of the name.
_SAINT_BEFORE_RE = re.compile(r"\b(?:St|Mt|Ft|Pt)\. $")
# A venue ranks with its town: the town named near it is right less often than a town named outright.
_PRECISION_RANK = {"venue": 3.5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}
#: What moves a place's score in ``event_place``, added to its precision rank; the best is the event's
#: place. Set by hand on gva-dev, gvdb-dev and acled-dev (2026-11-30); each rule family's worth on
#: dev and blind is measured by switching it off (BENCHMARKS.md, "Places and dates").
PLACE_WEIGHTS = {
    # "Ukrainian" only hints at the country
    "demonym": -2.0,
    # well placed: coordinates, a venue with its town, or a town written with its state ("Texarkana, Ark.")
    "placed": 1.0,
    # the upper-case dateline ("YORK, Pa. (AP) -"): news names the event's town there first
    "dateline": 6.0,
    # an event word in the place's sentence
    "event_words": 2.0,
    # after "in", "at", "near", "outside", "of"
    "locative": 1.0,
    # per share of the span: the lead names the event's place, later places are context
    "position": -3.0,
}
_EVENT_RE = re.compile(
    r"\b(?:shot|shooting|gunfire|fired|killed|attack(?:ed)?|happened|occurred|explo(?:ded|sion)|bomb(?:ing)?|"
    r"stabb(?:ed|ing)|died|wounded|injured|clash(?:ed|es)?|raid|protest(?:ed|ers)?|demonstrat\w+|fighting|"
    r"airstrikes?|shell(?:ed|ing)|abducted|kidnapped|arrested|assault(?:ed)?|carried out|took place|"
    r"opened fire|responded)\b", re.I)


def _gaz() -> Gazetteer:
    return Gazetteer.load()


def _fold(name: str) -> str:
    """Accents dropped ("Acatlán" -> "Acatlan"): English text and the coders' records write them so."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _city_name(e: GeoEntry, written: str) -> str:
    """The gazetteer's name, unless the text names a part or a variant of it ("North Charleston",
    "Benton Township", "Bronx" for "The Bronx"): then the name as written, which is what it is called."""
    w = tp.clean(written, keep_direction=True)
    if w.isupper():
        w = w.title()
    if w.endswith(" Borough"):
        return _fold(e.name)  # "Hummelstown Borough": a borough is the town itself
    nw, ne = norm(w), norm(e.name)
    if nw.replace(" ", "") == ne.replace(" ", "") and w != e.name:
        return _fold(w)  # "St. George" (not "Saint George"), "DeSoto"
    if re.match(r"(?:north|south|east|west|northeast|northwest|southeast|southwest|central|nw|ne|sw|se) ",
                nw):
        return _fold(e.name)  # "Southwest Philadelphia" is in Philadelphia
    if nw != ne and nw and (nw in ne or ne in nw):
        return _fold(w)
    return _fold(e.name)


def _from_entry(e: GeoEntry, text: str, start: int, end: int, precision: str | None = None) -> Place:
    return Place(text=text, start=start, end=end, city=_city_name(e, text) if e.kind == "city" else None,
                 admin2=e.admin2, admin1=e.admin1, country=e.country, country_code=e.country_code,
                 lat=e.lat, lon=e.lon, precision=precision or e.kind, geonameid=e.geonameid)


def _spans(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, hint) of every place-like span; hint is a region named right after it."""
    text = doc_text(doc)
    out: list[tuple[int, int, str, str | None]] = []
    taken: list[tuple[int, int]] = []

    streets = rules.on("place-street-name")

    def add(s: int, e: int, label: str, hint: str | None) -> None:
        if streets and label not in ("DATELINE", "CITYST"):
            if _SAINT_BEFORE_RE.search(text, max(0, s - 4), s):
                s = _SAINT_BEFORE_RE.search(text, max(0, s - 4), s).start()  # "St. Cloud", not "Cloud"
            if _STREET_AFTER_RE.match(text, e) or _ADDRESS_BEFORE_RE.search(text, max(0, s - 20), s):
                return  # "Raymond Avenue", "Fifth and Liberty streets", "the 3300 block of South Oakley"
        if any(s < te and ts < e for ts, te in taken) or _STREET_RE.search(text[s:e]):
            return
        taken.append((s, e))
        out.append((s, e, label, hint))

    # "Colombo (AFP/Reuters): ...": a town written in title case, then the agency, opens the text.
    lead = _TITLE_DATELINE_RE.match(text)
    if lead and lead.group("city").split()[0].lower() not in STOP_NAMES:
        add(lead.start("city"), lead.end("city"), "DATELINE", None)
    for m in _DATELINE_RE.finditer(text[:400]):
        city = m.group("city").rstrip(" .")
        if len(city) < 3 or city.split()[0].lower() in STOP_NAMES:
            continue
        s = m.start("city")
        trimmed = _dateline_city(city, m.group("region"))
        if trimmed is not None:
            s += len(city) - len(trimmed)
            add(s, s + len(trimmed), "DATELINE", m.group("region"))
            break
    for m in _CITY_STATE_RE.finditer(text):
        st = m.group("st")
        if _gaz().us_state_code(st) and m.group("city").lower() not in STOP_NAMES:
            add(m.start("city"), m.end("city"), "CITYST", st)
    for ent_start, ent_end, ent_label in _entity_parts(doc):
        ent_text = text[ent_start:ent_end]
        if ent_label in ("GPE", "LOC", "FAC") or (ent_label == "ORG" and _VENUE_RE.search(ent_text)):
            label = "FAC" if ent_label in ("FAC", "ORG") else ent_label
            if label == "FAC" and not _VENUE_RE.search(ent_text):
                label = "LOC"  # "Acapulco de Juarez" tagged FAC: a place name unless it names a building
            if label in ("GPE", "LOC") and ent_text in DEMONYMS:
                label = "NORP"
            add(ent_start, ent_end, label, _hint(text, ent_end))
        elif ent_label == "NORP" and ent_text in DEMONYMS:
            add(ent_start, ent_end, "NORP", None)
        elif ent_label == "PERSON" and rules.on("place-country-as-person"):
            # the small model tags "Sri Lanka" or "Sri Lankan" a person: a country's name of two words
            # or more, or its adjective, is no one's name ("Jordan" alone may be)
            name = re.sub(r"['’]s$", "", ent_text)
            if name in DEMONYMS and DEMONYMS[name]:
                add(ent_start, ent_start + len(name), "NORP", None)
            elif " " in name and _gaz().country(name) is not None:
                add(ent_start, ent_start + len(name), "GPE", _hint(text, ent_start + len(name)))
    # A name inside a longer organization or personal name is no place ("Earth Liberation Front",
    # "George Jackson"); a one-word PERSON or ORG often is a village the tagger does not know ("Pisky").
    not_places = [(e.start_char, e.end_char) for e in doc.ents
                  if e.label_ in ("ORG", "PERSON") and len(e) > 1 and not re.search(r"[,(]", e.text)]
    for m in _PREP_RE.finditer(text):
        words = m.group("name").split()
        if _VENUE_RE.search(m.group("name")) or words[0].lower() in STOP_NAMES:
            continue
        length = m.end("name") - m.start("name")
        if any(m.start() <= s <= m.start("name") < e and e - s > length for s, e in not_places):
            continue
        # "Laveen Friday": the name stops at a word that is not part of names.
        keep = next((i for i, w in enumerate(words) if w.lower() in STOP_NAMES), len(words))
        name = " ".join(words[:keep])
        add(m.start("name"), m.start("name") + len(name), "PREP", _hint(text, m.start("name") + len(name)))
    for m in _LOCAL_RE.finditer(text) if rules.on("place-local-names") else ():
        group = next(g for g in ("name", "name2", "name3") if m.group(g))
        words = m.group(group).split()
        if words[0].lower() in STOP_NAMES or words[0] in ("The", "A", "An"):
            continue
        add(m.start(group), m.end(group), "PREP", None)
    for m in re.finditer(r"\(([A-Z][^()\n]{1,60})\)", text) if rules.on("place-paren-list") else ():
        # "(Mukayras, Al Bayda)": a district and region the writer gives in brackets; the last is the widest.
        inner = m.group(1)
        if _wire_credit(inner):
            continue
        last = inner.rsplit(",", 1)[-1].strip()
        s = m.start(1) + inner.rfind(last)
        prev = inner.rsplit(",", 1)[0].strip() if "," in inner else None
        add(s, s + len(last), "PAREN", prev)
    out.sort(key=lambda s: s[0])
    return out


def _surnames(doc: Doc) -> frozenset[str]:
    """The last word of each person the text names in full ("Iris Barrera" -> "Barrera"): news names a
    person in full once, then by surname alone, which the tagger may take for a place."""
    out = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            last = ent[-1].text
            if last[:1].isupper() and last.isalpha() and last.lower() not in ("jr", "sr"):
                out.add(last)
    return frozenset(out)


#: News agencies a wire story credits in brackets ("(AP) -", "(AFP/Reuters)"): data/lang/en/wire_credits.txt.
WIRE_CREDITS = lexicon.words("wire_credits")


def _wire_credit(inner: str) -> bool:
    """Whether a bracket holds only wire agencies' names: the story's credit, no place ("(AP)")."""
    names = [w for w in re.split(r"[/,&\s]+|\band\b", inner.lower()) if w]
    return bool(names) and all(w in WIRE_CREDITS for w in names)


def _entity_parts(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of each entity; one the tagger ran over a comma or a bracket is split into its
    parts ("Nis, Serbia", "Yerevan (Yerevan, Armenia"), each a GPE when the whole was one."""
    out = []
    for ent in doc.ents:
        if not re.search(r"[,(]", ent.text):
            out.append((ent.start_char, ent.end_char, ent.label_))
            continue
        label = ent.label_ if ent.label_ in ("GPE", "LOC") else None
        for m in re.finditer(r"[^,()]+", ent.text):
            part = m.group(0).strip()
            if label and part and part[0].isupper():
                s = ent.start_char + m.start() + m.group(0).index(part)
                out.append((s, s + len(part), label))
    return out


def _dateline_city(run: str, region: str | None) -> str | None:
    """The city in an upper-case run, dropping a glued outlet prefix ("WCIVFLORENCE" -> "FLORENCE")."""
    g = _gaz()
    code = g.us_state_code(region) if region else None
    a1 = g.us_state(code) if code else None
    cc = "US" if code else None
    if region and not code:
        country = g.country(region)
        cc = country.country_code if country else None
    for i in range(0, max(1, len(run) - 3)):
        cand = run[i:]
        if i and not (cand[0].isalpha() and run[i - 1] not in " -"):
            continue
        name = cand.title()
        if g.lookup(name, country_code=cc, admin1=a1) or g.admin2(name, country_code=cc, admin1=a1):
            return cand
        if i == 0 and (code or region is None) and " " in cand:
            continue
    return run if (region and code) else None


def _hint(text: str, end: int) -> str | None:
    """A region named right after a place: "Cairo, Illinois", "Mukayras (Mukayras, Al Bayda)"."""
    after = text[end:end + 60]
    m = re.match(r"(?:\s+(?:district|province|county|municipality|governorate|region|department|state|city|"
                 r"town|village|area|township|subdivision|sector))?"
                 r",\s*([A-Z][\w.'\- ]{1,30}?)(?=[,.;:)\n]|\s+(?:on|in|at|and|where|when)\b|$)", after)
    if m:
        return m.group(1)
    m = re.match(r"(?:\s*(?:district|province|region|governorate|county|municipality|town|village|city|area|"
                 r"sector|locality|settlement|camp|neighbou?rhood|subdivision)){0,2}\s*\(([^()]{2,60})\)",
                 after)
    if m:
        return m.group(1).split(",")[-1].strip()
    return _in_region(text, end) if rules.on("place-in-region") else None


#: "Mansura city in Ar-Raqqa countryside", "the town of Mansura in the western countryside of Ar-Raqqa",
#: "Ariha in Idleb province": a place, then "in" and the region that holds it.
_IN_REGION_RE = re.compile(
    r"(?:\s+(?:city|town|village|area|camp|neighbou?rhood|district|locality|sector))?\s+in\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|rural|(?:north|south)(?:east|west)?(?:ern)?|east|west)\s+)?"
    r"(?:(?:countryside|outskirts|suburbs|province|governorate|region|district|state) of\s+(?:the\s+)?)?"
    r"(?P<region>[A-Z][\w'\u2019-]+(?:[ -](?:[A-Z][\w'\u2019-]+|al|el|ad|ar|as|az|ash|de|del|la)){0,3})")
#: Region names that are compass words alone ("North", "Central"): too common to read after "in".
_COMPASS_ONLY = frozenset({"north", "south", "east", "west", "central", "centre", "center", "northern",
                           "southern", "eastern", "western", "north east", "north west", "south east",
                           "south west", "northeast", "northwest", "southeast", "southwest"})


def _in_region(text: str, end: int) -> str | None:
    """The region a place is said to be in right after it: "Mansura in Ar-Raqqa", "Salib Qaran in the
    western countryside of Tell Abiad in Ar-Raqqa" (the first name of the chain that is a region or a
    country). A name that is no region (a town, "June") is no hint."""
    g = _gaz()
    pos = end
    for _ in range(2):
        m = _IN_REGION_RE.match(text, pos)
        if not m:
            return None
        name = m.group("region")
        key = admin_key(name)
        if len(key) >= 4 and key not in _COMPASS_ONLY and name.lower() not in STOP_NAMES:
            if g.country(name) is not None or any(tp.names_region(name, a) and admin_key(a.name) == key
                                                  or loose_key(a.name) == loose_key(name)
                                                  for a in g.admin1_all(name)):
                return name
        pos = m.end("region")
    return None


def extract_places(doc: Doc, *, outlet: str | None = None) -> list[Place]:
    """Every place named in ``doc`` (GPE/LOC/FAC entities, datelines, "City, ST"), resolved.

    ``outlet`` (the publisher's name) is weak evidence of the country when the text names none.
    """
    g = _gaz()
    text = doc_text(doc)
    spans = _spans(doc)
    ccs, a1s = tp.context(g, spans, text, outlet)
    places: list[Place] = []
    unplaced: list[Place] = []
    prev_hint, prev_end = None, -1
    surnames = _surnames(doc) if rules.on("place-surname") else frozenset()
    for s, e, label, hint in spans:
        name = text[s:e]
        if name in surnames and label in ("GPE", "LOC", "PREP") and not hint \
                and tp.resolve(g, name, hint, ccs, a1s) is None:
            continue  # "Iris Barrera, 29 ... Barrera was discovered": the person named again, no town
        # The region after a town ("Gifford, Washington, United States"): a region, not its namesake town.
        is_hint = name == prev_hint and text[prev_end:s].strip() == ","
        prev_hint, prev_end = hint, e
        if is_hint and label in ("GPE", "LOC", "PREP"):
            regions = [r for r in tp.regions(g, name, ccs) if r.kind == "country" or tp.names_region(name, r)]
            if regions:
                places.append(_from_entry(regions[0], name, s, e))
                continue
        if label == "FAC":
            if _STREET_RE.search(name):
                continue
            places.append(Place(text=name, start=s, end=e, venue=name, precision="venue"))
            continue
        if label == "NORP":
            cc = DEMONYMS.get(name)
            entry = g.country(g.country_name(cc) or "") if cc else None
            if entry is not None:
                places.append(_from_entry(entry, name, s, e, precision="country"))
            continue
        if label == "PAREN":
            regions = [r for r in tp.regions(g, name, ccs) if r.kind == "country" or tp.names_region(name, r)]
            if rules.on("place-bracket-holder"):
                regions = tp.holding(g, regions, tp.bracket_names(text, s, hint))
            if regions:
                places.append(_from_entry(regions[0], name, s, e))
            continue
        written = name
        if label == "DATELINE":
            name = name.title()
        part = label != "PAREN" and tp.is_part_name(text, s)
        # "Colonia Bellavista", "Barangay Capihan": a part of a town, no namesake town; its region places it
        entry = None if part else tp.resolve(g, name, hint, ccs, a1s)
        if entry is None and not part and tp.ADMIN_TAIL_RE.search(name):
            entry = tp.resolve_prefix(g, name, hint, ccs, a1s)
        abroad = entry is not None and entry.kind != "country" and bool(ccs) and entry.country_code not in ccs
        if label == "PREP" and abroad:
            entry = None  # a capitalized word the tagger calls no place, a town only abroad ("Cafe")
        elif abroad and entry is not None and entry.kind == "city" and not hint \
                and entry.population < 100_000 and rules.on("place-abroad-namesake"):
            entry = None  # a small town abroad in a story set elsewhere ("North Long" street, not Thailand's)
        elif abroad and entry is not None and entry.kind == "city" and _called_village(text, s, e) \
                and rules.on("place-village-word"):
            entry = None  # "the village of Korogo" in a Congolese story is no city of Ivory Coast
        if entry is not None:
            places.append(_from_entry(entry, text[s:e], s, e))
            continue
        # A town the gazetteer lacks, placed by the region named after it ("near Pisky, Donetsk"), else in
        # the one country the story names ("near Berdyanske").
        region = tp.hint_region(g, hint, ccs, a1s) if hint else None
        near = re.search(r"\b(?:near|village of|town of|area of)\s+(?:the\s+)?$", text[max(0, s - 20):s])
        if region is None and not (label in ("CITYST", "DATELINE", "GPE", "LOC") or near):
            continue
        core = tp.clean(name)
        shaped = not name.lower().startswith("the ") and _TOWN_SHAPE_RE.fullmatch(core) \
            and not (core.lower() in tp.NEVER_ALONE and rules.on("place-never-alone"))
        if region is None and not shaped:
            continue  # "the BLM Wild Horse Corrals", "Maury County Sheriff", "abc13.com": no town's name
        if region is None and label == "DATELINE" and written.isupper() and len(written) <= 4 \
                and rules.on("place-acronym-dateline"):
            continue  # "MPD: man shot", "Oklahoma City - OKC -": an agency's or a city's initials, no town
        if any(w.lower() in datewords.weekday_names() for w in core.split()) or core.lower() in STOP_NAMES:
            continue  # "Easter Sunday", "Black Friday", "on Easter": a day, whatever the tagger calls it
        if label == "PREP" and hint and region is None:
            continue
        p = Place(text=text[s:e], start=s, end=e, city=core, precision="city")
        if region is not None:
            p.admin2 = region.admin2 if region.kind != "city" else None
            p.admin1, p.country, p.country_code = region.admin1, region.country, region.country_code
        elif len(ccs) == 1:
            p.country_code = next(iter(ccs))
            p.country = g.country_name(p.country_code)
        if region is None and label in ("GPE", "LOC") and not hint and not near:
            unplaced.append(p)
        else:
            places.append(p)
    # A name the gazetteer lacks, with nothing to place it, counts only where no known town is named:
    # a village in a war report ("Kashtanove"), not a neighbourhood of a city the story names ("Natomas").
    if not any(p.precision == "city" and p.lat is not None for p in places):
        places = sorted(places + unplaced, key=lambda p: p.start)
    if rules.on("place-one-town"):
        places = _one_town_per_name(places, spans)
    _place_venues(places)
    return places


def _one_town_per_name(places: list[Place], spans: list[tuple[int, int, str, str | None]]) -> list[Place]:
    """A town named once with its region ("Texarkana, Ark.", "PINETOWN, N.C. (WNCT) -") is that town
    wherever the article names it bare: one name is one town within an article."""
    hinted = {s for s, _e, label, hint in spans if hint and label in ("CITYST", "DATELINE")}
    qualified: dict[str, Place] = {}
    for p in places:
        if p.start in hinted and p.precision == "city" and p.city:
            qualified.setdefault(_fold(p.text).lower(), p)
    out = []
    for p in places:
        q = qualified.get(_fold(p.text).lower())
        if q is not None and p.start not in hinted and p.precision == "city" \
                and (p.admin1, p.country_code) != (q.admin1, q.country_code):
            p = replace(q, text=p.text, start=p.start, end=p.end)
        out.append(p)
    return out


def _called_village(text: str, s: int, e: int) -> bool:
    """The text calls the name a village: "the village of X", "X village"."""
    return bool(re.search(r"\bvillages? of\s+(?:the\s+)?$", text[max(0, s - 20):s], re.I)
                or re.match(r"\s+village\b", text[e:e + 10], re.I))


#: What an unplaced name must look like to be taken for a town: capitalized words, no institution.
_TOWN_SHAPE_RE = re.compile(r"(?!.*\b(?:Sheriff|Police|County|Department|Interstate|Highway|Route|Office|"
                            r"Court|Hospital|Market|Bridge|Road|Street)\b)"
                            r"[A-Z][a-z'\u2019]+"
                            r"(?:[ -](?:[A-Z][a-z'\u2019]+|al|el|de|del|la|wa|ash|ad|as)){0,3}"
                            r"(?:-\d)?")


def _place_venues(places: list[Place]) -> None:
    """A venue takes the town named nearest after it (else before it): its coordinates are the town's."""
    for i, p in enumerate(places):
        if p.precision != "venue":
            continue
        towns = [q for q in places[i + 1:] if q.precision == "city" and q.start - p.end < 80]
        towns.sort(key=lambda q: q.lat is None)  # a placed town before a name the gazetteer lacks
        towns = towns or [q for q in reversed(places[:i]) if q.precision == "city" and p.start - q.end < 200]
        if towns:
            t = towns[0]
            p.city, p.admin2, p.admin1 = t.city, t.admin2, t.admin1
            p.country, p.country_code = t.country, t.country_code
            p.lat, p.lon, p.geonameid = t.lat, t.lon, t.geonameid


def is_dateline(text: str, p: Place) -> bool:
    """The place is the upper-case dateline near the top of the text ("YORK, Pa. (AP) -")."""
    return p.start < 400 and p.text.isupper() and bool(_DATELINE_AFTER_RE.match(text[p.end:p.end + 60]))


def event_place(doc: Doc, places: list[Place], *, start: int = 0, end: int | None = None) -> Place | None:
    """Where the event told in ``doc_text(doc)[start:end]`` happened: a dateline city, else the best-placed
    specific place near the event words, with its region and country filled in from the others."""
    text = doc_text(doc)
    end = len(text) if end is None else end
    inside = [p for p in places if start <= p.start < end or (p.start < 200 and start < 200)]
    if not inside:
        return None
    scored: list[tuple[float, Place]] = []
    for p in inside:
        if p.precision is None:
            continue
        if p.precision == "venue" and p.city is None:
            continue
        if p.precision == "country" and tp.is_modifier(text, p.end, p.start):
            continue
        if p.lat is None and p.precision == "city" and _inside_next_town(text, p, inside):
            continue
        w = PLACE_WEIGHTS
        score = float(_PRECISION_RANK[p.precision])
        if p.text in DEMONYMS:
            score += w["demonym"]
        if p.lat is not None or p.precision == "venue" \
                or (p.precision == "city" and p.admin1 and _CITY_STATE_RE.match(text, p.start)):
            score += w["placed"]
        if rules.on("place-dateline") and is_dateline(text, p):
            score += w["dateline"]
        ss = max(text.rfind(". ", 0, p.start), text.rfind("\n", 0, p.start)) + 1
        se = text.find(". ", p.end)
        sentence = text[ss:se if se != -1 else len(text)]
        if _EVENT_RE.search(sentence):
            score += w["event_words"]
        if re.search(r"\b(?:in|at|near|outside|of)\s+(?:the\s+)?$", text[max(0, p.start - 12):p.start]):
            score += w["locative"]
        score += w["position"] * (p.start - start) / max(1, end - start)
        scored.append((score, p))
    if not scored:
        return None
    best = max(scored, key=lambda s: s[0])[1]
    held = _containing_city(best, places) if rules.on("place-containing-city") else best
    if held is best and rules.on("place-neighbourhood-word"):
        held = _neighbourhood_city(text, best, places)
    best = held
    if best.precision == "admin2" and is_dateline(text, best) and rules.on("place-dateline-county-town"):
        best = _town_in_county(text, best, scored)
    return _complete(best, [p for _, p in scored])


def _town_in_county(text: str, county: Place, scored: list[tuple[float, Place]]) -> Place:
    """A county dateline ("DAUPHIN COUNTY, Pa. -") and a town of that county named in the text ("in
    Hummelstown Borough"): the town, the more precise of the two; the best-scored where several are.
    Only a town the text puts the event in ("in", "at"): "a suburban Boca Raton family", an outlet's
    "West Palm Beach, FL" tagline are near the place, not it."""
    towns = [(sc, q) for sc, q in scored if q.precision == "city" and q.lat is not None
             and q.admin2 == county.admin2 and q.admin1 == county.admin1
             and re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, q.start - 8):q.start])]
    return max(towns, key=lambda t: t[0])[1] if towns else county


_PART_OF_RE = re.compile(r"\s*(?:neighbou?rhood|area|section|quarter|district|village|locality|sector)?\s*"
                         r"(?:,|of|in|near)\s*(?:the\s+)?(?:city\s+of\s+)?$", re.I)


def _inside_next_town(text: str, p: Place, places: list[Place]) -> bool:
    """An unplaced name right before a placed town is part of it ("Cherokee Park neighborhood, Nashville")."""
    return any(q.start > p.end and q.lat is not None and q.precision == "city"
               and _PART_OF_RE.fullmatch(text[p.end:q.start]) for q in places)


#: Words that call a name a part of a city: "the Austin neighborhood", "the Kensington section of".
_NEIGHBOURHOOD_AFTER_RE = re.compile(r"['’]?s?\s+(?:neighbou?rhoods?|section)\b", re.I)
_NEIGHBOURHOOD_BEFORE_RE = re.compile(r"\b(?:neighbou?rhoods?|section|part) of\s+(?:the\s+)?$", re.I)


def _neighbourhood_city(text: str, best: Place, places: list[Place]) -> Place:
    """A name the text calls a neighbourhood ("in the Austin neighborhood") is in the biggest town the
    story names besides it, however far the gazetteer's namesake is (Austin, Texas for Chicago's)."""
    if best.precision != "city" or best.text.isupper():
        return best
    # Any mention of the name may call it one: "shot in Austin" (title), "the Austin neighborhood" (text).
    if not any(_NEIGHBOURHOOD_AFTER_RE.match(text, m.end(), m.end() + 20)
               or _NEIGHBOURHOOD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
               for m in re.finditer(rf"\b{re.escape(best.text)}\b", text)):
        return best
    towns = []
    for q in places:
        if q.precision != "city" or q.lat is None or q.city == best.city \
                or _fold(q.text).lower() == _fold(best.text).lower():
            continue  # the neighbourhood itself, named again
        if best.country_code and q.country_code != best.country_code:
            continue
        hits = _gaz().lookup(q.city or "", country_code=q.country_code, admin1=q.admin1)
        towns.append((hits[0].population if hits else 0, q))
    if not towns:
        return best
    _pop, town = max(towns, key=lambda t: t[0])
    return replace(best, city=town.city, admin2=town.admin2, admin1=town.admin1, country=town.country,
                   country_code=town.country_code, lat=town.lat, lon=town.lon, geonameid=town.geonameid)


def _containing_city(best: Place, places: list[Place]) -> Place:
    """A neighbourhood ("West Englewood") reported as the big city the text also names and that holds it."""
    if best.precision != "city" or best.lat is None or best.lon is None or best.text.isupper():
        return best  # a dateline names the town itself ("DEARBORN HEIGHTS, Mich.")
    own = _gaz().lookup(best.city or "", country_code=best.country_code)
    own_pop = own[0].population if own else 0
    if own_pop > 60_000:
        return best  # a town of its own, not a neighbourhood
    for q in places:
        if q.precision != "city" or q.city == best.city or q.lat is None or q.lon is None:
            continue
        big = _gaz().lookup(q.city or "", country_code=q.country_code)
        if not big or big[0].population < 300_000 or big[0].population < 3 * max(own_pop, 1):
            continue
        if q.admin1 == best.admin1 and distance_km(best.lat, best.lon, q.lat, q.lon) < 20:
            return replace(best, city=q.city, admin2=q.admin2, geonameid=q.geonameid)
    return best


def _written_admin1(out: Place, others: list[Place]) -> None:
    """Name the region as the text spells it when the text names it ("Idleb" for GeoNames' "Idlib")."""
    if not out.admin1:
        return
    key = admin_key(out.admin1)
    for q in others:
        same = (q.country_code, q.admin1) == (out.country_code, out.admin1)
        if not same and q.precision == "admin1":  # "Ouest": Haiti's, or Cameroon's "West"
            same = any((a.country_code, a.name) == (out.country_code, out.admin1)
                       for a in _gaz().admin1_all(tp.clean(q.text, keep_direction=True)))
        if q.precision not in ("admin1", "city") or not same:
            continue
        written = tp.clean(q.text, keep_direction=True) if q.precision == "admin1" else tp.clean(q.text)
        written = re.sub(r"^(?:northern|southern|eastern|western|central|north|south|east|west|rural)\s+", "",
                         written)  # "western Illinois"; "Western Cape" keeps its capital
        written = re.sub(r"\s+(?:state|province|governorate|region|department|oblast|city|district|county)$",
                         "", written, flags=re.I)
        if len(written) <= 3 or "." in q.text or _gaz().us_state_code(written):
            continue  # "TN", "Pa.": an abbreviation is no name
        w = admin_key(written)
        if q.precision == "city" and (len(w) > len(key) + 2 or w.startswith(key) or not _big(q)):
            # Only a region's big namesake city spells it ("Beirut"); "Indianapolis" or "Minnetonka"
            # is not a spelling of "Indiana" or "Minnesota".
            continue
        if w.endswith(" " + key):
            continue  # "Southern California", "South Florida": a part of the region, not its name
        # A region the text names is named as written, whatever the table calls it ("Ouest" for "West").
        # A spelling shares its opening ("Idleb", "Idlib"); "Manaus" is no spelling of "Amazonas".
        similar = fuzz.ratio(w, key) >= 70 and w[:2] == key[:2]
        if w and w != key and (q.precision == "admin1" or similar):
            out.admin1 = written.title() if written.isupper() else written
            return


def _big(p: Place) -> bool:
    hits = _gaz().lookup(p.city or "", country_code=p.country_code)
    return bool(hits) and hits[0].population >= 100_000


def _complete(best: Place, others: list[Place]) -> Place:
    """Fill the region and country the best place lacks from the others that agree with it."""
    out = replace(best)
    if out.country is None or out.admin1 is None:
        for q in others:
            if q is best:
                continue
            if out.country_code and q.country_code and q.country_code != out.country_code:
                continue
            if out.admin1 is None and q.admin1 and q.precision in ("admin1", "admin2", "city"):
                out.admin1 = q.admin1 if q.precision != "city" or q.country_code == out.country_code else None
            if out.country is None and q.country:
                out.country, out.country_code = q.country, q.country_code
            if out.admin1 and out.country:
                break
    _written_admin1(out, others)
    if out.lat is None:
        coords = next((q for q in others if q.lat is not None and out.admin1 and q.admin1 == out.admin1),
                      None)
        if coords is not None:
            out.lat, out.lon = coords.lat, coords.lon
    return out
