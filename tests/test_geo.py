"""Gazetteer, toponyms and the event's place (eventwire issue 4, place part)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.geo import Toponym, find, find_places, fold, locate
from eventwire.geo.build import distance_km
from eventwire.geo.gazetteer import Gazetteer, Place, default_gazetteer
from eventwire.nlp import parse
from eventwire.pipeline import Coding
from eventwire.records import Article

EXAMPLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "examples" / "erbil-rocket-attack.txt"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return default_gazetteer()


def coding_of(text: str, published: dt.date | None = None, title: str | None = None) -> Coding:
    coding = Coding(article=Article(id="t", text=text, published=published, title=title), doc=parse(text))
    return find_places(coding)


def places(text: str, gaz: Gazetteer, **kw) -> list[tuple[str, str, str]]:
    """(text, feature, country) of each resolved toponym."""
    return [
        (t.text, t.place.feature, t.place.country)
        for t in find(text, parse(text), gazetteer=gaz, **kw)
        if t.place is not None
    ]


def readings(text: str, gaz: Gazetteer) -> dict[str, Place | None]:
    """Each toponym's text and the place it resolves to (None when ruled out)."""
    return {t.text: t.place for t in find(text, parse(text), gazetteer=gaz)}


def sentence_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return (text.rfind("\n", 0, start) + 1, text.find("\n", start) % (len(text) + 1) or len(text))


# --- gazetteer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ["Erbil", "Arbil", "Irbil", "Hawler"],
        ["Deir ez-Zor", "Deir al-Zour", "Dayr az-Zawr"],
        ["Al-Qa'im", "Al Qaim", "al-Qa’im"],
        ["Mosul", "Al Mawsil"],
    ],
)
def test_transliterations_meet_on_one_place(gaz, names):
    ids = {max((p for p in gaz.lookup(n) if p.feature == "city"), key=lambda p: p.population).geonameid for n in names}
    assert len(ids) == 1


def test_fold_is_ascii_lower_and_drops_quotes():
    assert fold("Al-Qa'im") == "al qaim"
    assert fold("Urabá Antioquia") == "uraba antioquia"
    assert fold("Deir ez-Zor") == "deir ez zor"


def test_admin1_names_filled_from_subdivisions(gaz):
    erbil = max(gaz.lookup("Erbil"), key=lambda p: p.population)
    assert erbil.country == "IQ" and erbil.admin1 is not None and fold(erbil.admin1) == "arbil"
    miguel = [p for p in gaz.lookup("San Miguel") if p.country == "SV" and p.feature == "city"]
    assert miguel and miguel[0].admin1 == "San Miguel"
    assert [p.feature for p in gaz.lookup("San Miguel Department")] == ["admin1"]
    assert {p.country for p in gaz.lookup("Donetsk Oblast")} == {"UA"}


def test_country_of_and_resolve_country(gaz):
    assert gaz.resolve_country("USA") == "US"
    assert gaz.resolve_country("Iraqi") == "IQ"
    assert gaz.resolve_country("IRQ") == "IQ"
    assert gaz.resolve_country("Erbil") is None
    assert gaz.country_of("Erbil") == "IQ"
    assert gaz.country_of("Salvadoran") == "SV"
    assert gaz.country_of("Xyzzyville") is None


def test_sites_and_airports_are_indexed(gaz):
    (airport,) = gaz.lookup("Erbil International Airport")
    assert airport.feature == "airport" and airport.country == "IQ"
    assert [p.feature for p in gaz.lookup("Ain al-Asad Air Base")] == ["site"]
    near = gaz.nearest(36.19, 44.01, ("airport",), within_km=20)
    assert near[0][1].name == "Erbil International Airport"


def test_post_offices_towns_fill_the_gaps_of_cities500(gaz):
    """A hamlet GeoNames' cities500 lacks is a town of the post office's, in its county; a town
    GeoNames lists keeps its own row only."""
    (buckner,) = [p for p in gaz.lookup("Buckner") if p.admin1 == "Arkansas"]
    assert (buckner.feature, buckner.admin2, buckner.geonameid) == ("city", "Lafayette County", None)
    assert 33.0 < buckner.lat < 33.7 and -93.8 < buckner.lon < -93.1
    assert [p.geonameid is not None for p in gaz.lookup("Memphis") if p.admin1 == "Tennessee"] == [True]


def test_a_hamlet_of_the_storys_state_before_a_town_of_another():
    """"in Buckner" in an Arkansas story is the post office's Buckner, Arkansas, not Buckner,
    Kentucky; a post office's town alone does not make a name a town's own ("the Nineveh
    governorate" is no town, though Nineveh, Indiana has a post office)."""
    text = ("The fatal shooting of a Southwest Arkansas man appears to have been an accident. It happened at a "
            "residence in Buckner. That's 3 to 4 miles east of Stamps, Ark. Lafayette County deputies "
            "found the man in a bedroom.")
    found = {t.text: t.place for t in coding_of(text).toponyms}
    assert (found["Buckner"].admin1, found["Buckner"].admin2) == ("Arkansas", "Lafayette County")
    text = "Four policemen were killed in an attack launched by militants in the Nineveh governorate."
    assert [t.place for t in coding_of(text).toponyms if t.place is not None] == []


