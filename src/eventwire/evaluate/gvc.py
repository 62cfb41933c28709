"""Gun Violence Corpus: US local news about shootings, several articles per GVA incident.

Every article of the split is coded by the pipeline and every event goes through
``eventwire.dedup.cluster`` together, as a store would. Each article then speaks through its
*lead event*: the first of its events ranked violent before non-violent (an arrest or a trial
story names the shooting as background), reported before background, with a casualty count
before without, then by confidence and position. Two articles are predicted to report the same
incident when their lead events fall in one incident; pairs are scored against GVA's incident
ids (precision, recall, F1 over all article pairs of the split).

Per gold incident, its incident is the one holding the lead events of most of its articles
(ties: the one holding its earliest article). Its fields are compared with GVA's: killed and
injured as the highest firm figure of any member report (later reports carry the final toll;
no count read as 0, GVA's convention for nobody shot dead), except that the wounded whom a
report counts dead are no longer injured (``dedup.best_estimates``), counting everyone shot,
suspects too, as GVA does; the date as the incident's start day (a day-precise date is needed); the city
as the incident's place name against GVA's city or county, either part of "Fort Worth
(Benbrook)", "Saint"/"St." and "County" folded. An incident none of whose articles yields an
event is wrong on every field.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from .. import errors
from ..dedup import Incident, StoredEvent, best_estimates, cluster
from ..read.lead import lead_text
from ..records import Article, Event, Result
from .corpus import benchmark_file, code_articles, read_jsonl, sample, with_timing
from .report import Case, Report

SPLITS = ("train", "dev")
VIOLENT = frozenset({"battle", "explosion_remote_violence", "violence_against_civilians", "riot"})


@dataclass(frozen=True)
class Gold:
    """One GVA incident: the facts its articles are scored against."""

    id: str
    date: dt.date
    city: str
    state: str
    killed: int
    injured: int
    articles: tuple[str, ...]


def load(split: str) -> tuple[list[Article], dict[str, str], list[Gold]]:
    """The split's articles, each article's gold incident id, and the gold incidents."""
    if split not in SPLITS:
        raise errors.BenchmarkError(errors.E305.format(name="gvc", split=split, splits=", ".join(SPLITS)))
    articles: list[Article] = []
    incident_of: dict[str, str] = {}
    for row in read_jsonl(benchmark_file("gvc", "articles.jsonl")):
        if row.get("split") != split:
            continue
        articles.append(Article(
            id=row["id"], text=row["text"], title=row.get("title"),
            published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
            source="gvc",
        ))
        incident_of[row["id"]] = str(row["incident_id"])
    gold = [
        Gold(str(r["incident_id"]), dt.date.fromisoformat(r["date"]), r["city_or_county"], r["state"],
             int(r["num_killed"]), int(r["num_injured"]), tuple(r["gvc_doc_ids"]))
        for r in read_jsonl(benchmark_file("gvc", "incidents.jsonl")) if r.get("split") == split
    ]
    return articles, incident_of, gold


def lead_event(events: Sequence[Event]) -> Optional[Event]:
    """The event an article is taken to report (see the module docstring for the order)."""
    if not events:
        return None
    ranked = sorted(
        enumerate(events),
        key=lambda pair: (
            pair[1].type not in VIOLENT,
            pair[1].status != "reported",
            pair[1].killed is None and pair[1].injured is None,
            -pair[1].confidence,
            pair[0],
        ),
    )
    return ranked[0][1]


def stored_events(results: Sequence[Result]) -> list[StoredEvent]:
    """Every coded event as the store would hand it to ``cluster``, with title and lead."""
    return [
        StoredEvent(r.article.id, r.article.published, e, r.article.title, lead_text(r.article.text))
        for r in results for e in r.events
    ]


def article_incidents(results: Sequence[Result], incidents: Sequence[Incident]) -> dict[str, Incident]:
    """Each article's incident: the one holding its lead event (articles with no event left out)."""
    where = {(src, member): inc for inc in incidents for src, member in _pairs(inc)}
    out: dict[str, Incident] = {}
    for r in results:
        lead = lead_event(r.events)
        if lead is not None and (r.article.id, lead.id) in where:
            out[r.article.id] = where[(r.article.id, lead.id)]
    return out


def _pairs(inc: Incident) -> list[tuple[str, str]]:
    return list(zip(inc.member_sources, inc.members, strict=True))


