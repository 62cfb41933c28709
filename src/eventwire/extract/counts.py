"""Casualty counts: who was killed, wounded or kidnapped, how many, and on which side.

Per sentence, each harm word ("killed", "wounded", "dead", "died", "kidnapped") is tied to
the noun phrase of the people it hit through the dependency parse; the phrase's number
becomes a conservative range. Across the sentences of one incident, ``reconcile`` adds up
separate groups and never double counts a restatement or a breakdown ("nine wounded,
including eight contractors and one soldier" is nine).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from ..records import Casualty, Count, Span
from .numbers import WORD_PATTERN, find_quantities, noun_count
from .phrases import name_of, phrase_tokens

EFFECTS = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "slay": "killed",
    "murder": "killed", "assassinate": "killed", "execute": "killed", "behead": "killed",
    "massacre": "killed", "lynch": "killed", "fatality": "killed", "body": "killed",
    "crucify": "killed", "slaughter": "killed", "perish": "killed", "killing": "killed",
    "wound": "injured", "injure": "injured", "injury": "injured", "hurt": "injured",
    "maim": "injured", "injured": "injured", "wounded": "injured",
    "kidnap": "kidnapped", "abduct": "kidnapped", "hostage": "kidnapped",
}
_PERPETRATOR_HEADS = {
    "attacker", "assailant", "gunman", "gunmen", "bomber", "militant", "terrorist", "guerrilla",
    "guerillas", "rebel", "insurgent", "subversive", "extremist", "jihadist",
    "perpetrator", "suspect", "shooter", "hijacker", "kidnapper", "raider",
    "himself", "themselves",
}
_ADDITIVE = {"another", "more", "additional", "further"}
"""Words that put a group on top of the others. "others" is not one: "killed a girl and
injured 20 others" is other than the girl, not other than an earlier total."""
_NONE = {"no", "none", "nobody", "noone", "no one", "nothing"}


@dataclass(frozen=True)
class CountMention:
    """One group hit in one sentence, before incidents are reconciled."""

    effect: str
    count: Count
    who: Optional[str]
    side: str
    span: Span
    sentence_index: int
    vague: bool
    additive: bool
    head: str  # lemma of the group's head noun, for spotting restatements
    includes: tuple[Casualty, ...] = ()
    hit: bool = False  # only "stabbed"/"slashed" says they were hurt: any plainer word wins
    harm: int = -1  # offset of the harm word when "and" joins this group to another under it


def _effect(token: Any) -> Optional[str]:
    lemma = token.lemma_.lower()
    low = token.lower_
    if token.pos_ == "VERB" and _fatally(token):
        return "killed"
    if lemma == "toll":
        # "the death toll stood at 21"; a toll of casualties or injuries is no count of the dead
        kinds = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
        return "killed" if kinds <= {"death", "final", "official", "overall", "total"} else None
    if low in ("injured", "wounded") or low in _MISSPELT:
        return "injured"
    if low in ("dead", "killed"):
        return "killed"
    if token.pos_ == "VERB" and (_to_death(token) or _fatally(token)):
        return "killed"  # "shot dead", "burned to death", "fatally shot", "buried alive"
    if low in ("wound", "wounds") and token.pos_ == "VERB":
        return "injured"  # "kill a police officer and wound nine": the tagger reads "wind"
    if lemma in _HIT and token.pos_ == "VERB":
        return "injured"  # "stabbed three people": hurt, unless the sentence says they died
    if _hospital(token):
        return "injured"  # "sending another 29 to hospital"
    return EFFECTS.get(lemma)


def _to_death(token: Any) -> bool:
    """"shot dead", "stabbed to death", "burned to death by a mob" — the verb's own result,
    not a death further on in the sentence ("stabbed two people and was shot dead")."""
    doc = token.doc
    near = [t.lower_ for t in doc[token.i + 1 : min(token.i + 4, token.sent.end)]]
    shot = token.lemma_.lower() in _SHOT
    if (near[:1] == ["dead"] and shot) or near[:2] == ["to", "death"]:
        return True
    if shot and any(c.lower_ == "dead" and c.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "dobj") for c in token.children):
        return True  # "shot two policemen dead"
    return any(g.lower_ == "death" for c in token.children if c.lower_ == "to" for g in c.children)


_ALIVE = {"burn", "bury"}


def _fatally(token: Any) -> bool:
    """"fatally shot", "mortally wounded", "burned eight people alive", "gunned down"."""
    if any(c.lower_ in ("fatally", "mortally") for c in token.children):
        return True
    if token.lemma_.lower() in _ALIVE and any(t.lower_ == "alive" for t in token.doc[token.i + 1 : min(token.i + 6, token.sent.end)]):
        return True
    return token.lemma_.lower() in ("gun", "mow") and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children)