def test_failed_build_leaves_no_index(tmp_path, monkeypatch):
    from eventwire.geo import build as build_module

    def broken(*_args):
        yield from ()
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "_rows", broken)
    target = tmp_path / "gazetteer-test.sqlite"
    with pytest.raises(RuntimeError):
        build_module.build(target)
    assert list(tmp_path.iterdir()) == []


# --- toponyms -------------------------------------------------------------------------------


def test_tripoli_follows_the_story(gaz):
    libya = "Clashes in Tripoli left six dead, Libyan officials said. Benghazi was calm."
    lebanon = "Clashes in Tripoli left six dead, Lebanese officials said. Beirut was calm."
    assert places(libya, gaz)[0] == ("Tripoli", "city", "LY")
    assert places(lebanon, gaz)[0] == ("Tripoli", "city", "LB")


def test_country_names_are_countries(gaz):
    found = places("Talks between the USA, France and China ended.", gaz)
    assert found == [("USA", "country", "US"), ("France", "country", "FR"), ("China", "country", "CN")]


def test_common_words_are_not_places(gaz):
    text = "Police said a man was shot along the road. Mobile phones were seized. Said said so."
    assert places(text, gaz) == []


def test_common_word_place_with_qualifier(gaz):
    found = places("A man was shot in Mobile, Alabama on Monday.", gaz)
    assert found[0] == ("Mobile", "city", "US")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A gunman opened fire in Long Beach, CA on Monday.", ("Long Beach", "US", "California")),
        ("A bomb went off in Usulutan, El Salvador.", ("Usulután", "SV", "Usulután")),
        ("Shelling hit Krasnohorivka, Donetsk Oblast, overnight.", ("Krasnohorivka", "UA", "Donetska oblast")),
    ],
)
def test_explicit_qualifier_decides(gaz, text, expected):
    first = find(text, parse(text), gazetteer=gaz)[0]
    assert (first.place.name, first.place.country, first.place.admin1) == expected


def test_country_hint_decides_open_names(gaz):
    text = "Gunmen attacked a bus near San Miguel."
    assert places(text, gaz, countries=["SV"])[0] == ("San Miguel", "city", "SV")


def test_upper_case_wire_text(gaz):
    text = (
        "SAN SALVADOR, 3 JAN 90 -- [REPORT] [TEXT] ABOUT 50 PEASANTS HAVE BEEN KIDNAPPED BY "
        "TERRORISTS OF THE FMLN IN SAN MIGUEL\nDEPARTMENT.  THE POLICE SAID THE BUS WAS ALONG "
        "THE ROAD.  THREE WERE KILLED IN USULUTAN."
    )
    found = places(text, gaz)
    assert found == [
        ("SAN SALVADOR", "city", "SV"),
        ("SAN MIGUEL\nDEPARTMENT", "admin1", "SV"),
        ("USULUTAN", "city", "SV"),
    ]


def test_unresolvable_name_keeps_the_others(gaz):
    found = find("Militants attacked Qwertzabad and then Kandahar.", gazetteer=gaz)
    assert [t.text for t in found] == ["Kandahar"]
    assert all(isinstance(t, Toponym) for t in found)


def test_stage_fills_toponyms_in_text_order():
    coding = coding_of("A bomb exploded in Mosul. Later, Kirkuk and Baghdad were hit.")
    assert [t.text for t in coding.toponyms] == ["Mosul", "Kirkuk", "Baghdad"]
    assert [t.span[0] for t in coding.toponyms] == sorted(t.span[0] for t in coding.toponyms)


# --- the event's place ----------------------------------------------------------------------


def test_relative_place_is_near_city():
    text = "Rockets were fired from around five miles west of Erbil on Monday."
    coding = coding_of(text)
    loc = locate(coding, [(0, len(text))])
    assert loc.precision == "near_city" and loc.name == "Erbil" and loc.country == "IQ"
    erbil = default_gazetteer().lookup("Erbil")[0]
    assert 6 < distance_km(loc.lat, loc.lon, erbil.lat, erbil.lon) < 10
    assert loc.lon < erbil.lon


def test_named_site_beats_city_and_country():
    text = "Rockets hit the coalition base at Erbil airport in Iraq."
    loc = locate(coding_of(text), [(0, len(text))])
    assert loc.precision == "site" and loc.text == "Erbil airport"
    assert distance_km(loc.lat, loc.lon, 36.2376, 43.9632) < 1


def test_province_named_alone_is_admin1():
    text = "Guerrillas attacked a patrol in San Miguel Department, the army said."
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.precision, loc.admin1, loc.country) == ("admin1", "San Miguel", "SV")


def test_condemning_capital_is_not_the_place():
    text = "Washington condemned the bombing in Kandahar that killed ten."
    loc = locate(coding_of(text), [(0, len(text))], anchor=text.index("bombing"))
    assert loc.text == "Kandahar" and loc.country == "AF"


def test_dateline_is_only_a_fallback():
    text = "BAGHDAD (Reuters) - A car bomb killed five people in Mosul on Sunday.\nNo group claimed it."
    coding = coding_of(text)
    assert locate(coding, [(0, text.index("\n"))]).name == "Mosul"
    # Baghdad is the bureau (a capital): the sentence names no place, so only the country is known.
    loc = locate(coding, [(text.index("No group"), len(text))])
    assert (loc.precision, loc.country) == ("country", "IQ")


