"""Casualty counts: who was killed, wounded or kidnapped, how many, and on which side.

Per sentence, each harm word ("killed", "wounded", "dead", "died", "kidnapped") is tied to
the noun phrase of the people it hit through the dependency parse (``harm.py``); the
phrase's number becomes a conservative range. Across the sentences of one incident, ``reconcile`` adds up
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
from .harm import (
    ADDITIVE,
    CONDITION,
    HIT,
    NONE_WORDS,
    PERPETRATOR_HEADS,
    attempted,
    counted,
    effect_of,
    group_heads,
    to_hospital,
    turned_on,
)
from .numbers import WORD_PATTERN, find_quantities, noun_count
from .phrases import name_of, phrase_tokens


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
    everyone: bool = False  # "four people dead in a murder-suicide": the attacker is among them
    trigger: int = -1  # offset of the harm word
    shot: bool = False  # "four people were shot": the shot, of whom the dead are some
    roundup: bool = False  # "two teenagers died in separate incidents": a toll over several incidents




_AGES_LISTED = re.compile(r",?\s+(?:ages|aged)\s+\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and\s+\d{1,3}\b")


def _count_of(head: Any, text: str) -> tuple[Count, bool, bool]:
    """(count, vague, additive) of the group headed by ``head``."""
    doc = head.doc
    left, right = phrase_tokens(head, trim=False, appos=True)
    while left >= 2 and doc[left - 1].text == "-" and doc[left - 2].like_num:
        left -= 2  # "twenty-seven" split by the tokenizer
    words = {t.lower_ for t in doc[left : right + 1]}
    additive = bool(words & ADDITIVE)
    if words & NONE_WORDS or head.lower_ in NONE_WORDS:
        return Count(0, 0), False, additive
    start = doc[left].idx
    last = head.i
    while last + 2 < len(doc) and doc[last + 1].text == "-" and doc[last + 2].like_num:
        last += 2  # "twenty-nine" split by the tokenizer, the parse heading it on "twenty"
    end = doc[last].idx + len(doc[last].text)
    found = [q for q in find_quantities(text[start:end], start)]
    # Numbers inside the noun itself ("107mm") are not counts of people.
    found = [q for q in found if not q.text.lower().endswith("mm")]
    if head.pos_ == "PROPN":
        # "Travon Rollins, 16, was killed", "Janet Francois,16": a named person's age
        found = [q for q in found if not (q.span[0] > head.idx and re.search(r",\s*$", text[head.idx : q.span[0]]))]
    if found:
        # The number nearest the noun counts ("an additional 55 others" is 55, not "an").
        exact = [q for q in found if q.text.lower() not in ("a", "an")]
        q = (exact or found)[-1]
        return q.count, q.vague, additive
    own = noun_count(head.lower_)
    if own is not None:
        return own, False, additive  # "their parents were injured": two
    ages = _AGES_LISTED.match(text, head.idx + len(head.text))
    if ages is not None and head.tag_ in ("NNS", "NNPS"):
        n = len(re.findall(r"\d+", ages.group()))
        return Count(n, n), False, additive  # "his sons, ages 3 and 4": two
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
    if words & PERPETRATOR_HEADS or (head.lemma_.lower() == "fighter" and _armed_group_named(who)):
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


_TALLY = re.compile(
    r"\b(?:\d+\s+(?:separate\s+)?(?:shooting\s+)?incidents|so\s+far\s+this\s+year|"
    r"so\s+far\s+in\s+\d{4}|year\s+to\s+date)\b",
    re.I,
)
"""A tally of many incidents ("at least seven people had been killed in Chicago and 40 wounded
in 33 separate shooting incidents since Friday", "131 people wounded or killed ... so far this
year"): no count of the incident at hand. ("Killed three paratroopers in two separate
incidents" is one report's own toll: the incidents are counted in digits for a tally.)"""


_SEPARATE = re.compile(r"\b(?:in|several|multiple|following)\s+separate\s+(?:shooting\s+)?(?:incidents|shootings)\b", re.I)


def roundup(sentence: str, mentions: tuple[CountMention, ...]) -> tuple[CountMention, ...]:
    """Marks the groups of a sentence that counts over several incidents told apart without a
    number ("Two teenagers died early Thursday morning in separate incidents", "two other victims
    ... following several separate shootings"): a toll the incident at hand is only part of,
    which ``reconcile`` sets aside where the article tells the incident's own. "In two separate
    incidents", counted, is a report's own toll ("killed three paratroopers in two separate
    incidents"); so is a roundup's toll where nothing else is told ("at least three people were
    killed in separate shootings in Mogadishu")."""
    if not mentions or not _SEPARATE.search(sentence):
        return mentions
    return tuple(dataclasses.replace(m, roundup=True) for m in mentions)


def _own_toll(mentions: list[CountMention]) -> list[CountMention]:
    """The groups of the incident itself: a roundup's (``roundup``) only where nothing else is told."""
    own = [m for m in mentions if not m.roundup]
    return own or mentions


def find_counts(sent: Any, index: int, text: str) -> list[CountMention]:
    """Every casualty group named in one spaCy sentence."""
    if _TALLY.search(sent.text):
        return []
    found: list[CountMention] = []
    hit: list[CountMention] = []  # groups of "stabbed"/"slashed": injured unless told otherwise
    carried: list[CountMention] = []  # groups sent to hospital: injured unless told otherwise
    seen: set[tuple[str, int]] = set()
    for token in sent:
        effect = effect_of(token)
        if effect is None or attempted(token):
            continue
        if effect == "injured" and any(c.dep_ == "neg" for c in token.children):
            continue  # "the boy's mother, who was not injured"
        if effect == "killed" and any(c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in token.children):
            continue  # "you've got to be killing me, those little boys": the speaker lives to say it
        # Do not read the parts of a breakdown as groups of their own.
        group: list[CountMention] = []
        carrying = effect == "injured" and to_hospital(token)
        heads = group_heads(token)
        for head in heads:
            if _inside_breakdown(head, token):
                continue
            if carrying and not (head.pos_ in ("NOUN", "NUM") and counted(head)):
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
            if _shot_own_self(head, token):
                side = "victim"
            elif head.lower_ in ("himself", "herself"):
                named = _reflexive_name(token)
                who = named or who  # "Mark Mata shot his wife and child before killing himself"
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
                    trigger=token.idx,
                )
            )
        if carrying:
            group = [m for m in group if not m.vague]
            carried += group
        elif effect == "injured" and token.lemma_.lower() in HIT:
            if token.lemma_.lower() == "shoot":
                # "four people were shot": the shot, counted, dead or alive ("a man was shot" says
                # nothing of how many were hurt)
                group = [dataclasses.replace(m, shot=True) for m in group if (m.count.min or 0) >= 2 and not m.vague]
            hit += group
        if token.lemma_.lower() == "toll" and group:
            # the toll is the sentence's total: it restates the groups named beside it
            found = [m for m in found if m.effect != "killed"]
            seen |= {("killed", i) for i in range(sent.start, sent.end)}
        found += _fold_apposed_breakdown(group)
    found += _deadly(sent, index, {m.effect for m in found})
    if _MURDER_SUICIDE.search(sent.text):
        found = [dataclasses.replace(m, everyone=True) if m.effect == "killed" and _generic(m) and m.side == "victim"
                 else m for m in found]
    found += _suicide(sent, index, found)
    return _drop_hit_told_elsewhere(_drop_carried_told_elsewhere(found, carried), hit)


