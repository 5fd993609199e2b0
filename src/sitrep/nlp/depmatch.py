"""A ``DependencyMatcher`` whose node patterns are looked up by attribute instead of run token by token.

spaCy's ``DependencyMatcher`` finds the tokens each node of each pattern can be by running one token
``Matcher`` over the whole Doc with every node pattern; that Matcher evaluates every set predicate
("LEMMA": {"IN": [...]}) and every extension of every node on every token, in Python, which made the
casualty patterns (nlp/casualties.py) a quarter of all extraction time. This subclass finds the same
tokens column by column (the Doc's attribute ids as arrays, each node's value sets tested on a whole
column at once; an extension only on the tokens that passed the rest), and hands spaCy's own tree
search the same root -> node -> positions map it would have built: the matches, and their order, are
spaCy's.

Node patterns that use anything beyond plain values, ``IN`` and ``NOT_IN`` on the attributes below
(regular expressions, comparisons, operators) make the matcher fall back to spaCy's own lookup.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from spacy.attrs import IDS
from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: The token attributes a node pattern may constrain here (compared as spaCy's Matcher does: as ids).
ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "LEMMA": "LEMMA", "POS": "POS", "TAG": "TAG",
         "DEP": "DEP", "ENT_TYPE": "ENT_TYPE"}


class Unsupported(ValueError):
    """A node pattern this matcher does not look up itself."""


def _values(value: Any, attr: str) -> tuple[str, frozenset[Any]]:
    """(operator, values) of one attribute's constraint: "IN" for a plain value too."""
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
            raise Unsupported(f"{attr}: {value!r}")
        op, items = next(iter(value.items()))
        if not isinstance(items, list | tuple) or not all(isinstance(v, str | int) for v in items):
            raise Unsupported(f"{attr}: {value!r}")
        return op, frozenset(get_string_id(v) for v in items)
    if not isinstance(value, str | int):
        raise Unsupported(f"{attr}: {value!r}")
    return "IN", frozenset([get_string_id(value)])


class Node:
    """One node pattern compiled to checks: ``(attribute, inside, ids)`` (the token's id of that attribute
    must be, or not be, among ``ids``) and extension checks ``(name, operator, values)``."""

    __slots__ = ("checks", "extensions")

    def __init__(self, spec: dict[str, Any]):
        self.checks: list[tuple[str, bool, np.ndarray]] = []
        self.extensions: list[tuple[str, str, Any]] = []
        for attr, value in spec.items():
            if attr == "_":
                if not isinstance(value, dict):
                    raise Unsupported(f"_: {value!r}")
                for name, v in value.items():
                    if isinstance(v, dict):
                        op, items = _values(v, name)
                        self.extensions.append((name, op, items))
                    elif isinstance(v, str | int | bool):
                        self.extensions.append((name, "EQ", v))
                    else:
                        raise Unsupported(f"_.{name}: {v!r}")
                continue
            if attr not in ATTRS or isinstance(value, bool | int | float):
                raise Unsupported(f"{attr}: {value!r}")
            op, items = _values(value, attr)
            self.checks.append((ATTRS[attr], op == "IN", items))

    def positions(self, where: dict[str, dict[int, list[int]]], n: int) -> set[int]:
        """The tokens that pass the attribute checks, from ``where`` (attribute -> id -> positions)."""
        out: set[int] | None = None
        for attr, inside, ids in sorted(self.checks, key=lambda c: not c[1]):  # the IN checks first
            index = where[attr]
            these = {i for v in ids if v in index for i in index[v]}
            if inside:
                out = these if out is None else out & these
            else:
                out = (set(range(n)) if out is None else out) - these
            if not out:
                return set()
        return set(range(n)) if out is None else out

    def extended(self, doc: Doc, positions: set[int], cache: dict[tuple[str, int], Any]) -> list[int]:
        """Those of ``positions`` whose extensions pass too, in the order of the text."""
        if not self.extensions:
            return sorted(positions)
        out = []
        for i in sorted(positions):
            for name, op, v in self.extensions:
                if (name, i) not in cache:
                    cache[name, i] = getattr(doc[i]._, name)
                value = cache[name, i]
                if op == "EQ":
                    if value != v:
                        break
                elif not isinstance(value, str | int):  # spaCy's set predicates fail on other values
                    break
                elif (get_string_id(value) in v) is not (op == "IN"):
                    break
            else:
                out.append(i)
        return out


class IndexedDependencyMatcher(DependencyMatcher):
    """``DependencyMatcher`` with the node lookup described in the module docstring."""

    def __init__(self, vocab: Any, **kwargs: Any):
        super().__init__(vocab, **kwargs)
        self._nodes: dict[tuple[Any, ...], Node] = {}  # node pattern (as a key) -> compiled
        self._node_keys: dict[tuple[Any, ...], list[int]] = {}  # node pattern -> its Matcher keys
        self._unsupported = False
        self._columns: list[str] = []  # the attributes read from each Doc

    def add(self, key: Any, patterns: list[list[dict[str, Any]]], *, on_match: Any = None) -> None:
        key_id = self._normalize_key(key)
        offset = len(self._patterns[key_id]) if key_id in self._patterns else 0
        super().add(key, patterns, on_match=on_match)
        for i, nodes in enumerate(self._patterns[key_id][offset:], start=offset):
            for j, node in enumerate(nodes):
                ident = _freeze(node[0])
                if ident not in self._nodes:
                    try:
                        self._nodes[ident] = Node(node[0])
                    except Unsupported:
                        self._unsupported = True
                        continue
                self._node_keys.setdefault(ident, []).append(self._tokens_to_key[key_id][i][j])
        self._columns = list(dict.fromkeys(a for n in self._nodes.values() for a, _, _ in n.checks))

    def _get_keys_to_position_maps(self, doc: Doc) -> Any:
        if self._unsupported or not len(doc):
            return super()._get_keys_to_position_maps(doc)
        n = len(doc)
        names = self._columns
        where: dict[str, dict[int, list[int]]] = {a: {} for a in names}
        if names:
            for i, row in enumerate(doc.to_array([IDS[a] for a in names]).reshape(n, len(names)).tolist()):
                for a, v in zip(names, row, strict=True):
                    where[a].setdefault(v, []).append(i)
        cache: dict[tuple[str, int], Any] = {}
        hits = []
        for ident, node in self._nodes.items():
            found = node.extended(doc, node.positions(where, n), cache)
            if found:
                hits.append((ident, found))
        maps: Any = defaultdict(lambda: defaultdict(list))
        if not hits:
            return maps
        heads = doc.to_array([IDS["HEAD"]]).astype(np.int64).reshape(n).tolist()  # relative offsets
        roots: dict[int, int] = {}
        for i in sorted({i for _, found in hits for i in found}):  # roots in the order of the text
            maps[_root(i, heads, roots)]  # noqa: B018 (inserts the root: spaCy's order of roots)
        for ident, found in hits:
            for i in found:
                for mkey in self._node_keys[ident]:
                    maps[roots[i]][mkey].append(i)
        return maps


def _root(i: int, heads: list[int], memo: dict[int, int]) -> int:
    """The index of token ``i``'s tree root (spaCy's ``([token] + list(token.ancestors))[-1]``);
    ``heads`` holds each token's head as an offset from it."""
    path = []
    while i not in memo:
        path.append(i)
        if heads[i] == 0:
            memo[i] = i
            break
        i += heads[i]
    root = memo[i]
    for j in path:
        memo[j] = root
    return root


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value
