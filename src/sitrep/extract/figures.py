"""Casualty-type figures: every claim an article makes about how many were killed, injured, ...

Two readers feed ``extract_figures``:

- **numbers**: a number phrase ("at least 60", "two", "dozens") whose category comes from the
  words right after it ("60 dead", "two men were wounded") or right before it ("killing three",
  "the death toll rose to 60", "injuries to over 100").
- **people** (``victims.py``, needs the parser): a counted person with a casualty verb and no
  number, "a 17-year-old was shot and killed" -> killed 1, "a man and a woman were shot, one
  fatally" -> shot 2 and killed 1.

"Shot" without a stated outcome is kept as category "injured" with scope "shot": the victims
hit, the killed among them included. ``injured_total`` turns that into victims injured and not
killed. Crowd sizes, capacities, areas, ages, years, addresses, sums, durations are never
figures: they carry no casualty word, or a unit rules them out.

``best_figure`` picks the figure an article supports best for a category; its rule is written
in its docstring. ``killed_total`` and ``injured_total`` count the victims: the best victims' figure
and people added one by one ("B was also hurt"); attackers killed or hurt are totals of their own
("five officers were killed; the gunman was shot dead": killed 5, attackers_killed 1), added back by
``records.everyone`` where a codebook counts everyone (GTD, ACLED, the Gun Violence Archive).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from sitrep import lexicon, rules
from sitrep.extract.evidence import make_figure
from sitrep.extract.numbers import QUALIFIERS, VAGUE, not_a_count, parse_number
from sitrep.extract.victims import people_figures
from sitrep.nlp import annotated, doc_text, sentences
from sitrep.nlp.casualties import Link, casualty_links, ordinal_value
from sitrep.records import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

#: Word forms -> category. "shot" is the internal category for victims hit (see module doc).
CATEGORY_WORDS: dict[str, str] = lexicon.grouped("casualty")
#: People who did it: a number before these words counts attackers unless a casualty word follows.
ATTACKER_NOUNS = lexicon.words("attackers")
#: Scope of a figure from the noun it counts.
SCOPE_NOUNS: dict[str, str] = lexicon.grouped("scope_nouns")
_SYNTAX = lexicon.classes("figure_syntax")
#: Where a right-context scan stops; what a left-context scan crosses ("the death toll [rose] [to] 60").
_RIGHT_STOP, _LEFT_SKIP = _SYNTAX["right_stop"], _SYNTAX["left_skip"]
#: Verbs between a number and its casualty word that keep the link ("115 of them requiring hospitalization").
_CROSS_VERBS = _SYNTAX["cross_verb"]
#: "no one was hurt", "neither officer was injured": no figure.
NEGATORS = _SYNTAX["negator"]
#: Words after a number that deny the casualty word ("six escaped without injury").
_DENIALS = _SYNTAX["denial"]
_ASIDES, _TOLL = _SYNTAX["aside"], _SYNTAX["toll"]
#: Harm words that count only people named before them ("two guards were stabbed").
_PHYSICAL_WORDS = dict.fromkeys(_SYNTAX["physical"], "injured")
_PEOPLE_PLURAL = lexicon.words("persons_plural")
#: A page's list of other videos: a running time, then another story's headline.
_PLAYLIST = re.compile(r"\s*\d{1,2}:\d{2}\s+[A-Z0-9]")
#: A sum over several incidents ("the bombs collectively caused seven injuries"), not this one's figure.
_AGGREGATE = _SYNTAX["aggregate"]
_VAGUE_WORDS = frozenset(w for k in VAGUE for w in k.split() if w not in ("a", "of"))
_QUAL_WORDS = frozenset(w for k in QUALIFIERS for w in k.split())
def _is_number_token(tok: Token) -> bool:
    low = tok.lower_
    if low in ("no", "none"):
        return False
    return bool(tok.like_num) or low in _VAGUE_WORDS or low == "dozen"


#: "one hundred and twenty-nine": after these, "and" continues the number.
_SCALE_WORDS = frozenset(("hundred", "thousand", "million"))


def _number_phrases(sent: Span) -> Iterator[tuple[int, int]]:
    """Token index spans (doc indices) of number phrases in a sentence, qualifiers included."""
    i, end = sent.start, sent.end
    doc = sent.doc
    while i < end:
        tok = doc[i]
        if not _is_number_token(tok):
            i += 1
            continue
        j = i + 1
        between = i > sent.start and doc[i - 1].lower_ in ("between", "from")
        while j < end and (_is_number_token(doc[j]) or (
            doc[j].lower_ in ("-", "to", "or", "and", "of") and j + 1 < end and doc[j + 1].like_num
            and (doc[j].lower_ != "and" or between or doc[j - 1].lower_ in _SCALE_WORDS)
            or doc[j].lower_ in _SCALE_WORDS
        )):
            j += 1
        a = i
        # extend left over a qualifier ("at least", "more than", "a dozen", "a few")
        while a > sent.start and (doc[a - 1].lower_ in _QUAL_WORDS or doc[a - 1].lower_ in ("a", "an")):
            a -= 1
            if a - sent.start >= 0 and i - a >= 3:
                break
        while a < i and doc[a:i].text.lower() not in QUALIFIERS and doc[a].lower_ not in ("a", "an"):
            a += 1
        yield a, j
        i = j


def _category_right(doc: Doc, b: int, stop: int) -> tuple[str | None, str | None, int]:
    """(category, scope, last token index) from the words after a number."""
    scope = None
    attacker_at = -1
    comma = False  # a scope noun after a comma counts something else ("334 people, half of them children")
    person = False  # "stabbed", "burned" count people only: "two men were burned", not "two sheds burned"
    skip_until = -1
    for k in range(b, min(stop, b + 40)):
        tok = doc[k]
        low = tok.lower_
        if low in _DENIALS:
            return None, scope, b
        if low == "," and k > skip_until and k - b <= 4 and k + 1 < stop and (
                doc[k + 1].lower_ in _ASIDES or _names(doc[k + 1])
                or doc[k + 1].like_num and k + 2 < stop and doc[k + 2].lower_ == "of"):  # ", 3 of them kids,"
            skip_to = _aside_end(doc, k, stop)
            if skip_to > 0:  # ", including a police officer and the assailant," is an aside
                skip_until = skip_to
                continue
        if k <= skip_until:
            continue
        if low in _RIGHT_STOP or (low == "," and k > b + 2):
            break
        if low == "and" and k + 1 < stop and _clause_opens(doc[k + 1]):
            break  # a new clause: "came across three suspects and shot one"
        if low == ",":
            comma = True
        if _is_number_token(tok) and k > b and low not in ("one",):
            break
        if low in ("—", "–", "--") and k + 1 < stop and _is_number_token(doc[k + 1]):
            break  # "shot four people — one fatally": the number after the dash counts its own subset
        if k - b >= 10 and skip_until < 0 or skip_until >= 0 and k - skip_until > 8:
            break  # the casualty word comes soon after the number or after an aside
        if low in SCOPE_NOUNS and scope is None and not comma:
            scope = SCOPE_NOUNS[low]
            if low in ATTACKER_NOUNS:
                attacker_at = k
        person = person or low in PERSON_NOUNS or low in _PEOPLE_PLURAL
        cat = CATEGORY_WORDS.get(low) or (_PHYSICAL_WORDS.get(low) if person else None)
        if low == "lives" and tok.pos_ == "VERB":
            cat = None  # "one woman who lives nearby"
        if cat:
            if cat == "shot":
                cat = _shot_outcome(doc, k, stop)
            elif doc[k + 1:k + 3].text.lower() == "to death":  # "two men were stabbed to death"
                cat = "killed"
            return cat, scope, k
        if _acronym_modifier(doc, k, b) and rules.on("figure-acronym-modifier"):
            continue  # "56 BH/IS fighters were killed": a group's initials before the noun counted
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound") and low not in _CROSS_VERBS:
            break  # "hundreds protested over the killing of ..." counts the protesters
    if attacker_at >= 0:
        return "attackers", None, attacker_at
    if b < stop and doc[b].lower_ == "armed" and b + 1 < stop and doc[b + 1].lower_ in ("men", "people"):
        return "attackers", None, b + 1
    return None, scope, b


def _acronym_modifier(doc: Doc, k: int, b: int) -> bool:
    """Token ``k``, right after a number (from token ``b``), is part of a group's initials before the noun
    it counts ("56 BH/IS fighters", "1 TMF fighter"): upper-case letters or a slash between them, with
    only such tokens since the number, the tagger's reading of "IS" as a verb notwithstanding."""
    def initials(t: Token) -> bool:
        return t.is_alpha and t.is_upper and 2 <= len(t.text) <= 6
    if not all(initials(doc[j]) or doc[j].text == "/" for j in range(b, k + 1)):
        return False
    return k + 1 < len(doc) and (doc[k + 1].pos_ in ("NOUN", "PROPN") or initials(doc[k + 1])
                                 or doc[k + 1].text == "/")