def _group_heads(token: Any) -> list[Any]:
    """The heads of the noun phrases a harm word applies to."""
    heads: list[Any] = []
    lemma = token.lemma_.lower()
    own = _bare_number(token)
    if own is not None:
        return [own]  # its own group, never widened to the conjuncts the parse gave it
    if _shot_dead(token):
        pass  # "shoot dead seven": the verb names the victims, not "dead"'s subject
    elif token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        for c in token.children:
            if passive and c.dep_ == "nsubjpass":
                heads.append(c)
            elif not passive and c.dep_ == "dobj":
                heads.append(c)
            elif lemma == "die" and c.dep_ == "nsubj":
                heads.append(c)
            elif (token.tag_ == "VBN" or token.lower_ in _BARE_HARM) and c.dep_ == "nsubj" \
                    and not any(x.dep_ == "dobj" for x in token.children) \
                    and (c.like_num or any(x.dep_ == "nummod" for x in c.children)) and not _perpetrator_like(c):
                heads.append(c)  # headline style: "Three killed and 106 wounded"
        if not heads and token.dep_ == "conj" and not passive and token.tag_ == "VBN":
            # "7 policemen were killed and another 15 injured": the gapped verb's own number
            heads += [c for c in token.children if c.dep_ in ("nummod", "npadvmod", "dobj", "nsubj") and (c.like_num or c.pos_ == "NOUN")]
        if not heads and token.dep_ == "conj" and not passive:
            # "killing two people and wounding twenty-nine", the number misparsed: still its own
            heads += [c for c in token.children if c.dep_ in ("npadvmod", "nummod", "attr") and c.like_num and c.i > token.i]
        if not heads:
            # "wounding up to 200 people": the parse reads "up to" as a preposition
            heads += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "of")
                      for g in c.children if g.dep_ == "pobj" and any(x.dep_ == "nummod" for x in g.children)]
        if not heads and passive and token.dep_ == "conj" and _turned_on(token):
            # "a settler stabbed two farmers and was shot dead": the attacker died, not his victims
            heads += [c for c in token.head.children if c.dep_ == "nsubj" and c.lower_ not in ("who", "that")]
        if not heads and token.dep_ == "conj" and token.head.pos_ == "VERB":
            # "villagers are kidnapped and murdered": the second verb shares the first one's group
            shared = "nsubjpass" if any(c.dep_ == "nsubjpass" for c in token.head.children) else "dobj"
            # not a pronoun: "the teen who shot himself and died" is one death, not two
            heads += [c for c in token.head.children if c.dep_ == shared and c.pos_ != "PRON"]
        if not heads and passive and token.dep_ == "conj":
            # "X, the appointed president, is killed": the subject sits on the first verb.
            heads += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "NUM")]
        if not heads and token.dep_ in ("acl", "relcl") and (token.head.pos_ in ("NOUN", "PROPN", "NUM")
                                                                or token.head.lower_ in ("other", "others", "another")):
            heads.append(token.head)  # "the people killed in the attack"
        if not heads and token.lower_ in ("wounded", "injured", "killed") and token.dep_ in ("amod", "acomp") \
                and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
            heads.append(token.head)
        if not heads and (token.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or (token.dep_ == "advcl" and _leaves(token.head))):
            wanted = ("dobj",) if _leaves(token.head) else ("nsubj", "nsubjpass")
            heads += [c for c in token.head.children if c.dep_ in wanted and c.i < token.i]  # "leaving 60 others injured"
            if token.dep_ == "advcl" and heads:
                # "left one dead and at least eight others wounded": the group nearest the participle
                between = [t for t in token.doc[max(h.i for h in heads) + 1 : token.i]
                           if t.pos_ in ("NOUN", "NUM") and (t.like_num or any(x.dep_ == "nummod" for x in t.children))
                           and t.dep_ != "nummod"]
                heads = between[-1:] or heads
        # "killed along with his driver and three bodyguards": more victims, added.
        if heads:
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "with" and any(x.lower_ in ("along", "together") for x in token.children):
                    heads += [g for g in c.children if g.dep_ == "pobj"]
    elif token.pos_ == "ADJ" or token.lower_ in ("dead", "injured", "wounded"):
        if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
            heads.append(token.head)
        own = [c for c in token.children if c.dep_ in ("nummod", "npadvmod", "nsubj", "nsubjpass")]
        if own:
            heads += own  # "... and another 15 injured": its own number, not the killed group's
        elif token.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp", "conj"):
            wanted = ("dobj",) if _leaves(token.head) else ("nsubj", "nsubjpass")
            heads += [c for c in token.head.children if c.dep_ in wanted and c.i < token.i]
        if not heads and token.i > 0 and token.doc[token.i - 1].like_num:
            heads.append(token.doc[token.i - 1])  # "five dead", "12 injured"
    elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound" and not _time_anchor(token):
        counted = any(c.dep_ == "nummod" and c.i < token.i for c in token.children)
        if lemma == "wound":
            if token.dep_ == "dobj" and token.head.lemma_.lower() in _SUFFER:
                heads += _sufferers(token.head)
            elif counted:
                heads.append(token)  # "three sustained bullet wounds", parsed as one noun phrase
        elif lemma == "toll":
            heads += _toll_number(token)
        elif lemma in ("death", "fatality", "body", "injury", "killing", "massacre", "murder", "slaughter"):
            whose = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if lemma == "injury":
                # "injuries to 15 others" — not "injuries to his head"
                near = list(token.children) + [c for c in token.head.children if token.dep_ == "conj" and c.i > token.i]
                whose += [g for c in near if c.lower_ == "to" for g in c.children
                          if g.dep_ == "pobj" and (g.like_num or any(x.dep_ == "nummod" for x in g.children))]
            # "the deaths of US service members", "8 military deaths" — not "shot to death"
            heads += whose or ([token] if counted else [])
            if not heads and token.dep_ == "dobj" and token.head.lemma_.lower() in _SUFFER:
                heads += _sufferers(token.head)  # "two others sustained serious injuries"
    if not heads and lemma in ("die", "kill", "wound", "injure") and token.pos_ == "VERB":
        heads += _number_before(token)
    heads = [h for h in heads if not _owned_by_later_harm(h, token)]
    heads = [_antecedent(h, token) for h in heads]
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        # "17 people, who were burned alive": the relative pronoun is the people named before it
        heads = [token.head if h.lower_ in ("who", "whom", "which", "that") else h for h in heads]
    another = _another_before(token)
    if another is not None:
        return [another]  # "... killed 20 people and another 29 were injured": the parse hangs 29 on "people"
    heads = [h for h in heads if h.lemma_.lower() not in _EVENT_NOUNS]  # "the bus bombing: six were killed"
    # "Nine die ... and seven are injured": the parse reads the verb "die" as a noun, the subject
    # of "injured"; it names no group of the injured, though what is joined to it may.
    heads = [c for h in heads for c in ((h,) if h.i == token.i or h.lower_ not in ("die", "dies") else h.conjuncts)]
    heads = [_collective(h) for h in heads]
    # Conjoined groups: "killed three soldiers and two civilians" — but not a group that
    # carries its own harm word ("10 people were killed and 41 others injured").
    for h in list(heads):
        if h.i == token.i:
            continue  # "60 deaths and part of the building": the harm noun's conjuncts are no victims
        heads += [c for c in h.conjuncts if c not in heads and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
                  and not _effect(c) and not any(_effect(x) for x in c.children)
                  and not _harm_between(h, c) and not _place_like(h, c) and not _owned_by_later_harm(c, token)]
    return heads


