"""Learned role fillers: who did it (PerpInd, PerpOrg), to whom or what (Victim, Target), with what.

Two learned parts, both trained on the MUC-4 train split only:

- the role encoder (``encoder.py``, ``models/encoder``): a fine-tuned MiniLM word tagger that
  finds the filler spans (``scripts/train_encoder.py``);
- a small spaCy pipeline (``models/roles``, ``scripts/train_roles.py``): a bag-of-words
  relevance classifier that says whether the article reports an incident at all, and the
  older tok2vec + ner span tagger with its lexicon of fillers seen in training
  (``lexicon.json``), used without the encoder extra or with ``use_encoder=False``.

Both read case-folded text (``nlp.fold_case`` keeps every offset; the encoder is uncased), so
upper-case wire copy and mixed-case modern news look alike to them.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from .. import errors
from ..nlp import fold_case, wire_copy
from ..pipeline import Coding, stage
from ..records import Span
from . import encoder

RoleName = Literal["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "roles"
RELEVANT = "relevant"
LEXICON = "lexicon.json"
BEAM_WIDTH = 8

THRESHOLD = 0.4
"""Fallback cut on ``RoleSpan.score`` for a role the encoder's meta data gives no cut."""

SPACY_THRESHOLDS: dict[str, float] = {
    "PerpInd": 0.3,
    "PerpOrg": 0.7,
    "Target": 0.4,
    "Victim": 0.3,
    "Weapon": 0.4,
}
"""Cuts per role for the older spaCy span tagger, chosen on the held-out 10% of MUC-4 train."""


@functools.lru_cache(maxsize=2)
def thresholds(use_encoder: bool) -> dict[str, float]:
    """Recommended cuts on ``RoleSpan.score`` per role: the encoder's, chosen on the held-out
    10% of MUC-4 train by ``scripts/train_encoder.py`` and saved in its ``meta.json``, or the
    spaCy tagger's (``SPACY_THRESHOLDS``)."""
    if not use_encoder:
        return dict(SPACY_THRESHOLDS)
    cuts = encoder.meta().get("thresholds", {})
    return {role: float(cuts.get(role, THRESHOLD)) for role in ROLES}


def tagger_name() -> str:
    """Which span tagger reads upper-case wire copy: "encoder" (MiniLM, the optional extra) or
    "spacy" (mixed-case text always gets the spaCy tagger; see ``tag_roles``)."""
    return "encoder" if encoder.available() else "spacy"


@dataclass(frozen=True)
class RoleSpan:
    """One role filler found in the article: its role, text, ``[start, end)`` offsets and score."""

    role: RoleName
    text: str
    span: tuple[int, int]
    score: float  # P(span has this role), from the tagger that found it
    cut: float = THRESHOLD  # the score from which that tagger recommends keeping a span of this role


@functools.lru_cache(maxsize=2)
def load_tagger(path: str | Path = MODEL_DIR) -> Any:
    """The role tagger saved at ``path``, loaded once per process."""
    import spacy

    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise errors.ModelMissingError(errors.E_ROLES_MODEL.format(path=path))
    nlp = spacy.load(path)
    nlp.max_length = 2_000_000
    return nlp


def relevance(doc: Any) -> float:
    """P(the text reports a violent incident) from the tagger's classifier (1.0 without one)."""
    return float(doc.cats.get(RELEVANT, 1.0))


@functools.lru_cache(maxsize=2)
def load_lexicon(path: str | Path = MODEL_DIR) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, float]]]:
    """The filler lexicon saved beside the tagger: string -> (role, P(role | string, relevant doc))."""
    file = Path(path) / LEXICON
    if not file.is_file():
        return None, {}
    with open(file, encoding="utf-8") as f:
        entries = {k: (v[0], float(v[1])) for k, v in json.load(f)["entries"].items()}
    if not entries:
        return None, {}
    names = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return pattern, entries


def lexicon_spans(
    text: str, folded: str, path: str | Path, weight: float, taken: list[tuple[int, int]]
) -> list[RoleSpan]:
    """Known fillers from the train split found in ``folded`` outside the tagger's own spans."""
    pattern, entries = load_lexicon(path)
    if pattern is None:
        return []
    spans = []
    for m in pattern.finditer(folded):
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        role, p = entries[m.group()]
        spans.append(RoleSpan(role, text[start:end], (start, end), round(p * weight, 4),  # type: ignore[arg-type]
                              SPACY_THRESHOLDS.get(role, THRESHOLD)))
    return spans


def tag(
    text: str, path: str | Path = MODEL_DIR, gate: bool = True, use_encoder: bool | None = None,
    encoder_path: str | Path = encoder.MODEL_DIR,
) -> tuple[RoleSpan, ...]:
    """Role-filler spans of ``text``, each with exact character offsets into ``text``.

    ``use_encoder`` picks the span tagger; by default the MiniLM encoder when its extra is
    installed, else the spaCy tagger. With the spaCy tagger and ``gate``, each score is
    multiplied by the article's relevance (see ``relevance``) and known fillers from the
    lexicon are added.
    """
    return tag_with_relevance(text, path, gate, use_encoder, encoder_path)[0]


def tag_with_relevance(
    text: str, path: str | Path = MODEL_DIR, gate: bool = True, use_encoder: bool | None = None,
    encoder_path: str | Path = encoder.MODEL_DIR,
) -> tuple[tuple[RoleSpan, ...], float]:
    """``tag`` and the article's relevance, from one run of the models."""
    if use_encoder is None:
        use_encoder = encoder.available()
    if not use_encoder:
        return spacy_tag([text], path, gate)[0]
    # The encoder's own span scores, neither weighed by relevance nor topped up from the
    # lexicon: on held-out MUC-4 train either lowered doc-level F1 (49.1 -> 47.7, 48.5).
    nlp = load_tagger(path)
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(fold_case(text))
    cuts = thresholds(True)
    spans = [RoleSpan(role, text[start:end], (start, end), round(p, 4), cuts[role])  # type: ignore[arg-type]
             for role, (start, end), p in encoder.spans(encoder.read_words(text, encoder_path))]
    return tuple(spans), relevance(doc)


