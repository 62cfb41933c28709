"""Casualty counts on hand-written sentences: groups, ranges, sides, breakdowns, restatements."""

import datetime as dt

import pytest

from eventwire.extract import extract_text
from eventwire.extract.counts import find_counts, pattern_counts, reconcile
from eventwire.nlp import parse
from eventwire.records import Count


def counts(text):
    doc = parse(text)
    found = []
    for i, sent in enumerate(doc.sents):
        got = find_counts(sent, i, text)
        found += got + pattern_counts(sent, i, text, {c.effect for c in got})
    return found


def totals(text):
    found = counts(text)
    return {effect: reconcile(found, effect)[0] for effect in ("killed", "injured")}


@pytest.mark.parametrize(
    "text,killed,injured",
    [
        ("One person was killed and 23 were wounded in the attack.", Count(1, 1), Count(23, 23)),
        ("The seven crew members died.", Count(7, 7), None),
        ("The blast left five dead and 12 injured.", Count(5, 5), Count(12, 12)),
        ("No one was hurt in the explosion.", None, Count(0, 0)),
        ("Gunmen shot dead two policemen in Kabul.", Count(2, 2), None),
        ("At least 7 policemen were killed and another 15 injured in a bombing.", Count(7, None), Count(15, 15)),
        ("The blast killed at least 20 people and another 29 were injured.", Count(20, None), Count(29, 29)),
        ("Three killed and 106 wounded in the 1981 Antwerp bombing.", Count(3, 3), Count(106, 106)),
        ("At least three people, one soldier and two civilians were injured in a shooting.", None, Count(3, None)),
        ("Three civilians lost their lives in an attack carried out by militants.", Count(3, 3), None),
        ("Car bombs went off, killing sixty-eight people and wounding up to 200 people.", Count(68, 68), Count(200, 200)),
        ("Ten people were killed and twenty-seven other injured by the blast.", Count(10, 10), Count(27, 27)),
        ("The explosion killed over thirty-eight people and injured at least a hundred others.", Count(39, None), Count(100, None)),
        ("Gunmen ambushed a police patrol, shooting 4 officers to death.", Count(4, 4), None),
        ("A group of 17 police recruits were shot to death.", Count(17, 17), None),
        ("Seventeen villagers were kidnapped and murdered by militants.", Count(17, 17), None),
        # regressions: the injured group read off the wrong words
        ("Two car bombs hit the market, leaving a total of thirty people dead and 45 wounded.", Count(30, 30), Count(45, 45)),
        ("A policeman was killed in the town and thirteen wounded in an attack.", Count(1, 1), Count(13, 13)),
        ("A bomb killed one and another 4 wounded.", Count(1, 1), Count(4, 4)),
        ("Rebels shoot dead nine and another four were injured.", Count(9, 9), Count(4, 4)),
        ("A mine went off on an army patrol, resulting in the injury of four soldiers.", None, Count(4, 4)),
        ("A bomb resulted in the death of a policeman and the injury of two more.", Count(1, 1), Count(2, 2)),
        ("The bombers caused at least six deaths and injuries to 20 others near the station.", Count(6, None), Count(20, 20)),
        ("Three guards were killed and two others sustained serious injuries in the raid.", Count(3, 3), Count(2, 2)),
        ("The driver later died of his injuries.", Count(1, 1), None),
        ("A bus bomb kills three people and wounds 22.", Count(3, 3), Count(22, 22)),
        # "another" sets the first group told apart from someone else, not on top of a count
        ("A teen has been charged in the shooting death of another teen. Darin Booker, 13, died from a gunshot wound.",
         Count(1, 1), None),
        ("Gunmen killed a policeman. Another officer was killed nearby.", Count(2, 2), None),
        # a child who shot himself is the victim the article later says died, counted once
        ("A four-year-old boy fatally shot himself at a home. The child was taken to a hospital where he died.",
         Count(1, 1), None),
        ("Devon, 7, accidentally shot himself at his home. He was pronounced dead shortly after.", Count(1, 1), None),
        # a gunman named among the dead is not added again for "killing himself"
        ("Police found Mark Mata dead. Investigators suspect Mark Mata shot his wife before killing himself.",
         Count(1, 1), None),
        # no one hurt who "was not injured"; wounds of the dead and a count of wounds are no injured
        ("Police found the man dead and the boy's mother, who was not injured.", Count(1, 1), None),
        ("The driver later died of his wounds.", Count(1, 1), None),
        ("His stepdaughter had two gunshot wounds and was taken to a hospital.", None, Count(1, 1)),
        # headline present tense: the parse takes "die" for a noun, the subject of "injured"
        ("Nine die, including a baby, and seven are injured when a bomb explodes.", Count(9, 9), Count(7, 7)),
        ("One die and another were injured in bombing attack.", Count(1, 1), Count(1, 1)),
        ("Militants detonated a bomb, killing 27 wounded another 96 people.", Count(27, 27), Count(96, 96)),
        ("Twin bombings kill a police officer and wound nine people in the city.", Count(1, 1), Count(9, 9)),
        ("One person was shot dead and another injured by gunmen near the market.", Count(1, 1), Count(1, 1)),
        ("Five troopers were killed and three sustained bullet wounds in an attack on a camp.", Count(5, 5), Count(3, 3)),
        # a stabbing or a shooting hurts whom it hits, unless the text says what became of them
        ("A man stabbed three people at the station before police detained him.", None, Count(3, 3)),
        ("Two soldiers were stabbed outside a recruiting office.", None, Count(2, 2)),
        ("A gunman shot and killed two officers.", Count(2, 2), None),
        ("An attacker stabbed four people. One of them died and two others were injured.", Count(1, 1), Count(2, 2)),
        ("A car bomb killed 3 officers and other 2 were injured.", Count(3, 3), Count(2, 2)),
        ("A soldier was killed in Afghanistan and two other soldiers wounded when a mine exploded.", Count(1, 1), Count(2, 2)),
        ("Gunmen killed the driver and two others.", Count(3, 3), None),
        ("A car bomb killed ten people and injured 40–50 others.", Count(10, 10), Count(40, 50)),
        ("Fourteen people were killed and some 50 wounded.", Count(14, 14), Count(50, 50)),
        # "shot" alone is no injury count: local news repeats it of the dead ("shot several times")
        ("A man was shot and killed on Saturday. Police said he was shot several times.", Count(1, 1), None),
        ("Two gunmen opened fire, killing a doorman and a French visitor.", Count(2, 2), None),
        ("The father and his daughter were killed.", Count(2, 2), None),
        ("Gunmen killed Maurice Stallard and Vickie Jones at a store.", Count(2, 2), None),
        ("A man killed his ex-girlfriend in her home.", Count(1, 1), None),
        ("As many as ten people were killed and sixty wounded in the attack.", Count(10, 10), Count(60, 60)),
        # more ways to tell a killing
        ("Militants burned 20 villagers to death.", Count(20, 20), None),
        ("Gunmen fatally shot two policemen in the city.", Count(2, 2), None),
        ("Gunmen burned eight villagers alive.", Count(8, 8), None),
        ("Rebels gunned down four farmers.", Count(4, 4), None),
        ("Insurgents carried out the killing of 30 civilians.", Count(30, 30), None),
        ("He was mortally wounded.", Count(1, 1), None),
        ("Hours later, the death toll stood at 21, including 17 civilians.", Count(21, 21), None),
        ("Five of the wounded died, bringing the death toll up to seventy-three.", Count(73, 73), None),
        ("A bomb killed six people; the death toll is 9.", Count(9, 9), None),
        ("The casualty toll rose to 30.", None, None),
        ("A drone killed four militants in the second strike since the killing of their leader.", Count(4, 4), None),
        ("Extremists killed at least 17 people, who were burned alive in their homes.", Count(17, None), None),
        ("Gunmen opened fire on a 9-month old girl who was killed.", Count(1, 1), None),
        ("The militants abducted at least seven farmers and killed them.", Count(7, None), None),
        ("A bomb went off in a mosque, causing at least 60 deaths and part of the roof to collapse.", Count(60, None), None),
        ("One hundred and forty-seven students were reported killed.", Count(147, 147), None),
        ("Another twelve were left injured.", None, Count(12, 12)),
        ("A bomb exploded in a cinema, killing two people and wounding twenty-nine.", Count(2, 2), Count(29, 29)),
        # carried to hospital: injured, when a number says how many and nothing else counts them
        ("A bomb exploded, killing nine people and sending another 29 to hospital.", Count(9, 9), Count(29, 29)),
        ("Twelve people were hospitalized after the blast.", None, Count(12, 12)),
        ("He was taken to a hospital where he died.", Count(1, 1), None),
        ("The victim was taken to the hospital.", None, None),
        ("The bombers firebombed a store in the city, causing minor injuries to three people.", None, Count(3, 3)),
        ("Six bomb blasts in the province left nine people, including the district chief, injured.", None, Count(9, 9)),
        ("An explosion inside a mosque left one dead and at least eight others wounded.", Count(1, 1), Count(8, None)),
        ("Two children were killed and another one sustained injuries when a landmine exploded.", Count(2, 2), Count(1, 1)),
        ("Three family members have sustained wounds in the attack.", None, Count(3, 3)),
        ("Three rebels were killed and one civilian was injuried.", Count(3, 3), Count(1, 1)),
        ("At least six civilians were killed and 30 injured in the capital and its surroundings.", Count(6, None), Count(30, 30)),
        ("An explosion took place in the city, leaving a judge dead, and three other people wounded.", Count(1, 1), Count(3, 3)),
        ("Two children were killed and their parents were injured in a grenade attack.", Count(2, 2), Count(2, 2)),
        # "suffered wounds" is said of the dead too: the same number as the dead is the same people
        ("Police found three people dead in the home. All three suffered gunshot wounds.", Count(3, 3), None),
        ("Two guards were killed and two others sustained injuries.", Count(2, 2), Count(2, 2)),
    ],
)
def test_totals(text, killed, injured):
    got = totals(text)
    assert got["killed"] == killed
    assert got["injured"] == injured