_EVENT_NOUNS = {
    "attack", "bombing", "explosion", "blast", "strike", "shooting", "incident", "raid", "assault",
    "ambush", "massacre", "violence", "clash", "fighting", "operation", "bomb", "attempt",
}
_TRIED = {"attempt", "try", "plan", "plot", "seek", "fail", "want", "aim", "threaten", "vow", "intend"}


def _attempted(token: Any) -> bool:
    """"an attempt to assassinate the minister": no one died of it."""
    head = token.head
    return token.dep_ in ("xcomp", "acl", "advcl") and head.lemma_.lower() in _TRIED


_COLLECTIVE = {"group", "total", "number", "team", "band", "busload", "family", "crowd"}


def _collective(head: Any) -> Any:
    """"a group of 17 recruits", "a total of eight people": the people, not the group."""
    if head.lemma_.lower() in _COLLECTIVE:
        for c in head.children:
            if c.lower_ == "of":
                inner = [g for g in c.children if g.dep_ == "pobj"]
                if inner and (inner[0].like_num or any(x.dep_ == "nummod" for x in inner[0].children)):
                    return inner[0]
    return head


_MISSPELT = {"injuried", "injurie", "injuired", "wounderd", "wunded"}
"""Misspellings of "injured"/"wounded" met in hand-written incident lists."""
_HIT = {"stab", "knife", "slash"}
"""Verbs that hurt whom they hit: their group counts as injured when no death is told of it."""
_CARRY = {"send", "take", "rush", "transport", "admit", "evacuate", "carry", "bring", "airlift", "fly"}