_DEADLY = frozenset({"deadly", "fatal", "lethal"})
_INCIDENT_NOUNS = frozenset({"shooting", "attack", "stabbing", "bombing", "ambush", "explosion", "blast", "raid"})


def _deadly(sent: Any, index: int, have: set[str]) -> list[CountMention]:
    """"a deadly shooting", "the fatal stabbing", "a shooting death": someone died, though no number is told; at
    least one killed, a vague figure that any number the article gives replaces."""
    if "killed" in have:
        return []
    for token in sent:
        deadly = [c for c in token.children if c.dep_ == "amod" and c.lower_ in _DEADLY]
        if token.lower_ == "death" and token.i > sent.start:  # "charged in a Mountain View shooting death"
            prev = token.doc[token.i - 1]
            deadly = [prev] if prev.lower_ in ("shooting", "stabbing") else []
        if deadly and (token.lemma_.lower() in _INCIDENT_NOUNS or token.lemma_.lower() == "death"):
            start = min(c.idx for c in deadly)
            return [CountMention("killed", Count(1, None), None, "victim", (start, token.idx + len(token)),
                                 index, True, False, "people")]
    return []




_CHILD = {"boy", "girl", "child", "toddler", "son", "daughter", "kid", "infant", "baby", "teen", "teenager"}
_ACCIDENT = re.compile(r"\b(?:accidental(?:ly)?|unintentional(?:ly)?|self-inflicted|inadvertent(?:ly)?)\b", re.I)
_AGE = re.compile(r"\b\d+-(?:year|month|week)-old\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)-year-old\b", re.I)