def test_breakdown_restates_the_total():
    text = "Another nine people were wounded, including eight civilian contractors and one US soldier, he said."
    (group,) = counts(text)
    assert group.count == Count(9, 9) and group.additive
    assert [(c.who, c.count.min) for c in group.includes] == [("civilian contractors", 8), ("US soldier", 1)]


def test_separate_groups_add_and_vague_lead_adds_nothing():
    text = (
        "A rocket strike has injured several Americans and killed a foreign contractor. "
        "Rockets struck residential neighbourhoods where they wounded at least five civilians. "
        "Three rockets hit the airport, killing one foreign civilian contractor. "
        "Another nine people were wounded, including eight civilian contractors and one US soldier."
    )
    got = totals(text)
    assert got["killed"] == Count(1, 1)
    assert got["injured"] == Count(14, None)


def test_attackers_are_their_own_side():
    found = counts("Eight soldiers were killed in clashes. Ten Taliban insurgents were also killed in the attack.")
    sides = sorted((c.side, c.count.min) for c in found if c.effect == "killed")
    assert sides == [("perpetrator", 10), ("victim", 8)]
    assert reconcile(found, "killed")[0] == Count(18, 18)


def test_militants_killed_by_troops_are_victims_of_that_act():
    (group,) = counts("Troops killed 15 militants near the border.")
    assert group.side == "victim"