def _hospital(token: Any) -> bool:
    """"sending 42 to the hospital", "12 were hospitalized": people carried to hospital after
    an attack were hurt in it (counted only where a number says how many, see find_counts)."""
    if token.pos_ != "VERB":
        return False
    if token.lemma_.lower() in ("hospitalize", "hospitalise") or token.lower_.startswith("hospitali"):
        return True
    return token.lemma_.lower() in _CARRY and any(
        g.lemma_.lower() in ("hospital", "clinic") for c in token.children if c.dep_ in ("prep", "dative")
        for g in c.children if g.dep_ == "pobj")


_SUFFER = {"sustain", "suffer", "receive", "incur", "nurse"}
_BARE_HARM = {"dead", "killed", "wounded", "injured", "hurt"}
_SHOT = {"shoot", "stab", "beat", "hack", "gun", "club", "burn", "stone"}
_VIOLENT = _SHOT | {"attack", "ram", "kill", "wound", "injure", "assault", "fire", "open", "bomb",
                    "detonate", "ambush", "storm", "raid", "behead", "murder", "kidnap", "abduct"}


def _bare_number(token: Any) -> Optional[Any]:
    """"twenty people dead and 45 wounded", "7 dead 5 injured": a number just before a bare
    participle is that participle's own group, whatever the parse joined it to."""
    if token.lower_ not in _BARE_HARM or token.i == token.sent.start:
        return None
    prev = token.doc[token.i - 1]
    after = token.doc[token.i + 1] if token.i + 1 < token.sent.end else None
    counted_object = any(c.dep_ == "dobj" and (c.like_num or any(x.dep_ == "nummod" for x in c.children)) for c in token.children)
    if counted_object or (after is not None and (after.like_num or after.lower_ == "another")):
        return None  # "killing 27 wounded another 96 people": an active verb with its own object
    if not prev.like_num or (prev.dep_ == "nummod" and prev.head.i > token.i):
        return None
    if prev.i > token.sent.start and token.doc[prev.i - 1].lower_ in ("of", "in", "on", "from"):
        return None  # "in 2004 wounded", "of 12 killed": not a group of its own
    return prev


def _shot_dead(token: Any) -> bool:
    """"dead" as the result of "shot"/"stabbed"/"beaten": the verb carries the group."""
    return token.lower_ == "dead" and token.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp") \
        and token.head.lemma_.lower() in _SHOT


def _turned_on(token: Any) -> bool:
    """"X stabbed two people and was shot dead": a passive harm verb joined to an active
    violent verb befalls that verb's subject, the attacker."""
    head = token.head
    return head.pos_ == "VERB" and head.lemma_.lower() in _VIOLENT \
        and not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) \
        and any(c.dep_ == "nsubj" for c in head.children)


def _owned_by_later_harm(head: Any, token: Any) -> bool:
    """"shoot dead nine and another four were injured": a group followed by its own harm word
    ("four were injured") belongs to that word, though the parse hung it on the first verb."""
    if head.i < token.i:
        return False
    for t in head.doc[head.i + 1 : min(head.i + 5, head.sent.end)]:
        if t.i != token.i and _effect(t) and t.lower_ in _BARE_HARM | {"died"}:
            return True
        if t.pos_ not in ("AUX", "ADV", "PART") and t.lower_ not in ("left", "others", "other", "people"):
            return False
    return False


def _place_like(head: Any, conjunct: Any) -> bool:
    """"killed in Afghanistan and two other soldiers wounded": the parse joins the group to the
    place before it; a place named after a preposition is never a group of victims."""
    return (conjunct.dep_ == "pobj" and conjunct.pos_ == "PROPN" and head.dep_ != "pobj") \
        or conjunct.ent_type_ in ("GPE", "LOC", "FAC")


def _leaves(verb: Any) -> bool:
    """"left 60 injured", "found five dead": the object is the group — unless the verb is
    passive ("students were reported killed": the subject is)."""
    return verb.lemma_.lower() in ("leave", "find", "report") and not any(c.dep_ == "nsubjpass" for c in verb.children)


