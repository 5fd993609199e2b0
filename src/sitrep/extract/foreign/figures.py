"""Casualty figures in other languages: a number and the casualty word it counts.

Three shapes, read from the spans the components mark (``doc.spans["numbers"]``, ``["casualties"]``):

    number [people words]{0,4} casualty word   "84 morts", "60 personnes ont été tuées", "6 kişi öldü"
    casualty word [preposition] number people  "la mort de 86 personnes", "погибли 12 человек"
    toll phrase ... number                     "die Zahl der Toten ist auf vier gestiegen"

The qualifier is the phrase just before the number ("au moins", "mindestens", "не менее"); the
attribution is the sentence's source cue ("selon la préfecture", "laut Polizei"), an authority when
the sentence names one; a sentence that tells of a claim makes its figures a claimant's.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep import rules
from sitrep.extract.foreign.lexicon import Lexicon
from sitrep.records import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: How many people words or auxiliaries may stand between a number and its casualty word.
GAP = 4
#: How many tokens after a toll phrase its number may come ("die Zahl der Toten ist auf vier gestiegen").
TOLL_REACH = 8
#: A number run this long in characters is a year, a phone number or a sum, not a toll.
_YEARS = range(1900, 2101)


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]


def _value(span: Span) -> tuple[int, str | None]:
    value, _, qual = span.label_.partition(":")
    return int(value), qual or None


def _qualifier(doc: Doc, start: int, lex: Lexicon) -> tuple[str | None, int]:
    """The qualifier written before token ``start`` and the token it begins at."""
    for k in range(4, 0, -1):  # the longest phrase: "не менее" (at least), not its "менее" (fewer than)
        if start - k < 0:
            continue
        words = doc[start - k : start]
        text = " ".join(t.lower_ for t in words).replace(" '", "'").replace("' ", "'")
        for phrase, qual in lex.qualifiers:
            if text == phrase or text.replace(" ", "") == phrase.replace(" ", ""):
                return qual, start - k
    return None, start


def _qualifier_after(doc: Doc, end: int, stop: int, lex: Lexicon) -> str | None:
    """The qualifier written right after a figure's words (token ``end``), in a language that writes
    one there (``after`` in its qualifiers.tsv: "قتل 5 أشخاص على الأقل")."""
    for phrase, qual in lex.qualifiers_after:
        k = len(phrase.split())
        if end + k <= stop and " ".join(t.lower_ for t in doc[end: end + k]) == phrase:
            return qual
    return None


def _source(sent: Span, lex: Lexicon) -> tuple[str | None, str]:
    """(who, kind) behind the figures of a sentence: its source cue, the kind of source it names."""
    low = sent.text.lower()
    if lex.cue("claim", low):
        return None, "claimant"
    m = lex.cue("attribution", low)
    if not m:
        return None, "unknown"
    rest = sent.text[m.start(): m.start() + 80].split(",")[0].strip()
    return rest or None, "authority" if lex.cue("authority", low) else "media"


def _figure(doc: Doc, sent: Span, a: int, b: int, category: str, value: int, qualifier: str | None,
            who: str | None, kind: str, revision: str | None, article_id: str | None,
            published: str | None) -> Figure:
    span = doc[a:b]
    return Figure(category=category, low=value, high=value, text=span.text, start=span.start_char,
                  end=span.end_char, sentence=sent.text.strip(), qualifier=qualifier, attribution=who,
                  attribution_kind=kind, revision=revision, article_id=article_id, published=published)


def _noun_like(tok: Token) -> bool:
    """A lower-case word of four letters or more: in "number, word, casualty word" a people noun."""
    return tok.is_alpha and tok.is_lower and len(tok) >= 4


def read_figures(doc: Doc, lex: Lexicon, *, article_id: str | None = None, published: str | None = None,
                 title: bool = False, dates: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Every casualty figure of a Doc the foreign components marked, in text order.

    ``title``: the Doc is an article's separate title (its figures get no span in the text: -1).
    ``dates``: character spans of the dates the text writes (a day of the month counts nobody).
    """
    casualty_at = {s.start: s.label_ for s in doc.spans.get("casualties", [])}
    out: list[Figure] = []
    for sent in sentences(doc):
        nums = [s for s in doc.spans.get("numbers", []) if sent.start <= s.start < sent.end]
        if not nums:
            continue
        who, kind = _source(sent, lex)
        low = sent.text.lower()
        revision = "up" if lex.cue("revision", low) else None
        toll = lex.cue("toll", low)
        toll_token = None
        if toll:
            span = doc.char_span(sent.start_char + toll.start(), sent.start_char + toll.end(),
                                 alignment_mode="expand")
            toll_token = span.end if span is not None else None
        for num in nums:
            if any(s <= num.start_char < e for s, e in dates):
                continue
            value, vague = _value(num)
            qual, a = _qualifier(doc, num.start, lex)
            qual = qual or vague
            if value in _YEARS and vague is None and num.end - num.start == 1 \
                    and num.text[:4].isdigit():
                continue
            found: tuple[str, int] | None = None
            k = num.end
            if a - 1 >= sent.start and a - 1 in casualty_at and lex.cue("count_after", doc[a - 1].lower_):
                # in a language whose verb comes first, the casualty word right before the number
                # counts it ("قتل سبعة أشخاص وأصيب ٢٣"): the one after its people starts another clause
                found = (casualty_at[a - 1], num.end + (1 if num.end < sent.end and
                                                         lex.person(doc[num.end].lower_) else 0))
                a -= 1
                k = sent.end
            while k < min(sent.end, num.end + GAP + 1):  # number, then people words, then the casualty
                if k in casualty_at:
                    found = (casualty_at[k], k + 1)
                    break
                if not lex.person(doc[k].lower_) and doc[k].text not in ("-", "–"):
                    if k == num.end and k + 1 in casualty_at and _noun_like(doc[k]) \
                            and rules.on("foreign-unlisted-noun"):
                        k += 1  # "trois paroissiens tués": a people noun the list lacks, then the casualty
                        continue
                    break
                k += 1
            closes = num.end >= sent.end or doc[num.end].is_punct or doc[num.end].is_sent_end
            if found is None and (closes or lex.person(doc[num.end].lower_)):
                # the casualty word before: "погибли 12 человек", "la mort de 86 personnes",
                # "i feriti sono almeno 14"
                for back in range(a - 1, max(sent.start, a - 4) - 1, -1):
                    if back in casualty_at:
                        found = (casualty_at[back], num.end + (0 if closes else 1))
                        a = back
                        break
                    if not lex.person(doc[back].lower_):
                        break
            near_toll = toll_token is not None and toll_token <= num.start <= toll_token + TOLL_REACH
            if found is None and near_toll:
                injured = any(casualty_at.get(t) == "injured" for t in range(toll_token - 3, num.start))
                found = ("injured" if injured else "killed", num.end)
            if found is None:
                continue
            category, b = found
            if qual is None and lex.qualifiers_after:
                qual = _qualifier_after(doc, b, sent.end, lex)
            out.append(_figure(doc, sent, a, b, category, value, qual, who, kind, revision, article_id,
                               published))
    if title:
        for f in out:
            f.start = f.end = -1
    return out