@pytest.mark.parametrize("text, precision, name", [
    # a dated wire line is filed from a bureau: the country only
    ("MEDELLIN, 12 JAN 90 (EFE) -- A BOMB EXPLODED TODAY.\nNO ONE WAS HURT.", "country", "Colombia"),
    # a local paper's dateline names the town it covers
    ("MEDELLIN - A bomb exploded on Monday.\nNo one was hurt.", "city", "Medellín"),
])
def test_bureau_datelines_give_the_country_local_ones_the_town(text, precision, name):
    loc = locate(coding_of(text), [(text.index("\n") + 1, len(text))])
    assert (loc.precision, loc.name) == (precision, name)


def test_the_town_a_local_story_names_twice_is_the_fallback():
    text = ("Police in Rock Falls are investigating a shooting. A teen was shot on the 700 block of "
            "Main Street on Monday. He was taken to a hospital in Sterling. It was the second "
            "shooting this year in Rock Falls, officials said.")
    shot = (text.index("A teen"), text.index(" He was"))
    loc = locate(coding_of(text), [shot])
    assert (loc.name, loc.precision) == ("Rock Falls", "city")
    once = "A teen was shot on Main Street on Monday. He was taken to a hospital in Sterling, Illinois."
    loc = locate(coding_of(once), [(0, once.index(" He was"))])
    assert loc.precision != "city" or loc.name != "Sterling"  # named once, in a hospital: no focus town
    # the one town a story names, once, outside the event's sentences
    only = ("The sheriff is calling a shooting in Rosamond an accident. The teen was handling a "
            "shotgun when it went off. He was pronounced dead.")
    loc = locate(coding_of(only), [(only.index("The teen"), len(only))])
    assert (loc.name, loc.precision) == ("Rosamond", "city")


def test_a_neighbourhood_is_coded_to_its_city():
    text = "A man was shot in North Lawndale on Sunday, Chicago police said."
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.name, loc.text, loc.precision) == ("Chicago", "North Lawndale", "city")
    # farther out for a bigger city (Portage Park is 15 km from Chicago's centre), and a city
    # of half a million has its neighbourhoods too
    for text, city in (("A boy was shot in the head in Portage Park, Chicago police said.", "Chicago"),
                       ("Four people were shot in Broad Ripple overnight, Indianapolis police said.",
                        "Indianapolis")):
        assert locate(coding_of(text), [(0, len(text))]).name == city
    # a town of its own far from the city stays itself
    text = "A man was shot in Katy on Sunday, Houston police said."
    assert locate(coding_of(text), [(0, len(text))]).name == "Katy"


def test_nothing_named_gives_the_focus_country():
    text = "Iraqi officials said more attacks would follow. Nobody was hurt."
    coding = coding_of(text)
    loc = locate(coding, [(text.index("Nobody"), len(text))], countries=["IQ"])
    assert (loc.precision, loc.country) == ("country", "IQ")


@pytest.mark.slow
def test_reference_article_place():
    text = EXAMPLE.read_text(encoding="utf-8")
    coding = coding_of(text, dt.date(2021, 2, 16))
    spans = [
        sentence_of(text, "More than a dozen 107mm rockets"),
        sentence_of(text, "On Monday evening, a volley"),
        sentence_of(text, "Coalition spokesman Wayne Marotto said three rockets hit"),
    ]
    loc = locate(coding, spans, anchor=text.index("fired at the military complex"))
    assert loc.country == "IQ" and loc.precision in ("site", "city")
    assert distance_km(loc.lat, loc.lon, 36.2376, 43.9632) <= 15
    assert loc.admin1 is not None
    assert text[loc.span[0] : loc.span[1]] == loc.text


def test_far_reference_point_is_not_the_place():
    text = "Guerrillas burned a bus on the outskirts of Soacha, 15 km south of Bogota, today."
    loc = locate(coding_of(text), [(0, len(text))])
    assert loc.text == "Soacha" and loc.precision == "near_city"


def test_upper_case_demonyms_set_the_home_country():
    text = (
        "SAN SALVADOR, 5 MAY 90 -- [TEXT] SALVADORAN AUTHORITIES SAID THE U.S. EMBASSY "
        "CONDEMNED THE KIDNAPPING.  THE SALVADORAN ARMY SAID NOTHING MORE."
    )
    coding = coding_of(text)
    loc = locate(coding, [(text.index("SALVADORAN AUTH"), len(text))])
    assert loc.country == "SV"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A bomb exploded at the crossing of Qalqilya near Ramallah.", "Qalqilya"),
        ("A village head was shot dead in Pattani's Yarang district.", "Yarang district"),
        ("A man from Tulkarm stabbed two people in Netanya on Friday.", "Netanya"),
        ("A US drone strike killed five militants in Miranshah.", "Miranshah"),
    ],
)
def test_the_place_itself_beats_references_and_modifiers(text, expected):
    loc = locate(coding_of(text), [(0, len(text))])
    assert loc.text == expected


@pytest.mark.parametrize("text, place_text, name, precision", [
    # a unit named after its town is the unit: admin2 for a district, admin1 for a province
    ("Gunmen killed two in the Pishin district of Balochistan.", "Pishin district", "Pishin", "admin2"),
    ("A bomb exploded in Port Said governorate, killing four.", "Port Said governorate", "Port Said", "admin1"),
    ("A bomb exploded in Mosul, killing four.", "Mosul", "Mosul", "city"),
    ("Borno State police said two were killed in Maiduguri.", "Maiduguri", "Maiduguri", "city"),
])
def test_administrative_units_named_after_towns(text, place_text, name, precision):
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.text, loc.name, loc.precision) == (place_text, name, precision)


