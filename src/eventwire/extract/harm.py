"""Harm words and the groups they name: "killed", "shot dead", "sent to hospital", "died of
his wounds", and which noun phrases of a parsed sentence each one applies to.

``counts.py`` turns each group into a ``CountMention`` and reconciles them per incident.
"""

from __future__ import annotations

from typing import Any, Optional

EFFECTS = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "slay": "killed",
    "murder": "killed", "assassinate": "killed", "execute": "killed", "behead": "killed",
    "massacre": "killed", "lynch": "killed", "fatality": "killed", "body": "killed",
    "crucify": "killed", "slaughter": "killed", "perish": "killed", "killing": "killed",
    "wound": "injured", "injure": "injured", "injury": "injured", "hurt": "injured",
    "maim": "injured", "injured": "injured", "wounded": "injured",
    "kidnap": "kidnapped", "abduct": "kidnapped", "hostage": "kidnapped",
}
PERPETRATOR_HEADS = {
    "attacker", "assailant", "gunman", "gunmen", "bomber", "militant", "terrorist", "guerrilla",
    "guerillas", "rebel", "insurgent", "subversive", "extremist", "jihadist",
    "perpetrator", "suspect", "shooter", "hijacker", "kidnapper", "raider",
    "himself", "themselves",
}
ADDITIVE = {"another", "more", "additional", "further"}
"""Words that put a group on top of the others. "others" is not one: "killed a girl and
injured 20 others" is other than the girl, not other than an earlier total."""
NONE_WORDS = {"no", "none", "nobody", "noone", "no one", "nothing"}


def effect_of(token: Any) -> Optional[str]:
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
    if low in ("dead", "killed") or (low == "deceased" and token.dep_ in ("acomp", "amod")):
        return "killed"  # "Joe Knarr and Jen Knarr were deceased"
    if token.pos_ == "VERB" and (_to_death(token) or _fatally(token)):
        return "killed"  # "shot dead", "burned to death", "fatally shot", "buried alive"
    if low in ("wound", "wounds") and token.pos_ == "VERB":
        return "injured"  # "kill a police officer and wound nine": the tagger reads "wind"
    if lemma in HIT and token.pos_ == "VERB":
        return "injured"  # "stabbed three people": hurt, unless the sentence says they died
    if to_hospital(token):
        return "injured"  # "sending another 29 to hospital"
    if lemma in ("wound", "injury") and token.pos_ == "NOUN" and any(
            c.lower_ in ("fatal", "lethal", "mortal") for c in token.children):
        return "killed"  # "suffered a fatal gunshot wound", "inflicted a fatal wound on their son"
    if low == "hurting" and not counted_object(token):
        return None  # "his community is hurting", "we're hurting a lot": grief, not a wound (not "hurting three people")
    if lemma == "hurt" and any(c.dep_ == "dobj" and c.lemma_.lower() in _FEELINGS for c in token.children):
        return None  # "I watched him die. It hurt my heart."
    if token.pos_ == "VERB" and _passed_on(token):
        return "killed"  # "the man later passed away", "succumbed to her injuries", "did not survive"
    return EFFECTS.get(lemma)


CONDITION = r"(?:good|fair|stable|serious|critical)"
"""The conditions a hospital reports a patient in: someone in one is alive and hurt."""

_FEELINGS = frozenset({"heart", "feeling", "feelings", "soul", "spirit", "pride"})


def _passed_on(verb: Any) -> bool:
    """The gentler words local news uses for a death: "passed away", "succumbed to his
    wounds", "did not survive"."""
    lemma = verb.lemma_.lower()
    if lemma == "pass":
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in verb.children) \
            and not any(c.dep_ == "dobj" for c in verb.children)  # not "passed the ball away"
    if lemma == "succumb":
        return True
    return lemma == "survive" and any(c.dep_ == "neg" for c in verb.children)


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


def counted(token: Any) -> bool:
    """A number, or a noun a number counts ("27", "three people")."""
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


def counted_object(verb: Any) -> bool:
    """The verb has a counted object: "wounded another 96 people", "hurting three people"."""
    return any(c.dep_ == "dobj" and counted(c) for c in verb.children)


_NO_VICTIMS = frozenset({"time", "times", "round", "rounds", "shot", "shots", "bullet", "bullets"})
"""What a verb of harm may take as object without anyone being hit: "shot two times"."""


def _aged_root(verb: Any) -> bool:
    """"A girl, 4, and her mother were shot": the age's commas mislead the parse into rooting the
    sentence at the girl, with the verb a conjunct of hers."""
    first = verb.head
    return verb.dep_ == "conj" and first.dep_ == "ROOT" and first.pos_ in ("NOUN", "PROPN") \
        and any(c.dep_ == "appos" and c.like_num for c in first.children) \
        and any(c.dep_ == "cc" and c.lower_ == "and" for c in first.children)


