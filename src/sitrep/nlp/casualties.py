"""Casualty links: which casualty word a number counts, read from the dependency parse.

"Six people were killed" links *Six* to *killed* through *people* (the passive subject); "the death toll
rose to 60" links *60* to the toll; "a gunman killed six" makes *a gunman* the attacker, not a victim.
The patterns are spaCy ``DependencyMatcher`` patterns in ``data/lang/<code>/casualty_patterns.json``
over the lemmas of ``casualty_lemmas.tsv`` and the count nouns of ``tolls.tsv``; this module turns each
match into a ``Link`` (category, the noun counted, the pattern, a revision for a toll that changed).

``casualty_links(doc)`` computes the links of a parsed Doc once (cached in ``doc.user_data``); the
``sitrep_casualties`` pipeline component runs it as the parse is made. A number no pattern links keeps
no link: the figure reader then falls back to the words around it.
"""
from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitrep import lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token

#: The extension that marks a token that can count ("60", "six", "dozens").
COUNT_ATTR = "sitrep_count"
#: The extension that marks an ordinal ("fifth", "50th") and gives its value.
ORDINAL_ATTR = "sitrep_ordinal"
#: The Doc extension the component assigns: number token index -> the Link's fields (plain values, so
#: that a Doc with its links serializes).
LINKS_ATTR = "casualty_links"


@dataclass(frozen=True, slots=True)
class Link:
    """What a number counts: ``category`` (a figure category, "shot", or "attackers" for the people who
    carried out the act), the noun it counts (its scope, when a noun), and how it was read."""

    category: str
    pattern: str
    counted: int | None = None  # token index of the noun the number modifies ("people", "officers")
    word: int | None = None  # token index of the casualty word (verb, adjective, noun or toll)
    revision: str | None = None  # a toll that "rose to" / was "lowered to": "up", "down" or "revised"


@functools.cache
def _lemmas(lang: str) -> dict[str, tuple[str, str]]:
    """lemma -> (category, role) from casualty_lemmas.tsv."""
    return {r[0]: (r[1], r[2]) for r in lexicon.rows("casualty_lemmas", lang=lang)}


@functools.cache
def _tolls(lang: str) -> dict[str, frozenset[str]]:
    return lexicon.classes("tolls", lang=lang)


@functools.cache
def _revisions(lang: str) -> dict[str, str]:
    """Verb lemma -> revision direction ("rise" up, "lower" down, "revise" revised)."""
    return lexicon.grouped("toll_verbs", lang=lang)


def _role_lists(lang: str) -> dict[str, list[str]]:
    lemmas = _lemmas(lang)
    by_role: dict[str, list[str]] = {}
    for lemma, (_, role) in lemmas.items():
        by_role.setdefault(role, []).append(lemma)
    out = {role: sorted(words) for role, words in by_role.items()}
    out["noun_or_state"] = sorted(set(out.get("noun", [])) | set(out.get("state", [])))
    out["state_or_transitive"] = sorted(set(out.get("state", [])) | set(out.get("transitive", [])))
    out["any_casualty"] = sorted(lemmas)
    out["toll"] = sorted(_tolls(lang)["toll"])
    out["toll_verbs"] = sorted(_revisions(lang))
    out["body_parts"] = sorted(lexicon.words("body_parts", lang=lang))
    for role, words in lexicon.classes("ordinal_roles", lang=lang).items():
        out[role] = sorted(words)
    return out


def _resolve(attrs: Any, lists: dict[str, list[str]]) -> Any:
    """Replace "@name" placeholders in a pattern's attributes by the lemma list they stand for."""
    if isinstance(attrs, str) and attrs.startswith("@"):
        return lists[attrs[1:]]
    if isinstance(attrs, dict):
        return {k: _resolve(v, lists) for k, v in attrs.items()}
    return attrs


def _variants(pattern: list[dict[str, Any]], arg: bool) -> list[list[dict[str, Any]]]:
    """The pattern with the number itself as ARG, and with the number modifying ARG."""
    counted = {"DEP": {"IN": ["nummod", "quantmod"]}, "_": {COUNT_ATTR: True}}
    if not arg:
        first = copy.deepcopy(pattern)
        first[0]["RIGHT_ATTRS"] = {**first[0]["RIGHT_ATTRS"], "_": {COUNT_ATTR: True}}
        return [first]
    own = json.loads(json.dumps(pattern).replace('"ARG"', '"number"'))
    own[0]["RIGHT_ATTRS"] = {**own[0]["RIGHT_ATTRS"], "_": {COUNT_ATTR: True}}
    via = copy.deepcopy(pattern)
    via[0] = {"LEFT_ID": "number", "REL_OP": "<", "RIGHT_ID": "ARG", "RIGHT_ATTRS": via[0]["RIGHT_ATTRS"]}
    return [own, [{"RIGHT_ID": "number", "RIGHT_ATTRS": counted}, *via]]


