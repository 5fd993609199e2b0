"""A synthetic machine-paraphrase set, and the detection rate of ``signals.paraphrase`` on it.

How the set is made (documented so anyone can rebuild it): take human-written articles (the
gva-dev texts from the parsed-Doc cache), and in each one replace plain words with the rare
synonyms an "article spinner" picks, from the small table ``SWAPS`` below (written by hand,
general news vocabulary). A word is swapped with probability ``--rate`` (default 0.7) per
occurrence, seeded for repeatability. Only articles where at least 5 swaps happened are kept,
as a spinner always finds that many in a news report. Nothing is written to disk: the script
prints the detection rate (share flagged at ``PARAPHRASE_THRESHOLD``) and the false-positive
rate on the same articles before swapping.

    .venv/bin/python scripts/paraphrase_synth.py [--limit 300] [--rate 0.7] [--seed 7] [--held-out]

Many SWAPS targets are also in the detector's lexicon, so the default rate is partly circular;
``--held-out`` swaps only to synonyms the lexicon does not list, which is the honest rate for
rewrites the lexicon has never seen.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: plain word -> rare synonyms a spinner would choose (Zipf mostly < 3.5).
SWAPS: dict[str, tuple[str, ...]] = {
    "building": ("edifice", "structure"),
    "fire": ("conflagration", "inferno"),
    "entrance": ("ingress",),
    "people": ("individuals", "persons"),
    "died": ("perished", "expired"),
    "death": ("demise",),
    "after": ("subsequent to",),
    "attackers": ("assailants",),
    "gunman": ("armed assailant",),
    "police": ("law enforcement personnel",),
    "car": ("automobile",),
    "home": ("domicile", "abode"),
    "house": ("dwelling",),
    "said": ("conveyed", "articulated"),
    "told": ("apprised",),
    "many": ("numerous", "a multitude of"),
    "shot": ("discharged upon",),
    "began": ("commenced",),
    "used": ("utilized",),
    "found": ("ascertained",),
    "children": ("minors", "offspring"),
    "residents": ("inhabitants",),
    "crowd": ("throng", "assemblage"),
    "while": ("whilst",),
    "then": ("thereafter",),
    "night": ("nocturnal hours",),
    "hospital": ("medical facility",),
    "shooting": ("firearm discharge",),
    "killed": ("slain",),
    "wounded": ("afflicted",),
    "victim": ("casualty",),
    "neighbors": ("adjacent residents",),
    "street": ("thoroughfare",),
    "help": ("assistance",),
    "asked": ("implored",),
    "big": ("colossal",),
    "more than": ("in excess of",),
}


def held_out(swaps: dict[str, tuple[str, ...]], lexicon: set[str]) -> dict[str, tuple[str, ...]]:
    """Only the synonyms the detector's own lexicon does not list (so detection is not circular)."""
    out = {w: tuple(x for x in xs if x.lower() not in lexicon) for w, xs in swaps.items()}
    return {w: xs for w, xs in out.items() if xs}


def spin(text: str, rng: random.Random, rate: float,
         swaps: dict[str, tuple[str, ...]] = SWAPS) -> tuple[str, int]:
    """Swap plain words for rare synonyms; returns the new text and the number of swaps."""
    n = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal n
        word = m.group(0)
        if rng.random() >= rate:
            return word
        n += 1
        new = rng.choice(swaps[word.lower()])
        return new[0].upper() + new[1:] if word[0].isupper() else new

    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(swaps, key=len, reverse=True)) + r")\b", re.I
    )
    return pattern.sub(repl, text), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--rate", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--held-out", action="store_true",
                    help="swap only to synonyms absent from the detector's lexicon "
                         "(data/lexicons/paraphrase.tsv)")
    a = ap.parse_args()
    from spacy.tokens import DocBin

    from sitrep import nlp
    from sitrep.extract import signals

    blank = nlp.blank()
    rng = random.Random(a.seed)
    lexicon = {phrase.lower() for _p, _w, phrase in signals.substitutions()}
    swaps = held_out(SWAPS, lexicon) if a.held_out else SWAPS
    docs = DocBin().from_disk(ROOT / ".cache" / "docs" / "gva-dev.spacy").get_docs(nlp.load().vocab)
    kept = flagged_orig = flagged_spun = 0
    for doc in docs:
        if kept >= a.limit:
            break
        spun, n = spin(doc.text, rng, a.rate, swaps)
        if n < 5:
            continue
        kept += 1
        # The same tokenizer-only reading for both, so only the words differ.
        flagged_orig += signals.paraphrase(blank(doc.text))[0] >= signals.PARAPHRASE_THRESHOLD
        flagged_spun += signals.paraphrase(blank(spun))[0] >= signals.PARAPHRASE_THRESHOLD
    print(f"synthetic set: {kept} gva-dev articles, swap rate {a.rate}, seed {a.seed}, "
          f"{len(swaps)} swapped words{' (held out from the lexicon)' if a.held_out else ''}")
    print(f"detection rate (spun flagged): {flagged_spun / max(1, kept):.3f}")
    print(f"false-positive rate (originals flagged, tokenizer only): {flagged_orig / max(1, kept):.3f}")


if __name__ == "__main__":
    main()