def group_heads(token: Any) -> list[Any]:
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
            elif not passive and c.dep_ == "dobj" and c.lemma_.lower() not in _NO_VICTIMS:
                heads.append(c)
            elif (lemma == "die" or _passed_on(token)) and c.dep_ == "nsubj":
                heads.append(c)
            elif (token.tag_ == "VBN" or token.lower_ in _BARE_HARM) and c.dep_ == "nsubj" \
                    and not any(x.dep_ == "dobj" for x in token.children) \
                    and counted(c) and not _perpetrator_like(c):
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
        if not heads and passive and token.dep_ == "conj" and turned_on(token):
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
                           if t.pos_ in ("NOUN", "NUM") and counted(t)
                           and t.dep_ != "nummod"]
                heads = between[-1:] or heads
        if heads and _aged_root(token):
            heads.append(token.head)  # "A boy, 7, and his father were killed": the parse roots the boy
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
            if heads and token.dep_ == "acomp":
                # "two boys are dead along with their father": more of the dead, added
                heads += [g for a in token.head.children if a.lower_ in ("along", "together") and a.i > token.i
                          for w in a.children if w.lower_ == "with" for g in w.children if g.dep_ == "pobj"]
        if not heads and token.i > 0 and token.doc[token.i - 1].like_num:
            heads.append(token.doc[token.i - 1])  # "five dead", "12 injured"
    elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound" and not _time_anchor(token):
        numbered = any(c.dep_ == "nummod" and c.i < token.i for c in token.children)
        if lemma == "wound":
            if _wound_of_the_dead(token):
                pass  # "found dead with a gunshot wound to the chest": no one injured
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in ("inflict", "deliver"):
                # "inflicted a fatal gunshot wound on their son": the one it was inflicted on
                heads += [g for c in [*token.children, *token.head.children] if c.dep_ == "prep"
                          and c.lower_ in ("on", "upon", "to") for g in c.children if g.dep_ == "pobj"]
            elif token.dep_ == "dobj" and any(c.dep_ == "nsubj" and not c.like_num for c in token.head.children):
                heads += _sufferers(token.head)  # "his stepdaughter had two gunshot wounds": one person
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in _SUFFER:
                heads += _sufferers(token.head)
            elif numbered:
                heads.append(token)  # "three sustained bullet wounds", parsed as one noun phrase
        elif lemma == "toll":
            heads += _toll_number(token)
        elif lemma in ("death", "fatality", "body", "injury", "killing", "massacre", "murder", "slaughter"):
            whose = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if lemma == "injury":
                # "injuries to 15 others" — not "injuries to his head"
                near = list(token.children) + [c for c in token.head.children if token.dep_ == "conj" and c.i > token.i]
                whose += [g for c in near if c.lower_ == "to" for g in c.children
                          if g.dep_ == "pobj" and counted(g)]
            # "the deaths of US service members", "8 military deaths" — not "shot to death"
            heads += whose or ([token] if numbered else [])
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
                  and not effect_of(c) and not any(effect_of(x) for x in c.children)
                  and not _harm_between(h, c) and not _place_like(h, c) and not _owned_by_later_harm(c, token)]
    return heads


_EVENT_NOUNS = {
    "attack", "bombing", "explosion", "blast", "strike", "shooting", "incident", "raid", "assault",
    "ambush", "massacre", "violence", "clash", "fighting", "operation", "bomb", "attempt",
}
_TRIED = {"attempt", "try", "plan", "plot", "seek", "fail", "want", "aim", "threaten", "vow", "intend"}


def attempted(token: Any) -> bool:
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
                if inner and counted(inner[0]):
                    return inner[0]
    return head


_MISSPELT = {"injuried", "injurie", "injuired", "wounderd", "wunded"}
"""Misspellings of "injured"/"wounded" met in hand-written incident lists."""
HIT = {"stab", "knife", "slash", "shoot"}
"""Verbs that hurt whom they hit: their group counts as injured when no death is told of it
("shoot" only for a counted group: "four people were shot", of whom the dead are some)."""
_CARRY = {"send", "take", "rush", "transport", "admit", "evacuate", "carry", "bring", "airlift", "fly"}


def to_hospital(token: Any) -> bool:
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
    if counted_object(token) or (after is not None and (after.like_num or after.lower_ == "another")):
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


def turned_on(token: Any) -> bool:
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
        if t.i != token.i and effect_of(t) and t.lower_ in _BARE_HARM | {"died"}:
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
             for g in c.children if g.dep_ == "pobj" and counted(g)]
    if not found and token.dep_ == "nsubj":
        found = [c for c in token.head.children if c.dep_ in ("attr", "dobj") and c.like_num]
    return found[:1]


def _harm_between(a: Any, b: Any) -> bool:
    """"kills three and wounds at least eleven": a harm word between two groups splits them."""
    lo, hi = sorted((a.i, b.i))
    return any(effect_of(t) for t in a.doc[lo + 1 : hi])


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
        if t.pos_ == "VERB" or effect_of(t):
            return []  # "killing 68 people and wounding 200": never borrow the other verb's group
    return []


def _perpetrator_like(token: Any) -> bool:
    return token.lemma_.lower() in PERPETRATOR_HEADS or token.lower_ in PERPETRATOR_HEADS


def _wound_of_the_dead(token: Any) -> bool:
    """The wound is told of someone dead: "found dead with a gunshot wound", "died of his
    wounds", "died from a wound" (not "killed along with 115 wounded")."""
    prep = token.head
    if prep.dep_ != "prep" or prep.lower_ not in ("with", "of", "from"):
        return False
    if token.doc[prep.i - 1].lower_ in ("along", "together") if prep.i > 0 else False:
        return False
    dead = prep.head
    return dead.lower_ in ("dead", "deceased") or dead.lemma_.lower() == "die"


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
