"""The learned role-filler tagger: exact offsets, obvious fillers, scores, missing model."""

from __future__ import annotations

import pytest

from eventwire import errors
from eventwire.extract.roles import (
    MODEL_DIR,
    RoleSpan,
    fillers,
    lexicon_spans,
    load_tagger,
    normalize_filler,
    tag,
    tag_roles,
)
from eventwire.pipeline import Coding
from eventwire.records import Article

FMLN = "GUERRILLAS OF THE FMLN ATTACKED THE POWER TOWER WITH DYNAMITE."
KABUL = "Gunmen shot dead two policemen in Kabul on Monday, police said."
MUC_STYLE = (
    "SAN SALVADOR, 12 JAN 90 -- URBAN GUERRILLAS OF THE FARABUNDO MARTI NATIONAL "
    "LIBERATION FRONT TODAY DYNAMITED TWO POWER TOWERS AND KILLED A NATIONAL GUARDSMAN "
    "IN USULUTAN DEPARTMENT. THE TERRORISTS USED RIFLES AND DYNAMITE IN THE ATTACK."
)


@pytest.fixture(scope="session", params=["spacy", "encoder"])
def tagger(request):
    """Each span tagger in turn: the spaCy one and the MiniLM encoder (the `encoder` extra,
    which `make install` installs)."""
    load_tagger(MODEL_DIR)
    return request.param == "encoder"


def roles_of(spans: tuple[RoleSpan, ...], role: str) -> list[str]:
    return [s.text.lower() for s in spans if s.role == role]


@pytest.mark.slow
@pytest.mark.parametrize("text", [FMLN, KABUL, MUC_STYLE, FMLN.title(), KABUL.upper()])
def test_spans_are_exact_offsets(tagger, text):
    spans = tag(text, use_encoder=tagger)
    assert spans, "the tagger found no filler at all"
    for s in spans:
        start, end = s.span
        assert text[start:end] == s.text
        assert s.role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
        assert 0.0 <= s.score <= 1.0


@pytest.mark.slow
def test_upper_case_muc_sentence(tagger):
    spans = tag(FMLN, use_encoder=tagger)
    assert "fmln" in roles_of(spans, "PerpOrg")
    assert "dynamite" in roles_of(spans, "Weapon")
    assert any("tower" in t for t in roles_of(spans, "Target"))


@pytest.mark.slow
def test_muc_style_paragraph(tagger):
    spans = tag(MUC_STYLE, use_encoder=tagger)
    assert "farabundo marti national liberation front" in roles_of(spans, "PerpOrg")
    assert any("guerrillas" in t for t in roles_of(spans, "PerpInd"))
    assert any("power towers" in t for t in roles_of(spans, "Target"))


@pytest.mark.slow
def test_modern_mixed_case(tagger):
    spans = tag(KABUL, use_encoder=tagger)
    assert any("gunmen" in t for t in roles_of(spans, "PerpInd"))
    assert not roles_of(spans, "PerpOrg")
    bomb = tag("A car bomb exploded outside the embassy, killing a judge.", use_encoder=tagger)
    assert any("bomb" in t for t in roles_of(bomb, "Weapon"))


@pytest.mark.slow
def test_case_does_not_change_the_answer(tagger):
    lower = [(s.role, s.span) for s in tag(FMLN.lower(), use_encoder=tagger)]
    upper = [(s.role, s.span) for s in tag(FMLN, use_encoder=tagger)]
    assert lower == upper


@pytest.mark.slow
def test_stage_fills_roles_slot(tagger):
    from eventwire.extract.mentions import find_mentions
    from eventwire.nlp import parse_article

    coding = find_mentions(parse_article(Coding(article=Article(id="t", text=FMLN))))
    out = tag_roles(coding)
    assert out.roles == tag(FMLN)  # the stage uses the default tagger
    assert 0.0 <= out.relevance <= 1.0
    assert tag_roles.requires == ("doc", "mentions") and tag_roles.provides == ("roles", "relevance")


@pytest.mark.slow
def test_batch_of_the_stage_equals_one_at_a_time():
    from eventwire.extract.mentions import find_mentions
    from eventwire.nlp import parse_article

    texts = [KABUL, MUC_STYLE, "A quiet day in Geneva.", "Gunmen killed a judge. Police arrested two men."]
    codings = [find_mentions(parse_article(Coding(article=Article(id=str(i), text=t)))) for i, t in enumerate(texts)]
    one = [tag_roles(c) for c in codings]
    many = tag_roles.batch(codings)
    assert [c.roles for c in many] == [c.roles for c in one]
    assert [c.relevance for c in many] == pytest.approx([c.relevance for c in one])