def test_restatement_is_not_added():
    text = "A bomb killed 14 people on Monday. The attack killed at least 14 police officers, officials said."
    assert totals(text)["killed"] == Count(14, 14)


def test_years_are_not_tolls():
    assert totals("November 2016 bombing: a truck bomb killed at least 125 people.")["killed"] == Count(125, None)


def test_attacker_shot_dead_after_stabbing_is_no_victim():
    found = counts("A settler stabbed two farmers near the village and was shot dead by soldiers.")
    killed = [(c.side, c.count.min) for c in found if c.effect == "killed"]
    assert killed == [("perpetrator", 1)]


def test_elliptic_group_shares_the_side_before_it():
    found = counts("Ten militants were killed, and 13 sustained injuries.")
    assert [(c.effect, c.side, c.count.min) for c in found] == [("killed", "perpetrator", 10), ("injured", "perpetrator", 13)]


@pytest.mark.parametrize(
    "text,side",
    [
        ("Seven rebel commanders were killed by a suicide bomber.", "victim"),
        ("Four insurgents were also killed by the police.", "perpetrator"),
        ("Four insurgents were killed in the clash.", "perpetrator"),
        ("Three of the four attackers also died.", "perpetrator"),
        ("Two pro-government fighters were killed in an ambush.", "victim"),
        ("Ten Taliban fighters were killed in the clash.", "perpetrator"),
        ("The group executed five of its own fighters.", "victim"),
    ],
)
def test_armed_group_killed_by_an_attack_is_its_victim(text, side):
    (group,) = counts(text)
    assert group.side == side


