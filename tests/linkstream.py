"""A generated news stream for linking tests and benchmarks: incidents told by several articles over a
few days, in invented towns, with the reports extraction would give (no model needed).

    articles, reports = stream(2000, seed=1)     # in publication order
"""
from __future__ import annotations

import datetime as dt
import random

from sitrep.records import Actor, Article, EventMention, EventType, Figure, Place, Report

TOWNS = [(f"{a}{b}", 30 + i * 0.7, -100 + i * 1.3) for i, (a, b) in enumerate(
    (a, b) for a in ("Ash", "Bel", "Cor", "Dun", "Elm", "Fen", "Gar", "Hol", "Ivy", "Jun")
    for b in ("ford", "ham", "ton", "wick", "by", "mere"))]
STATES = ["Norland", "Sudmark", "Westria", "Ostvale"]
FIRST = ["Amos", "Bette", "Cyril", "Dora", "Emrys", "Faye", "Gideon", "Hester", "Ivo", "Jolene", "Kester",
         "Lorna", "Milo", "Nell", "Orrin", "Pia", "Quill", "Rhoda", "Silas", "Tamsin"]
LAST = ["Abernathy", "Blackwood", "Coldridge", "Dunmore", "Everleigh", "Fairweather", "Greaves", "Hollis",
        "Ingleby", "Jessop", "Kettering", "Lowther", "Marchbank", "Northcott", "Oakes", "Pendry"]
STREETS = ["Mill", "Church", "Station", "Orchard", "Quarry", "Tanner", "Bridge", "Chapel", "Foundry"]
KINDS = [("shooting", "shot and killed", "shot and wounded"), ("stabbing", "stabbed to death", "stabbed"),
         ("arson", "killed in a fire set", "burned in a fire set")]
PLACES = ["bar", "diner", "laundromat", "pharmacy", "gas station", "barbershop", "pawn shop", "bakery",
          "motel", "bowling alley", "car wash", "corner store"]
ADJ = ["Golden", "Red", "Lucky", "Old", "Blue", "Silver", "Happy", "Royal", "Green", "Northern", "Little",
       "Grand"]
NOUN = ["Anchor", "Lantern", "Fox", "Crown", "Oak", "Harbor", "Falcon", "Star", "Kettle", "Bell", "Rose",
        "Mill"]
