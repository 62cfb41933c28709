"""Scorer unit tests: hand-made gold and predictions, scores worked out by hand in comments."""

from __future__ import annotations

import datetime as dt

import pytest

import independent_muc4
from eventwire.evaluate import match, muc4
from eventwire.evaluate.match import Tally, normalize
from eventwire.records import (
    Actor,
    Article,
    Casualty,
    Count,
    Event,
    EventDate,
    Location,
    Plover,
    Result,
    Weapon,
    to_dict,
)

PUBLISHED = dt.date(1990, 1, 10)


def span(text: str, phrase: str) -> tuple[int, int]:
    at = text.index(phrase)
    return at, at + len(phrase)


def event(kind="violence_against_civilians", status="reported", actors=(), weapons=(), day=None,
          subtype="attack", place=None, killed=None, casualties=()):
    date = EventDate(day, day, "day") if day else None
    return Event(id=f"{kind}-{status}-{day}", status=status, type=kind, subtype=subtype,
                 plover=Plover("ASSAULT"), date=date, actors=tuple(actors), weapons=tuple(weapons),
                 location=Location(place) if place else None, killed=killed,
                 casualties=tuple(casualties))


# Document A: everything the scorer has to handle at once.
TEXT_A = "GUNMEN OF THE FMLN KILLED THE MAYOR WITH A BOMB IN THE TOWN HALL. A BUS BURNED."
FMLN = Actor("perpetrator", "Farabundo Marti National Liberation Front", "organization",
             aliases=("FMLN",), span=span(TEXT_A, "FMLN"))
RESULT_A = Result(Article("A", TEXT_A, published=PUBLISHED), (
    event(actors=[FMLN,
                  Actor("perpetrator", "gunmen", "individual", span=span(TEXT_A, "GUNMEN")),
                  Actor("victim", "mayor", "individual", span=span(TEXT_A, "MAYOR")),
                  Actor("target", "town hall", "facility", span=span(TEXT_A, "TOWN HALL"))],
          weapons=[Weapon("bomb", "explosive", span=span(TEXT_A, "BOMB"))]),
    # the same organization again (one entity per canonical name) and a wrong target
    event(kind="explosion_remote_violence", actors=[FMLN, Actor("target", "bus", "object")]),
    # a battle: MUC-4 leaves it out, so "army" is not predicted
    event(kind="battle", subtype="armed_clash", actors=[Actor("perpetrator", "army", "organization")]),
    # background 100 days old: out; background 30 days old: in (and wrong)
    event(status="background", day=PUBLISHED - dt.timedelta(days=100),
          actors=[Actor("victim", "priests", "individual")]),
    event(status="background", day=PUBLISHED - dt.timedelta(days=30),
          actors=[Actor("victim", "judge", "individual")]),
))
GOLD_A = {"PerpInd": [[["gunmen", 0]]], "PerpOrg": [[["fmln", 14]]],
          "Target": [[["town hall", 55]], [["church", 0]]],
          "Victim": [[["mayor", 30]], [["mayor's driver", 0]]],
          "Weapon": [[["bomb", 43], ["explosive", 0]]]}
# Document B has no gold template: its one prediction is a false alarm.
RESULT_B = Result(Article("B", "THE ELN SPOKE.", published=PUBLISHED),
                  (event(actors=[Actor("perpetrator", "ELN", "organization")]),))
GOLD_B = {role: [] for role in match.ROLES}


def gold(docid, extracts, **kw):
    roles = {role: [[m for m, _ in e] for e in extracts.get(role, [])] for role in match.ROLES}
    return muc4.Gold(docid, roles, **kw)