def test_loose_spelling_prefers_the_closest_name(gaz):
    # "Paktia" is not in GeoNames; "Paktiya" is, and so is a rare "Paktat" for Baghdad
    assert gaz.lookup_loose("Paktia")[0].name == "Paktiyā"


def test_a_persons_possessive_is_no_town(gaz):
    text = ("Kirsten Williams was shot in Memphis. Carl Johnson, 19, was charged with murder in "
            "Williams' death. The boy was shot at Davis’ home in Denmark, South Carolina.")
    names = [name for name, _, _ in places(text, gaz)]
    assert "Memphis" in names and "Denmark" in names
    assert "Williams" not in names and "Davis" not in names


def test_streets_and_surnames_are_no_towns(gaz):
    text = ("Police say Jose Maldonado shot a man on the 6200 block of Chandler Street in Toledo. "
            "Anyone with information on Maldonado should call police. Traffic on the Kandahar road "
            "was stopped.")
    names = [name for name, _, _ in places(text, gaz)]
    assert "Toledo" in names and "Kandahar" in names
    assert "Chandler" not in names and "Maldonado" not in names


def test_a_streets_name_and_a_links_letters_are_no_towns(gaz):
    text = ("A gunman shot three men at the corner of Ridge and Stanton streets, then sped off down "
            "Stanton. Residents posted pic.twitter.com/KFGIZpJ0Ye from the scene in Toledo.")
    assert [name for name, _, _ in places(text, gaz)] == ["Toledo"]


def test_a_government_offices_field_is_no_town(gaz):
    text = "Sign the petition to have the Department of Justice investigate the murder in Mountville."
    assert [name for name, _, _ in places(text, gaz)] == ["Mountville"]
    text = "Three policemen were wounded in an attack in the Department of Cesar, in Colombia."
    assert [name for name, _, _ in places(text, gaz)] == ["Cesar", "Colombia"]


def test_a_dateline_names_one_place_or_none():
    """The tail of a dateline's name the gazetteer lacks is no place of its own."""
    text = "LOWER EAST SIDE \u2013 Police are looking for a man who shot four people on Sunday."
    assert [t.text for t in coding_of(text).toponyms if t.place is not None] == []


def test_person_and_region_names_are_not_towns(gaz):
    text = (
        "The strike that killed Qassem Soleimani in Baghdad shook the Middle East. "
        "Revenge for Soleimani's killing was vowed."
    )
    assert places(text, gaz) == [("Baghdad", "city", "IQ")]


@pytest.mark.parametrize(
    "city, admin1",
    [("Medellin", "Antioquia"), ("Munich", "Bayern"), ("Lucknow", "Uttar Pradesh"), ("Manchester", "England")],
)
def test_admin1_of_big_cities(gaz, city, admin1):
    place = max((p for p in gaz.lookup(city) if p.feature == "city"), key=lambda p: p.population)
    assert place.admin1 == admin1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("An explosion hit al-Qa'im town on the border.", "al-Qa'im"),
        ("A bomb exploded at a St. Petersburg supermarket.", "St. Petersburg"),
        ("March 2017 Parachinar suicide bombing: at least 24 died.", "Parachinar"),
    ],
)
def test_names_in_wire_and_headline_shapes(gaz, text, expected):
    assert [t.text for t in find(text, parse(text), gazetteer=gaz) if t.place] == [expected]


def test_speaking_capital_alone_falls_back_to_the_article_country():
    text = (
        "Rockets hit Erbil airport in Iraq on Monday.\n"
        "Washington blamed Iran-backed militia for a rocket attack that killed a US contractor."
    )
    loc = locate(coding_of(text), [(text.index("Washington"), len(text))])
    # not Washington: the one town the article names (outside the event's sentences), in Iraq
    assert (loc.name, loc.country) == ("Erbil", "IQ")
    wire = text.upper()  # wire copy takes a town named once for no more than its country
    loc = locate(coding_of(wire), [(wire.index("WASHINGTON"), len(wire))])
    assert (loc.precision, loc.country) == ("country", "IQ")


def test_regression_us_state_abbreviation_is_the_state_not_a_norwegian_town():
    from eventwire.geo import find

    found = {t.text: t.place for t in find("Police in Greenacres, Fla., said two men were shot.")}
    assert found["Fla"].country == "US" and found["Fla"].feature == "admin1"
    assert found["Greenacres"].admin1 == "Florida"


@pytest.mark.parametrize(
    "text,town",
    [
        ("The IRA set off bombs at London's King's Cross and Euston stations, injuring 21 people.", "London"),
        ("Gunmen stormed the Israeli Bangkok embassy and took six hostages.", "Bangkok"),
    ],
)
def test_regression_a_town_that_modifies_a_noun_still_places_the_event(text, town):
    loc = locate(coding_of(text), [(0, len(text))])
    assert loc.name == town and loc.precision in ("city", "site")


# --- local US news: the state, the police force, people and streets ----------------------------


