"""The spaCy pipelines that read other languages: ``spacy.blank(code)``, a sentencizer, line breaks,
and two components of ours that mark what the figure reader pairs up.

    sitrep_foreign_numbers     doc.spans["numbers"]     each number run, label "value" or "value:qualifier"
    sitrep_foreign_casualties  doc.spans["casualties"]  each casualty word (Matcher over casualties.tsv),
                                                         label = its figure category

No tagger or parser: the languages' rules are about words next to numbers, and a blank pipeline reads
a report in about a millisecond (BENCHMARKS.md). Nothing is registered on import: ``pipeline(code)``
registers the factories the first time it is called.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sitrep.extract.foreign import lexicon
from sitrep.extract.foreign.numbers import JOINERS, parse_run, word_value

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NUMBERS = "sitrep_foreign_numbers"
CASUALTIES = "sitrep_foreign_casualties"
LINE_BREAKS = "sitrep_line_breaks"


class NumberMarker:
    """Marks each run of number tokens (digits, number words, vague amounts) as one span."""

    def __init__(self, code: str):
        self.lex = lexicon.load(code)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        spans = []
        i, n = 0, len(doc)
        while i < n:
            if word_value(doc[i].text, self.lex) is None:
                i += 1
                continue
            j = i + 1
            # words join words ("vingt et un", "двадцать пять"); digits stand alone ("unas 100" is
            # a qualifier and a number, not 1 + 100)
            while j < n and not doc[i].text[:1].isdigit():
                if word_value(doc[j].text, self.lex) is not None and not doc[j].text[:1].isdigit():
                    j += 1
                elif doc[j].lower_ in JOINERS and j + 1 < n and word_value(doc[j + 1].text, self.lex) \
                        and not doc[j + 1].text[:1].isdigit():
                    j += 2
                else:
                    break
            words = [t.text for t in doc[i:j]]
            parsed = parse_run(words, self.lex)
            if parsed is not None:
                value, qual = parsed
                spans.append(Span(doc, i, j, label=f"{value}:{qual}" if qual else str(value)))
            i = j
        doc.spans["numbers"] = spans
        return doc


class CasualtyMarker:
    """Marks each word that names casualties, with its category (a Matcher built from casualties.tsv)."""

    def __init__(self, code: str, vocab):  # type: ignore[no-untyped-def]
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab)
        for cat, rx in lexicon.load(code).casualties:
            self.matcher.add(cat, [[{"LOWER": {"REGEX": f"^(?:{rx.pattern})$"}}]])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["casualties"] = self.matcher(doc, as_spans=True)
        return doc


def _numbers(nlp: Language, name: str, code: str) -> NumberMarker:
    return NumberMarker(code)


def _casualties(nlp: Language, name: str, code: str) -> CasualtyMarker:
    return CasualtyMarker(code, nlp.vocab)


def _register() -> None:
    from spacy.language import Language

    from sitrep import nlp as english

    if not Language.has_factory(NUMBERS):
        Language.factory(NUMBERS, default_config={"code": "fr"}, assigns=["doc.spans"], func=_numbers)
    if not Language.has_factory(CASUALTIES):
        Language.factory(CASUALTIES, default_config={"code": "fr"}, assigns=["doc.spans"], func=_casualties)
    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, assigns=["token.is_sent_start"], func=english.line_breaks)


@functools.cache
def pipeline(code: str) -> Language:
    """The reading pipeline of language ``code`` (one per process)."""
    import spacy

    _register()
    lex = lexicon.load(code)  # a clear error for a language Sitrep does not read
    nlp_ = spacy.blank(code)
    if "digit_stop" in lex.script:  # "14." at a sentence's end: the language writes no ordinal so
        from spacy.util import compile_suffix_regex

        suffixes = [*nlp_.Defaults.suffixes, r"(?<=[0-9\u0660-\u0669])\."]
        nlp_.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp_.add_pipe("sentencizer")
    nlp_.add_pipe(LINE_BREAKS)
    nlp_.add_pipe(NUMBERS, config={"code": code})
    nlp_.add_pipe(CASUALTIES, config={"code": code})
    return nlp_