def test_missing_model_says_how_to_fix(tmp_path):
    with pytest.raises(errors.ModelMissingError, match="train_roles.py"):
        tag("GUERRILLAS ATTACKED", tmp_path / "no-model")


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("The FMLN", "fmln"),
        ("an M-16 rifle", "m 16 rifle"),
        ("Farabundo Martí  Front", "farabundo marti front"),
        ("theater", "theater"),
    ],
)
def test_normalize_filler(raw, expected):
    assert normalize_filler(raw) == expected


def test_fillers_merge_contained_and_cut_threshold():
    spans = [
        RoleSpan("Target", "LAS CANAS BRIDGE", (0, 16), 0.9),
        RoleSpan("Target", "BRIDGE", (30, 36), 0.8),
        RoleSpan("Target", "the bridges", (40, 51), 0.7),
        RoleSpan("Victim", "PEASANTS", (60, 68), 0.2),
        RoleSpan("PerpOrg", "FMLN", (70, 74), 0.5),
        RoleSpan("PerpOrg", "fmln", (80, 84), 0.6),
    ]
    got = fillers(spans, threshold=0.3)
    assert got["Target"] == ("las canas bridge", "bridges")
    assert got["Victim"] == ()
    assert got["PerpOrg"] == ("fmln",)
    assert got["Weapon"] == () and got["PerpInd"] == ()


def test_lexicon_spans_skip_tagged_text(tmp_path):
    (tmp_path / "lexicon.json").write_text(
        '{"source": "hand-built", "entries": {"fmln": ["PerpOrg", 0.9], "dynamite": ["Weapon", 0.5]}}'
    )
    text = "THE FMLN USED DYNAMITE; FMLN-LIKE GROUPS DENY IT."
    spans = lexicon_spans(text, text.lower(), tmp_path, weight=0.5, taken=[(4, 8)])
    assert spans == [  # each with the spaCy tagger's cut for its role
        RoleSpan("Weapon", "DYNAMITE", (14, 22), 0.25, 0.4),
        RoleSpan("PerpOrg", "FMLN", (24, 28), 0.45, 0.7),
    ]


def test_fillers_per_role_cuts():
    spans = [
        RoleSpan("Target", "BRIDGE", (0, 6), 0.5),
        RoleSpan("PerpOrg", "ARMED FORCES", (10, 22), 0.5),
    ]
    cuts = {"PerpInd": 0.3, "PerpOrg": 0.7, "Target": 0.4, "Victim": 0.3, "Weapon": 0.4}
    got = fillers(spans, cuts)
    assert got["Target"] == ("bridge",) and got["PerpOrg"] == ()



@pytest.mark.slow
def test_stage_gives_wire_copy_to_the_encoder_and_mixed_case_to_spacy():
    from eventwire.extract import encoder
    from eventwire.extract.mentions import find_mentions
    from eventwire.extract.roles import SPACY_THRESHOLDS, thresholds
    from eventwire.nlp import parse_article

    def stage_spans(text: str) -> tuple[RoleSpan, ...]:
        return tag_roles(find_mentions(parse_article(Coding(article=Article(id="t", text=text))))).roles

    mixed = stage_spans(KABUL)
    assert mixed == tag(KABUL, use_encoder=False)
    assert all(s.cut == SPACY_THRESHOLDS[s.role] for s in mixed)
    # Mixed case: only sentences with an event mention are read, at their own offsets.
    lead = "The minister flew to Geneva for talks on trade. "
    shifted = stage_spans(lead + KABUL)
    assert [(s.role, s.text, s.span[0] - len(lead)) for s in shifted] == [(s.role, s.text, s.span[0]) for s in mixed]
    assert stage_spans("The minister flew to Geneva for talks on trade.") == ()
    wire = stage_spans(MUC_STYLE)
    assert wire and wire == tag(MUC_STYLE, use_encoder=encoder.available())
    assert all(s.cut == thresholds(True)[s.role] for s in wire)


def test_fillers_default_to_each_spans_own_cut():
    spans = [
        RoleSpan("Target", "BRIDGE", (0, 6), 0.5, 0.6),
        RoleSpan("Target", "TOWER", (10, 15), 0.5, 0.4),
    ]
    assert fillers(spans)["Target"] == ("tower",)
    assert fillers(spans, 0.5)["Target"] == ("bridge", "tower")