@pytest.mark.parametrize("text, name, admin1", [
    ("The boy was shot at a home in Sterling. His father is an Illinois State Police trooper, "
     "and prosecutors in Illinois said he would not be charged.", "Sterling", "Illinois"),
    ("A former firefighter is charged in a double homicide in Cleveland. Police found him in "
     "middle Tennessee, in Murfreesboro.", "Cleveland", "Tennessee"),
])
def test_the_articles_state_decides_a_towns_reading(gaz, text, name, admin1):
    found = [t.place for t in find(text, parse(text), gazetteer=gaz) if t.place and t.place.name == name]
    assert found and {p.admin1 for p in found} == {admin1}


def test_the_articles_state_is_the_state_not_a_town_named_after_it(gaz):
    text = ("BILLINGS, Mont. -- A sheriff in central Montana says a woman shot her son. The shooting "
            "happened at a residence in Roundup on Sunday night.")
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert found["Montana"].feature == "admin1"
    assert locate(coding_of(text), [(text.index("A sheriff"), len(text))]).name == "Roundup"


def test_georgia_in_an_american_story_is_the_state(gaz):
    text = ("An autopsy by the Georgia Bureau of Investigation was ordered after the shooting in "
            "Dallas, Paulding County, near Atlanta and Marietta. Deputies from Rome were called.")
    georgia = [t.place for t in find(text, parse(text), gazetteer=gaz) if t.text == "Georgia"]
    assert georgia and georgia[0].feature == "admin1" and georgia[0].country == "US"


def test_a_towns_police_name_the_place():
    text = "The child was shot at a home on Nelson Court, the Benton Police Department said."
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.name, loc.precision) == ("Benton", "city")


@pytest.mark.parametrize("text, not_a_place", [
    ("The sheriff arrested 23-year-old Quincy Lynch and 45-year-old Marsha Lynch.", "Marsha"),
    ("Police said Travon Rollins, 16, was shot in the chest.", "Travon"),
    ("The teen was at his home in the 300 block of Madrid when the shooting happened.", "Madrid"),
    ("Police are investigating a shooting at Chesapeake Place in Tallahassee.", "Chesapeake"),
    ("Police said the man was shot near Lincoln and Madison streets on Tuesday.", "Madison"),
    ("Police said the man was shot near Lincoln and Madison streets on Tuesday.", "Lincoln"),
    ("The shooting happened at the Broad River bridge, the sheriff said.", "River"),
    ("A boy was killed on the city's West Side on Saturday.", "West Side"),
    ("Greenacres police in Florida say Nilda Sheffield killed her daughter in Palm Beach County, "
     "Florida.", "Sheffield"),
])
def test_people_streets_and_features_are_no_towns(gaz, text, not_a_place):
    named = [t.text for t in find(text, parse(text), gazetteer=gaz) if t.place is not None]
    assert not any(not_a_place in n for n in named), named


def test_a_local_dateline_town_beats_its_county():
    text = ("GREENACRES, Fla. -- Officials say a 53-year-old Palm Beach County, Fla. woman killed "
            "her daughter and two grandchildren.")
    loc = locate(coding_of(text), [(text.index("Officials"), len(text))])
    assert (loc.name, loc.precision) == ("Greenacres City", "city")


@pytest.mark.parametrize("text, name", [
    # where the victim lived, or was treated, is not where it happened
    ("Journi Johnson, 2, was pronounced dead at St. Charles Hospital after being shot, Toledo police said.",
     "Toledo"),
    ("Mike Smith was taken to a medical center in Magnolia, where he died. The man was shot at a "
     "residence in Buckner.", "Buckner"),
    ("Kyle Markins, 17, of Findlay was killed at a friend's home on Road 3, Pandora.", "Pandora"),
])
def test_residence_and_hospital_are_not_the_place(text, name):
    assert locate(coding_of(text), [(0, len(text))]).name == name


def test_a_month_is_no_town(gaz):
    text = "The boy was shot on the Northwest Side the morning of June 12, 2015."
    assert not [t for t in find(text, parse(text), gazetteer=gaz) if t.text == "June" and t.place]


def test_a_direction_before_a_town_keeps_its_preposition(gaz):
    # "KCRA Stockton" is tagged a person, but "in north Stockton" is the town
    text = ("A child was shot Thursday evening in north Stockton. Reporter KCRA Stockton said the boy "
            "was taken to a hospital.")
    assert [t.place.name for t in find(text, parse(text), gazetteer=gaz) if t.place][:1] == ["Stockton"]


def test_the_headline_town_is_preferred():
    # two towns the text names alike: the one the headline repeats is the story's
    text = "Deputies were called to homes in Benton and in Bryant, where two boys were shot on Tuesday."
    coding = coding_of(text)
    spans = [(0, len(text))]
    for town in ("Benton", "Bryant"):
        titled = coding.with_(article=Article(id="t", text=text, title=f"{town} boy dead after being shot"))
        assert locate(titled, spans).name == town


def test_georgia_is_decided_by_the_other_names(gaz):
    text = ("A shooting early Wednesday in Statesboro left one Georgia Southern student dead. Georgia "
            "deputies said the student was from Georgia.")
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert found["Statesboro"].admin1 == "Georgia" and found["Georgia"].feature == "admin1"
    # the country, where the other names are Georgian
    text = "Police in Tbilisi, Georgia, said a man was shot in Rustavi."
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert found["Georgia"].feature == "country"