def _conjoined_counts(doc: Doc, first: int, second: int) -> bool:
    """Two numbers counting two coordinated nouns ("Two men and three women were killed", "two Somali
    citizens and four Kenyan citizens died"): the parse joins the second noun to the first as its conjunct.
    Two clauses ("two people were killed and two people died later") are not joined so."""
    if not rules.on("figure-conjoined-counts"):
        return False
    one, two = doc[first], doc[second]
    return one.dep_ == "nummod" and two.dep_ == "nummod" and two.head.dep_ == "conj" \
        and two.head.head.i == one.head.i


def _clause_opens(tok: Token) -> bool:
    """A token after "and" that opens a new clause: a verb, a pronoun subject, "that"."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.dep_ not in ("amod", "compound")
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PRON" or tok.lower_ == "that"


def _names(tok: Token) -> bool:
    """A name opening an appositive ("two officers, Ann Lee and Bo Kim, were shot"), not a place."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "NORP", "DATE")


def _aside_end(doc: Doc, k: int, stop: int) -> int:
    """Index of the comma closing an aside that opens at comma ``k``: the last comma before the next
    verb ("five people, including two officers, a bystander, and two assailants, were killed")."""
    last = -1
    for j in range(k + 1, min(stop, k + 24)):
        t = doc[j]
        if t.text == ",":
            last = j
        elif t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl") and last > 0 \
                and t.lower_ not in ("identified", "named", "aged"):
            return last
        elif t.text in (".", ";"):
            break
    return last


