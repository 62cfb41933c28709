"""Who did it, to whom, to what: perpetrators with their attribution, victims and targets.

Organizations come from the actor knowledge base (canonical name, aliases); unnamed groups
("gunmen", "civilians") from the people and target noun lists; the dependency parse decides
the role, and cue words in the clause decide the attribution: ``claimed`` (the group claimed
or admitted it), ``accused`` (someone blames them: ``attributed_by``), ``suspected`` (hedged
belief, "front for"), ``reported`` (stated as fact).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..knowledge import actors as actor_kb
from ..knowledge import people as people_kb
from ..knowledge import targets as target_kb
from ..records import Actor, Span
from .phrases import name_of

CLAIM = {"claim", "admit"}
ACCUSE = {"blame", "accuse", "attribute", "hold", "charge", "condemn"}
SUSPECT = {"believe", "suspect", "think", "allege", "presume", "suspicion", "front", "likely", "probably", "possibly", "presumably", "apparently", "reportedly"}
SPEAKER_VERBS = {"believe", "say", "think", "accuse", "blame", "report", "condemn", "claim", "tell", "add", "state", "announce", "warn", "suspect", "allege", "deny", "confirm", "vow", "pledge", "call", "urge", "slam", "hold"}
AFFILIATE = {"link", "tie", "connection", "relation", "sponsor", "backed", "back", "support", "ally", "loyal", "affiliate", "proxy"}
AGENT_VERBS = {
    "attack", "kill", "shoot", "bomb", "fire", "launch", "kidnap", "abduct", "ambush", "storm",
    "detonate", "explode", "murder", "assassinate", "strike", "target", "hit", "wound", "injure",
    "burn", "set", "raid", "massacre", "execute", "behead", "carry", "hurl", "throw", "plant",
    "seize", "dynamite", "blow", "destroy", "open", "stab", "machine-gun", "shell", "torch",
    "rob", "loot", "hijack", "slay", "perpetrate", "stage", "conduct", "claim",
}
STATE_KINDS = {"state_force", "government"}
_NOT_ACTORS = {"that", "which", "who", "it", "they", "he", "she", "them", "this"}


@dataclass(frozen=True)
class ActorMention:
    """An actor found in one sentence, before incidents are assembled."""

    actor: Actor
    sentence_index: int
    strength: int  # how sure the role is: 3 cue word / parse, 2 pattern, 1 co-occurrence


def _clause_cues(token: Any) -> set[str]:
    """Lemmas of the governing words of ``token`` up to the clause root."""
    cues: set[str] = set()
    node = token
    for _ in range(8):
        cues.add(node.lemma_.lower())
        for c in node.children:
            if c.dep_ in ("advmod", "aux", "acomp", "neg"):
                cues.add(c.lemma_.lower())
        if node.head.i == node.i:
            break
        node = node.head
    return cues


def _speaker(token: Any, verbs: set[str], text: str) -> Optional[str]:
    """The subject of the nearest governing verb in ``verbs`` ("Washington blamed ...")."""
    node = token
    for _ in range(8):
        if node.lemma_.lower() in verbs:
            for c in node.children:
                if c.dep_ in ("nsubj",):
                    name, _ = name_of(c, text)
                    if name and name.lower() not in _NOT_ACTORS:
                        return name
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _attribution(token: Any, sent: Any, text: str) -> tuple[Optional[str], Optional[str], int]:
    """(attribution, attributed_by, strength) of an actor whose mention's head is ``token``."""
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEAKER_VERBS:
        return None, None, 0  # "US forces believe ...": a source, not a perpetrator
    if any(a.lemma_.lower() in AFFILIATE for a in list(token.ancestors)[:4]):
        return None, None, 0  # "a group with links to Iran": a sponsor, not the attacker
    cues = _clause_cues(token)
    sent_lemmas = {t.lemma_.lower() for t in sent}
    low = sent.text.lower()
    if cues & CLAIM or (token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.lemma_ in CLAIM):
        if "deny" not in cues:
            return "claimed", None, 3
    if cues & SUSPECT or "front" in sent_lemmas and token.head.lower_ == "for":
        return "suspected", _speaker(token, {"believe", "suspect", "think", "say"}, text), 3
    if cues & ACCUSE:
        return "accused", _speaker(token, ACCUSE, text), 3
    if token.dep_ in ("nsubj", "agent") or (token.dep_ == "pobj" and token.head.lower_ == "by"):
        if cues & AGENT_VERBS:
            return "reported", None, 3
    if token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.lemma_.lower() in _perp_nouns():
        return "reported", None, 2
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "from") and token.head.head.lemma_.lower() in _perp_nouns():
        return "reported", None, 2
    if "responsibility" in low and ("claim" in sent_lemmas):
        return "claimed", None, 2
    return None, None, 0


