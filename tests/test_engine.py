"""The batch engine: articles coded in batches, one failure never stopping the others."""

from __future__ import annotations

from eventwire import errors
from eventwire.engine import LocalEngine, chunks, code_batch, load_batch_extractor
from eventwire.records import Article, Result


def one(article: Article) -> Result:
    if "poison" in article.text:
        raise ValueError("unreadable")
    return Result(article)


def test_chunks_are_lazy_and_keep_order():
    seen = []

    def articles():
        for i in range(5):
            seen.append(i)
            yield Article(str(i), "x")

    it = chunks(articles(), 2)
    assert [a.id for a in next(it)] == ["0", "1"] and seen == [0, 1]
    assert [[a.id for a in c] for c in it] == [["2", "3"], ["4"]]


def test_a_failing_article_in_a_batch_fails_alone():
    batch = [Article("a", "fine"), Article("b", "poison"), Article("c", "fine")]

    def many(articles):
        out = []
        for a in articles:
            try:
                out.append(one(a))
            except Exception as exc:
                out.append(exc)
        return out

    outcomes = code_batch(one, many, batch)
    assert [o.article.id for o in outcomes] == ["a", "b", "c"]
    assert [o.result is not None for o in outcomes] == [True, False, True]
    assert "ValueError: unreadable" in outcomes[1].reason and not outcomes[1].fatal


def test_a_broken_batch_is_coded_one_by_one():
    def broken(articles):
        raise RuntimeError("the batch as a whole failed")

    outcomes = code_batch(one, broken, [Article("a", "fine"), Article("b", "poison")])
    assert [o.result is not None for o in outcomes] == [True, False]


def test_a_missing_model_in_a_batch_is_fatal():
    def missing(articles):
        return [errors.ModelMissingError("install the model") for _ in articles]

    outcomes = code_batch(one, missing, [Article("a", "x"), Article("b", "y")])
    assert all(o.fatal and "install the model" in o.reason for o in outcomes)


def test_the_pipeline_has_a_batch_form_and_the_engine_finds_it():
    from eventwire.extract import extract_batch

    assert load_batch_extractor("eventwire.extract:extract") is extract_batch
    assert load_batch_extractor("eventwire.engine:code_article") is None


def test_local_engine_codes_in_batches_in_input_order():
    engine = LocalEngine(1, "fake_extract:extract", batch=3)
    articles = [Article(str(i), f"Rockets hit Erbil airport, report {i}.") for i in range(7)]
    outcomes = list(engine.run(articles))
    assert [o.article.id for o in outcomes] == [str(i) for i in range(7)]
    assert all(o.result is not None for o in outcomes)