@pytest.mark.parametrize("text, name, admin1", [
    # a US state after the town, as AP style or in full, picks the reading and makes it a place
    ("BENTON, Ark. (KTHV) -- Officers responded to a family disturbance.", "Benton", "Arkansas"),
    ("A man was shot in Manchester, N.H., on Monday.", "Manchester", "New Hampshire"),
])
def test_a_state_after_the_town_decides_it(gaz, text, name, admin1):
    found = [t.place for t in find(text, parse(text), gazetteer=gaz) if t.place and t.place.name == name]
    assert found and {p.admin1 for p in found} == {admin1}


@pytest.mark.parametrize("text, not_a_place", [
    # the middle of a longer name, or a contraction, is no place
    ("Sims is in a hospital bed instead of enjoying the Booker T. Washington High School Prom.", "Washington"),
    ("A helicopter landed on Melwood Road near Pounds Turkey Farm to take him away.", "Turkey"),
    ("“I’ll get you,” the man said before he fired.", "I’ll"),
])
def test_names_inside_longer_names_are_no_places(gaz, text, not_a_place):
    named = [t.text for t in find(text, parse(text), gazetteer=gaz) if t.place is not None]
    assert not_a_place not in named, named


def test_a_direction_after_the_preposition_beats_a_foreign_police_name():
    # "Metro police" is Nashville's force, not Metro in Indonesia
    text = ("A 3-year-old child accidentally shot himself in the arm in south Nashville Monday night. "
            "Metro police said the shooting happened on Whitsett Road.")
    assert locate(coding_of(text), [(0, len(text))]).name == "Nashville"


@pytest.mark.parametrize("text, name", [
    # the event's sentence names no place: "a Fargo hospital" is where he was treated, the rural
    # address is the place
    ("The Sheriff's Office is investigating the accidental shooting of a three-year-old. Deputies "
     "responded to a rural Williston address. The child is in stable condition in a Fargo hospital.",
     "Williston"),
    # where the people live counts after the towns where nobody lives or was treated
    ("The Sheriff's Office is investigating the accidental shooting of a boy. Jaylen Pender of "
     "Indianapolis was shot by his grandfather, Herbert Harr, age 47 of Indianapolis. Deputies "
     "responded to a farm in Campbellsburg.", "Campbellsburg"),
    # and where everyone lives is the last resort before the country
    ("Four people were shot in the Creekwood community. The victims were identified as Wakeel "
     "Stewart, 21, of Wilmington, and Darryl Freeman, 28, of Wilmington.", "Wilmington"),
])
def test_hospitals_and_homes_are_only_last_resorts(text, name):
    assert locate(coding_of(text), [(0, text.index(".") + 1)]).name == name


# --- US counties ---------------------------------------------------------------------------


def test_us_counties_are_places_of_their_own(gaz):
    mesa = gaz.lookup("Mesa County")
    assert [(p.feature, p.admin1) for p in mesa] == [("admin2", "Colorado")]
    assert distance_km(mesa[0].lat, mesa[0].lon, 39.07, -108.55) < 30  # Grand Junction, its seat
    assert all(p.feature != "admin2" for p in gaz.lookup("Mesa"))  # the town alone stays the town
    assert [p.admin1 for p in gaz.lookup("Boyle Co.")] == ["Kentucky"]
    # a town knows its county
    assert [(p.admin1, p.admin2) for p in gaz.lookup("Pandora")][:1] == [("Ohio", "Putnam County")]


def test_a_county_after_the_town_decides_it(gaz):
    text = "A man was shot in Dallas, Paulding County on Monday."
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert (found["Dallas"].admin1, found["Dallas"].admin2) == ("Georgia", "Paulding County")


def test_the_state_all_names_share_decides_a_county(gaz):
    text = ("One man is dead after a shooting at a Marion County berry farm. The suspect was detained "
            "east of Portland. Deputies found the farmhouse near Woodburn.")
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert (found["Marion County"].feature, found["Marion County"].admin1) == ("admin2", "Oregon")


@pytest.mark.parametrize("text, name, precision", [
    # a county alone is the place, at its precision
    ("A missing child and her grandfather have been found dead in Polk County, Florida.", "Polk County",
     "admin2"),
    # a town in the county is more precise, though another sentence names it
    ("A teen was killed in an accidental shooting, according to the Putnam County Sheriff. Deputies "
     "were called about the shooting at 13915 Road 3, Pandora.", "Pandora", "city"),
    # a town of a neighbouring county is not
    ("An 8-year-old girl died in an accidental shooting inside a home in Paulding County, Georgia. "
     "She was taken to a hospital. Deputies from Rockmart and Rome helped.", "Paulding County", "admin2"),
])
def test_a_county_or_a_town_in_it(text, name, precision):
    loc = locate(coding_of(text), [(0, text.index(".") + 1)])
    assert (loc.name, loc.precision) == (name, precision)


def test_a_village_of_another_state_is_no_place_of_a_one_state_story(gaz):
    # "walked to Daniel" in a Montana story is a person, not Daniel, Utah; the county the story
    # names twice is the place, not the whole country
    text = ("The Gallatin County Sheriff said deputies were sent to a residence in Gallatin County, "
            "Montana. She then walked to Daniel and shot him in the chest.")
    found = {k: v for k, v in readings(text, gaz).items() if v}
    assert "Daniel" not in found
    loc = locate(coding_of(text), [(text.index("She then"), len(text))])
    assert (loc.name, loc.precision) == ("Gallatin County", "admin2")