CARS = ["a silver sedan", "a black pickup", "a white van", "a red hatchback", "a green SUV", "a grey coupe"]
FILLER = ["Officers were still at the scene late in the evening.",
          "Neighbours said the area is usually quiet.",
          "An investigation is under way, the department said.", "No arrests had been made by Sunday.",
          "Anyone with information is asked to call the police.", "The mayor called the attack senseless.",
          "Detectives have not given a motive.", "Witnesses described hearing several loud bangs."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


#: The past event every ``cited`` article names (a much-cited one: "the deadliest since Beslan 2004").
CITED = ("Ashford", "1994")


def stream(n_articles: int, *, seed: int = 1, per_day: float = 15.0, start: str = "2024-01-01",
           cited: float = 0.0):
    """``n_articles`` articles (and their reports) telling incidents of 1-4 articles each, in publication
    order; about ``per_day`` articles a day, so blocks keep the same density whatever the size.
    ``cited``: the share of articles that name one past event, ``CITED`` (else each names, one time in
    five, a past siege in its own town)."""
    rnd = random.Random(seed)
    day0 = dt.date.fromisoformat(start)
    span = max(1, int(n_articles / per_day))
    items: list[tuple[str, Article, Report]] = []
    k = 0
    while len(items) < n_articles:
        k += 1
        town, lat, lon = rnd.choice(TOWNS)
        state = STATES[TOWNS.index((town, lat, lon)) % len(STATES)]
        kind, kill_words, hurt_words = rnd.choice(KINDS)
        victim = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        street = f"{rnd.choice(STREETS)} {rnd.choice(['Street', 'Lane', 'Road'])}"
        event = day0 + dt.timedelta(days=rnd.randrange(span))
        killed, injured = rnd.randint(0, 3), rnd.randint(0, 4)
        venue = f"the {rnd.choice(ADJ)} {rnd.choice(NOUN)} {rnd.choice(PLACES)}"
        hour = f"{rnd.randint(1, 11)}:{rnd.choice(['05', '15', '20', '30', '40', '50'])} p.m."
        age = rnd.randint(18, 70)
        car = rnd.choice(CARS)
        spokes = f"Sergeant {rnd.choice(FIRST)} {rnd.choice(LAST)}"
        for j in range(min(rnd.randint(1, 4), n_articles - len(items))):
            pub = event + dt.timedelta(days=rnd.choice([0, 0, 1, 1, 2, 3]))
            outlet = rnd.choice(["Valley Courier", "Evening Post", "Daily Ledger", "Radio North"])
            weekday = WEEKDAYS[event.weekday()]
            lines = [f"{kind.title()} at {venue} in {town}",
                     f"{victim}, {age}, was {kill_words if killed else hurt_words} outside {venue} on "
                     f"{street} in {town}, {state}, on {weekday} around {hour}, police said."]
            details = [f"Officers were called to {venue} shortly after {hour}.",
                       f"Witnesses told {spokes} that a man fled in {car}.",
                       f"{spokes} said {victim.split()[0]} was a regular at {venue}.",
                       f"The owner of {venue} said the street had seen trouble before."]
            lines += rnd.sample(details, rnd.randint(1, 3))
            if killed:
                lines.append(f"{killed} people were killed and {injured} were injured, officials said.")
            elif injured:
                lines.append(f"{injured} people were injured, officials said.")
            lines += rnd.sample(FILLER, 2)
            siege = str(rnd.randint(1960, 2020)) if rnd.random() < 0.2 else None
            if cited and rnd.random() < cited:
                lines.append(f"It was the worst attack in {state} since the {CITED[1]} siege at the "
                             f"{CITED[0]} town hall.")
            elif siege:
                lines.append(f"It was the worst attack in {town} since the {siege} siege at the {town} "
                             "town hall.")
            text = "\n\n".join(lines[1:])
            art = Article.from_text(text + f"\n\n({outlet}, item {k}.{j})", title=lines[0], outlet=outlet,
                                    published=pub.isoformat())
            items.append((pub.isoformat(), art, _report(art, rnd, event, town, state, lat, lon, kind, victim,
                                                         killed, injured, lines, siege)))
    items.sort(key=lambda t: (t[0], t[1].id))
    return [a for _, a, _ in items], [r for _, _, r in items]


def _report(art, rnd, event, town, state, lat, lon, kind, victim, killed, injured, lines, year) -> Report:
    figures = []
    if killed:
        words = f"{killed} people were killed"
        start = art.text.find(words)
        figures.append(Figure(category="killed", low=killed, high=killed, text=words, start=start,
                              end=start + len(words), sentence=next(x for x in lines if words in x),
                              attribution="officials",
                              attribution_kind="authority", article_id=art.id, published=art.published))
    precise = rnd.random() < 0.8
    main = EventMention(
        id=f"{art.id}#0", article_id=art.id, main=True, type=EventType(label=kind),
        date=event.isoformat() if precise else None, date_precision="day" if precise else None,
        date_text=WEEKDAYS[event.weekday()] if precise else None,
        place=Place(text=town, city=town, admin1=state, country="Freedonia", country_code="FD", lat=lat,
                    lon=lon, precision="city"),
        actors=[Actor(role="victim", name=victim)], figures=figures, start=0, end=len(art.text),
        summary=lines[1], totals={"killed": killed, "injured": injured})
    mentions = [main]
    siege = next((x for x in lines if "siege" in x), None)
    if siege:
        if CITED[0] + " town hall" in siege and CITED[1] in siege:
            town, year = CITED
        start = art.text.find(siege)
        mentions.append(EventMention(id=f"{art.id}#1", article_id=art.id, main=False,
                                     type=EventType(label="siege"), date=year, date_precision="year",
                                     place=Place(text=town, city=town, country="Freedonia", precision="city"),
                                     start=start, end=start + len(siege), summary=siege))
    return Report(article_id=art.id, kind="news", relevant=True, mentions=mentions, published=art.published)
