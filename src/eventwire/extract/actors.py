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
    "capture", "derail", "pillage", "overrun", "besiege", "invade", "infiltrate",
    "sabotage", "ransack", "raze", "gun", "hack", "poison", "rape", "torture", "beat", "mount",
    "organize", "organise", "commit", "clash", "fight", "battle", "engage", "ram", "detonate",
    "crush", "line", "drag", "drug", "lynch", "spray", "lob", "ambush", "kidnap", "force",
    "attack", "kill", "shoot", "bomb", "fire", "launch", "abduct", "storm",
    "explode", "murder", "assassinate", "strike", "target", "hit", "wound", "injure",
    "burn", "set", "raid", "massacre", "execute", "behead", "carry", "hurl", "throw", "plant",
    "seize", "dynamite", "blow", "destroy", "open", "stab", "machine-gun", "shell", "torch",
    "rob", "loot", "hijack", "slay", "perpetrate", "stage", "conduct", "claim",
}
MEMBER_NOUNS = {
    "member", "militant", "fighter", "guerrilla", "guerrillas", "gunman", "gunmen", "rebel", "insurgent",
    "terrorist", "cell", "unit", "commando", "squad", "wing", "faction", "activist", "supporter",
    "operative", "bomber", "soldier", "troop", "force", "group", "column", "militia", "partisan",
    "extremist", "jihadist", "sympathizer", "man", "men", "assailant", "attacker",
}
_NOT_ACTORS = {"that", "which", "who", "it", "they", "he", "she", "them", "this"}


@dataclass(frozen=True)
class ActorMention:
    """An actor found in one sentence, before incidents are assembled."""

    actor: Actor
    sentence_index: int
    strength: int  # how sure the role is: 3 cue word / parse, 2 pattern, 1 co-occurrence


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


def _phrase_head(token: Any) -> Any:
    """Climb from a name to the noun phrase it belongs to: "Al-Shabaab militants", "members of
    the UVF", "militants belonging to Boko Haram" all end at the group noun."""
    node = token
    for _ in range(5):
        if node.dep_ in ("compound", "appos", "amod", "nmod", "poss", "flat", "conj") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ in ("including", "like", "as") and node.head.head.pos_ in ("NOUN", "PROPN"):
            node = node.head.head  # "factions including Kataeb Hezbollah"
        elif node.dep_ in ("oprd", "xcomp", "dobj", "attr", "ccomp") and node.head.lemma_.lower() in ("call", "know", "name", "dub") \
                and node.head.dep_ in ("acl", "relcl") and node.head.i != node.i:
            node = node.head.head  # "a group calling itself Guardians of Blood"
        elif node.dep_ == "pobj" and node.head.lower_ in ("of", "from") and node.head.head.pos_ in ("NOUN", "PROPN", "NUM") \
                and node.head.head.lemma_.lower() not in _TRIGGER_NOUNS:
            node = node.head.head
        elif node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lemma_.lower() in ("belong", "loyal"):
            verb = node.head.head
            node = verb.head if verb.dep_ in ("acl", "amod") else verb
        else:
            break
    return node


def _hedged(node: Any) -> bool:
    """"believed to", "suspected of", "allegedly": a hedge governs this clause."""
    for a in [node, *list(node.ancestors)[:6]]:
        if a.lemma_.lower() in SUSPECT:
            return True
        if any(c.dep_ in ("advmod", "aux") and c.lemma_.lower() in SUSPECT for c in a.children):
            return True
    return False