def test_a_hamlet_named_alone_says_nothing_of_the_state(gaz):
    # "Prince George" (a Virginia hamlet, here Prince George's County) gives Virginia no weight
    # in a Maryland story, so it stays no place of it
    text = ("Police charged the man suspected of killing two people at Montgomery County shopping "
            "centers on Friday and his estranged wife on Thursday in Prince George's County. He was "
            "arrested near Bethesda.")
    found = readings(text, gaz)
    assert found["Prince George"] is None
    assert found["Montgomery County"].admin1 == "Maryland"


def test_near_an_airport_is_near_its_city():
    text = "The shooting took place at the nearby Glastonbury Apartments near Nashville International Airport."
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.name, loc.precision) == ("Nashville", "near_city")
    at = "Rockets hit the coalition base at Erbil airport on Monday."
    assert locate(coding_of(at), [(0, len(at))]).precision == "site"


def test_neighbourhoods_are_coded_to_the_big_city_their_addresses_bear(gaz):
    # the post office knows "Goulds" only as another name of Miami ZIP codes, and "North
    # Lawndale" not at all; a town it delivers to under its own name stays itself
    assert [p.postal for p in gaz.lookup("Goulds") if p.admin1 == "Florida"] == ["Miami"]
    assert [p.postal for p in gaz.lookup("Cicero") if p.admin1 == "Illinois"] == [None]
    for text, name in [
        ("A boy was shot Friday evening in North Lawndale on the Southwest Side.", "Chicago"),
        ("Six people were wounded in a shooting at a party in Goulds on Saturday.", "Miami"),
        ("A man was found shot to death Friday in Overland, Missouri.", "St. Louis"),
        ("A man was shot dead in Cicero on Saturday.", "Cicero"),
        # a small postal town is a town's post office only: Greenacres stays Greenacres
        ("A woman was shot dead in Greenacres, Florida on Saturday.", "Greenacres City"),
    ]:
        loc = locate(coding_of(text), [(0, len(text))])
        assert (loc.name, loc.precision) == (name, "city"), text


@pytest.mark.parametrize("text, name", [
    # the state or county the writer puts after a town holds none of the gazetteer's readings:
    # a town it lacks, not its namesake elsewhere, here or at its other mentions
    ("SHELBY, N.Y. (WIVB) — A 15-year-old boy from the Town of Shelby has died from a gunshot wound.",
     "Shelby"),
    ("The boy was playing on Monday at his family's home in Eureka, Navarro County when he was shot.",
     "Eureka"),
])
def test_a_state_or_county_named_after_a_town_rules_out_readings_elsewhere(gaz, text, name):
    found = [t for t in find(text, parse(text), gazetteer=gaz) if t.text.lower() == name.lower()]
    assert found and all(t.place is None for t in found)


def test_a_two_letter_word_after_a_comma_in_wire_copy_is_no_state(gaz):
    text = "SEDANO WAS KIDNAPPED ON 9 FEBRUARY NEAR BUCARAMANGA, IN THE NORTHEASTERN PART OF THE COUNTRY."
    assert readings(text, gaz)["BUCARAMANGA"].name == "Bucaramanga"


def test_a_larger_town_of_another_state_is_no_place_of_a_story_set_firmly_in_one(gaz):
    # Eureka, California (27,000) under a Texas dateline with its county named three times ...
    text = ("NAVARRO COUNTY, TX (CBSDFW.COM) – The Navarro County Sheriff is investigating the "
            "shooting death of a child. The shooting happened at a home in Eureka around noon, the "
            "Navarro County sheriff said.")
    assert readings(text, gaz)["Eureka"] is None
    # ... but one town's state is too little to rule out Moscow (Idaho, 25,000) beside it
    text = "A car bomb explodes outside a McDonald's Corp. restaurant in Moscow, killing one person."
    assert readings(text, gaz)["Moscow"] is not None


@pytest.mark.parametrize("text, name", [
    # flown, or recovering, there: where the victim is treated; the town whose police report it,
    # named twice, is the place
    ("A girl was accidentally shot at a gun range on Sunday and flown to Pocatello. Rupert police "
     "said the range was closed. Rupert police are investigating.", "Rupert"),
    ("A 4-year-old boy who was shot on Sunday is in Jacksonville recovering. St. Augustine police "
     "said the boy found the gun. St. Augustine police are investigating.", "St. Augustine"),
])
def test_flown_to_or_recovering_in_a_town_is_not_the_place(text, name):
    assert locate(coding_of(text), [(0, text.index(".") + 1)]).text == name


def test_the_town_the_article_names_most_beats_where_the_victim_was_treated():
    # the event's sentences name only the hospital's city; the town whose police report it,
    # named twice, is the place (the capital's dateline is the station's, not the story's)
    text = ("LITTLE ROCK, Ark. - A two-year-old boy has died after being shot on Tuesday afternoon. The "
            "Benton Police Department said it was called about the child being shot at a home. The "
            "child was taken to a Little Rock hospital but died as a result of his injuries. The "
            "Benton Police Department will continue the investigation.")
    sent = text.index("The child was taken")
    loc = locate(coding_of(text), [(sent, text.index(".", sent) + 1)])
    assert loc.name == "Benton"


def test_a_town_in_a_county_the_article_names_beats_the_country_of_its_name(gaz):
    text = ("Bond was set Friday for the neighbour of the 2-year-old who died of a gunshot wound. Sidney "
            "Davis, 44, of Denmark was charged, said Craig Threatt, Bamberg County's chief magistrate.")
    found = readings(text, gaz)
    assert (found["Denmark"].feature, found["Denmark"].admin1) == ("city", "South Carolina")