@functools.cache
def _specs(lang: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, reads, node ids) per compiled pattern, in file order (the order of preference)."""
    return tuple((name, reads, tuple(n["RIGHT_ID"] for n in pattern))
                 for name, reads, pattern in _compiled(lang))


@functools.cache
def _compiled(lang: str) -> tuple[tuple[str, str, list[dict[str, Any]]], ...]:
    raw = resources.files("sitrep").joinpath("data", "lang", lang, "casualty_patterns.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    lists = _role_lists(lang)
    out = []
    for spec in data["patterns"]:
        nodes = [_resolve(n, lists) for n in spec["pattern"]]
        for n, variant in enumerate(_variants(nodes, bool(spec.get("arg")))):
            out.append((f"{spec['name']}#{n}", spec["reads"], variant))
    for spec in data.get("ordinal_patterns", []):
        nodes = [_resolve(n, lists) for n in spec["pattern"]]
        nodes[0]["RIGHT_ATTRS"] = {**nodes[0]["RIGHT_ATTRS"], "_": {ORDINAL_ATTR: {"NOT_IN": [0]}}}
        out.append((spec["name"], spec["reads"], nodes))
    return tuple(out)


def is_count(tok: Token) -> bool:
    """A token that can count people: a number ("60", "six") or a vague amount ("dozens", "several")."""
    low = tok.lower_
    return (tok.like_num and not low.endswith(("th", "st", "nd", "rd")) or low in _vague_words()) \
        and low not in ("no", "none")


def ordinal_value(tok: Token) -> int:
    """The value of an ordinal ("fifth" 5, "50th" 50), 0 for any other token."""
    low = tok.lower_
    if low[:-2].isdigit() and low.endswith(("th", "st", "nd", "rd")):
        return int(low[:-2])
    return _ordinals().get(low, 0)


@functools.cache
def _ordinals() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in lexicon.rows("ordinals")}


@functools.cache
def _vague_words() -> frozenset[str]:
    return frozenset(w for r in lexicon.rows("vague") for w in r[0].split() if w not in ("a", "of"))


def ensure_extensions() -> None:
    """Register ``Token._.sitrep_count`` and ``Doc._.casualty_links`` (once per process)."""
    from spacy.tokens import Doc, Token

    if not Token.has_extension(COUNT_ATTR):
        Token.set_extension(COUNT_ATTR, getter=is_count)
    if not Token.has_extension(ORDINAL_ATTR):
        Token.set_extension(ORDINAL_ATTR, getter=ordinal_value)
    if not Doc.has_extension(LINKS_ATTR):
        Doc.set_extension(LINKS_ATTR, default=None)


_MATCHERS: dict[tuple[str, int], DependencyMatcher] = {}


def _matcher(lang: str, vocab: Any) -> DependencyMatcher:
    """One compiled matcher per language and vocabulary (a process holds one or two)."""
    key = (lang, id(vocab))
    if key not in _MATCHERS:
        from sitrep.nlp.depmatch import IndexedDependencyMatcher

        ensure_extensions()
        matcher = IndexedDependencyMatcher(vocab)  # spaCy's, with a faster lookup of the nodes
        for name, _, pattern in _compiled(lang):
            matcher.add(name, [pattern])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def _toll_category(doc: Doc, toll: Token, lang: str) -> str | None:
    """The category a count noun names: "death toll" killed, "number of injured" injured; a bare "toll"
    is the default (killed); a bare "number" names nothing."""
    classes = _tolls(lang)
    words = [c for c in toll.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in (c for c in toll.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            words += [obj, *(c for c in obj.children if c.dep_ in ("amod", "compound", "acl", "relcl"))]
    for w in words:
        for cat, forms in classes.items():
            if cat not in ("toll", "default") and (w.lower_ in forms or w.lemma_.lower() in forms):
                return cat
    if toll.lemma_.lower() in ("toll", "tally"):
        return next(iter(classes["default"]))
    return None


def _revision(verb: Token, lang: str) -> str | None:
    kinds = _revisions(lang)
    kind = kinds.get(verb.lemma_.lower())
    for c in verb.children:  # "now stands at 137, down from 150": the figure revises the earlier one
        if c.lower_ in ("down", "up") and any(p.lower_ == "from" for p in c.children):
            return c.lower_
    if kind == "revised":
        prt = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        if prt & {"down", "downward", "downwards"}:
            kind = "down"
        elif prt & {"up", "upward", "upwards"}:
            kind = "up"
    return kind


def _category(doc: Doc, reads: str, nodes: dict[str, int], lang: str) -> tuple[str | None, str | None]:
    """(category, revision) of one match."""
    if reads == "attackers":
        return "attackers", None
    if reads == "toll":
        toll = doc[nodes["toll"]]
        verb = doc[nodes["verb"]] if "verb" in nodes else None
        return _toll_category(doc, toll, lang), _revision(verb, lang) if verb is not None else None
    word = doc[nodes[reads]]
    category = _lemmas(lang).get(word.lemma_.lower(), (None, None))[0]
    if category in ("shot", "injured") and _fatal(word):
        category = "killed"
    return category, None


def _fatal(verb: Token) -> bool:
    """"shot dead", "stabbed to death", "fatally wounded", "shot and killed": those hit were killed; not
    "five were shot and one was killed" (the killing has a subject of its own)."""
    for c in verb.children:
        low = c.lower_
        if low in ("dead", "fatally", "mortally"):
            return True
        if low == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.dep_ == "conj" and c.lemma_ == "kill" and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            return True
    return False


#: Tokens between a number and its casualty word beyond which a link is a misparse (a headline run into
#: the text): "Six people, including two officers and a bystander, were killed" spans nine.
MAX_SPAN = 16


def _far(nodes: dict[str, int]) -> bool:
    return max(nodes.values()) - min(nodes.values()) > MAX_SPAN


def _denied(doc: Doc, nodes: dict[str, int]) -> bool:
    """"were not injured", "none of the ... were hurt", "no one died": the casualty word is negated."""
    for key in ("verb", "word"):
        if key in nodes and any(c.dep_ == "neg" for c in doc[nodes[key]].children):
            return True
    arg = doc[nodes["ARG"]] if "ARG" in nodes else None
    return arg is not None and any(c.lower_ in ("no", "none", "neither") for c in arg.children)


def casualty_links(doc: Doc, *, lang: str = "en") -> dict[int, Link]:
    """Number token index -> its Link, for every number a casualty pattern links (kept on the Doc)."""
    ensure_extensions()
    stored = getattr(doc._, LINKS_ATTR)
    if stored is not None:
        return {int(i): Link(*fields) for i, fields in stored.items()}
    links: dict[int, Link] = {}
    if doc.has_annotation("DEP"):
        matcher = _matcher(lang, doc.vocab)
        order = {name: n for n, (name, _, _) in enumerate(_specs(lang))}
        specs = {name: (reads, ids) for name, reads, ids in _specs(lang)}
        found = sorted(matcher(doc), key=lambda m: order[doc.vocab.strings[m[0]]])
        for match_id, tokens in found:
            name = doc.vocab.strings[match_id]
            reads, ids = specs[name]
            nodes = dict(zip(ids, tokens, strict=True))
            number = nodes["number"] if "number" in nodes else nodes["ordinal"]
            if number in links:
                continue  # an earlier pattern already read it
            if nodes.get("ARG", number) < number and "ordinal" not in nodes:
                continue  # a number after its noun labels it ("FOX 8", "Route 91"): counts come first
            if "ordinal" in nodes:
                category, revision = "killed", "up"  # the latest of the dead: the toll so far
            else:
                category, revision = _category(doc, reads, nodes, lang)
            if category is None or _denied(doc, nodes) or _far(nodes):
                continue
            links[number] = Link(category=category, pattern=name.split("#")[0], counted=nodes.get("ARG")
                                 if nodes.get("ARG") != number else None,
                                 word=nodes.get(reads if reads != "attackers" else "verb"),
                                 revision=revision)
    setattr(doc._, LINKS_ATTR, {i: (k.category, k.pattern, k.counted, k.word, k.revision)
                                 for i, k in links.items()})
    return links


def make_component(nlp: Language, name: str, lang: str) -> Any:
    """The ``sitrep_casualties`` component: casualty links read as the parse is made."""
    ensure_extensions()

    def component(doc: Doc) -> Doc:
        casualty_links(doc, lang=lang)
        return doc

    return component
