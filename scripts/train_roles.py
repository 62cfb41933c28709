"""Train the MUC-4 role-filler tagger shipped in src/eventwire/models/roles.

Trains only on grit_train.json: 90% for gradient steps, a seeded 10% held out to pick the
epoch and the score threshold. grit_dev.json is read once, at the end, to report scores.

    nice .venv/bin/python scripts/train_roles.py --epochs 15   # after `make install`

The shipped model: --epochs 15 (early-stopped at 13, best epoch 9), other options default;
about 14 minutes on one idle core (40 under load). `--report-only` re-scores a saved model.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from eventwire.extract.roles import (
    LEXICON,
    RELEVANT,
    ROLES,
    RoleSpan,
    fillers,
    load_lexicon,
    load_tagger,
    normalize_filler,
    tag,
)

BENCH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "muc4"
SEED = 4


def read_docs(path: Path) -> list[dict]:
    """GRIT-format MUC-4 documents, one JSON object per line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_spans(doc: dict, every: bool) -> list[tuple[int, int, str]]:
    """Character spans of gold mentions: every whole-word occurrence, or only the listed offsets."""
    text = doc["doctext"]
    found = []
    for role in ROLES:
        for entity in doc["extracts"].get(role, []):
            for mention, offset in entity:
                if every:
                    pattern = r"(?<![\w])" + re.escape(mention) + r"(?![\w])"
                    found += [(m.start(), m.end(), role) for m in re.finditer(pattern, text)]
                else:
                    found.append((offset, offset + len(mention), role))
    # longest first; a character claimed once keeps its first role
    found.sort(key=lambda s: (s[0] - s[1], ROLES.index(s[2]), s[0]))
    taken: set[int] = set()
    spans = []
    for start, end, role in found:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            spans.append((start, end, role))
    return sorted(spans)


def example(nlp, doc: dict, every: bool) -> Example:
    """A training example: ner spans plus the document's relevance (has any filler)."""
    pred = nlp.make_doc(doc["doctext"])
    ents = []
    for start, end, role in gold_spans(doc, every):
        span = pred.char_span(start, end, label=role, alignment_mode="contract")
        if span is not None and len(span):
            ents.append((span.start_char, span.end_char, role))
    relevant = any(doc["extracts"].get(role) for role in ROLES)
    cats = {RELEVANT: float(relevant), "irrelevant": float(not relevant)}
    return Example.from_dict(pred, {"entities": ents, "cats": cats})


def build_lexicon(docs: list[dict], min_docs: int = 2, min_p: float = 0.15) -> dict:
    """Gold filler strings of ``docs`` with their commonest role and P(role | string, relevant doc)."""
    relevant = [d for d in docs if any(d["extracts"].get(role) for role in ROLES)]
    by_role: dict[str, Counter] = {}
    for doc in relevant:
        for role in ROLES:
            for mention in {m for e in doc["extracts"].get(role, []) for m, _ in e}:
                if len(mention) >= 3 and not mention.isdigit():
                    by_role.setdefault(mention, Counter())[role] += 1
    entries = {}
    for mention, roles in by_role.items():
        role, n = roles.most_common(1)[0]
        if n < min_docs:
            continue
        pattern = re.compile(r"(?<![\w])" + re.escape(mention) + r"(?![\w])")
        seen = sum(1 for d in relevant if mention in d["doctext"] and pattern.search(d["doctext"]))
        p = n / (seen + 1)
        if p >= min_p:
            entries[mention] = [role, round(p, 3)]
    return dict(sorted(entries.items()))


def write_lexicon(out: Path, entries: dict) -> None:
    """Save the lexicon beside the tagger, where ``roles.load_lexicon`` finds it."""
    source = "grit_train.json (MUC-4 train split), the 90% used for training"
    with open(Path(out) / LEXICON, "w", encoding="utf-8") as f:
        json.dump({"source": source, "entries": entries}, f, indent=0, sort_keys=True)
    load_lexicon.cache_clear()


def build(width: int, embed: int, window: int = 1) -> spacy.Language:
    """A blank English pipeline with a ner tagger for the five roles and a relevance classifier."""
    nlp = spacy.blank("en")
    tok2vec = {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": width,
        "depth": 4,
        "embed_size": embed,
        "window_size": window,
        "maxout_pieces": 3,
        "subword_features": True,
    }
    ner = nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": tok2vec,
    }})
    for role in ROLES:
        ner.add_label(role)
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 65536,
    }})
    textcat.add_label(RELEVANT)
    textcat.add_label("irrelevant")
    return nlp


def score(predicted: list[dict[str, tuple[str, ...]]], docs: list[dict]) -> dict:
    """GRIT-style document-level micro P/R/F1 per role and overall.

    Per document and role: distinct normalized predicted strings against gold entities (each
    a set of normalized mentions); a prediction matches an unmatched entity holding it.
    """
    counts = {role: [0, 0, 0] for role in ROLES}  # tp, predicted, gold
    for pred, doc in zip(predicted, docs, strict=True):
        for role in ROLES:
            entities = [{normalize_filler(m) for m, _ in e} for e in doc["extracts"].get(role, [])]
            matched = [False] * len(entities)
            for text in pred.get(role, ()):
                for i, names in enumerate(entities):
                    if not matched[i] and text in names:
                        matched[i] = True
                        break
            counts[role][0] += sum(matched)
            counts[role][1] += len(pred.get(role, ()))
            counts[role][2] += len(entities)
    counts["all"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {role: prf(*c) for role, c in counts.items()}


def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1), "tp": tp,
            "pred": npred, "gold": ngold}