def _perp_nouns() -> frozenset[str]:
    kb = people_kb()
    return frozenset(
        form.lower() for e in kb for form in (*e.forms, e.name, e.plural or "") if e.side == "perpetrator" and form
    )


def _token_at(sent: Any, span: Span) -> Optional[Any]:
    tokens = [t for t in sent if span[0] <= t.idx < span[1]]
    if not tokens:
        return None
    heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    return heads[0] if heads else tokens[-1]


def find_actors(sent: Any, index: int, text: str, has_event: bool) -> list[ActorMention]:
    """Organizations, unnamed perpetrators, victims and targets named in one sentence."""
    found: list[ActorMention] = []
    start, end = sent.start_char, sent.end_char
    taken: list[Span] = []
    for m in actor_kb().find(text[start:end]):
        span = (start + m.span[0], start + m.span[1])
        token = _token_at(sent, span)
        if token is None:
            continue
        taken.append(span)
        attribution, by, strength = _attribution(token, sent, text)
        entry = m.entry
        role = "perpetrator"
        if attribution is None:
            if _is_object_of_harm(token):
                role, strength = "victim", 3
            # else: kept with strength 0: it links the sentence to an incident, names no role
        aliases = tuple(a for a in entry.aliases if a != entry.name)
        found.append(
            ActorMention(
                Actor(
                    role=role,
                    name=entry.name,
                    entity="organization",
                    aliases=aliases,
                    attribution=attribution if role == "perpetrator" else None,
                    attributed_by=by if role == "perpetrator" else None,
                    span=span,
                ),
                index,
                strength,
            )
        )
    if not has_event:
        return found
    found += _unnamed(sent, index, text, taken)
    return found


def _is_object_of_harm(token: Any) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ in ("dobj", "nsubjpass", "pobj") and node.head.lemma_.lower() in AGENT_VERBS:
            return node.dep_ != "pobj" or node.head.lower_ in ("against", "on", "at")
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _unnamed(sent: Any, index: int, text: str, taken: list[Span]) -> list[ActorMention]:
    """People nouns and targets: gunmen (perpetrators), civilians (victims), a bus (target)."""
    found: list[ActorMention] = []
    people = people_kb()
    things = target_kb()
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(s <= token.idx < e for s, e in taken):
            continue
        # Only the head of a phrase: "power tower", not "power".
        if token.dep_ == "compound":
            continue
        person = people.get(token.lower_) or people.get(token.lemma_.lower())
        thing = None if person else (things.get(token.lower_) or things.get(token.lemma_.lower()))
        if person is None and thing is None:
            continue
        name, span = name_of(token, text)
        if not name:
            continue
        role = _role_in_clause(token, person, thing)
        if role is None:
            continue
        entity = "individual" if person else (thing.entity if thing.entity in ("facility", "object") else "facility")
        attribution = "reported" if role == "perpetrator" else None
        found.append(
            ActorMention(
                Actor(role=role, name=name, entity=entity, aliases=_head_alias(token, name),
                      attribution=attribution, span=span),
                index,
                2,
            )
        )
    return found


def _head_alias(token: Any, name: str) -> tuple[str, ...]:
    head = token.text
    return (head,) if head.lower() != name.lower() else ()


def _role_in_clause(token: Any, person: Any, thing: Any) -> Optional[str]:
    """perpetrator / victim / target from the token's place in the parse, or None."""
    dep = token.dep_
    head = token.head
    hl = head.lemma_.lower()
    if person is not None:
        side = person.side
        if dep in ("nsubj",) and hl in AGENT_VERBS:
            return "perpetrator" if side != "victim" else None
        if dep == "pobj" and head.lower_ == "by":
            return "perpetrator" if side != "victim" else None
        if dep in ("dobj", "nsubjpass") and hl in AGENT_VERBS | {"wound", "injure", "kill", "die"}:
            return "victim"
        if dep == "nsubj" and hl in ("die",):
            return "victim"
        if dep == "pobj" and head.lower_ in ("against", "on", "at") and side != "perpetrator":
            return "victim"
        if side == "perpetrator" and dep in ("nsubj", "nsubjpass", "appos", "conj"):
            return "perpetrator" if dep != "nsubjpass" else None
        return None
    if dep in ("dobj", "nsubjpass") and hl in AGENT_VERBS | {"damage", "destroy", "hit"}:
        return "target"
    if dep == "pobj" and head.lower_ in ("at", "on", "against", "into", "near") and head.head.lemma_.lower() in AGENT_VERBS | {"attack", "strike", "bombing", "explosion", "blast", "raid", "explode", "fire", "land", "fall"}:
        return "target"
    return None
