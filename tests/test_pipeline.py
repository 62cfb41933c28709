import pytest

from eventwire.errors import PipelineError
from eventwire.pipeline import Coding, Pipeline, stage
from eventwire.records import Article


@stage(provides=("doc",))
def fake_parse(coding: Coding) -> Coding:
    return coding.with_(doc=coding.article.text.split())


@stage(requires=("doc",), provides=("mentions",))
def fake_detect(coding: Coding) -> Coding:
    return coding.with_(mentions=tuple(w for w in coding.doc if w == "bomb"))


def test_stages_run_in_order_without_mutation():
    pipeline = Pipeline([fake_parse, fake_detect])
    article = Article("a", "a bomb and a bomb")
    coding = pipeline(article)
    assert coding.mentions == ("bomb", "bomb")
    assert coding.article is article
    assert pipeline.names == ["fake_parse", "fake_detect"]


def test_missing_requirement_is_refused_at_build_time():
    with pytest.raises(PipelineError, match="fake_detect"):
        Pipeline([fake_detect, fake_parse])


def test_unknown_slot_is_refused():
    with pytest.raises(PipelineError):
        stage(provides=("nonsense",))(lambda c: c)


def test_default_pipeline_is_wired(nlp):
    from eventwire.extract import default_pipeline

    names = default_pipeline().names
    assert names[:2] == ["tidy_article", "parse_article"] and names[-1] == "assemble_events"


@stage(requires=("doc",), provides=("mentions",))
def picky_detect(coding: Coding) -> Coding:
    if "poison" in coding.doc:
        raise ValueError("cannot read this one")
    return coding.with_(mentions=tuple(w for w in coding.doc if w == "bomb"))


def _batch_detect(codings: list[Coding]) -> list[Coding]:
    _batch_detect.calls += 1
    return [picky_detect(c) for c in codings]


_batch_detect.calls = 0
picky_detect.batch = _batch_detect


def test_many_uses_a_stage_batch_and_isolates_a_failing_article():
    pipeline = Pipeline([fake_parse, picky_detect])
    good = [Article("a", "a bomb"), Article("b", "no bomb bomb")]
    out = pipeline.many(good)
    assert [c.mentions for c in out] == [("bomb",), ("bomb", "bomb")]
    assert _batch_detect.calls == 1
    out = pipeline.many([good[0], Article("p", "poison bomb"), good[1]])
    assert out[0].mentions == ("bomb",) and out[2].mentions == ("bomb", "bomb")
    assert isinstance(out[1], ValueError) and "cannot read" in str(out[1])