def span_score(tagged: list[tuple[RoleSpan, ...]], docs: list[dict], threshold) -> dict:
    """Character-exact span P/R/F1 against every-occurrence gold spans, cut at ``threshold``."""
    cut = threshold if isinstance(threshold, dict) else dict.fromkeys(ROLES, threshold)
    tp = npred = ngold = 0
    for spans, doc in zip(tagged, docs, strict=True):
        gold = set(gold_spans(doc, every=True))
        got = {(*s.span, s.role) for s in spans if s.score >= cut[s.role]}
        tp += len(gold & got)
        npred += len(got)
        ngold += len(gold)
    return prf(tp, npred, ngold)


def predict(path: Path, docs: list[dict], threshold: float) -> list[dict]:
    """Document-level fillers of every doc from the saved model at ``path``."""
    return [fillers(tag(d["doctext"], path), threshold) for d in docs]


def train(args) -> None:
    fix_random_seed(SEED)
    docs = read_docs(BENCH / "grit_train.json")
    random.Random(SEED).shuffle(docs)
    cut = len(docs) // 10
    held, fit = docs[:cut], docs[cut:]
    nlp = build(args.width, args.embed, args.window)
    examples = [example(nlp, d, every=not args.listed_only) for d in fit]
    lexicon = build_lexicon(fit) if not args.no_lexicon else {}
    print(f"lexicon: {len(lexicon)} filler strings", flush=True)
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = args.learn_rate
    best_f, best_epoch = -1.0, 0
    best_dir = Path(args.out).parent / "roles.best"
    shutil.rmtree(args.out, ignore_errors=True)  # no stale lexicon while epochs are compared
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=args.batch):
            nlp.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            nlp.to_disk(args.out)
        load_tagger.cache_clear()
        result = score(predict(args.out, held, 0.0), held)["all"]
        print(f"epoch {epoch:2d}  {time.time() - start:5.0f}s  losses "
              f"{ {k: round(v) for k, v in losses.items()} }  held-out doc {result}",
              flush=True)
        if result["f1"] > best_f:
            best_f, best_epoch = result["f1"], epoch
            shutil.rmtree(best_dir, ignore_errors=True)
            shutil.copytree(args.out, best_dir)
        if epoch - best_epoch >= args.patience:
            break
    shutil.rmtree(args.out)
    shutil.move(str(best_dir), args.out)
    write_lexicon(args.out, lexicon)  # after the epoch is picked on the tagger alone
    load_tagger.cache_clear()
    print(f"best epoch {best_epoch}, held-out doc F1 {best_f}, {time.time() - start:.0f}s")
    report(Path(args.out), held)


GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def pick_thresholds(tagged: list[tuple[RoleSpan, ...]], docs: list[dict]) -> dict[str, float]:
    """The cut per role that maximizes held-out doc-level F1 (ties go to the cut nearest 0.4)."""
    def f1(role: str, t: float) -> float:
        return score([{role: fillers(s, t)[role]} for s in tagged], docs)[role]["f1"]

    return {role: max(GRID, key=lambda t: (f1(role, t), -abs(t - 0.4))) for role in ROLES}


def report(path: Path, held: list[dict]) -> None:
    """Pick score thresholds on held-out train, then print dev scores (read once, here)."""
    choice: dict = {}
    for gate in (False, True):
        cache = [tag(d["doctext"], path, gate) for d in held]
        for t in GRID:
            f = score([fillers(s, t) for s in cache], held)["all"]["f1"]
            print(f"held-out gate={gate} threshold {t:.1f}: doc F1 {f}")
        choice[gate] = max(GRID, key=lambda t: score([fillers(s, t) for s in cache], held)["all"]["f1"])
        print(f"gate={gate}: chosen threshold {choice[gate]}")
        if gate:
            choice["per role"] = pick_thresholds(cache, held)
            per = score([fillers(s, choice["per role"]) for s in cache], held)["all"]["f1"]
            print(f"gate=True per-role thresholds {choice['per role']}: held-out doc F1 {per}")
    dev = read_docs(BENCH / "grit_dev.json")
    for gate, cut in ((False, 0.0), (False, choice[False]), (True, choice[True]), (True, "per role")):
        tagged = [tag(d["doctext"], path, gate) for d in dev]
        t = choice[cut] if cut == "per role" else cut
        print(f"dev gate={gate} threshold {cut}: span-level "
              f"{span_score(tagged, dev, t)}")
        result = score([fillers(s, t) for s in tagged], dev)
        for role, r in result.items():
            print(f"  doc-level {role:8s} P {r['p']:5.1f}  R {r['r']:5.1f}  F1 {r['f1']:5.1f}")
    quiet = [d for d in dev if not any(d["extracts"].get(role) for role in ROLES)]
    empty = sum(not any(fillers(tag(d["doctext"], path), choice["per role"]).values()) for d in quiet)
    print(f"dev documents without a template: {len(quiet)}, "
          f"of which {empty} get no filler at the per-role thresholds")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--patience", type=int, default=4)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--embed", type=int, default=2000)
    parser.add_argument("--window", type=int, default=1, help="CNN window (context = 4 x window)")
    parser.add_argument("--listed-only", action="store_true", help="label only listed offsets")
    parser.add_argument("--no-lexicon", action="store_true", help="ship no filler lexicon")
    parser.add_argument("--report-only", action="store_true", help="score the model at --out")
    parser.add_argument("--out", type=Path, default=Path("src/eventwire/models/roles"))
    args = parser.parse_args(argv)
    if args.report_only:
        docs = read_docs(BENCH / "grit_train.json")
        random.Random(SEED).shuffle(docs)
        report(args.out, docs[: len(docs) // 10])
    else:
        train(args)


if __name__ == "__main__":
    sys.exit(main())