def pair_scores(incident_of: dict[str, str], predicted: dict[str, Incident], ids: Sequence[str]) -> dict[str, float]:
    """Precision, recall and F1 (percent) of same-incident article pairs."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(ids), 2):
        gold = incident_of[a] == incident_of[b]
        ours = a in predicted and b in predicted and predicted[a].id == predicted[b].id
        tp += gold and ours
        fp += ours and not gold
        fn += gold and not ours
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1),
            "gold_pairs": tp + fn, "predicted_pairs": tp + fp}


def city_names(gva: str) -> set[str]:
    """GVA's city_or_county as comparable names: both parts of "Miami (Goulds)", counties folded."""
    parts = [gva] + re.findall(r"\(([^)]*)\)", gva)
    head = re.sub(r"\s*\([^)]*\)", "", gva)
    if "(county)" in gva.lower():
        parts = [head]
    return {fold_place(p) for p in [head, *parts[1:]] if fold_place(p)}


def fold_place(name: str) -> str:
    """Lower case, no punctuation, "St." as "saint", "Ft." as "fort", no "county"/"parish", no
    leading "the" ("The Bronx" is GVA's "Bronx")."""
    text = re.sub(r"[^a-z0-9 ]", " ", name.lower())
    words = [{"st": "saint", "ft": "fort", "mt": "mount"}.get(w, w) for w in text.split()]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(w for w in words if w not in {"county", "parish", "city", "of"})


def score(results: Sequence[Result], incident_of: dict[str, str], gold: Sequence[Gold],
          split: str, max_cases: int = 0) -> Report:
    """Cluster the coded articles and score pairs and per-incident fields."""
    items = stored_events(results)
    incidents = cluster(items)
    members = {(s.article_id, s.event.id): s.event for s in items}
    predicted = article_incidents(results, incidents)
    ids = [r.article.id for r in results]
    scores: dict[str, dict[str, float]] = {"pairs": pair_scores(incident_of, predicted, ids)}
    published = {r.article.id: r.article.published or dt.date.max for r in results}
    right: Counter[str] = Counter()
    cases: list[Case] = []
    total = 0
    for g in gold:
        # earliest published first (GVA's list is not in that order), ties in GVA's order
        docs = sorted((d for d in g.articles if d in published), key=lambda d: published[d])
        if not docs:
            continue
        total += 1
        ours = _incident_for(docs, predicted)
        values = _values(ours, members)
        expected = {"killed": g.killed, "injured": g.injured, "date": g.date.isoformat(), "city": g.city}
        checks = {
            "killed": values["killed"] == g.killed,
            "injured": values["injured"] == g.injured,
            "date": values["date"] == g.date.isoformat(),
            "city": values["city"] is not None and fold_place(values["city"]) in city_names(g.city),
        }
        for name, ok in checks.items():
            right[name] += ok
            if not ok and len(cases) < max_cases:
                cases.append(Case(doc=g.id, field=name, kind="wrong" if ours else "miss",
                                  expected=expected[name], predicted=values[name],
                                  context=", ".join(docs)))
    for name in ("killed", "injured", "date", "city"):
        scores[name] = {"accuracy": round(100 * right[name] / total, 1) if total else 0.0, "n": total}
    scores["clusters"] = {"incidents": len(incidents), "gold_incidents": total,
                          "articles_without_event": sum(1 for r in results if not r.events)}
    return Report("gvc", split, scores, len(results), tuple(cases))


def _incident_for(docs: Sequence[str], predicted: dict[str, Incident]) -> Optional[Incident]:
    held = [predicted[d] for d in docs if d in predicted]
    if not held:
        return None
    votes = Counter(i.id for i in held)
    top = max(votes.values())
    return next(i for i in held if votes[i.id] == top)  # docs come earliest published first


def _values(inc: Optional[Incident], members: dict) -> dict[str, object]:
    if inc is None:
        return {"killed": None, "injured": None, "date": None, "city": None}
    events = [members[k] for k in _pairs(inc)]
    killed, injured = best_estimates(events)
    day = inc.date.start.isoformat() if inc.date and inc.date.start and inc.date.precision in (None, "day") else None
    return {
        "killed": killed or 0,
        "injured": injured or 0,
        "date": day,
        "city": inc.location.name if inc.location else None,
    }


def run(split: str = "dev", errors: int = 0, limit: Optional[int] = None) -> Report:
    """Code the split's articles, cluster their events, and score pairs and incident fields."""
    articles, incident_of, gold = load(split)
    if limit is not None:
        articles = sample(articles, limit)
    coded = code_articles(articles)
    return with_timing(score(coded.results, incident_of, gold, split, errors), coded)
