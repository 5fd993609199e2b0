"""Articles composed for the tests that need many of them (crash, concurrency, load): invented towns,
people and groups in the ways news reports write casualties, never text from a suite."""
from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Velmora", "Ostrand", "Kessik", "Darnholt", "Brisca", "Tollund", "Marrow", "Quenby", "Harlow Cross",
         "Pellingford", "Astbury", "Corrin", "Dunmere", "Elsworth", "Faircombe", "Grantley"]
ACTS = [("Gunmen opened fire on a crowded market in {town}", "shooting"),
        ("A car bomb exploded outside a police station in {town}", "bombing"),
        ("Armed men attacked a bus on the road to {town}", "attack"),
        ("A suicide bomber struck a wedding party in {town}", "bombing")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["police said", "a hospital official said", "the provincial governor told reporters",
           "local officials said"]


def article(i: int, rng: random.Random) -> str:
    town = TOWNS[i % len(TOWNS)]
    act, _kind = ACTS[(i // len(TOWNS)) % len(ACTS)]
    killed, injured = rng.randint(2, 40), rng.randint(1, 80)
    day, source = rng.choice(DAYS), rng.choice(SOURCES)
    month = 1 + i % 12
    return (f"{act.format(town=town).split(' in ')[0].split(' on ')[0]} in {town}\n\n"
            f"{town}, {month:02d}/{10 + i % 18}/2023 - {act.format(town=town)} on {day}, killing at least "
            f"{killed} people and wounding {injured} others, {source}.\n\n"
            f"Witnesses said the attackers fled before security forces arrived. No group has claimed "
            f"responsibility for the attack, report {i} of the day.\n\n"
            f"The wounded were taken to the main hospital in {town}, where {rng.randint(1, 9)} were in "
            f"critical condition.")


def write(folder: Path, n: int, *, start: int = 0, seed: int = 7) -> list[Path]:
    """``n`` articles as .txt files in ``folder`` (the same texts for the same arguments)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + start)
    paths = []
    for i in range(start, start + n):
        p = folder / f"article-{i:04d}.txt"
        p.write_text(article(i, rng), encoding="utf-8")
        paths.append(p)
    return paths