_GENERIC = frozenset({"people", "person", "dead", "", "one", "two", "three", "four", "five", "six", "seven",
                      "eight", "nine", "ten"})
"""Heads of a toll that names nobody: "three people dead", "kills 2" (the parse heads it on the number)."""


def _generic(m: CountMention) -> bool:
    return (m.head or "") in _GENERIC or (m.head or "").isdigit()


_MURDER_SUICIDE = re.compile(r"\bmurder\W{0,3}(?:and\s+)?suicide\b", re.I)  # "murder-suicide", "murder and suicide"
_TRIED = frozenset({"attempt", "try", "threaten", "plan", "want"})


def _suicide(sent: Any, index: int, found: list[CountMention]) -> list[CountMention]:
    """"Cadenbach reportedly took his own life", "the father then committed suicide": the one
    who killed himself is a death on the attackers' side, like "killed himself" (not "tried to
    take his own life" nor "an attempted suicide")."""
    if any(m.effect == "killed" and m.head in _REFLEXIVE for m in found):
        return []
    for token in sent:
        verb = None
        if token.lemma_.lower() == "suicide" and token.head.lemma_.lower() == "commit":
            verb = token.head
        elif token.lemma_.lower() == "life" and token.head.lemma_.lower() == "take" \
                and any(c.lower_ == "own" for c in token.children):
            verb = token.head
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.head.lemma_.lower() in _TRIED or attempted(verb):
            continue
        who = _reflexive_name(verb) or "himself"
        span = (token.idx, token.idx + len(token.text))
        return [CountMention("killed", Count(1, 1), who, "perpetrator", span, index, False, False, "himself")]
    return []


def _reflexive_name(token: Any) -> Optional[str]:
    """The proper name a reflexive object stands for: the subject of its verb, or of the verb
    its clause hangs from ("Mark Mata shot his wife before killing himself")."""
    verb = token
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN") or None
        if verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "pobj", "prep") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _shot_own_self(head: Any, token: Any) -> bool:
    """"A four-year-old boy fatally shot himself", "accidentally shot herself": the one who
    fired is the victim, the same person the article later says died, not an attacker who
    turned the gun on himself after killing others."""
    if head.lower_ not in ("himself", "herself"):
        return False
    if _ACCIDENT.search(token.sent.text):
        return True
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    words = "".join(t.text_with_ws for t in subject.subtree)
    return subject.lemma_.lower() in _CHILD or bool(_AGE.search(words))


