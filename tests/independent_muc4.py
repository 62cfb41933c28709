"""A second, deliberately separate implementation of the MUC-4 role-filler metric.

Written from the task description alone, sharing no code with eventwire.evaluate: it reads
results in their JSON form (``to_dict``), folds accents with Unidecode instead of
unicodedata, and matches greedily gold-first instead of by augmenting paths. Tests check
that it agrees with the real scorer.
"""

from __future__ import annotations

import datetime
import re

from unidecode import unidecode

SLOTS = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]


def canon(s):
    """lower, ascii, punctuation -> space, leading article dropped."""
    s = unidecode(s or "").lower()
    s = re.sub(r"[\W_]+", " ", s).strip()
    s = re.sub(r"^(?:(?:the|a|an) )+(?=\S)", "", s)
    return s


def kept(event, published):
    """Does MUC-4 template this event?"""
    kind = event["type"]
    if kind == "battle" or kind == "protest":
        return False
    if kind == "strategic_development":
        return event["subtype"] == "looting_property_destruction"
    if event["status"] == "background" and published and event.get("date"):
        day = event["date"].get("end") or event["date"].get("start")
        if day:
            age = datetime.date.fromisoformat(published) - datetime.date.fromisoformat(day)
            return age.days <= 60
    return True


def slot_of(actor):
    if actor["role"] == "victim":
        return "Victim"
    if actor["role"] == "target":
        return "Target"
    return "PerpOrg" if actor["entity"] == "organization" else "PerpInd"


def predicted_fillers(result):
    """slot -> {canonical name: set of strings}."""
    text = result["article"]["text"]
    published = result["article"].get("published")
    table = {slot: {} for slot in SLOTS}
    for event in result["events"]:
        if not kept(event, published):
            continue
        items = [(slot_of(a), a["name"], a.get("aliases") or [], a.get("span")) for a in event["actors"]]
        items += [("Weapon", w["name"], [], w.get("span")) for w in event["weapons"]]
        for slot, name, aliases, span in items:
            covered = text[span[0]:span[1]] if span else ""
            key = canon(name) or canon(covered)
            if key == "":
                continue
            strings = table[slot].setdefault(key, set())
            for s in [name, covered] + list(aliases):
                if canon(s):
                    strings.add(canon(s))
    return table


def score(results, golds):
    """Micro P/R/F1 in percent over (result dict, GRIT extracts) pairs."""
    right = guessed = wanted = 0
    for result, extracts in zip(results, golds, strict=True):
        table = predicted_fillers(result)
        for slot in SLOTS:
            gold_entities = [[canon(m[0]) for m in entity] for entity in extracts.get(slot, [])]
            guesses = list(table[slot].values())
            guessed += len(guesses)
            wanted += len(gold_entities)
            taken = [False] * len(guesses)
            for mentions in gold_entities:
                for i, strings in enumerate(guesses):
                    if not taken[i] and any(m in strings for m in mentions):
                        taken[i] = True
                        right += 1
                        break
    p = right / guessed if guessed else 0.0
    r = right / wanted if wanted else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * f}
