"""The MiniLM role encoder: span decoding, word offsets across windows, missing weights."""

from __future__ import annotations

import pytest

from eventwire import errors
from eventwire.extract import encoder
from eventwire.extract.encoder import LABELS, Word, spans


def word(start: int, end: int, **probs: float) -> Word:
    """A word whose label probabilities are given by label name ("B-Target"), the rest to O."""
    values = [0.0] * len(LABELS)
    for name, p in probs.items():
        values[LABELS.index(name.replace("_", "-"))] = p
    values[0] = 1.0 - sum(values)
    return Word((start, end), tuple(values))


def test_spans_join_inside_words_and_average_their_role_probability():
    words = [
        word(0, 3),  # THE
        word(4, 9, B_Target=0.8),  # POWER
        word(10, 15, I_Target=0.6),  # TOWER
        word(16, 19),  # WAS
        word(20, 24, B_Weapon=0.1, I_Weapon=0.1),  # below the word cut
    ]
    assert spans(words) == [("Target", (4, 15), pytest.approx(0.7))]


def test_a_new_b_or_another_role_starts_a_new_span():
    words = [
        word(0, 4, B_Victim=0.9),
        word(5, 9, B_Victim=0.7),  # B again: a second victim
        word(10, 14, I_PerpInd=0.5),  # I of another role still starts a span
    ]
    assert spans(words) == [
        ("Victim", (0, 4), pytest.approx(0.9)),
        ("Victim", (5, 9), pytest.approx(0.7)),
        ("PerpInd", (10, 14), pytest.approx(0.5)),
    ]


def test_b_and_i_of_one_role_add_up_against_the_cut():
    # 0.15 + 0.15 reaches the 0.25 cut for a word that no single label prefers over O
    assert spans([word(0, 5, B_Weapon=0.15, I_Weapon=0.15)]) == [("Weapon", (0, 5), pytest.approx(0.3))]
    assert spans([word(0, 5, B_Weapon=0.1, I_Weapon=0.1)]) == []


def test_missing_weights_say_how_to_fix(tmp_path):
    with pytest.raises(errors.ModelMissingError, match="train_encoder.py"):
        encoder.load(tmp_path)


@pytest.mark.slow
def test_every_word_read_once_with_exact_offsets_across_windows():
    sentence = "GUERRILLAS OF THE FMLN DYNAMITED A POWER TOWER IN USULUTAN. "
    text = sentence * 60  # about 900 word pieces: several overlapping windows
    words = encoder.read_words(text)
    per_sentence = len(set(encoder.tokenizer()(sentence, add_special_tokens=False).word_ids()))
    assert len(words) == 60 * per_sentence
    starts = [w.span[0] for w in words]
    assert starts == sorted(set(starts))
    for w in words:
        assert text[w.span[0] : w.span[1]].strip() == text[w.span[0] : w.span[1]] != ""
        assert sum(w.probs) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.slow
def test_case_does_not_change_what_it_reads():
    text = "Gunmen shot dead two policemen in Kabul on Monday, police said."
    lower = [(r, s) for r, s, _ in spans(encoder.read_words(text.lower()))]
    upper = [(r, s) for r, s, _ in spans(encoder.read_words(text.upper()))]
    assert lower == upper and lower


def test_empty_text_has_no_words():
    assert encoder.read_words("  \n ") == []


def test_version_names_the_role_tagger_in_use():
    from typer.testing import CliRunner

    from eventwire.cli import app
    from eventwire.extract.roles import tagger_name

    out = CliRunner().invoke(app, ["version"])
    assert out.exit_code == 0
    assert f"role tagger: {tagger_name()}" in out.output
    assert tagger_name() == ("encoder" if encoder.available() else "spacy")