def _coordinated(head: Any, heads: list[Any]) -> bool:
    """"killing a doorman and a visitor": common nouns joined by "and" under one harm word are
    distinct people, never a restatement (an apposition or a misparse without "and" may be)."""
    if not head.is_alpha:
        return False
    for other in heads:
        if other is head or not other.is_alpha:
            continue
        if other.dep_ == "ROOT" and head.dep_ in ("nsubj", "nsubjpass") and head.head.head.i == other.i:
            return True  # "A boy, 7, and his father were killed" (see harm._aged_root)
        if head.dep_ == "ROOT" and other.dep_ in ("nsubj", "nsubjpass") and other.head.head.i == head.i:
            return True
        if other not in head.conjuncts:
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
    """The subject of an attack who was then killed or wounded (``turned_on``)."""
    return head.dep_ == "nsubj" and token.dep_ == "conj" and head.head.i == token.head.i \
        and any(c.dep_ == "auxpass" for c in token.children) and turned_on(token)


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
    r"(?P<q>%s(?:\d[\d,]*|%s)(?:[\s-]+(?:%s))*)\b(?![\s-]*(?:years?|months?|weeks?|days?)[\s-]+old)"
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


_AGES_BEFORE = re.compile(r"\b(?:aged?|ages(?:\s+of)?|believed\s+to\s+be)\s+(?:\d+\s*(?:,|and|to)\s*)*$", re.I)


_KIN_WORDS = ("mother|father|brother|sister|son|daughter|wife|husband|grandmother|grandfather|uncle|aunt"
              "|cousin|nephew|niece|friend|boyfriend|girlfriend")
_PERSON_WORDS = "man|woman|boy|girl|teen|teenager|child|toddler|person|victim"
_HOSPITALIZED_TOO = re.compile(
    r"\b(?:died|dead|killed)\b[^.;]*?\b(?:and|while|but)\s+"
    rf"(?P<who>(?:his|her|their|the(?:\s+\w+)?)\s+(?:{_KIN_WORDS})|an?\s+(?:\w+\s+)?(?:{_PERSON_WORDS})"
    rf"|another\s+(?:{_PERSON_WORDS}))\s+"
    r"(?:is|was|remains|remained)\s+(?:listed\s+|currently\s+|still\s+)?"
    rf"(?:hospitalized|in\s+(?:the\s+)?hospital|in\s+{CONDITION}\b)",
    re.I,
)
"""A second person in hospital, told beside a death in one sentence: "An 8-year-old child died
Sunday morning and her mother remains in the hospital following an accidental shooting", "a girl
has died and her father is listed in critical condition": one wounded."""


_WOUNDED_HAS_DIED = re.compile(
    r"\bwho\s+(?:was|had\s+been)\s+(?:\w+\s+)?(?:injured|wounded|shot|hurt)\b[^.;]*?\b(?P<died>(?:has|had)\s+died)\b",
    re.I,
)
"""The one wounded who has died, where the parse lost the death's subject: "a statement saying
the three year old who was injured in an apparent accidental gunshot incident Monday night has
died"."""


