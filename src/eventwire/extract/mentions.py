"""Event detection: trigger words of the ontology, checked for modality, genericity and tense.

A ``Mention`` is one trigger in one sentence. Assembly (assemble.py) groups the mentions of
an article into incidents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..pipeline import Coding, stage
from ..records import Span
from .ontology import Trigger, ontology


@dataclass(frozen=True)
class Mention:
    """One trigger of a violent (or strategic) event in one sentence."""

    sentence: Span
    sentence_index: int
    trigger: Span
    text: str
    subtype: str
    generic: bool  # the sub-type is a default: weapons or actors may decide it
    harm: bool  # a casualty word ("killed"), not an act
    hypothetical: bool  # threatened, planned, would/could: not an event
    habitual: bool  # plural generic statement ("attacks have continued")
    past_perfect: bool  # "had killed": earlier than the narrative's time


_HABITUAL_AUX = {"have", "has"}
_REFERRING = {"accuse", "blame", "suspect", "claim", "condemn", "deny", "charge"}


def _sentence_lemmas(sent: Any) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in sent) | frozenset(t.lower_ for t in sent)


def _governed_by_modality(token: Any) -> bool:
    onto = ontology()
    node = token
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in onto.auxiliaries:
                return True
            if child.dep_ == "neg" and node.i == token.i:
                return True
        if node.head.i == node.i:
            break
        # Stop climbing at a clause boundary that reports a fact ("said that ... attacked").
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_ in {"say", "report", "tell", "add", "confirm", "state", "announce", "claim", "deny"}:
            return False
        node = node.head
        if node.lemma_.lower() in onto.governors:
            return True
    return False


def _is_habitual(token: Any) -> bool:
    """A bare plural trigger ("rocket attacks have continued") names a pattern, not an incident.

    Plural triggers with a number ("two bombings") or told in the simple past ("ordered
    several rounds of bombing raids") stay incidents; present, perfect, gerund and accusing
    clauses ("have continued", "claiming rocket attacks", "accused of attacks") are patterns.
    """
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # "rocket attacks": the head noun decides
    if token.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "nummod" for c in token.children):
        return False
    for verb in token.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lemma_.lower() in _REFERRING:
            return True
        perfect = any(c.lower_ in _HABITUAL_AUX and c.dep_ == "aux" for c in verb.children)
        return perfect or verb.tag_ in ("VBP", "VBZ", "VBG")
    return True


def _is_past_perfect(token: Any) -> bool:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in verb.children)


def _matches(trig: Trigger, token: Any, lemmas: frozenset[str]) -> bool:
    if trig.pos and token.pos_ not in trig.pos:
        return False
    if trig.needs and not (trig.needs & (lemmas - {token.lemma_.lower(), token.lower_})):
        return False
    return True


def find_in_doc(doc: Any, text: str | None = None) -> tuple[Mention, ...]:
    """Every trigger mention in a parsed document, in text order."""
    onto = ontology()
    found: list[Mention] = []
    for index, sent in enumerate(doc.sents):
        lemmas = _sentence_lemmas(sent)
        taken: set[int] = set()
        lowered = sent.text.lower()
        for phrase, trig in onto.phrases:
            for m in re.finditer(r"\b%s(?:s|es)?\b" % re.escape(phrase), lowered):
                start = sent.start_char + m.start()
                end = sent.start_char + m.end()
                tokens = [t for t in sent if start <= t.idx < end]
                if not tokens or any(t.i in taken for t in tokens):
                    continue
                if trig.needs and not (trig.needs & lemmas):
                    continue
                head = max(tokens, key=lambda t: t.dep_ == "ROOT" or t.head not in tokens)
                taken.update(t.i for t in tokens)
                found.append(_mention(sent, index, head, (start, end), trig, text))
        for token in sent:
            if token.i in taken:
                continue
            candidates = onto.single.get(token.lemma_.lower()) or onto.single.get(token.lower_)
            if not candidates:
                continue
            for trig in candidates:
                if _matches(trig, token, lemmas):
                    found.append(
                        _mention(sent, index, token, (token.idx, token.idx + len(token.text)), trig, text)
                    )
                    break
    found.sort(key=lambda m: m.trigger)
    return tuple(found)


def _is_anchor(token: Any) -> bool:
    """"three days before Soleimani's assassination": the trigger only dates another event."""
    node = token.head if token.dep_ == "compound" else token
    return node.dep_ == "pobj" and node.head.lower_ in ("before", "after", "since", "following", "until", "ahead")


def _mention(sent: Any, index: int, token: Any, span: Span, trig: Trigger, text: str | None) -> Mention:
    return Mention(
        sentence=(sent.start_char, sent.end_char),
        sentence_index=index,
        trigger=span,
        text=(text or token.doc.text)[span[0] : span[1]],
        subtype=trig.subtype,
        generic=trig.generic,
        harm=trig.harm,
        hypothetical=_governed_by_modality(token) or _is_anchor(token),
        habitual=_is_habitual(token),
        past_perfect=_is_past_perfect(token),
    )


@stage(requires=("doc",), provides=("mentions",))
def find_mentions(coding: Coding) -> Coding:
    """Trigger words of violent and strategic events, one Mention each."""
    return coding.with_(mentions=find_in_doc(coding.doc, coding.article.text))