@pytest.mark.parametrize("raw, expected", [
    ("The FMLN", "fmln"),  # leading article and case
    ("  ÑANDÚ's   Café! ", "nandu s cafe"),  # accents, punctuation, spaces
    ("an a the Shining Path", "shining path"),  # several leading articles
    ("the", "the"),  # an article alone is kept
    ("El Salvador", "el salvador"),  # Spanish articles are part of the name
    ('"Santo Tomas" farm', "santo tomas farm"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected
    assert independent_muc4.canon(raw) == expected


def test_document_a_roles_by_hand():
    scored = muc4.score_document(RESULT_A, gold("A", GOLD_A))
    # predicted: PerpInd {gunmen}, PerpOrg {FMLN once}, Target {town hall, bus},
    # Victim {mayor, judge}, Weapon {bomb} = 7; gold 1+1+2+2+1 = 7;
    # matched gunmen, FMLN (by alias), town hall, mayor, bomb = 5.
    total = sum(scored.roles.values(), Tally())
    assert total == Tally(matched=5, predicted=7, gold=7)
    assert scored.roles["PerpOrg"] == Tally(1, 1, 1)
    assert scored.roles["Victim"] == Tally(1, 2, 2)


def test_micro_average_counts_documents_without_gold():
    report = muc4.score([RESULT_A, RESULT_B], [gold("A", GOLD_A), gold("B", GOLD_B)])
    # A: 5/7 predicted, 5/7 gold; B: ELN predicted, no gold -> 5 matched, 8 predicted, 7 gold.
    # P = 5/8 = 62.5, R = 5/7 = 71.4, F1 = 2PR/(P+R) = 66.7
    roles = report.scores["roles"]
    assert (roles["precision"], roles["recall"], roles["f1"]) == (62.5, 71.4, 66.7)
    assert report.scores["PerpOrg"]["predicted"] == 2
    independent = independent_muc4.score([to_dict(RESULT_A), to_dict(RESULT_B)], [GOLD_A, GOLD_B])
    assert independent["f1"] == pytest.approx(roles["f1"], abs=0.1)


RESULT_C = Result(Article("C", "GUERRILLAS, A GUERRILLA COLUMN, ATTACKED."), (event(actors=[
    Actor("perpetrator", "guerrillas", "individual"),
    Actor("perpetrator", "guerrilla column", "individual")]),))
GOLD_C = {"PerpInd": [[["guerrillas", 0], ["guerrilla column", 12]]]}


def test_each_gold_entity_matches_once():
    # two distinct predicted names, one gold entity: 1 matched, 2 predicted, 1 gold
    assert muc4.score_document(RESULT_C, gold("C", GOLD_C)).roles["PerpInd"] == Tally(1, 2, 1)


@pytest.mark.parametrize("results, golds, f1", [
    ([RESULT_A], [GOLD_A], 71.4),  # 5 of 7 both ways
    ([RESULT_B], [GOLD_B], 0.0),  # a false alarm only
    ([RESULT_C], [GOLD_C], 66.7),  # P 1/2, R 1/1
    ([RESULT_A, RESULT_B, RESULT_C], [GOLD_A, GOLD_B, GOLD_C], 66.7),  # 6/10 and 6/8
])
def test_independent_metric_agrees_on_hand_cases(results, golds, f1):
    ours = muc4.score(results, [gold(r.article.id, g) for r, g in zip(results, golds, strict=True)])
    theirs = independent_muc4.score([to_dict(r) for r in results], golds)
    assert ours.scores["roles"]["f1"] == f1
    assert theirs["f1"] == pytest.approx(f1, abs=0.1)


def test_matching_is_maximal_not_greedy():
    # prediction 0 fits gold 0 and 1, prediction 1 only gold 0: the best pairing uses both
    predicted = [{"x", "y"}, {"x"}]
    golds = [["x"], ["y"]]
    pairs = match.pair_up(predicted, golds, lambda p, g: bool(p & set(g)))
    assert pairs == [(0, 1), (1, 0)]


def test_span_text_and_aliases_name_an_entity():
    text = "SENDERO LUMINOSO STRUCK."
    actor = Actor("perpetrator", "Shining Path", "organization", aliases=("PCP",),
                  span=span(text, "SENDERO LUMINOSO"))
    [entity] = match.role_entities([event(actors=[actor])], text)["PerpOrg"]
    assert entity.names == {"shining path", "pcp", "sendero luminoso"}
    assert match.entity_agrees(entity, ["Sendero Luminoso"])
    assert not match.entity_agrees(entity, ["shining"])


@pytest.mark.parametrize("kind, subtype, status, age, kept", [
    ("battle", "armed_clash", "reported", 0, False),
    ("protest", "peaceful_protest", "reported", 0, False),
    ("strategic_development", "arrests", "reported", 0, False),
    ("strategic_development", "looting_property_destruction", "reported", 0, True),
    ("riot", "mob_violence", "reported", 0, True),
    ("explosion_remote_violence", "grenade", "background", 61, False),
    ("explosion_remote_violence", "grenade", "background", 60, True),
    ("explosion_remote_violence", "grenade", "reported", 400, True),  # reported: always kept
])
def test_event_filter(kind, subtype, status, age, kept):
    e = event(kind=kind, subtype=subtype, status=status, day=PUBLISHED - dt.timedelta(days=age))
    assert match.is_terrorist_incident(e, PUBLISHED) is kept
    assert independent_muc4.kept(to_dict(e), PUBLISHED.isoformat()) is kept


def test_muc_dates():
    d = dt.date
    assert muc4.parse_muc_date("30 DEC 89") == ((d(1989, 12, 30), d(1989, 12, 30)),)
    assert muc4.parse_muc_date("08 JAN 90 - 09 JAN 90") == ((d(1990, 1, 8), d(1990, 1, 9)),)
    # "- D": on or before D, within MUC-4's 60 days
    assert muc4.parse_muc_date("- 08 JAN 90") == ((d(1989, 11, 9), d(1990, 1, 8)),)
    assert muc4.parse_muc_date("(- 29 MAR 89) / (28 MAR 89 - 29 MAR 89)") == (
        (d(1989, 1, 28), d(1989, 3, 29)), (d(1989, 3, 28), d(1989, 3, 29)))
    assert muc4.parse_muc_date("03 MARCH 90") == ((d(1990, 3, 3), d(1990, 3, 3)),)
    assert muc4.parse_muc_date("*") == ()


def test_date_overlap():
    d = dt.date
    assert match.dates_overlap((d(1990, 1, 5), None), (d(1990, 1, 1), d(1990, 1, 8)))
    assert match.dates_overlap((d(1990, 1, 1), d(1990, 1, 31)), (d(1990, 1, 31), d(1990, 1, 31)))
    assert not match.dates_overlap((d(1990, 1, 9), d(1990, 1, 9)), (d(1990, 1, 1), d(1990, 1, 8)))
    assert not match.dates_overlap((None, None), (d(1990, 1, 1), d(1990, 1, 8)))


def test_document_date_and_place():
    d = dt.date
    result = Result(Article("D", "X", published=PUBLISHED), (
        event(day=d(1990, 1, 5), place="San Miguel"),
        event(day=d(1990, 1, 5), place="San Miguel"),  # same date and place: counted once
        event(kind="explosion_remote_violence", day=d(1990, 1, 20), place="Usulutan"),
    ))
    g = gold("D", {},
             dates=((((d(1990, 1, 4), d(1990, 1, 6)),), False),  # required, hit
                    (((d(1990, 2, 1), d(1990, 2, 1)),), True)),  # optional, missed: no penalty
             places=((muc4.parse_muc_place(
                 "EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)"), False),
                 (muc4.parse_muc_place("EL SALVADOR: APOPA (CITY)"), False)))
    scored = muc4.score_document(result, g)
    # dates: 2 distinct predicted (Jan 5, Jan 20), 1 matched, gold 1 (optional miss not counted)
    assert scored.date == Tally(1, 2, 1)
    # places: San Miguel is a named level of the first; Usulutan of neither; Apopa missed
    assert scored.place == Tally(1, 2, 2)


def test_place_levels():
    assert muc4.parse_muc_place(
        "COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)") == {"colombia", "cucuta", "campanario"}
    assert muc4.parse_muc_place("PERU: LIMA (CITY) / PERU: CALLAO (CITY)") == {"peru", "lima", "callao"}


def _template(effects, numbers, optional=False):
    return {"optional_template": optional,
            "hum_tgt_effect": [{"value": v, "xref": [w]} for v, w in effects],
            "hum_tgt_number": [{"value": n, "xref": [w]} for n, w in numbers]}


def test_gold_counts_rule():
    jesuits = _template([("DEATH", "JESUITS"), ("DEATH", "MAIDS"), ("INJURY", "GUARD")],
                        [("6", "JESUITS"), ("2", "MAIDS"), ("1", "GUARD")])
    assert muc4.gold_counts([jesuits]) == (8, 1)  # 6 + 2 dead, 1 injured
    spared = _template([("NO INJURY OR DEATH", "DRIVER")], [("1", "DRIVER")])
    assert muc4.gold_counts([spared]) == (0, 0)
    vague = _template([("DEATH", "PEASANTS")], [("PLURAL", "PEASANTS")])
    assert muc4.gold_counts([vague]) == (None, 0)  # no number for the dead
    assert muc4.gold_counts([_template([], [])]) == (None, None)  # effects not given
    assert muc4.gold_counts([jesuits, spared]) == (None, None)  # two incidents: not scored
    assert muc4.gold_counts([jesuits, _template([], [], optional=True)]) == (8, 1)


def test_killed_leaves_out_attackers():
    bomber = Casualty("killed", Count(1, 1), side="perpetrator")
    result = Result(Article("E", "X", published=PUBLISHED),
                    (event(killed=Count(5, None), casualties=[bomber]),))
    scored = muc4.score_document(result, gold("E", {}, killed=4))
    assert scored.killed == (4, 4)  # 5 dead minus the bomber
    report = muc4.score([result], [gold("E", {}, killed=3)])
    assert report.scores["killed"] == {"accuracy": 0.0, "n": 1}


def test_no_figure_counts_as_zero():
    silent = Result(Article("F", "X", published=PUBLISHED), (event(),))  # killed None
    # gold 0 (effects name no death): right; gold 2: wrong -> 50.0 of 2
    report = muc4.score([silent, silent], [gold("F", {}, killed=0), gold("G", {}, killed=2)])
    assert report.scores["killed"] == {"accuracy": 50.0, "n": 2}