def pattern_counts(sent: Any, index: int, text: str, have: set[str]) -> list[CountMention]:
    """Counts the parse missed, read off the words ("kills 7 people ... and wounds 166"):
    only for effects the parse found nothing for in this sentence."""
    found: list[CountMention] = []
    chunk = text[sent.start_char : sent.end_char]
    if _TALLY.search(chunk):
        return found
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
            if not q or _AGES_BEFORE.search(chunk, 0, m.start("q")) or (
                    re.search(r"[A-Z][\w'’-]+\s*,\s*$", chunk[: m.start("q")])
                    and (m.group("q").endswith(",") or re.match(r"\s*,", chunk[m.end("q") :]))):
                continue  # "two women, believed to be 30 and 60, all shot dead", "Rollins, 16, was killed": ages
            if pattern is _HARM_BEFORE and re.match(r"\s*of\b", chunk[m.end("q") : m.start("verb")]):
                continue  # "five of the wounded died": part of a group, not a group of the wounded
            start = sent.start_char + m.start("q")
            # "all three suffered gunshot wounds" is said of the dead too: a weak reading (``hit``)
            suffered = verb.startswith(("sustained", "suffered", "received"))
            found.append(CountMention(effect, q[0].count, None, "victim", (start, start + len(m.group("q"))),
                                      index, q[0].vague, False, "people", hit=suffered))
            have = have | {effect}
    m = _WOUNDED_HAS_DIED.search(chunk) if "killed" not in have else None
    if m is not None:
        start = sent.start_char + m.start("died")
        found.append(CountMention("killed", Count(1, 1), "who", "victim", (start, start + len(m.group("died"))),
                                  index, False, False, "who"))
    m = _HOSPITALIZED_TOO.search(chunk) if "injured" not in have else None
    if m is not None:
        start = sent.start_char + m.start("who")
        found.append(CountMention("injured", Count(1, 1), m.group("who"), "victim", (start, start + len(m.group("who"))),
                                  index, False, False, m.group("who").split()[-1].lower()))
    return found


def _same_group(a: CountMention, b: CountMention) -> bool:
    if a.count.min != b.count.min:
        return False
    if a.sentence_index == b.sentence_index and a.harm == b.harm >= 0:
        return False  # "killing a doorman and a visitor": one harm word, two groups
    generic = {"people", "person", "civilian", None}
    if a.sentence_index == b.sentence_index and a.trigger != b.trigger >= 0 and a.trigger >= 0 \
            and a.head != b.head and (a.head in _KIN or b.head in _KIN) \
            and not {a.head, b.head} & (generic | _PRONOUNS | {"victim", "child", "boy", "girl", "man", "woman"}):
        return False  # "killed his ex-girlfriend and inflicted a fatal wound on their son": two
    return a.head == b.head or a.head in generic or b.head in generic or a.sentence_index == b.sentence_index


_KIN = frozenset({"wife", "husband", "girlfriend", "boyfriend", "son", "daughter", "mother", "father", "brother",
                  "sister", "grandmother", "grandfather", "grandson", "granddaughter", "stepson", "stepdaughter",
                  "stepfather", "stepmother", "nephew", "niece", "cousin", "uncle", "aunt", "fiancee", "fiance"})
"""Kin named under two harm words of one sentence are two people, apart from a plainer word for
the same person ("the victim", "the boy"): a family is told member by member."""


def reconcile(mentions: Sequence[CountMention], effect: str) -> tuple[Optional[Count], list[Casualty]]:
    """The incident's total for one effect, and the groups it is made of: the attackers' own
    dead are a group apart from their victims and always add to them."""
    cands = _own_toll([m for m in mentions if m.effect == effect])
    if effect == "injured":
        restating = [m for m in cands if (m.hit or m.head in ("both", "all", "each")) and m.head not in ("other", "another")]
        if restating:
            # "the three found dead ... all three suffered gunshot wounds": the same people
            dead = {m.count.min for m in mentions if m.effect == "killed" and not m.hit}
            toll = reconcile(mentions, "killed")[0]
            if toll is not None:
                dead.add(toll.min)  # "Joe Knarr and Jen Knarr were deceased, both having suffered gunshot wounds"
            cands = [m for m in cands if not (m in restating and m.count.min in dead)]
        if cands and all(m.shot and not _others(m) for m in cands):
            # "four people were shot ... one of the victims died": the others are the wounded
            # ("another three people were shot" are others than the dead)
            victims = reconcile([m for m in mentions if m.side != "perpetrator"], "killed")[0]
            k = (victims.min or 0) if victims else 0
            if k:
                cands = [m for m in cands if m.count.min is not None and m.count.min > k]  # all of them died
                cands = [dataclasses.replace(m, count=Count(m.count.min - k, None if m.count.max is None else m.count.max - k))  # type: ignore[operator]
                         for m in cands]
        killed = _own_toll([m for m in mentions if m.effect == "killed" and m.side != "perpetrator"])
        cands = [m for m in cands if not _died_later(m, killed)]
    if not cands:
        return None, []
    # "the bodies of Mark Mata, Min Haung and Hank Mata ... Mark Mata shot his wife and child
    # before killing himself": the gunman is already among the dead named
    named = [m.who.lower() for m in cands if m.side != "perpetrator" and m.who]
    cands = [m for m in cands if not (m.side == "perpetrator" and m.head in ("himself", "herself") and m.who
                                      and m.who.lower() not in ("himself", "herself")
                                      and any(m.who.lower() in n for n in named))]
    sides = [[m for m in cands if m.side != "perpetrator"], [m for m in cands if m.side == "perpetrator"]]
    if sides[0] and sides[1] and all((m.who or "").lower() in _REFLEXIVE for m in sides[1]) \
            and all((m.who or "").lower() in _REFLEXIVE | {"he", "she"} for m in sides[0]):
        # "a 7-year-old boy fatally shot himself ... He was pronounced dead": the one who shot
        # himself, told as victim and as shooter, is one death
        sides = sides[:1]
    totals = [_reconcile_side(side) for side in sides if side]
    if len(totals) == 2 and _counts_the_attacker_too(sides[0], totals[0][0], totals[1][0]):
        totals = totals[:1]
    total = _sum(t for t, _ in totals)
    return total, [c for _, groups in totals for c in groups]


