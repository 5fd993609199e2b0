"""The model's ``attribute_ruler`` with its matches looked up by tag and word instead of a token Matcher.

The ruler of ``en_core_web_sm`` maps every tag to its part of speech and morphology and fixes a few
words' lemmas (179 rules); spaCy runs them as Matcher patterns, which try every rule at every token
(an eighth of all extraction time). ``fast_match`` finds the same (rule, start, end) matches from an
index of the rules by the tag and lowercase form their first token requires, and the ruler applies
them as before (``AttributeRuler.set_annotations``, in the same order): the same annotations.
A rule using anything other than plain values, ``IN``, ``NOT_IN`` and ``REGEX`` on TAG, LOWER, DEP,
ORTH and IS_SPACE (or an operator) leaves the ruler as spaCy made it.
"""
from __future__ import annotations

import re
import types
from typing import Any

#: Pattern attribute -> Token attribute.
ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "ORTH": "orth_", "TEXT": "orth_",
         "IS_SPACE": "is_space"}


#: How many distinct tokens (tag, form, dependency) the rules' answers are kept for.
MEMO_SIZE = 200_000


class Unsupported(ValueError):
    pass


def _check(attr: str, value: Any) -> tuple[str, str, Any]:
    if attr not in ATTRS:
        raise Unsupported(attr)
    name = ATTRS[attr]
    if isinstance(value, dict):
        if len(value) != 1:
            raise Unsupported(f"{attr}: {value!r}")
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            return name, op, frozenset(arg)
        if op == "REGEX" and isinstance(arg, str):
            return name, op, re.compile(arg)
        raise Unsupported(f"{attr}: {value!r}")
    if (attr == "IS_SPACE") != isinstance(value, bool):
        raise Unsupported(f"{attr}: {value!r}")
    return name, "EQ", value


def _passes(tok: Any, checks: list[tuple[str, str, Any]]) -> bool:
    for name, op, arg in checks:
        value = getattr(tok, name)
        if op == "EQ":
            if value != arg:
                return False
        elif op == "IN":
            if value not in arg:
                return False
        elif op == "NOT_IN":
            if value in arg:
                return False
        elif not arg.search(value):
            return False
    return True


def install(ruler: Any) -> bool:
    """Give ``ruler`` (an ``AttributeRuler``) the indexed ``match``; False (and the ruler untouched)
    where a rule is beyond it."""
    from spacy.attrs import IDS

    rules = []  # (attr id, match id, [token checks...])
    try:
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            _, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                if any("OP" in spec for spec in pattern):
                    raise Unsupported("OP")
                rules.append((attr_id, ruler.vocab.strings[key],
                              [[_check(a, v) for a, v in spec.items()] for spec in pattern]))
    except (Unsupported, TypeError, KeyError):
        return False
    memo: dict[tuple[int, ...], list[int]] = {}  # a token's attribute ids -> the rules it can start
    columns = [IDS[a] for a in ("TAG", "LOWER", "DEP", "ORTH", "IS_SPACE")]

    def match(self: Any, doc: Any) -> list[tuple[int, int, int, int]]:
        found = []
        length = len(doc)
        for i, key in enumerate(map(tuple, doc.to_array(columns).tolist()) if length else ()):
            starts = memo.get(key)
            if starts is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                tok = doc[i]
                starts = memo[key] = [n for n, (_, _, specs) in enumerate(rules) if _passes(tok, specs[0])]
            for n in starts:
                attr_id, match_id, specs = rules[n]
                end = i + len(specs)
                if len(specs) == 1 or end <= length and all(
                        _passes(doc[i + k], checks) for k, checks in enumerate(specs) if k):
                    found.append((attr_id, match_id, i, end))
        return sorted(set(found))

    ruler.match = types.MethodType(match, ruler)
    return True
