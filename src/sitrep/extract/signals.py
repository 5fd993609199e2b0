"""Article signals: the kind of article (news, analysis, press release) and a machine-paraphrase score.

The paraphrase score is a signal, not a detector. It combines two cues that paraphrasing tools
("article spinners") leave: a high share of rare content words (wordfreq Zipf < 3.0: "edifice"
for "building") and phrases from a hand-written lexicon of typical substitutions
(``data/lexicons/paraphrase.tsv``). Named entities and proper nouns do not count: a rare
place name is no sign of a rewrite.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep import lexicon
from sitrep.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: An article is flagged as machine-paraphrased when its score reaches this.
PARAPHRASE_THRESHOLD = 0.5
RARE_ZIPF = 3.0  # wordfreq Zipf below this is a rare word (fewer than 1 per million words)
_RARE_BASE = 0.03  # share of rare content words in ordinary news (measured: about 0.016-0.03)
_RARE_SPAN = 0.07  # a share of _RARE_BASE + _RARE_SPAN reads as fully rewritten on this cue
_LEX_PER_100 = 1.0  # lexicon weight per 100 content words that saturates the lexicon cue
_MIN_WORDS = 40  # fewer content words say nothing either way
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}


@lru_cache(maxsize=1)
def substitutions() -> tuple[tuple[re.Pattern[str], float, str], ...]:
    """The lexicon of typical paraphrase substitutions: (pattern, weight, phrase)."""
    text = resources.files("sitrep").joinpath("data/lexicons/paraphrase.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, weight = line.split("\t")[:2]
        out.append((re.compile(r"\b" + re.escape(phrase) + r"\b", re.I), float(weight), phrase))
    return tuple(out)


@lru_cache(maxsize=50_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _content_words(doc: Doc) -> list[str]:
    """Lower-cased content words, entities and proper nouns left out (the tagger when there is one)."""
    tagged = doc.has_annotation("TAG")
    out = []
    for tok in doc:
        if not tok.is_alpha or len(tok.text) < 3 or tok.is_stop or tok.ent_type_:
            continue
        if tagged:
            if tok.pos_ not in _CONTENT_POS:
                continue
        elif tok.text[0].isupper() and tok.i > 0 and not doc[tok.i - 1].is_sent_start:
            continue  # untagged: a capitalized word inside a sentence is most likely a name
        out.append(tok.lower_)
    return out


def paraphrase(doc: Doc) -> tuple[float, list[str]]:
    """Machine-paraphrase score in [0, 1] and the words behind it (lexicon phrases first, then rare words)."""
    words = _content_words(doc)
    if len(words) < _MIN_WORDS:
        return 0.0, []
    rare = [w for w in words if _zipf(w) < RARE_ZIPF]
    share = len(rare) / len(words)
    hits: list[str] = []
    lex = 0.0
    text = doc_text(doc)
    for pattern, weight, _phrase in substitutions():
        found = list(pattern.finditer(text))
        if found:
            hits.append(found[0].group(0))
            lex += weight * min(len(found), 2)  # a repeated word is one habit, not many
    rare_cue = min(1.0, max(0.0, (share - _RARE_BASE) / _RARE_SPAN))
    lex_cue = min(1.0, lex * 100 / len(words) / _LEX_PER_100 / 2)
    score = round(0.5 * rare_cue + 0.5 * lex_cue, 3)
    seen = set(h.lower() for h in hits)
    evidence = hits + [w for w in dict.fromkeys(rare) if w not in seen][:10]
    return score, evidence


#: Cue kinds of a press release (data/lang/en/press_cues.tsv): a news story may mention "a press release"
#: once, so two kinds are needed; an "alone" cue is enough by itself ("For immediate release").
_PRESS_CUES = tuple(re.compile(pattern) for kind, pattern in lexicon.rows("press_cues") if kind == "cue")
_PRESS_ALONE = tuple(re.compile(pattern) for kind, pattern in lexicon.rows("press_cues") if kind == "alone")
_QUOTED = re.compile(r"[“\"][^”\"]{0,600}[”\"]")
_OPINION = re.compile(
    r"\b(opinion|op-ed|editorial|commentary|analysis|perspective|column(ist)?|we (must|should|believe|argue)|"
    r"in (my|our) view|i (think|believe|argue)|the (ruling class|working class|capitalist|imperialist)\w*|"
    r"it is (clear|no accident|necessary) that|this (shows|demonstrates|"
    r"underscores|reveals) that|must be (condemned|opposed))\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(we|our|us|i|my)\b", re.I)
_REPORTING = re.compile(r"\b(said|told|according to|reported|reports|confirmed|announced|added)\b", re.I)


def article_kind(doc: Doc) -> str:
    """ "news", "analysis" (opinion, commentary) or "press_release", from cue words and voice."""
    text = doc_text(doc)
    kinds = sum(1 for rx in _PRESS_CUES if rx.search(text))
    if kinds >= 2 or any(rx.search(text) for rx in _PRESS_ALONE):
        return "press_release"
    text = _QUOTED.sub(" ", text)  # a quoted "we must" is a source speaking, not the writer
    n_words = max(1, sum(1 for t in doc if t.is_alpha))
    opinion = len({m.group(0).lower() for m in _OPINION.finditer(text)})
    first_person = len(_FIRST_PERSON.findall(text)) * 1000 / n_words
    reporting = len(_REPORTING.findall(text)) * 1000 / n_words
    # Opinion cues weigh more in a long piece that argues (first person) than it reports (said, told).
    if opinion >= 3 or (opinion >= 1 and first_person > 8 and first_person > reporting):
        return "analysis"
    return "news"