def _counts_the_attacker_too(victims: list[CountMention], victim_total: Count, attackers: Count) -> bool:
    """"Shooting kills 2 ... the boy shot his 6-year-old brother to death and killed himself":
    an unspecified total ("2", "three people dead") that the named victims and the attacker
    who killed himself exactly make up counts him already, as does one told as the toll of a
    murder-suicide ("left four people dead as a murder and suicide")."""
    if victim_total.min is None or victim_total.min != victim_total.max or attackers.min != attackers.max:
        return False
    generic = [m for m in victims if _generic(m) and not m.additive]
    named = [m for m in victims if not _generic(m)]
    if not generic or max(m.count.min or 0 for m in generic) != victim_total.min:
        return False
    if any(m.everyone and m.count.min == victim_total.min for m in generic):
        return True  # "four people dead ... as a murder and suicide"
    if not named:
        return False
    told = _reconcile_side(named)[0]
    return told.min is not None and told.min == told.max and told.min + (attackers.min or 0) == victim_total.min


_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_WOUNDS = frozenset({"wound", "wounds", "injury", "injuries"})
_REFLEXIVE = frozenset({"himself", "herself"})


def _died_later(injured: CountMention, killed: Sequence[CountMention]) -> bool:
    """One person wounded who is also the one told dead: "a teen girl shot in the head ... She was
    pronounced dead", "the man, who was shot ... the old man died". The wound is the death's,
    not a second victim's: a pronoun, or the same noun or name as one of the dead, or a word for
    a child when one of the dead is the only child ("a fatal wound on their 3-year-old son ... a
    young child in the rear was still breathing"), told in another sentence ("one soldier was
    killed and another injured" are two). In one sentence, only the group the wound word comes
    first for and the death word after ("a juvenile injured in a shooting ... has died"), or
    whose death the parse gives to the wound ("suffered a gunshot wound ... and later died"), or
    a wounded "he", "she" or "who" beside the dead ("a boy has died after he suffered a gunshot
    wound"; but "she was killed and he was wounded" are two).
    A wounded person named in full, where the dead are told only by description ("the deadly
    shooting of a toddler ... Amaya Shafi suffered a gunshot wound"), is the dead one named; a
    second victim so told ("a man was killed ... John Smith was wounded") is lost with it."""
    if injured.count.min != 1 or injured.side == "perpetrator" or injured.additive or not killed:
        return False
    if any((k.count.min or 0) != 1 for k in killed):
        return False  # "three soldiers hacked to death ... One other soldier is wounded"
    same = [k for k in killed if k.sentence_index == injured.sentence_index]
    who = (injured.who or "").strip().lower()
    if same:
        # "a juvenile injured in a shooting ... has died", "suffered a gunshot wound ... and later died"
        if any((k.span == injured.span or k.head in _WOUNDS) and 0 <= injured.trigger < k.trigger for k in same):
            return True
        # "a boy has died after he suffered a gunshot wound", "the three year old who was injured
        # ... has died" (not "she was killed and he was wounded")
        return (who in _PRONOUNS or who == "who") \
            and not any((k.who or "").strip().lower() in _PRONOUNS - {who} for k in same)
    if who in _PRONOUNS or who in _REFLEXIVE:
        return True  # "he was shot", "a child who inflicted the gunshot wound on himself"
    heads = {k.head for k in killed} - {"people", "person", "other", "another", None, ""}
    names = [(k.who or "").lower() for k in killed if k.who]
    if injured.head in _CHILD and len([k for k in killed if k.head in _CHILD]) == 1:
        return True  # "inflicted a fatal wound on their 3-year-old son ... a young child ... still breathing"
    if _named(injured.who) and not any(_named(k.who) for k in killed):
        return True  # "the deadly shooting of a toddler ... Amaya Shafi, age 17 months, suffered a gunshot wound"
    return injured.head in heads or bool(who) and any(who in n or n in who for n in names)