def _attribution(token: Any, sent: Any, text: str, known: bool = True) -> tuple[Optional[str], Optional[str], int]:
    """(attribution, attributed_by, strength) of an actor whose mention's head is ``token``;
    ``known`` when the knowledge base names it (an unknown name before "bombing" is more
    often the place: "the Allenby Street bus bombing")."""
    if any(a.lemma_.lower() in AFFILIATE for a in list(token.ancestors)[:4]):
        return None, None, 0  # "a group with links to Iran": a sponsor, not the attacker
    if known and token.dep_ in ("compound", "poss", "nmod", "amod") and token.head.lemma_.lower() in _TRIGGER_NOUNS | _ARMS:
        return "reported", None, 2  # "an al-Shabaab attack", "an Islamic State drone"
    node = _phrase_head(token)
    verb = node.head
    vlemma = verb.lemma_.lower()
    dep = node.dep_
    by_agent = dep == "pobj" and verb.lower_ == "by"
    if by_agent:
        verb = verb.head
        vlemma = verb.lemma_.lower()
        if verb.pos_ in ("NOUN", "PROPN") and vlemma not in _TRIGGER_NOUNS and verb.head.lemma_.lower() in _TRIGGER_NOUNS:
            verb, vlemma = verb.head, verb.head.lemma_.lower()  # "attack of a base by Taliban insurgents"
    if dep == "pobj" and verb.lower_ == "with" and verb.head.lemma_.lower() in _FIGHTS:
        return "reported", None, 2  # "in a clash with the Taliban": the other side of a battle
    if dep == "pobj" and verb.lower_ == "to" and verb.head.lemma_.lower() in ("attribute", "blame", "link", "tie"):
        if verb.head.lemma_.lower() in ("attribute", "blame"):
            return "suspected", None, 2  # "an attack attributed to Boko Haram"
    if dep in ("nsubj", "nsubjpass") or by_agent:
        if vlemma in CLAIM and "deny" not in {c.lemma_.lower() for c in verb.children}:
            return "claimed", None, 3
        if dep == "nsubjpass":
            if vlemma in SUSPECT | ACCUSE:
                return "suspected" if vlemma in SUSPECT else "accused", None, 3  # "X is suspected of"
            return None, None, 0  # "Mark Lippert was injured": the one hit, not the attacker
        if dep == "nsubj" and vlemma in SPEAKER_VERBS:
            return None, None, 0  # "US forces believe ...": a source, not a perpetrator
        acts = vlemma in AGENT_VERBS or vlemma in _TRIGGER_NOUNS or any(
            c.dep_ in ("xcomp", "conj") and c.lemma_.lower() in AGENT_VERBS for c in verb.children)
        if acts:
            if _hedged(verb):
                return "suspected", _speaker(verb, {"believe", "suspect", "think", "say"}, text), 3
            return "reported", None, 3
    if dep == "dobj" and vlemma in ACCUSE:
        return "accused", _speaker(node, ACCUSE, text), 3
    if dep == "pobj" and verb.lower_ == "on" and verb.head.lemma_.lower() in ACCUSE:
        return "accused", _speaker(node, ACCUSE, text), 3  # "blamed the attack on X"
    if dep == "pobj" and verb.lower_ == "for" and "front" in {t.lemma_.lower() for t in sent}:
        return "suspected", _speaker(node, {"believe", "suspect", "think", "say"}, text), 3
    if dep in ("compound", "poss", "nmod") and vlemma in _TRIGGER_NOUNS:
        return "reported", None, 2  # "an ETA bombing", "the FLQ's kidnapping"
    if dep == "pobj" and verb.lower_ == "by" and verb.head.lemma_.lower() in _TRIGGER_NOUNS:
        return "reported", None, 2  # "an attack by the Kosovo Liberation Army"
    if node.i != token.i and node.lemma_.lower() in MEMBER_NOUNS | _perp_nouns() and node.dep_ in ("ROOT", "nsubj", "appos"):
        return "reported", None, 2  # "four gunmen from the UVF ..." when the parse loses the verb
    if _hedged(node) and node.dep_ in ("attr", "oprd", "pobj", "dobj", "xcomp"):
        return "suspected", _speaker(node, {"believe", "suspect", "think", "say"}, text), 2
    return None, None, 0


_TRIGGER_NOUNS = {
    "attack", "bombing", "kidnapping", "murder", "assassination", "massacre", "ambush", "raid",
    "shooting", "hijacking", "bomb", "offensive", "operation", "car-bomb", "strike", "assault",
    "detonation", "explosion", "blast", "rocket", "shelling", "airstrike", "abduction", "killing",
}
_FIGHTS = {"clash", "battle", "combat", "fighting", "firefight", "gunfight", "gunbattle", "skirmish", "encounter", "fight", "shootout"}
_ARMS = {"drone", "rocket", "missile", "mortar", "bomb", "car-bomb", "grenade", "ied", "gunman", "gunmen", "sniper", "fighter", "militant", "insurgent", "rebel"}


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
    found += _named_entities(sent, index, text, taken)
    found += _unnamed(sent, index, text, taken)
    return found


def _acronyms(sent: Any) -> list[Any]:
    """Upper-case names the tagger missed or mislabelled ("the leftist RPLP-F group"), as ORG spans."""
    from spacy.tokens import Span as SpacySpan

    found = []
    tokens = list(sent)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.is_upper and len(t.text) >= 2 and t.is_alpha:
            j = i
            while j + 2 < len(tokens) and tokens[j + 1].text == "-" and (tokens[j + 2].is_upper or tokens[j + 2].like_num):
                j += 2
            if not t.ent_type_ or t.ent_type_ not in ("ORG", "PERSON", "GPE", "LOC", "NORP"):
                found.append(SpacySpan(sent.doc, t.i, tokens[j].i + 1, label="ORG"))
            i = j + 1
        else:
            i += 1
    return found


def _named_entities(sent: Any, index: int, text: str, taken: list[Span]) -> list[ActorMention]:
    """Organizations and people the knowledge base does not know, from spaCy's entities,
    kept only where the parse gives them a role (mixed-case text: the tagger needs case)."""
    found: list[ActorMention] = []
    if sent.doc.user_data.get("upper_case"):
        return found
    for ent in [*sent.ents, *_acronyms(sent)]:
        if ent.label_ not in ("ORG", "PERSON", "NORP"):
            continue
        span = (ent.start_char, ent.end_char)
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        head = ent.root
        attribution, by, strength = _attribution(head, sent, text, known=False)
        name = text[span[0] : span[1]].strip(" '\"‘’“”,")
        if name.lower().startswith("the "):
            name, span = name[4:], (span[0] + 4, span[1])
        if attribution is not None and strength >= 2 and ent.label_ != "NORP":
            entity = "organization" if ent.label_ == "ORG" else "individual"
            actor = Actor("perpetrator", name, entity, (), attribution, by, span)
        elif ent.label_ == "PERSON" and _is_object_of_harm(head):
            actor = Actor("victim", name, "individual", (), None, None, span)
        else:
            continue
        taken.append(span)
        found.append(ActorMention(actor, index, strength or 2))
    return found


def _is_object_of_harm(token: Any) -> bool:
    """The one struck: object of an attack ("killed X"), not the foe in a fight ("fighting ISIS")."""
    node = token
    for _ in range(3):
        if node.dep_ in ("dobj", "nsubjpass", "pobj") and node.head.lemma_.lower() in AGENT_VERBS - _FIGHTS:
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
        if person is not None:
            entity = "organization" if person.entity == "organization" else "individual"
        else:
            entity = thing.entity if thing.entity in ("facility", "object") else "facility"
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
