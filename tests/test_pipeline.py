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
    assert names[0] == "parse_article" and names[-1] == "assemble_events"