def _others(m: CountMention) -> bool:
    """A group told apart from another, by its words as the parse kept them: "another 15",
    "other victims"."""
    return m.additive or m.head in ("other", "another") or bool(re.search(r"\b(?:other|others|another|more)\b", m.who or "", re.I))


def _named(who: Optional[str]) -> bool:
    """A person's full name ("Amaya Shafi"), not a description ("the 7-year-old boy")."""
    words = (who or "").split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in who or "")


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
    additive = _drop_named_members(kept)
    base = [m for m in kept if not m.additive]
    # "more" beside a group of its own sentence adds to that group, which together may only
    # restate an earlier toll: "three people found dead ... a call about a dead woman ... found
    # two more people dead" is three
    told = {m.sentence_index for m in base}
    local = [m for m in additive if m.sentence_index in told]
    additive = [m for m in additive if m.sentence_index not in told]
    by_sentence: dict[int, list[CountMention]] = {}
    for m in base + local:
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


_COLLECTIVES = frozenset({"child", "children", "kid", "kids", "people", "person", "victim", "victims", "sibling",
                          "siblings", "family", "teen", "teens", "teenager", "teenagers", "youth", "student"})
_MEMBERS = frozenset({"boy", "girl", "man", "woman", "son", "daughter", "brother", "sister", "mother", "father",
                      "wife", "husband", "baby", "infant", "toddler", "teen", "teenager", "child"})


def _drop_named_members(kept: list[CountMention]) -> list[CountMention]:
    """The groups told "also" that only name the members of a group already counted: "one man
    and two children dead ... Also found inside the home was an 8-year-old boy and 12-year-old
    girl" is three dead, not five. One sentence's "also" groups restate an earlier group of
    children, people or victims when they are single persons that add up to its number."""
    additive = [m for m in kept if m.additive]
    by_sentence: dict[int, list[CountMention]] = {}
    for m in additive:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    dropped: set[int] = set()
    for index, group in by_sentence.items():
        if not all(m.count.min == m.count.max == 1 and m.head in _MEMBERS for m in group):
            continue
        n = len(group)
        if any(not k.additive and k.sentence_index < index and k.head in _COLLECTIVES and k.count.min == k.count.max == n
               for k in kept):
            dropped |= {id(m) for m in group}
    return [m for m in additive if id(m) not in dropped]


def _sum(counts: Iterable[Count]) -> Count:
    total = Count(0, 0)
    for c in counts:
        total = total + c
    return total