@pytest.mark.parametrize("text, killed, injured", [
    ("Travon Rollins, 16, was killed when a group of teens were playing with a gun.", Count(1, 1), None),
    ("Janet Francois,16, was shot and killed while sitting in a car.", Count(1, 1), None),
    # a caption run into the text defeats the parse; the age is still no toll
    ("TPD investigating shooting at Chesapeake Place Travon Rollins, 16, was killed when he and a "
     "group of teens were playing with a gun.", None, None),
    # the girl shot is the girl who died
    ("A teen girl was shot in the head at a home on Monday. She was pronounced dead at a hospital.",
     Count(1, 1), None),
    # two people: the dead and "another" wounded, or a second group after three dead
    ("One soldier was killed and another injured in a rocket attack.", Count(1, 1), Count(1, 1)),
    ("Attackers hacked three soldiers to death. One other soldier is seriously wounded.", Count(3, 3), Count(1, 1)),
    ("Police found a girl and two women, believed to be 30 and 60, all shot dead.", Count(3, 3), None),
    # the parse misses the group here; the ages are still no toll
    ("That person walked in to find a 2-year old girl and two women, believed to be 30 and 60, "
     "all shot dead.", None, None),
    # the boy who shot himself, told as shooter and as the dead, is one death
    ("Police say Devon Lofton, 7, accidentally shot himself. His brother found the gun and "
     "fatally shot himself. He was pronounced dead at a hospital.", Count(1, 1), None),
    ("A 13-year-old boy shot his 6-year-old brother to death and killed himself.", Count(2, 2), None),
    # a tally of many incidents is no count of this one
    ("By mid-afternoon Sunday, at least seven people had been killed in Chicago and 40 wounded in "
     "33 separate shooting incidents since Friday.", None, None),
    ("Police say 131 people have been wounded or killed by gunshots in the city so far this year.", None, None),
    ("Merah shot and killed three French paratroopers in two separate incidents.", Count(3, 3), None),
    # "deadly" says someone died; a number told replaces it
    ("Police are investigating a deadly shooting that witnesses call an accident.", Count(1, None), None),
    ("A deadly shooting left two people dead.", Count(2, 2), None),
    ("A man was charged in a Mountain View shooting death.", Count(1, None), None),
    # the members of a group counted before, told "also", are no new dead; new people are
    ("Police discovered one woman and two children dead inside the residence. Police said the woman "
     "was found with a gunshot wound. Also found inside the home was an 8-year-old boy and 12-year-old "
     "girl, both dead from a single gunshot wound to the head.", Count(3, 3), None),
    ("Two children were killed in the fire. A man was also killed.", Count(3, 3), None),
    # the attacker who took his own life is one more dead, unless the total counts him already
    ("The gunman shot and killed two women at the store. He then took his own life.", Count(3, 3), None),
    ("Police say the man shot and killed his wife before he committed suicide.", Count(2, 2), None),
    ("Police say the man shot and killed his wife. He later tried to take his own life.", Count(1, 1), None),
    ("A shooting kills 2. A 12-year-old boy shot his 6-year-old brother to death and killed himself, "
     "a sheriff said.", Count(2, 2), None),
    ("The hotel shooting left four people dead as a murder and suicide. Police say McKay shot the "
     "other three victims and then killed himself.", Count(4, 4), None),
    ("Two people were killed. The gunman then killed himself.", Count(3, 3), None),
    # a fatal wound is a death
    ("The boy suffered a fatal gunshot wound to the head.", Count(1, 1), None),
    ("The attacker inflicted wounds on two guards at the gate.", None, Count(2, 2)),
    # kin told under two harm words of one sentence are two people; a plainer word is the same one
    ("Police say a man killed his wife and inflicted a fatal gunshot wound on their 3-year-old "
     "daughter.", Count(2, 2), None),
    ("The boy was shot and killed; his father said the son died instantly.", Count(1, 1), None),
    # the one child among the dead, told again as "a young child" still breathing, is no second victim
    ("Police say a man killed his wife and inflicted a fatal gunshot wound on their 3-year-old "
     "daughter. A young child in a car seat also had a bullet wound to the head but was still "
     "breathing.", Count(2, 2), None),
    # wounded, then dead, in one sentence: one death; two people told apart stay two
    ("Kentucky State Police says a juvenile injured in a shooting incident Monday morning has died "
     "of his injuries.", Count(1, 1), None),
    ("Winston Brown, 16, suffered an accidental gunshot wound to the face and later died at a "
     "hospital.", Count(1, 1), None),
    ("One soldier was killed and another injured.", Count(1, 1), Count(1, 1)),
    # the dead told again in the same sentence by a pronoun or a relative "who"; two pronouns
    # are two people
    ("CHICAGO -- A 7-year-old boy has died after he suffered a self-inflicted gunshot wound Sunday, "
     "police said.", Count(1, 1), None),
    ("The sheriff said the three year old who was injured in an apparent accidental gunshot incident "
     "Monday has died.", Count(1, 1), None),
    # the parse loses the death's subject here: the words still tell it
    ("The sheriff released a statement saying the three year old who was injured in an apparent "
     "accidental gunshot incident Monday night has died.", Count(1, 1), None),
    ("She was killed and he was wounded.", Count(1, 1), Count(1, 1)),
    # the one dead, told again as the child who inflicted the wound on himself
    ("A Marion County toddler who was critically injured after accidentally shooting himself in the "
     "face has died. Initial reports are that this was an accidental shooting, where a gun was left in "
     "reach of a child who inflicted the gunshot wound on himself.", Count(1, 1), None),
    # the one dead told by description, then by name as the one wounded, is one death; a wounded
    # person named beside dead who are named too is another
    ("Detectives are investigating the deadly shooting of a toddler. Investigators say Amaya Shafi, "
     "age 17 months, suffered a single gunshot wound from a handgun.", Count(1, None), None),
    ("Police said Tom Jones, 30, was killed in the shooting. Police said John Smith, 25, was wounded "
     "in the leg.", Count(1, 1), Count(1, 1)),
    # the shot, counted, less the dead among them are the wounded; a group told apart is not
    ("Four people were shot in the Creekwood community Saturday afternoon. One of the victims died "
     "Saturday morning.", Count(1, 1), Count(3, 3)),
    ("Two men were shot in their home on Sunday. Both men died at the scene.", Count(2, 2), None),
    ("One man was killed in the attack. Another three people were shot and taken to a hospital.",
     Count(1, 1), Count(3, 3)),
    ("A man was shot in the leg on Sunday.", None, None),
    # grief is no wound
    ("The girl shot herself to death. The police chief said his department and his community are "
     "hurting.", Count(1, 1), None),
    ("The boy was shot dead. \"We're hurting a lot behind this,\" his aunt said.", Count(1, 1), None),
    ("The boy was shot dead. \"I watched him die. It hurt my heart,\" a friend said.", Count(1, 1), None),
    # listed ages count the group
    ("Shawn Fuller, 31, shot and killed his sons, ages 3 and 4, on Saturday.", Count(2, 2), None),
    ("Three children, ages 2, 5 and 7, were wounded.", None, Count(3, 3)),
    # how often a gun was fired is no group hit
    ("Darin Booker, 13, died Sunday night. \"They say this man pulled his gun and shot two times, two "
     "times and nothing came out,\" said Helen Booker.", Count(1, 1), None),
    # an age written "13-year old" is no toll (the parse misses the group here)
    ("The gun, however, was loaded and the third time he pulled the trigger a bullet fired and "
     "struck and killed 13-year old Darin Booker.\n\nClick here to WATCH the report", None, None),
])
def test_ages_and_the_wounded_who_died(text, killed, injured):
    got = totals(text)
    assert (got["killed"], got["injured"]) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    # "two more" beside "a dead woman" make three, the toll told before
    ("Medical examiners have completed autopsies for three people found dead in a Bedford home. Police "
     "received a call about a dead woman at the home but found two more people dead when they arrived.",
     Count(3, 3)),
    ("The toll rose to five. Three were killed on Monday and two more died on Tuesday.", Count(5, 5)),
    # "more" told alone still adds
    ("Police found three people dead. Two more people were found dead in a nearby house.", Count(5, 5)),
])
def test_more_adds_to_its_own_sentence_group(text, killed):
    assert totals(text)["killed"] == killed