def _shot_outcome(doc: Doc, k: int, stop: int) -> str:
    """"shot" alone is "shot"; "shot and killed", "shot dead", "shot to death", "fatally shot" are killed."""
    window = doc[max(0, k - 2):min(stop, k + 4)].text.lower()
    if re.search(r"\bshot,? (\d+|[a-z]+) (fatally|critically|seriously)\b", window):
        return "shot"  # "4 shot, 2 fatally": four hit; the two killed are their own figure (_number_figures)
    if re.search(r"\bfatally\b|shot (dead|to death)|shot(,| and| &)? killed|shot,? killing", window):
        return "killed"
    return "shot"


def _category_left(doc: Doc, a: int, start: int) -> tuple[str | None, int]:
    """(category, token index) from the words before a number ("killing 3", "death toll rose to 60")."""
    k = a - 1
    crossed = 0
    while k >= start and crossed <= 4:
        low = doc[k].lower_
        cat = CATEGORY_WORDS.get(low)
        if cat and cat != "shot":
            return cat, k
        if cat == "shot" and k == a - 1 and doc[k].pos_ == "VERB":
            return cat, k  # "shot four people": those hit (the outcome is read where it is used)
        if low in _TOLL:
            before = doc[k - 1].lower_ if k > start else ""
            if before in ("injury", "injured", "wounded"):
                return "injured", k
            return "killed", k
        if low not in _LEFT_SKIP and low not in _QUAL_WORDS:
            return None, k
        crossed += 1
        k -= 1
    return None, a


_POSSESSIVE_DETS = frozenset("a an the his her their its".split())


def _lone_person(doc: Doc, i: int) -> bool:
    """A single person named without a number: "the assailant", "a bystander", "his wife"."""
    tok = doc[i]
    return tok.tag_ in ("NN", "NNP") and (tok.lower_ in PERSON_NOUNS or tok.lower_ in ATTACKER_NOUNS) \
        and any(c.lower_ in _POSSESSIVE_DETS for c in tok.children if c.dep_ in ("det", "poss"))