def _antecedent(head: Any, token: Any) -> Any:
    """"abducted seven farmers and killed them": "them" is the first verb's object."""
    if head.lower_ != "them" or token.dep_ != "conj":
        return head
    first = [c for c in token.head.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM")]
    return first[0] if first else head


def _time_anchor(token: Any) -> bool:
    """"since the killing of Osama bin Laden", "after the massacre of 1982": a past event that
    dates this one, not its toll."""
    return token.dep_ == "pobj" and token.head.lower_ in ("since", "after", "before", "following", "until")


def _toll_number(token: Any) -> list[Any]:
    """"the death toll stood at 21", "bringing the death toll to 73", "a death toll of 12",
    "the death toll is 30": the number the toll reaches."""
    places = [token]
    if token.dep_ in ("nsubj", "dobj", "nsubjpass"):
        places.append(token.head)
    places += [c for p in list(places) for c in p.children if c.lower_ == "up"]  # "up to seventy-three"
    found = [g for p in places for c in p.children if c.dep_ in ("prep", "dative") and c.lower_ in ("at", "to", "of")
             for g in c.children if g.dep_ == "pobj" and (g.like_num or any(x.dep_ == "nummod" for x in g.children))]
    if not found and token.dep_ == "nsubj":
        found = [c for c in token.head.children if c.dep_ in ("attr", "dobj") and c.like_num]
    return found[:1]


def _harm_between(a: Any, b: Any) -> bool:
    """"kills three and wounds at least eleven": a harm word between two groups splits them."""
    lo, hi = sorted((a.i, b.i))
    return any(_effect(t) for t in a.doc[lo + 1 : hi])


def _starts_new_group(token: Any) -> bool:
    return token.lower_ == "others" or any(c.dep_ == "det" and c.lower_ in ("another", "other") for c in token.children)


def _another_before(token: Any) -> Optional[Any]:
    """"another 29 were injured": the group just before a passive harm verb that opens with
    "another"/"others", whatever the parse attached it to."""
    if not any(c.dep_ == "auxpass" for c in token.children):
        return None
    for t in reversed(token.doc[max(token.sent.start, token.i - 4) : token.i]):
        if t.pos_ in ("NUM", "NOUN") and _starts_new_group(t):
            return t
    return None


def _number_before(token: Any) -> list[Any]:
    """A counted noun just before the harm verb when the parse lost the subject ("6 policemen ... die")."""
    for t in reversed(token.doc[token.sent.start : token.i]):
        if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" for c in t.children):
            return [t] if token.i - t.i <= 6 else []
        if t.pos_ == "VERB" or _effect(t):
            return []  # "killing 68 people and wounding 200": never borrow the other verb's group
    return []


def _perpetrator_like(token: Any) -> bool:
    return token.lemma_.lower() in _PERPETRATOR_HEADS or token.lower_ in _PERPETRATOR_HEADS


def _count_of(head: Any, text: str) -> tuple[Count, bool, bool]:
    """(count, vague, additive) of the group headed by ``head``."""
    doc = head.doc
    left, right = phrase_tokens(head, trim=False, appos=True)
    while left >= 2 and doc[left - 1].text == "-" and doc[left - 2].like_num:
        left -= 2  # "twenty-seven" split by the tokenizer
    words = {t.lower_ for t in doc[left : right + 1]}
    additive = bool(words & _ADDITIVE)
    if words & _NONE or head.lower_ in _NONE:
        return Count(0, 0), False, additive
    start = doc[left].idx
    last = head.i
    while last + 2 < len(doc) and doc[last + 1].text == "-" and doc[last + 2].like_num:
        last += 2  # "twenty-nine" split by the tokenizer, the parse heading it on "twenty"
    end = doc[last].idx + len(doc[last].text)
    found = [q for q in find_quantities(text[start:end], start)]
    # Numbers inside the noun itself ("107mm") are not counts of people.
    found = [q for q in found if not q.text.lower().endswith("mm")]
    if found:
        # The number nearest the noun counts ("an additional 55 others" is 55, not "an").
        exact = [q for q in found if q.text.lower() not in ("a", "an")]
        q = (exact or found)[-1]
        return q.count, q.vague, additive
    own = noun_count(head.lower_)
    if own is not None:
        return own, False, additive  # "their parents were injured": two
    if head.tag_ in ("NNS", "NNPS") or head.lower_ in ("people", "persons"):
        return Count(3, None), True, additive
    if head.lower_ in ("they", "them", "themselves"):
        return Count(2, None), True, additive  # "the woman and her child ... where they died"
    return Count(1, 1), False, additive


def _who(head: Any, text: str) -> tuple[Optional[str], Span]:
    return name_of(head, text)


_SECURITY = {"police", "policeman", "policemen", "troop", "soldier", "army", "force", "officer", "guard",
             "security", "military", "commando", "marine", "sniper"}
"""Agents whose victims among armed groups are the attackers themselves ("killed by the police")."""
_ROLE_HEADS = {"attacker", "assailant", "gunman", "gunmen", "bomber", "perpetrator", "shooter",
               "hijacker", "kidnapper", "raider", "himself", "themselves"}


def _armed_group_named(who: Optional[str]) -> bool:
    """"Taliban fighters" are the attackers' side; "pro-government fighters", "Peshmerga
    fighters" (a state force) are not: the actor knowledge base tells which group is named."""
    from ..knowledge import actors as actor_kb

    return bool(who) and any(m.entry.kind in ("armed_group", "militia") for m in actor_kb().find(who))


def _side(head: Any, who: Optional[str], place: Optional[Any] = None) -> str:
    """perpetrator for the attackers themselves; a group noun ("militants") that someone else
    killed ("troops killed 15 militants") is the victim of that act."""
    words = {head.lemma_.lower(), head.lower_} | set((who or "").lower().split())
    if words & _ROLE_HEADS:
        return "perpetrator"
    if words & _PERPETRATOR_HEADS or (head.lemma_.lower() == "fighter" and _armed_group_named(who)):
        place = place if place is not None else head  # "executed five of its militants": where the number stands
        agents = [g for c in place.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        named = {x.lemma_.lower() for g in agents for x in (g, *g.children) if x is g or x.dep_ in ("compound", "amod")}
        if place.dep_ == "nsubjpass" and agents and not named & _SECURITY:
            return "victim"  # "rebels were killed by a suicide bomber": its victims; "by the police": the attackers
        return "victim" if place.dep_ == "dobj" else "perpetrator"  # "a drone strike killed 7 militants"
    return "victim"


def _breakdown(head: Any, effect: str, text: str) -> tuple[Casualty, ...]:
    """Groups named after "including"/"among them": a breakdown that restates the total."""
    parts: list[Casualty] = []
    for node in (head, head.head):
        for prep in node.children:
            if prep.lower_ in ("including", "among") and prep.dep_ in ("prep", "advcl", "acl"):
                for obj in prep.children:
                    if obj.dep_ in ("pobj", "dobj"):
                        for part in [obj, *obj.conjuncts]:
                            count, _, _ = _count_of(part, text)
                            who, span = _who(part, text)
                            parts.append(Casualty(effect, count, who, _side(part, who), span))
    return tuple(parts)


def _inside_breakdown(head: Any, harm: Any) -> bool:
    """True when ``head`` hangs under "including"/"among" below the harm word itself."""
    node = head
    while node.head.i != node.i and node.i != harm.i:
        node = node.head
        if node.i == harm.i:
            return False
        if node.lower_ in ("including", "among"):
            return True
    return False


def find_counts(sent: Any, index: int, text: str) -> list[CountMention]:
    """Every casualty group named in one spaCy sentence."""
    found: list[CountMention] = []
    hit: list[CountMention] = []  # groups of "stabbed"/"slashed": injured unless told otherwise
    carried: list[CountMention] = []  # groups sent to hospital: injured unless told otherwise
    seen: set[tuple[str, int]] = set()
    for token in sent:
        effect = _effect(token)
        if effect is None or _attempted(token):
            continue
        # Do not read the parts of a breakdown as groups of their own.
        group: list[CountMention] = []
        carrying = effect == "injured" and _hospital(token)
        heads = _group_heads(token)
        for head in heads:
            if _inside_breakdown(head, token):
                continue
            if carrying and not (head.pos_ in ("NOUN", "NUM") and (head.like_num or any(c.dep_ == "nummod" for c in head.children))):
                continue  # "the victim was taken to hospital": no count of the injured
            key = (effect, head.i)
            if key in seen:
                continue
            seen.add(key)
            count, vague, additive = _count_of(head, text)
            additive = additive or _also(token)
            who, span = _who(head, text)
            whole = _partitive(head)
            side = "perpetrator" if _attacker_hit(head, token) else \
                _side(whole or head, _who(whole, text)[0] if whole is not None else who, head)
            if _elliptic(head, token):
                # "Ten militants were killed, and 13 sustained injuries": the 13 are militants too
                who = None
                earlier = [m for m in found + group if m.span[0] < span[0]]
                side = earlier[-1].side if earlier else side
            group.append(
                CountMention(
                    effect=effect, count=count, who=who, side=side, span=span,
                    sentence_index=index, vague=vague, additive=additive,
                    head=head.lemma_.lower(), includes=_breakdown(head, effect, text), harm=token.idx if _coordinated(head, heads) else -1,
                )
            )
        if carrying:
            group = [m for m in group if not m.vague]
            carried += group
        elif effect == "injured" and token.lemma_.lower() in _HIT:
            hit += group
        if token.lemma_.lower() == "toll" and group:
            # the toll is the sentence's total: it restates the groups named beside it
            found = [m for m in found if m.effect != "killed"]
            seen |= {("killed", i) for i in range(sent.start, sent.end)}
        found += _fold_apposed_breakdown(group)
    return _drop_hit_told_elsewhere(_drop_carried_told_elsewhere(found, carried), hit)


def _sufferers(verb: Any) -> list[Any]:
    """The subject of "sustained injuries"; "three children who sustained minor injuries": the children."""
    found = []
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.lower_ in ("who", "that"):
                if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
                    found.append(verb.head)
            else:
                found.append(c)
    return found


def _coordinated(head: Any, heads: list[Any]) -> bool:
    """"killing a doorman and a visitor": common nouns joined by "and" under one harm word are
    distinct people, never a restatement (an apposition or a misparse without "and" may be)."""
    if not head.is_alpha:
        return False
    for other in heads:
        if other is head or not other.is_alpha or other not in head.conjuncts:
            continue
        lo, hi = sorted((head.i, other.i))
        if any(t.lower_ in ("and", "&") for t in head.doc[lo + 1 : hi]):
            return True
    return False


def _partitive(head: Any) -> Optional[Any]:
    """"three of the four attackers": the group the number is part of, which tells its side."""
    if not head.like_num:
        return None
    inner = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return inner[0] if inner and inner[0].pos_ in ("NOUN", "PROPN") else None


def _elliptic(head: Any, token: Any) -> bool:
    """A group without a noun of its own: a bare number ("and 13 wounded") or the harm noun
    itself ("13 sustained injuries")."""
    return head.i == token.i or (head.like_num and head.dep_ != "nummod" and head.pos_ == "NUM")


def _drop_carried_told_elsewhere(found: list[CountMention], carried: list[CountMention]) -> list[CountMention]:
    """"killing four and sending 42 to hospital": the 42 are the injured — unless the sentence
    counts its injured itself or the same group died ("taken to hospital, where he died")."""
    if not carried:
        return found
    rest = [m for m in found if m not in carried]
    told = any(m.effect == "injured" for m in rest)
    dead = {m.span for m in rest if m.effect == "killed"}
    return [m if m not in carried else dataclasses.replace(m, hit=True) for m in found
            if m not in carried or (not told and m.span not in dead)]


def _drop_hit_told_elsewhere(found: list[CountMention], hit: list[CountMention]) -> list[CountMention]:
    """"shot and killed two officers", "stabbed a man, wounding him": a hit verb's group is
    injured only when no other harm word of the sentence tells what became of anyone."""
    if not hit:
        return found
    told = any(m.effect in ("killed", "injured") for m in found if m not in hit)
    return [m if m not in hit else dataclasses.replace(m, hit=True) for m in found if m not in hit or not told]


def _attacker_hit(head: Any, token: Any) -> bool:
    """The subject of an attack who was then killed or wounded (``_turned_on``)."""
    return head.dep_ == "nsubj" and token.dep_ == "conj" and head.head.i == token.head.i \
        and any(c.dep_ == "auxpass" for c in token.children) and _turned_on(token)


def _also(token: Any) -> bool:
    """"were also killed", "Additionally, three ... were killed": a group on top of the others."""
    if any(c.lower_ in ("also", "additionally") for c in token.children):
        return True
    first = token.sent[0].lower_
    return first in ("additionally", "also") or token.sent.text.lower().startswith("in addition")


def _fold_apposed_breakdown(group: list[CountMention]) -> list[CountMention]:
    """"three people, one soldier and two civilians were injured": the first group is a total
    that the rest restate when their counts add up to it."""
    if len(group) < 3:
        return group
    first, rest = group[0], group[1:]
    total = _sum(m.count for m in rest)
    if first.count.min is not None and total.min == first.count.min:
        parts = tuple(Casualty(m.effect, m.count, m.who, m.side, m.span) for m in rest)
        return [CountMention(first.effect, first.count, first.who, first.side, first.span, first.sentence_index,
                             first.vague, first.additive, first.head, first.includes + parts)]
    return group


_LEAD = r"(?:at least |more than |nearly |about |some |up to |over )?"
_HARM_AFTER = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|wounding|wounded|wounds|injuring|injured|injures|left"
    r"|(?:injuries|injury|wounds)\s+(?:to|of|on))\s+"
    r"(?P<q>%s(?:\d[\d,]*|%s)(?:[\s-]+(?:%s))*)\b"
    r"(?P<rest>\s+(?:other |more )?(?:people|persons|civilians|others|dead|injured|wounded)?)?"
    % (_LEAD, WORD_PATTERN, WORD_PATTERN),
    re.IGNORECASE,
)
_HARM_BEFORE = re.compile(
    r"\b(?P<q>%s(?:\d[\d,]*|%s))\s+"
    r"(?:[a-z]+\s+){0,4}?(?:were\s+|was\s+|are\s+|have\s+been\s+|had\s+been\s+|has\s+been\s+)?(?:left\s+)?"
    r"(?P<verb>killed|dead|died|die|wounded|injured|hurt|injuried|injurie|injuired|wunded|(?:lost|sacrificed|gave)\s+(?:their|his|her)\s+li(?:fe|ves)"
    r"|(?:sustained|suffered|received)\s+(?:[a-z]+\s+){0,2}?(?:injuries|injury|wounds))\b"
    % (_LEAD, WORD_PATTERN),
    re.IGNORECASE,
)


def pattern_counts(sent: Any, index: int, text: str, have: set[str]) -> list[CountMention]:
    """Counts the parse missed, read off the words ("kills 7 people ... and wounds 166"):
    only for effects the parse found nothing for in this sentence."""
    found: list[CountMention] = []
    chunk = text[sent.start_char : sent.end_char]
    for pattern in (_HARM_AFTER, _HARM_BEFORE):
        for m in pattern.finditer(chunk):
            verb = m.group("verb").lower()
            if verb == "left":
                rest = (m.groupdict().get("rest") or "").lower()
                effect = "killed" if "dead" in rest else "injured" if ("injured" in rest or "wounded" in rest) else None
            else:
                effect = "killed" if verb.startswith(("kill", "dead", "die", "lost", "gave")) \
                    or (verb.startswith("sacrificed") and "li" in verb) else "injured"
            if effect is None or effect in have:
                continue
            q = find_quantities(m.group("q"))
            if not q:
                continue
            if pattern is _HARM_BEFORE and re.match(r"\s*of\b", chunk[m.end("q") : m.start("verb")]):
                continue  # "five of the wounded died": part of a group, not a group of the wounded
            start = sent.start_char + m.start("q")
            # "all three suffered gunshot wounds" is said of the dead too: a weak reading (``hit``)
            suffered = verb.startswith(("sustained", "suffered", "received"))
            found.append(CountMention(effect, q[0].count, None, "victim", (start, start + len(m.group("q"))),
                                      index, q[0].vague, False, "people", hit=suffered))
            have = have | {effect}
    return found


def _same_group(a: CountMention, b: CountMention) -> bool:
    if a.count.min != b.count.min:
        return False
    if a.sentence_index == b.sentence_index and a.harm == b.harm >= 0:
        return False  # "killing a doorman and a visitor": one harm word, two groups
    generic = {"people", "person", "civilian", None}
    return a.head == b.head or a.head in generic or b.head in generic or a.sentence_index == b.sentence_index


def reconcile(mentions: Sequence[CountMention], effect: str) -> tuple[Optional[Count], list[Casualty]]:
    """The incident's total for one effect, and the groups it is made of: the attackers' own
    dead are a group apart from their victims and always add to them."""
    cands = [m for m in mentions if m.effect == effect]
    if effect == "injured":
        # "the three found dead ... all three suffered gunshot wounds": the same people
        dead = {m.count.min for m in mentions if m.effect == "killed" and not m.hit}
        cands = [m for m in cands if not (m.hit and m.count.min in dead and m.head not in ("other", "another"))]
    if not cands:
        return None, []
    sides = [[m for m in cands if m.side != "perpetrator"], [m for m in cands if m.side == "perpetrator"]]
    totals = [_reconcile_side(side) for side in sides if side]
    total = _sum(t for t, _ in totals)
    return total, [c for _, groups in totals for c in groups]


def _reconcile_side(cands: list[CountMention]) -> tuple[Count, list[Casualty]]:
    # "charged in the shooting death of another teen ... Darin Booker, 13, died": a group
    # told before any other has nothing to add to ("another" sets it apart from someone else)
    first = min((m.span[0] for m in cands if not m.additive), default=None)
    cands = [dataclasses.replace(m, additive=False) if m.additive and (first is None or m.span[0] < first) else m
             for m in cands]
    if any(not m.hit for m in cands):
        cands = [m for m in cands if not m.hit]  # "stabbed three people ... two were injured": 2
    if any(not m.vague for m in cands):
        cands = [m for m in cands if not m.vague]
    kept: list[CountMention] = []
    for m in cands:
        if any(_same_group(m, k) and not m.additive for k in kept):
            continue
        kept.append(m)
    additive = [m for m in kept if m.additive]
    base = [m for m in kept if not m.additive]
    by_sentence: dict[int, list[CountMention]] = {}
    for m in base:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    best: list[CountMention] = []
    best_total = Count(0, 0)
    for group in by_sentence.values():
        total = _sum(m.count for m in group)
        if (total.min or 0) > (best_total.min or 0) or not best:
            best, best_total = group, total
    chosen = best + additive
    total = _sum(m.count for m in chosen)
    casualties = [Casualty(m.effect, m.count, m.who, m.side, m.span, m.includes) for m in chosen]
    return total, casualties


def _sum(counts: Iterable[Count]) -> Count:
    total = Count(0, 0)
    for c in counts:
        total = total + c
    return total
