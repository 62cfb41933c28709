"""Time expressions resolved against the publication date (extract/dates.py, extract/timex.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.dates import (
    FALLBACK_DAYS,
    event_date,
    find_date_mentions,
    find_dates,
    publication_date,
    resolve,
)
from eventwire.pipeline import Coding
from eventwire.records import Article, EventDate

D = dt.date
TUESDAY = D(2021, 2, 16)  # publication date of the Erbil example: a Tuesday


def only(text: str, published: dt.date | None = TUESDAY):
    """The single mention found in ``text``."""
    found = find_date_mentions(text, published)
    assert len(found) == 1, found
    return found[0]


def dates_of(text: str, published: dt.date | None = TUESDAY):
    m = only(text, published)
    return m.start, m.end, m.precision


# --- weekdays and the days around publication ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["on Monday", "Monday evening", "Monday's attack", "late Monday", "early Monday",
     "ON MONDAY NIGHT", "before dawn Monday"],
)
def test_weekday_is_the_most_recent_such_day(text):
    assert dates_of(text) == (D(2021, 2, 15), D(2021, 2, 15), "day")
    assert only(text).relative


def test_weekday_of_publication_is_that_day_unless_last():
    assert dates_of("on Tuesday")[0] == TUESDAY
    assert dates_of("last Tuesday")[0] == D(2021, 2, 9)
    assert dates_of("on Wednesday")[0] == D(2021, 2, 10)


@pytest.mark.parametrize(
    "text, day",
    [
        ("yesterday", D(2021, 2, 15)),
        ("YESTERDAY AFTERNOON", D(2021, 2, 15)),
        ("today", TUESDAY),
        ("this morning", TUESDAY),
        ("EARLY THIS MORNING", TUESDAY),
        ("tonight", TUESDAY),
        ("last night", D(2021, 2, 15)),  # the night began the day before publication
        ("the day before yesterday", D(2021, 2, 14)),
        ("two days ago", D(2021, 2, 14)),
        ("2 DAYS AGO", D(2021, 2, 14)),
    ],
)
def test_days_around_publication(text, day):
    assert dates_of(text) == (day, day, "day")


def test_overnight_is_the_morning_of_publication_and_last_night_the_evening_before():
    assert dates_of("overnight") == (TUESDAY, TUESDAY, "day")
    assert dates_of("LAST NIGHT") == (D(2021, 2, 15), D(2021, 2, 15), "day")


# --- weeks, months, years -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("last week", D(2021, 2, 8), D(2021, 2, 14), "week"),
        ("this week", D(2021, 2, 15), TUESDAY, "week"),
        ("last month", D(2021, 1, 1), D(2021, 1, 31), "month"),
        ("late last month", D(2021, 1, 21), D(2021, 1, 31), "month"),
        ("early last year", D(2020, 1, 1), D(2020, 4, 30), "year"),
        ("this month", D(2021, 2, 1), TUESDAY, "month"),
        ("last year", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("this year", D(2021, 1, 1), TUESDAY, "year"),
        ("late 2019", D(2019, 9, 1), D(2019, 12, 31), "year"),
        ("early 2020", D(2020, 1, 1), D(2020, 4, 30), "year"),
        ("in January 2020", D(2020, 1, 1), D(2020, 1, 31), "month"),
        ("January last year", D(2020, 1, 1), D(2020, 1, 31), "month"),
        ("in January", D(2021, 1, 1), D(2021, 1, 31), "month"),
        ("in March", D(2020, 3, 1), D(2020, 3, 31), "month"),  # the most recent past March
        ("early March", D(2020, 3, 1), D(2020, 3, 10), "month"),
        ("last weekend", D(2021, 2, 13), D(2021, 2, 14), "week"),
        ("over the weekend", D(2021, 2, 13), D(2021, 2, 14), "week"),
        ("2 weeks ago", D(2021, 1, 30), D(2021, 2, 5), "week"),
    ],
)
def test_periods(text, start, end, precision):
    assert dates_of(text) == (start, end, precision)


# --- written-out dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, day",
    [
        ("January 13 1970", D(1970, 1, 13)),
        ("13 January 1970", D(1970, 1, 13)),
        ("Jan. 13", D(2021, 1, 13)),
        ("30 DEC 89", D(1989, 12, 30)),
        ("3 JAN 90", D(1990, 1, 3)),
        ("FEBRUARY 2, 1990", D(1990, 2, 2)),
        ("on 5 January 2012", D(2012, 1, 5)),
        ("the 15th of February", D(2021, 2, 15)),
        ("Feb. 15, 2021", D(2021, 2, 15)),
        ("posted 2021-02-14", D(2021, 2, 14)),
        ("on 14/02/2021", D(2021, 2, 14)),
        ("on 02/14/2021", D(2021, 2, 14)),
        # a weekday restating a calendar date: the date decides
        ("WAS KILLED ON MONDAY, 4 AUGUST.", D(2020, 8, 4)),
        ("on Friday, February 12, 2021", D(2021, 2, 12)),
    ],
)
def test_explicit_dates(text, day):
    assert dates_of(text) == (day, day, "day")


def test_two_digit_years_pivot_at_50():
    assert dates_of("1 MAY 49", None)[0] == D(2049, 5, 1)
    assert dates_of("1 MAY 50", None)[0] == D(1950, 5, 1)


def test_a_count_after_a_date_is_no_year():
    m = only("ON 3 JANUARY 12 PEOPLE WERE KILLED", D(1990, 1, 5))
    assert (m.start, m.end) == (D(1990, 1, 3), D(1990, 1, 3))


def test_year_less_dates_are_moved_into_the_past():
    assert dates_of("March 3") == (D(2020, 3, 3), D(2020, 3, 3), "day")
    assert dates_of("on 16 February") == (TUESDAY, TUESDAY, "day")


def test_nothing_after_publication():
    assert find_date_mentions("elections on 1 March 2021", TUESDAY) == ()
    assert find_date_mentions("the talks planned for next week", TUESDAY) == ()
    assert find_date_mentions("talks next Monday; a deadline by Friday", TUESDAY) == ()
    for m in find_date_mentions("this week, this month and this year", TUESDAY):
        assert m.end <= TUESDAY


def test_year_less_date_in_the_coming_week_is_a_plan_not_last_year():
    assert find_date_mentions("a general strike on 1 November", D(1989, 10, 31)) == ()
    assert dates_of("on 31 December", D(2021, 1, 2))[0] == D(2020, 12, 31)


def test_decades_are_not_years():
    assert find_date_mentions("founded in the early 1970s, active in the 1980's", TUESDAY) == ()


def test_relative_flag():
    assert only("13 January 1970").relative is False
    assert only("Jan. 13").relative is True
    assert only("yesterday").relative is True


# --- wire copy ------------------------------------------------------------------------------------

WIRE = (
    "SAN SALVADOR, 3 JAN 90 -- [TEXT] THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER IN SAN "
    "LUIS DE LA REINA.  THREE SUBVERSIVES WERE KILLED YESTERDAY.  A BOMB EXPLODED LAST NIGHT "
    "AND ANOTHER THIS MORNING.  TWO PEASANTS DIED 2 DAYS AGO.  GUERRILLAS ATTACKED TODAY.  "
    "THE BRIDGE WAS DYNAMITED ON 3 FEBRUARY."
)


def test_wire_copy_resolves_against_the_dateline():
    coding = find_dates(Coding(article=Article(id="muc", text=WIRE), doc=None))
    got = [(m.text, m.start) for m in coding.dates]
    assert got == [
        ("30 DECEMBER", D(1989, 12, 30)),
        ("YESTERDAY", D(1990, 1, 2)),
        ("LAST NIGHT", D(1990, 1, 2)),
        ("THIS MORNING", D(1990, 1, 3)),
        ("2 DAYS AGO", D(1990, 1, 1)),
        ("TODAY", D(1990, 1, 3)),
        ("3 FEBRUARY", D(1989, 2, 3)),
    ]


def test_dateline_with_country_gives_the_publication_date():
    text = "ROME (ITALY), 11 JAN 90 -- [TEXT] THE BOMB EXPLODED TODAY."
    assert publication_date(text) == D(1990, 1, 11)
    assert [m.text for m in find_date_mentions(text, D(1990, 1, 11))] == ["TODAY"]


# --- relative to another event --------------------------------------------------------------------


def test_days_before_an_anchor_with_a_date():
    m = only("Rockets hit the base three days before the January 3 strike.")
    assert (m.start, m.end, m.precision) == (D(2020, 12, 31), D(2020, 12, 31), "day")
    assert m.anchor == "the January 3 strike"
    # the mention covers its anchor, so "strike" reads as an anchor and not as a new event
    assert m.text == "three days before the January 3 strike"


def test_anchor_without_a_date_is_skipped():
    assert find_date_mentions("three days before Soleimani's assassination", TUESDAY) == ()


def test_the_month_before_uses_the_last_date():
    text = "The strike came on 3 January. The month before, a rocket hit Erbil."
    later = find_date_mentions(text, TUESDAY)[1]
    assert later.text == "The month before"
    assert (later.start, later.end, later.precision) == (D(2020, 12, 1), D(2020, 12, 31), "month")
    assert later.anchor == "3 January"


def test_a_few_days_after():
    m = only("a few days after the 3 January strike they left")
    assert (m.start, m.end) == (D(2021, 1, 5), D(2021, 1, 8))
    assert m.anchor == "the 3 January strike"


def test_the_next_day():
    m = find_date_mentions("He came on Friday. The next day he left.", TUESDAY)[1]
    assert (m.start, m.precision) == (D(2021, 2, 13), "day")


# --- history and ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("since late 2019", D(2019, 9, 1), D(2019, 12, 31)),
        ("since 2014", D(2014, 1, 1), D(2014, 12, 31)),
        ("in recent weeks", D(2021, 1, 26), TUESDAY),
        ("last year", D(2020, 1, 1), D(2020, 12, 31)),
    ],
)
def test_past_markers(text, start, end):
    m = only(text)
    assert (m.start, m.end, m.past_marker) == (start, end, True)


@pytest.mark.parametrize("text", ["yesterday", "in the past four days", "in recent days", "last week"])
def test_no_past_marker_on_news(text):
    assert only(text).past_marker is False


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("between 10 and 12 March", D(2020, 3, 10), D(2020, 3, 12)),
        ("10-12 March 2020", D(2020, 3, 10), D(2020, 3, 12)),
        ("from Monday to Wednesday", D(2021, 2, 8), D(2021, 2, 10)),
        ("from 30 December to 2 January", D(2020, 12, 30), D(2021, 1, 2)),
        ("ON 15 AND 16 DECEMBER", D(2020, 12, 15), D(2020, 12, 16)),
    ],
)
def test_ranges(text, start, end):
    m = only(text)
    assert (m.start, m.end, m.precision) == (start, end, "week")


# --- look-alikes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "107mm rockets", "2,500 troops", "5,200", "an M-16 rifle", "at 10:30",
        "they may attack", "a march on the capital", "a 25-year-old man", "THE REBELS MAY ATTACK",
        "A MARCH ON THE CAPITAL", "page 12 of 1990 pages", "on 02/03/2021", "a 3/4 majority",
    ],
)
def test_non_dates(text):
    assert find_date_mentions(text, TUESDAY) == ()


def test_look_alikes_beside_a_real_date():
    text = "A 25-year-old man fired 107mm rockets at 10:30 on 5 May, and 2,500 troops may march."
    assert [m.text for m in find_date_mentions(text, TUESDAY)] == ["5 May"]


def test_no_publication_date_keeps_only_written_out_dates():
    text = "On 13 January 1970 and yesterday and on 3 March."
    assert [m.text for m in find_date_mentions(text, None)] == ["13 January 1970"]


# --- resolve ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("last Monday", (D(2021, 2, 15), D(2021, 2, 15), "day")),
        ("on 30 DEC 89", (D(1989, 12, 30), D(1989, 12, 30), "day")),
        ("last month", (D(2021, 1, 1), D(2021, 1, 31), "month")),
        ("2021-01-05", (D(2021, 1, 5), D(2021, 1, 5), "day")),  # read by dateparser
        ("next Monday", None),
        ("107mm", None),
        ("2,500", None),
        ("they may attack", None),
    ],
)
def test_resolve(expression, expected):
    assert resolve(expression, TUESDAY) == expected


def test_event_date_reads_the_parse_when_the_article_has_no_dates():
    from eventwire.nlp import parse

    text = "THEY NOTED THAT THIS MAY HAVE BEEN A TERRORIST ATTACK."
    coding = Coding(article=Article(id="t", text=text, published=TUESDAY), doc=parse(text))
    coding = find_dates(coding)
    assert coding.dates == ()  # "THIS MAY" is a verb here, not the month
    at = text.index("ATTACK")
    day = event_date(coding, [(0, len(text))], at)
    assert day is not None and day.text is None  # the fallback week, not May
    assert (day.start, day.end) == (TUESDAY - dt.timedelta(days=FALLBACK_DAYS), TUESDAY)


def test_resolve_without_publication_date():
    assert resolve("yesterday", None) is None
    assert resolve("13 January 1970", None) == (D(1970, 1, 13), D(1970, 1, 13), "day")


# --- event_date -------------------------------------------------------------------------------------

STORY = (
    "Rockets hit Erbil on Monday evening, killing a contractor. "
    "Officials said on Tuesday that a similar attack had happened in December. "
    "Residents said the militia has fired rockets since 2019.\n\n"
    "The militia has fired rockets since 2019.\n\n"
    "A second rocket landed near the airport."
)


def story(published: dt.date | None = TUESDAY) -> Coding:
    article = Article(id="erbil", text=STORY, published=published)
    return find_dates(Coding(article=article, doc=None))


def sentence(n: int) -> tuple[int, int]:
    starts = [0, STORY.index("Officials"), STORY.index("Residents"), STORY.index("A second")]
    # sentence 2 ends at its paragraph break, before the history paragraph
    ends = [starts[1], starts[2], STORY.index("The militia"), len(STORY)]
    return starts[n], ends[n]


def test_event_date_takes_the_date_in_the_sentence():
    got = event_date(story(), [sentence(0)], anchor=STORY.index("hit"))
    assert got == EventDate(D(2021, 2, 15), D(2021, 2, 15), "day", "on Monday evening",
                            (STORY.index("on Monday"), STORY.index(", killing")))


def test_event_date_prefers_the_nearest_to_the_trigger_and_skips_the_statement_date():
    got = event_date(story(), [sentence(1)], anchor=STORY.index("attack had"))
    assert (got.start, got.end, got.precision) == (D(2020, 12, 1), D(2020, 12, 31), "month")
    assert got.text == "in December"


def test_event_date_skips_history_for_reported_events():
    fired = STORY.index("The militia") + 15
    span = (STORY.index("The militia"), STORY.index("A second"))
    # not the history: the one day the article names in the week up to publication
    assert event_date(story(), [span], anchor=fired).text == "on Monday evening"
    assert event_date(story(), [span], anchor=fired, status="background").text == "since 2019"


def test_event_date_looks_into_the_paragraph_after_the_sentence():
    fired = STORY.index("fired")
    assert event_date(story(), [sentence(2)], anchor=fired).text == "in December"


def test_event_date_falls_back_to_the_week_before_publication():
    # the article names two days of the week: neither dates the undated report
    text = "Rockets hit Erbil on Monday evening. Another hit the base on Saturday.\n\nA rocket landed near the airport."
    coding = find_dates(Coding(article=Article(id="erbil", text=text, published=TUESDAY), doc=None))
    got = event_date(coding, [(text.index("A rocket"), len(text))], anchor=text.index("landed"))
    assert got == EventDate(TUESDAY - dt.timedelta(days=FALLBACK_DAYS), TUESDAY, "week")


def test_event_date_without_publication_date_or_for_background_is_none():
    assert event_date(story(None), [sentence(3)], anchor=STORY.index("landed")) is None
    assert event_date(story(), [sentence(3)], status="background") is None


def test_event_date_without_anchor_takes_the_first_date():
    assert event_date(story(), [sentence(0)]).text == "on Monday evening"


# --- with a real parse --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def parsed_wire():
    from eventwire.nlp import parse

    return parse(WIRE)


@pytest.mark.slow
def test_anchor_phrase_from_the_parse():
    from eventwire.nlp import parse

    text = "THE ATTACK TOOK PLACE 2 DAYS AFTER THE ELECTIONS OF 19 MARCH, POLICE SAID."
    m = find_date_mentions(text, D(1990, 4, 2), parse(text))
    assert [(x.anchor, x.start) for x in m] == [("THE ELECTIONS OF 19 MARCH", D(1990, 3, 21))]


@pytest.mark.slow
def test_stage_runs_with_a_spacy_doc(parsed_wire):
    coding = find_dates(Coding(article=Article(id="muc", text=WIRE), doc=parsed_wire))
    assert [m.text for m in coding.dates][:2] == ["30 DECEMBER", "YESTERDAY"]
    assert len(coding.dates) == 7


@pytest.mark.slow
def test_event_date_prefers_the_date_in_the_trigger_clause():
    from eventwire.nlp import parse

    text = ("The teen received probation Thursday afternoon for shooting and killing his best "
            "friend 18 months ago.")
    published = D(2015, 9, 10)
    coding = find_dates(Coding(article=Article(id="gvc", text=text, published=published),
                               doc=parse(text)))
    got = event_date(coding, [(0, len(text))], anchor=text.index("shooting"))
    assert (got.text, got.start, got.end) == ("18 months ago", D(2014, 3, 1), D(2014, 3, 31))
    # the sentencing date is nearer without the parse
    plain = coding.with_(doc=None)
    assert event_date(plain, [(0, len(text))], anchor=text.index("shooting")).text == "Thursday afternoon"


@pytest.mark.parametrize("text, trigger, expected", [
    # the date belongs to the identifying, the investigating, the publishing: not the shooting
    ("Officials Wednesday identified three people killed in a murder-suicide in San Diego.",
     "murder-suicide", None),
    ("(Published Wednesday, Jan. 21, 2015) The man who police say killed his wife was named.",
     "killed", None),
    # a date of the shooting itself stays
    ("A 3-year-old was shot on Sunday night on South Kimbark Avenue.", "shot", "on Sunday night"),
])
def test_event_date_skips_dates_of_the_reporting(text, trigger, expected):
    from eventwire.nlp import parse

    published = D(2015, 1, 22)
    coding = find_dates(Coding(article=Article(id="t", text=text, published=published), doc=parse(text)))
    got = event_date(coding, [(0, len(text))], anchor=text.index(trigger))
    assert got.text == expected


def test_the_one_day_an_article_names_in_the_week_dates_an_undated_report():
    from eventwire.nlp import parse

    text = ("Police in Rock Hill have charged a man in the fatal shooting of a teenager.\n\nOfficers "
            "found the teenager just before 10 p.m. on Saturday night, police said.")
    coding = find_dates(Coding(article=Article(id="t", text=text, published=TUESDAY), doc=parse(text)))
    day = event_date(coding, [(0, text.index(".") + 1)], text.index("shooting"))
    assert (day.start, day.precision) == (D(2021, 2, 13), "day")
    # two days named: the report's own week stands
    text += " The suspect was arrested on Monday at his home."
    coding = find_dates(Coding(article=Article(id="t", text=text, published=TUESDAY), doc=parse(text)))
    day = event_date(coding, [(0, text.index(".") + 1)], text.index("shooting"))
    assert day.precision == "week"