def _lone_partner(doc: Doc, a: int, b: int, end: int, start: int) -> int | None:
    """One more person coordinated with a counted group: "five soldiers and the assailant [were killed]"
    (after the number, before the casualty word) or "the assailant and one civilian [were killed]"
    (before it). Returns where the figure's span should start, or None."""
    for k in range(b, end - 1):
        if doc[k].lower_ == "and":
            nouns = [j for j in range(k + 2, min(end, k + 5)) if _lone_person(doc, j)]
            return a if nouns and doc[k + 1].lower_ in _POSSESSIVE_DETS else None
        if doc[k].text in (",", ";") or doc[k].pos_ in ("VERB", "AUX"):
            break
    if a - 2 >= start and doc[a - 1].lower_ == "and" and _lone_person(doc, a - 2):
        return doc[a - 2].left_edge.i
    return None


def _parsed_reading(doc: Doc, a: int, b: int, links: Mapping[int, Link]) -> tuple[str, str | None, int, int,
                                                                              str | None] | None:
    """(category, scope, span start, span end, revision) that the parse's casualty link gives the number
    phrase at tokens [a, b), or None when no casualty pattern links it."""
    link = next((links[i] for i in range(b - 1, a - 1, -1) if i in links), None)
    if link is None:
        return None
    word = link.word if link.word is not None else b - 1
    scope = None
    if link.counted is not None:
        low = doc[link.counted].lower_
        scope = SCOPE_NOUNS.get(low)
    elif (whole := _of_whom(doc[b - 1])) is not None:  # "one of the suspects was killed"
        scope = SCOPE_NOUNS.get(whole.lower_)
    elif link.pattern.startswith("toll"):  # "the number of foreigners killed has risen to 40"
        scope = next((SCOPE_NOUNS[o.lower_] for p in doc[word].children if p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj" and o.lower_ in SCOPE_NOUNS), None)
    if link.category == "attackers":
        scope = None
    start, end = min(a, word), max(b, word + 1)
    return link.category, scope, start, end, link.revision


def _of_whom(number: Token) -> Token | None:
    """The group a number is part of: "suspects" in "one of the suspects"."""
    return next((o for p in number.children if p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), None)


def _counts_a_thing(doc: Doc, b: int) -> bool:
    """The number counts something that is not people ("three churches", "multiple blasts"): the noun it
    modifies is neither a person, a group of people, nor a casualty word."""
    core = doc[b - 1]
    head = core.head
    if core.dep_ not in ("nummod", "amod") or head.pos_ != "NOUN" or head is core or not head.is_alpha:
        return False  # ("killed 14 |": the parser took a page title's separator for the noun)
    low = head.lower_
    if rules.on("figure-nationality-people") and any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"
                                                      for c in head.children):
        return False  # "four Kenyan citizens", "two French nationals": a nationality says people
    return not (low in PERSON_NOUNS or low in _PEOPLE_PLURAL or low in ATTACKER_NOUNS or low in SCOPE_NOUNS
                or low in CATEGORY_WORDS or head.ent_type_ in ("NORP", "PERSON"))


def _number_figures(doc: Doc, sent: Span, **kw: str | None) -> list[Figure]:
    out: list[Figure] = []
    prev: tuple[Figure, int] | None = None  # last figure in this sentence and its end token
    links = casualty_links(doc) if rules.on("casualty-patterns") else {}
    for a, b in _number_phrases(sent):
        core = b - 1
        ordinal = core in links and ordinal_value(doc[core]) > 0  # "a fifth person has died"
        measure = not ordinal and not_a_count(doc, a, b, core, count_words=CATEGORY_WORDS,
                                              person_words=PERSON_NOUNS)
        if measure or (a > sent.start and doc[a - 1].lower_ in NEGATORS) or \
                any(t.lower_ in _AGGREGATE for t in doc[max(sent.start, a - 3):a]):
            continue
        parsed = parse_number(doc[a:b].text)
        if parsed is None and ordinal:
            parsed = (ordinal_value(doc[core]),) * 2 + (None,)  # "a fifth person has died": five so far
        if parsed is None:
            continue
        low, high, qualifier = parsed
        # "one fatally", "one of them died": the subset named right after
        nxt = doc[b].lower_ if b < sent.end else ""
        if nxt == "fatally":
            out.append(make_figure(doc, sent, a, b + 1, "killed", low, high, qualifier, None, **kw))
            continue
        cat_left, left_at = _category_left(doc, a, sent.start)
        cat_right, scope, right_at = _category_right(doc, b, sent.end)
        category, span_end = None, b
        revision: str | bool | None = True  # True: read from the sentence's words
        reading = _parsed_reading(doc, a, b, links)
        if reading is not None:
            category, scope, a_span, span_end, revision = reading
            if category in ("killed", "injured") and cat_right == "attackers" and scope is None:
                scope = "attackers"  # "killed two gunmen": the parse links the verb, the words the scope
        elif links and _counts_a_thing(doc, b) and rules.on("counted-thing"):
            continue  # "blasts at three churches killed 100": three counts churches
        elif cat_left == "shot":
            # "shot two people dead" killed them; "shot four people, one fatally" hit four
            dead = cat_right == "killed" and right_at <= b + 3 and not any(
                t.is_punct for t in doc[b:right_at])  # "shot two men to death", not "..., one fatally"
            category = "killed" if dead else _shot_outcome(doc, left_at, sent.end)
            a_span, span_end = left_at, (right_at + 1 if dead else b)
        elif cat_left and left_at >= a - 2 and cat_left != "hospitalized":
            category, span_end = cat_left, b  # "killing 3 [people]", "killed two ISIS members"
            a_span = left_at
            if cat_right == "attackers":
                scope = "attackers"
        elif cat_right:
            category, span_end, a_span = cat_right, right_at + 1, a
        elif cat_left:
            category, a_span = cat_left, left_at
        else:
            a_span = a
            # "2 soldiers and 1 civilian" / "including five minors": share the previous figure's category
            if prev and (doc[a - 1].lower_ in ("and", "including", "includes") or
                         doc[max(sent.start, a - 2):a].text.lower() in ("among them", "of them")):
                category = "injured" if prev[0].category == "hospitalized" else prev[0].category
        if category is None:
            continue
        if prev and category == prev[0].category and doc[a - 1].lower_ == "and" and prev[1] >= a - 4 \
                and (prev[0].scope != scope or _conjoined_counts(doc, prev[1] - 1, b - 1)):
            # "killed 3 soldiers and 2 civilians": one total besides the two parts
            total = make_figure(doc, sent, a, b, category, (prev[0].low or 0) + (low or 0),
                          (prev[0].high or 0) + (high or 0), prev[0].qualifier, None, **kw)
            total.start, total.text = prev[0].start, doc_text(doc)[prev[0].start:total.end]
            out.append(total)
        if category == "shot":  # those hit, the killed among them: "shot" whoever they are
            category, scope = "injured", "shot"
        partner = _lone_partner(doc, a, b, span_end, sent.start) if category == cat_right else None
        if partner is not None:  # "five soldiers and the assailant were killed": six
            low, high = (low or 0) + 1, (high or 0) + 1
            a_span, scope = min(a_span, partner), None if scope != "shot" else scope
        fig = make_figure(doc, sent, min(a, a_span), b, category, low, high, qualifier, scope,
                          span_end=span_end, revision=revision, **kw)
        out.append(fig)
        if category == cat_left and a_span - 2 >= sent.start and doc[a_span - 1].lower_ == "and":
            other = CATEGORY_WORDS.get(doc[a_span - 2].lower_)  # "killing and injuring several"
            if other and other not in ("shot", category):
                out.append(make_figure(doc, sent, a_span - 2, b, other, low, high, qualifier, scope, **kw))
        prev = (fig, b)
    return out


#: Nouns for one person: "a man", "the victim" (the people reader counts them; ages follow them).
PERSON_NOUNS = lexicon.words("persons")


def extract_figures(doc: Doc, *, article_id: str | None = None, published: str | None = None) -> list[Figure]:
    """Every casualty-type figure the article states, repeats included, in text order."""
    figs: list[Figure] = []
    parsed = annotated(doc, "DEP")
    for sent in sentences(doc):
        if _PLAYLIST.match(sent.text):
            continue  # a video playlist line of other stories: "0:47 Driver shot on Main St Pause"
        found = _number_figures(doc, sent, article_id=article_id, published=published)
        if parsed:
            found += people_figures(doc, sent, article_id=article_id, published=published)
        figs.extend(found)
    figs.sort(key=lambda f: (f.start, f.end))
    log.debug("%s: %d figures", article_id, len(figs))
    return figs