@pytest.mark.parametrize("text, killed, injured", [
    # "deceased" tells the dead, and "both ... suffered gunshot wounds" the same two
    ("Joe Knarr and Jen Knarr were deceased, both having suffered gunshot wounds.", Count(2, 2), None),
    ("The deceased man was identified as John Smith.", Count(1, 1), None),
    ("Two people were killed and three were wounded.", Count(2, 2), Count(3, 3)),
])
def test_the_deceased_and_their_wounds(text, killed, injured):
    got = totals(text)
    assert (got["killed"], got["injured"]) == (killed, injured)


@pytest.mark.parametrize("text, killed, injured", [
    # a roundup's toll over incidents told apart without a number gives way to the incident's own
    ("Two teenagers died early Thursday morning in separate incidents in Benbrook. Winston Brown, 16, "
     "suffered an accidental gunshot wound to the face and later died at a hospital, police said.",
     Count(1, 1), None),
    # where nothing else is told, or the incidents are counted, the toll is the report's own
    ("At least three people were killed in separate shootings in Mogadishu by Al-Shabaab assassins.",
     Count(3, None), None),
    ("Mohammed Merah shot and killed three French paratroopers in two separate incidents in Toulouse.",
     Count(3, 3), None),
])
def test_a_toll_over_separate_incidents(text, killed, injured):
    (event,) = [e for e in extract_text(text, dt.date(2016, 9, 29)).events if e.status == "reported"]
    assert (event.killed, event.injured) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    # the age's commas root the parse at the boy: he and his father are still two
    ("A boy, 7, and his father were killed.", Count(2, 2)),
    ("Justin Burns, 14, and his father were shot dead.", Count(2, 2)),
    ("A 7-year-old boy and his father were killed.", Count(2, 2)),
])
def test_a_person_given_with_an_age_and_another_are_two(text, killed):
    assert totals(text)["killed"] == killed