def spacy_tag(
    texts: Sequence[str], path: str | Path = MODEL_DIR, gate: bool = True
) -> list[tuple[tuple[RoleSpan, ...], float]]:
    """The spaCy tagger's spans and relevance for each text, the texts read in one batch."""
    nlp = load_tagger(path)
    folded = [fold_case(t) for t in texts]
    docs = list(nlp.pipe(folded))
    ner = nlp.get_pipe("ner")
    parsed = [d for d in docs if len(d)]
    scored = iter(ner.scored_ents(ner.beam_parse(parsed, beam_width=BEAM_WIDTH)) if parsed else [])
    out = []
    for text, low, doc in zip(texts, folded, docs, strict=True):
        probs = next(scored) if len(doc) else {}
        weight = relevance(doc) if gate else 1.0
        spans = []
        for ent in doc.ents:
            start, end = ent.start_char, ent.end_char
            assert text[start:end].lower() == ent.text, (text[start:end], ent.text)
            p = float(probs.get((ent.start, ent.end, ent.label_), 0.0))
            spans.append(RoleSpan(ent.label_, text[start:end], (start, end), round(p * weight, 4),
                                  SPACY_THRESHOLDS[ent.label_]))
        taken = [s.span for s in spans]
        spans += lexicon_spans(text, low, path, weight, taken)
        out.append((tuple(sorted(spans, key=lambda s: s.span)), relevance(doc)))
    return out


def event_regions(coding: Coding) -> list[Span]:
    """The stretches of text made of sentences with an event mention, adjacent ones joined."""
    regions: list[Span] = []
    for start, end in sorted({m.sentence for m in coding.mentions}):
        if regions and start <= regions[-1][1] + 1:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
        else:
            regions.append((start, end))
    return regions


def _shifted(span: RoleSpan, offset: int) -> RoleSpan:
    return replace(span, span=(span.span[0] + offset, span.span[1] + offset))


@stage(requires=("doc", "mentions"), provides=("roles", "relevance"))
def tag_roles(coding: Coding) -> Coding:
    """Perpetrators, victims, targets and weapons as scored spans into the article text, and
    how likely the article is to report an incident at all.

    The MiniLM encoder reads upper-case wire copy, where the parse-based rules fail and its
    fillers stand in for them; mixed-case text, where the rules do that work and learned
    fillers only top them up, gets the spaCy tagger, at a fraction of the cost (the encoder
    everywhere held extraction to 0.31x the bare spaCy pipeline; the target is 0.5x). There,
    only the sentences with an event mention are read: assembly gives a mixed-case filler
    only to an incident told in its own sentence, and the relevance is theirs.
    """
    return _tag_batch([coding])[0]


def _tag_batch(codings: list[Coding]) -> list[Coding]:
    out: list[Coding | None] = [None] * len(codings)
    jobs: list[tuple[int, int, str]] = []  # (coding, offset, text) for the spaCy tagger
    for i, coding in enumerate(codings):
        text = coding.article.text
        if wire_copy(coding) and encoder.available():
            roles, score = tag_with_relevance(text, use_encoder=True)
            out[i] = coding.with_(roles=roles, relevance=score)
        elif wire_copy(coding):
            jobs.append((i, 0, text))
        else:
            jobs += [(i, start, text[start:end]) for start, end in event_regions(coding)]
    found: dict[int, tuple[list[RoleSpan], list[float]]] = {}
    for (i, offset, _), (spans, score) in zip(jobs, spacy_tag([t for _, _, t in jobs]), strict=True):
        mine = found.setdefault(i, ([], []))
        mine[0].extend(_shifted(s, offset) for s in spans)
        mine[1].append(score)
    for i, coding in enumerate(codings):
        if out[i] is None:
            spans, scores = found.get(i, ([], []))
            out[i] = coding.with_(roles=tuple(spans), relevance=max(scores) if scores else None)
    return out  # type: ignore[return-value]


tag_roles.batch = _tag_batch  # type: ignore[attr-defined]


_ARTICLE = re.compile(r"^(the|a|an)\s+")


def normalize_filler(text: str) -> str:
    """A filler as MUC-4 scorers compare it: lower case, no accents, punctuation or leading article."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    return _ARTICLE.sub("", text)


def fillers(
    spans: Iterable[RoleSpan], threshold: float | dict[str, float] | None = None
) -> dict[str, tuple[str, ...]]:
    """Distinct normalized filler strings per role, best score first, cut at ``threshold``.

    ``threshold`` is one cut for every role or a cut per role (default: each span's own cut).

    A string contained word for word in a longer filler of the same role is dropped
    ("bridge" beside "las canas bridge"): both would name one entity.
    """
    cut = threshold if isinstance(threshold, dict) or threshold is None else dict.fromkeys(ROLES, threshold)
    best: dict[str, dict[str, float]] = {role: {} for role in ROLES}
    for s in spans:
        key = normalize_filler(s.text)
        if key and s.score >= (s.cut if cut is None else cut[s.role]):
            best[s.role][key] = max(s.score, best[s.role].get(key, 0.0))
    out = {}
    for role, scored in best.items():
        keys = sorted(scored, key=lambda k: (-scored[k], k))
        kept = [
            k for k in keys if not any(k != o and f" {k} " in f" {o} " for o in keys)
        ]
        out[role] = tuple(kept)
    return out
