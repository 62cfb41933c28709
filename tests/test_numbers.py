import pytest

from eventwire.extract.numbers import find_quantities, parse_quantity, value_of
from eventwire.records import Count


@pytest.mark.parametrize(
    "phrase,expected",
    [
        ("nine", Count(9, 9)),
        ("at least five", Count(5, None)),
        ("more than a dozen", Count(13, None)),
        ("several", Count(3, None)),
        ("dozens of", Count(12, None)),
        ("23", Count(23, 23)),
        ("twenty-three", Count(23, 23)),
        ("1,200", Count(1200, 1200)),
        ("up to 40", Count(40, 40)),
        ("more than 100", Count(101, None)),
        ("a", Count(1, 1)),
        ("hundreds of", Count(100, None)),
        ("some 50", Count(50, 50)),
        ("40–50", Count(40, 50)),
        ("10 to 15", Count(10, 15)),
        ("between 10 and 13", Count(10, 13)),
        ("two or three", Count(2, 3)),
        ("as many as ten", Count(10, 10)),
        ("one hundred and forty-seven", Count(147, 147)),
    ],
)
def test_quantities(phrase, expected):
    q = parse_quantity(phrase)
    assert q is not None
    assert q.count == expected


def test_measurements_are_not_counts():
    assert [q.text for q in find_quantities("107mm rockets fired from five miles west")] == []


def test_spans_are_offsets():
    text = "They wounded at least five civilians."
    (q,) = find_quantities(text, offset=10)
    assert q.span == (23, 36)
    assert text[q.span[0] - 10 : q.span[1] - 10] == "at least five"


def test_value_of():
    assert value_of("seven") == 7
    assert value_of("forty two") == 42
    assert value_of("blue") is None


def test_a_change_is_not_a_range():
    assert [q.count for q in find_quantities("the toll rose from 5 to 10")] == [Count(5, 5), Count(10, 10)]


def test_and_joins_numbers_only_after_hundred():
    assert [q.count.min for q in find_quantities("killed two and wounded three")] == [2, 3]


def test_nouns_that_carry_their_number():
    from eventwire.extract.numbers import noun_count

    assert noun_count("parents") == Count(2, 2)
    assert noun_count("soldiers") is None
