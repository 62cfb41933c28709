"""ECB+ look-alike incidents: 17 topics, each two similar but distinct incidents (ECB vs ECB+).

The articles carry no publication date; where the page header gives one (a dated URL such as
``/ 2009 / dec / 07 /`` or a date line such as "22 Jul 2013" in the first lines) it is used as
the article's publication date, as a reader of the web page would; the rest go undated. Every
article is coded and all events are clustered together; an article speaks through its lead
event (``gvc.lead_event``). Scores: same-incident article pairs (precision, recall, F1), and
within-topic separation: of the pairs of one topic that report its two different incidents,
the share kept apart. The set has no train split: it is for reporting only, never for tuning.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Optional

from .. import errors
from ..dedup import cluster
from ..records import Article, Result
from .corpus import benchmark_file, code_articles, read_jsonl, sample, with_timing
from .gvc import article_incidents, pair_scores, stored_events
from .report import Case, Report

SPLITS = ("dev", "all")
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_URL_DATE = re.compile(r"/ (\d{4}) / (\d{1,2}|[a-z]{3}) / (\d{1,2}) /", re.I)
_URL_STAMP = re.compile(r"/ (20\d\d)(\d\d)(\d\d)\b")
_MONTH_FIRST = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}), (\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]{2,8}) (\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2}) / (\d{1,2}) / (\d{2,4})\b")


def header_date(text: str) -> Optional[dt.date]:
    """The publication date a page header states (dated URL or a date line), else None."""
    head = "\n".join(text.split("\n")[:4])
    for pattern, order in ((_URL_DATE, "ymd"), (_URL_STAMP, "ymd"), (_MONTH_FIRST, "mdy"),
                           (_DAY_FIRST, "dmy"), (_NUMERIC, "mdy")):
        for match in pattern.finditer(head):
            parts = dict(zip(order, match.groups(), strict=True))
            found = _date(parts["y"], parts["m"], parts["d"])
            if found is not None:
                return found
    return None


def _date(year: str, month: str, day: str) -> Optional[dt.date]:
    m = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    y = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return dt.date(y, m, int(day)) if m else None
    except ValueError:
        return None


def load(split: str = "dev") -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """The articles (with header dates) and each article's (topic, incident id)."""
    if split not in SPLITS:
        raise errors.BenchmarkError(errors.E305.format(name="ecbplus", split=split, splits=", ".join(SPLITS)))
    articles: list[Article] = []
    gold: dict[str, tuple[str, str]] = {}
    for row in read_jsonl(benchmark_file("ecbplus", "violent_articles.jsonl")):
        articles.append(Article(id=row["id"], text=row["text"], published=header_date(row["text"]), source="ecbplus"))
        gold[row["id"]] = (str(row["topic"]), str(row["incident_id"]))
    return articles, gold


def score(results: Sequence[Result], gold: dict[str, tuple[str, str]], split: str = "dev",
          max_cases: int = 0) -> Report:
    """Cluster every coded article's events; score pairs and within-topic separation."""
    incidents = cluster(stored_events(results))
    predicted = article_incidents(results, incidents)
    ids = [r.article.id for r in results]
    scores: dict[str, dict[str, float]] = {
        "pairs": pair_scores({a: gold[a][1] for a in ids}, predicted, ids)}
    apart = total = 0
    cases: list[Case] = []
    for a, b in itertools.combinations(sorted(ids), 2):
        if gold[a][0] != gold[b][0] or gold[a][1] == gold[b][1]:
            continue
        total += 1
        merged = a in predicted and b in predicted and predicted[a].id == predicted[b].id
        apart += not merged
        if merged and len(cases) < max_cases:
            cases.append(Case(doc=f"{a}+{b}", field="incident", kind="false_alarm",
                              expected=[gold[a][1], gold[b][1]], predicted=predicted[a].id))
    scores["separation"] = {"accuracy": round(100 * apart / total, 1) if total else 100.0, "n": total}
    scores["clusters"] = {"incidents": len(incidents), "gold_incidents": len({g[1] for g in gold.values()}),
                          "articles_without_event": sum(1 for r in results if not r.events)}
    return Report("ecbplus", split, scores, len(results), tuple(cases))


def run(split: str = "dev", errors: int = 0, limit: Optional[int] = None) -> Report:
    """Code every ECB+ article, cluster the events, and score same-incident pairs."""
    articles, gold = load(split)
    if limit is not None:
        articles = sample(articles, limit)
    coded = code_articles(articles)
    return with_timing(score(coded.results, gold, split, errors), coded)