def test_the_tail_of_a_longer_name_is_no_big_city_of_another_state(gaz):
    # "the Grand Mesa" is a mountain in a Colorado story, not Mesa, Arizona
    text = ("The Mesa County Sheriff's Office said a hunter was shot near the Big Creek Campground on "
            "the Grand Mesa. Mesa County deputies in Colorado responded.")
    found = readings(text, gaz)
    assert found.get("Mesa") is None


def test_a_county_named_twice_beats_the_town_of_the_hospital():
    text = ("A 3-year-old boy injured in an accidental shooting has died at LSU Medical Center in "
            "Shreveport. The Marion County Sheriff said deputies were called to a home on Monica Drive. "
            "The Marion County Sheriff's Office is investigating.")
    loc = locate(coding_of(text), [(0, text.index(".") + 1)])
    assert (loc.name, loc.precision) == ("Marion County", "admin2")


@pytest.mark.parametrize("text", [
    # a surname before a person's possessive
    "Matt Anderson, 15, died on March 1. Friends changed their profile pictures to a black and green "
    "image in Anderson's honor.",
    # a name between a first name and an age, though a state bears it
    "Timothy Murphy, 30, was one of the shooters in the incident that also killed Barry Washington, "
    "56, and left five others injured.",
    # a surname given with a first name and an age, though spaCy does not know the first name
    "Officers found Christopher Andrews, 15, and Samyah Copeland, 16, shot. Investigators said "
    "Andrews shot and killed Copeland before taking his own life.",
])
def test_people_named_like_towns_are_no_towns(gaz, text):
    assert [t.text for t in find(text, parse(text), gazetteer=gaz) if t.place is not None] == []


def test_the_headline_places_a_story_whose_text_names_no_place():
    text = ("An 18-year-old woman is in critical condition after police said she was shot inside her "
            "home while getting ready for her senior prom.")
    title = "Girl shot in chest while getting ready for prom - WMC Action News 5 - Memphis, Tennessee"
    loc = locate(coding_of(text, title=title), [(0, len(text))])
    assert (loc.name, loc.admin1, loc.precision, loc.span) == ("Memphis", "Tennessee", "city", None)
    # a text that names the place keeps it
    text = text.replace("inside her home", "inside her home in Knoxville")
    loc = locate(coding_of(text, title=title), [(0, len(text))])
    assert loc.name == "Knoxville"
    assert locate(coding_of(text.replace(" in Knoxville", "")), [(0, len(text))]) is None


def test_a_sheriffs_force_names_a_county_not_its_town():
    """"Santa Cruz sheriff's deputies" serve the county: the town of Santa Cruz, though the
    headline names it, gives way to the town the shooting was near."""
    text = ("An armed teen who was fatally shot by a Santa Cruz deputy near Watsonville has been "
            "identified. Santa Cruz sheriff's deputies responded to the report of a stabbing.")
    coding = coding_of(text, title="Teen fatally shot by Santa Cruz deputy identified")
    loc = locate(coding, [(0, len(text))])
    assert (loc.name, loc.precision) == ("Watsonville", "near_city")


def test_a_state_gives_way_to_the_county_its_police_name_and_the_town_in_it():
    text = ("A 6-year-old girl is fighting for her life after her father shot her during a murder-suicide "
            "in Georgia. The child ran to a neighbor's home for help, Glynn County police said. Glynn "
            "County police found the parents dead in their home in Brunswick.")
    loc = locate(coding_of(text), [(0, text.index(".") + 1)])
    assert (loc.name, loc.admin1) == ("Brunswick", "Georgia")
    # with no town named, the county
    text = text.replace(" in their home in Brunswick", "")
    loc = locate(coding_of(text), [(0, text.index(".") + 1)])
    assert (loc.name, loc.precision) == ("Glynn County", "admin2")


def test_a_hospital_town_gives_way_to_the_town_the_headline_and_the_police_name():
    text = ("Toledo Police have confirmed that a baby shot on Sunday morning has died. At around 8:00 a.m., "
            "officers were dispatched to St. Charles Hospital, where staff told them that a 2-year-old was "
            "suffering from a gunshot wound.")
    start = text.index("At around")
    title = "Two-year-old Toledo girl shot and killed, stepfather arrested"
    loc = locate(coding_of(text, title=title), [(start, len(text))])
    assert (loc.name, loc.admin1) == ("Toledo", "Ohio")
    # without the headline, the one hospital named is all the event's sentences give
    loc = locate(coding_of(text), [(start, len(text))])
    assert loc.name == "St. Charles"


def test_a_story_an_american_police_department_tells_is_set_in_the_united_states(gaz):
    text = "A man in a parked car was shot in the face, according to the Naples Police Department."
    assert places(text, gaz) == [("Naples", "city", "US")]
    # the force's name, not the word: Italy's Naples stays itself where no such force speaks
    assert places("A man was shot in the face in Naples, police said.", gaz) == [("Naples", "city", "IT")]


def test_a_town_in_a_county_named_after_it_is_the_one_in_that_county():
    text = ("Conservation officers are investigating a shooting that took place Friday night near the town "
            "of Brooklyn in Morgan County.")
    loc = locate(coding_of(text), [(0, len(text))])
    assert (loc.name, loc.admin1) == ("Brooklyn", "Indiana")