def test_a_speaker_who_says_killing_me_tells_no_death():
    text = "\"You've got to be killing me, those little boys,\" a neighbor said."
    assert [m.effect for m in counts(text)] == []


@pytest.mark.parametrize("text, killed", [
    ("The man later passed away at UK Medical Center.", Count(1, 1)),
    ("Three soldiers have succumbed to their injuries at hospital.", Count(3, 3)),
    ("The boy did not survive.", Count(1, 1)),
    ("The quarterback passed the ball away from the defender.", None),
    ("Two young boys are dead along with their father in an apparent murder-suicide.", Count(3, 3)),
    ("Two young boys are dead, and their father is in custody.", Count(2, 2)),
])
def test_gentler_words_for_a_death_and_the_dead_along_with_others(text, killed):
    assert totals(text)["killed"] == killed


@pytest.mark.parametrize("text, injured", [
    ("An 8-year-old child died Sunday morning and her mother remains in the hospital following an "
     "accidental shooting.", Count(1, 1)),
    ("An 8-year-old girl has died and her father is listed in critical condition after they were shot "
     "outside of a home in Miami.", Count(1, 1)),
    # the dead one's condition before death, or a kin who was not in hospital, is no second victim
    ("The girl was listed in critical condition before she died on Monday.", None),
    ("The boy died on Sunday and his mother remains in custody.", None),
])
def test_a_second_person_in_hospital_beside_a_death_is_wounded(text, injured):
    got = totals(text)
    assert (got["killed"], got["injured"]) == (Count(1, 1), injured)


def test_a_death_told_only_as_passed_away_is_an_events_death():
    text = ("A man accidentally shot himself in the abdomen on a farm on Wednesday, the sheriff said.\n\n"
            "The man later passed away at UK Medical Center.")
    (event,) = extract_text(text, dt.date(2016, 9, 29)).events
    assert event.killed == Count(1, 1)


def test_a_blank_line_ends_the_headline_above_a_paragraph():
    # a headline without its full stop, whose last word is an age, over the lead: the age is
    # no count of the lead's dead
    text = ("Sheriff's office does not name a suspect in the fatal shooting of Justin Burns, 14\n\n"
            "A teen bow hunter on the Western Slope died Sunday after being fatally shot in the chest.")
    assert [s.text.strip() for s in parse(text).sents][-1].startswith("A teen bow hunter")
    assert totals(text)["killed"] == Count(1, 1)
