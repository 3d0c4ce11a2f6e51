"""Counts: what a number counts, its bounds, truce lengths, numbers that are no counts, and tolls told on their own."""

import datetime as dt

import pytest

from truceline.events.quantities import quantities_in

DAY = dt.date(2025, 5, 6)


def events(pipe, text, published=DAY):
    rec = pipe.extract(text, published=published)
    return rec.events + rec.partial_events


def one(evs, type_, trigger=None):
    found = [e for e in evs if e.type == type_ and (trigger is None or e.trigger == trigger)]
    assert found, f"no {type_} {trigger or ''} in {[(e.type, e.trigger, e.source, e.target) for e in evs]}"
    return found[0]


def counts(pipe, text):
    """Every quantity of every sentence of a text, read straight from the parse."""
    return [q for sent in pipe.nlp(text).sents for _, q in quantities_in(sent)]


# ---------------------------------------------------------------- what is counted, and its bounds


def test_at_least_makes_a_lower_bound_of_a_toll(pipe):
    text = "A car bomb exploded at a checkpoint in Mogadishu on Tuesday, killing at least 14 people, police said."
    e = one(events(pipe, text), "ASSAULT")
    assert [(q.value, q.unit, q.lower_bound, q.approx) for q in e.quantities] == [(14, "killed", True, False)]
    assert e.quantities[0].text == "at least 14 people" and e.quantities[0].noun == "people"
    assert (e.fatalities.best, e.fatalities.low, e.fatalities.high) == (14, 14, 14)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Militia fighters killed many civilians in the raid.", 10, "killed"),
        ("Rebel fighters attacked a village on Sunday, killing several civilians.", 10, "killed"),
        ("The shelling killed dozens of people overnight.", 12, "killed"),
        ("Gunmen killed scores of people in the attack.", 20, "killed"),
        ("The strikes killed hundreds of people, officials said.", 100, "killed"),
        ("The bombing wounded thousands of people in the capital.", 1000, "wounded"),
        ("The offensive has displaced hundreds of thousands of people.", 100_000, "displaced"),
    ],
)
def test_vague_words_take_acleds_values_as_lower_bounds(pipe, text, value, unit):
    assert [(q.value, q.unit, q.lower_bound, q.approx) for q in counts(pipe, text)] == [(value, unit, True, False)]


def test_the_words_of_hundreds_of_thousands_are_kept_whole(pipe):
    (q,) = counts(pipe, "The offensive has displaced hundreds of thousands of people.")
    assert q.text == "hundreds of thousands of people"


def test_a_vague_toll_of_villagers_is_counted(pipe):
    qs = counts(pipe, "Gunmen raided a market in Zamfara state, killing scores of villagers, police said.")
    assert [(q.value, q.unit, q.lower_bound) for q in qs] == [(20, "killed", True)]


@pytest.mark.parametrize(
    "text, value, lower, approx",
    [
        ("The blast killed nearly 40 people.", 40, False, True),
        ("The blast killed about 40 people.", 40, False, True),
        ("The raid killed an estimated 300 civilians.", 300, False, True),
        ("The blast killed more than 50 people.", 50, True, False),
        ("The blast killed 37 people.", 37, False, False),
    ],
)
def test_approximate_and_lower_bound_words(pipe, text, value, lower, approx):
    assert [(q.value, q.unit, q.lower_bound, q.approx) for q in counts(pipe, text)] == [
        (value, "killed", lower, approx)
    ]


def test_nearly_on_an_attacks_toll(pipe):
    text = "Israeli strikes killed nearly 40 Palestinians in Deir al-Balah on Thursday, Gaza's civil defence said."
    e = one(events(pipe, text), "ASSAULT")
    q = e.quantities[0]
    assert (q.value, q.unit, q.approx, q.lower_bound, q.noun) == (40, "killed", True, False, "Palestinians")


def test_captives_counted_for_each_side_or_not(pipe):
    text = "Russia and Ukraine exchanged 205 prisoners each on Saturday, the Ukrainian president said."
    e = one(events(pipe, text), "RETREAT")
    assert e.mode == "release"
    assert [(q.value, q.unit, q.per_side) for q in e.quantities] == [(205, "prisoners", True)]
    (q,) = counts(pipe, "Kyiv and Moscow released 95 prisoners of war on each side.")
    assert (q.value, q.unit, q.per_side) == (95, "prisoners", True)
    (q,) = counts(pipe, "The rebels freed 62 hostages on Tuesday.")  # one side frees: no per-side count
    assert (q.value, q.unit, q.per_side, q.lower_bound) == (62, "hostages", False, False)


# ---------------------------------------------------------------- truce lengths


@pytest.mark.parametrize(
    "text, days",
    [
        ("Israel and Hamas agreed to a seven-day truce on Wednesday, Qatari mediators said.", 7),
        ("Sudan's army and the RSF agreed on Monday to hold a two-month ceasefire, Saudi mediators said.", 60),
        ("Sudan's army and the RSF agreed to a three-week humanitarian truce on Sunday.", 21),
        ("Russia and Ukraine agreed to a 72-hour ceasefire on Thursday to mark the holiday.", 3),
    ],
)
def test_a_truce_length_is_counted_in_days_on_the_agreement(pipe, text, days):
    rec = pipe.extract(text, published=DAY)
    assert len(rec.agreements) == 1
    a = rec.agreements[0]
    assert a.duration_days == days
    assert [(q.value, q.unit) for q in a.quantities] == [(days, "days")]


def test_an_extension_counts_the_days_it_adds(pipe):
    rec = pipe.extract(
        "Israel and Hamas agreed on Monday to extend their truce by two days, Egyptian mediators said.", published=DAY
    )
    (a,) = rec.agreements
    assert (a.kind, a.duration_days) == ("extension", 2)


def test_the_length_of_a_war_is_no_truce_length(pipe):
    text = "After a war that has lasted three years, Russia and Ukraine agreed to a 30-day ceasefire on Tuesday."
    (a,) = pipe.extract(text, published=DAY).agreements
    assert [(q.value, q.unit, q.text) for q in a.quantities] == [(30, "days", "30-day")]
    assert a.duration_days == 30


@pytest.mark.parametrize(
    "text, days",
    [
        ("The parties agreed a five-day pause in the fighting.", 5),
        ("The truce was extended by two weeks.", 14),
        ("The ceasefire between the militias shall hold for 30 days.", 30),
        ("Negotiators agreed on a 48-hour humanitarian pause.", 2),
    ],
)
def test_lengths_that_measure_a_truce_or_pause(pipe, text, days):
    assert [(q.value, q.unit) for q in counts(pipe, text)] == [(days, "days")]


# ---------------------------------------------------------------- numbers that are no counts


@pytest.mark.parametrize(
    "text",
    [
        "One in three children in the camp is malnourished, the agency said.",  # a ratio
        "Two in five families have lost their homes.",  # a ratio
        "Prices rose 40 percent in the besieged city.",  # a percentage
        "A 14-year-old girl was killed in the shelling.",  # an age
        "Soldiers shot dead a man aged 63 at the checkpoint.",  # an age
        "Rebels seized the town in 2023 and have held it since.",  # a year
        "The war, now in its fourth year, has lasted more than three years.",  # a war's length
        "The siege of the city lasted 18 months.",  # a siege's length
    ],
)
def test_ratios_percentages_ages_years_and_war_lengths_are_no_counts(pipe, text):
    assert counts(pipe, text) == []


def test_an_age_is_no_toll_of_the_attack(pipe):
    e = one(events(pipe, "Israeli strikes killed a 12-year-old boy in Jabalia on Monday, medics said."), "ASSAULT")
    assert e.quantities == [] and e.fatalities is None


# ---------------------------------------------------------------- tolls told on their own


def test_a_toll_told_after_an_attack_joins_it_with_its_claimant(pipe):
    text = (
        "Israeli jets bombed a school in Khan Younis on Sunday. Hundreds have been killed, Gaza's health ministry said."
    )
    evs = events(pipe, text)
    e = one(evs, "ASSAULT", "bombed")
    assert [(q.value, q.unit, q.lower_bound, q.claimant) for q in e.quantities] == [(100, "killed", True, "PSE-GOV")]
    assert (e.fatalities.best, e.fatalities.low, e.fatalities.high) == (100, 100, 100)
    assert e.fatalities.claims == e.quantities
    toll = next(ev for ev in e.evidence if ev.rule == "toll_of_attack_before")
    assert toll.sentence == "Hundreds have been killed, Gaza's health ministry said."
    assert [x for x in evs if x is not e and x.quantities] == []  # the toll is this attack's alone


def test_a_later_exact_toll_is_the_best_figure(pipe):
    text = (
        "RSF fighters shelled a displacement camp near El Fasher on Friday, killing at least 20 people. "
        "Sudan's health ministry later said 31 people had died."
    )
    e = one(events(pipe, text), "ASSAULT", "shelled")
    claims = sorted((q.value, q.lower_bound, q.claimant) for q in e.quantities)
    assert claims == [(20, True, None), (31, False, "SDN-GOV")]
    assert (e.fatalities.best, e.fatalities.low, e.fatalities.high) == (31, 20, 31)


def test_a_wounded_toll_joins_the_attack_but_is_no_fatality(pipe):
    text = (
        "Russian drones hit a power station in Kharkiv overnight. Two people were wounded, the regional governor said."
    )
    e = one(events(pipe, text), "ASSAULT")
    assert [(q.value, q.unit) for q in e.quantities] == [(2, "wounded")]
    assert e.fatalities is None


def test_a_wars_toll_does_not_join_the_attack_before_it(pipe):
    text = (
        "Sudanese army drones struck a fuel depot in Nyala on Monday. "
        "The conflict has killed thousands, aid groups said."
    )
    e = one(events(pipe, text), "ASSAULT", "struck")
    assert e.quantities == [] and e.fatalities is None


def test_a_wars_toll_beside_an_event_goes_with_it_marked_and_is_no_fatality(pipe):
    # the parse says the war kills: a relative clause on "years of war" ("... of war that caused the deaths of")
    text = "Chad and the rebels signed a peace deal to end six years of war that caused the deaths of thousands."
    e = one(events(pipe, text), "AGREE")
    assert [(q.value, q.unit, q.of_war) for q in e.quantities] == [(1000, "killed", True)]
    assert e.fatalities is None


def test_a_strike_in_a_war_sentence_keeps_its_own_toll(pipe):
    text = "Army drones struck a market in Nyala on Monday, killing 12 people, the local council said."
    e = one(events(pipe, text), "ASSAULT")
    assert [(q.value, q.of_war) for q in e.quantities] == [(12, False)] and e.fatalities.best == 12


def test_a_wars_toll_told_on_its_own_goes_with_the_truce(pipe):
    text = (
        "Sudan's army and the RSF agreed to a seven-day ceasefire on Saturday, the mediators said. "
        "The war has killed hundreds of farmers and displaced over 2 million, aid groups say."
    )
    rec = pipe.extract(text, published=DAY)
    (truce,) = [a for a in rec.agreements if a.kind == "ceasefire"]
    wars = [(q.value, q.unit) for q in truce.quantities if q.of_war]
    assert wars == [(100, "killed"), (2_000_000, "displaced")]
    assert any(ev.rule == "toll_of_war" and ev.sentence.startswith("The war") for ev in truce.evidence)
    assert not any(q.of_war for e in rec.events for q in e.quantities)


def test_another_wars_toll_does_not_join_the_truce(pipe):
    text = (
        "Sudan's army and the RSF agreed to a seven-day ceasefire on Saturday, the mediators said. "
        "Elsewhere, the war in Yemen has killed hundreds of thousands since 2015."
    )
    (truce,) = [a for a in pipe.extract(text, published=DAY).agreements if a.kind == "ceasefire"]
    assert not any(q.of_war for q in truce.quantities)


def test_the_store_derives_one_incidents_deaths_from_every_report(pipe, tmp_path):
    """Two outlets report one strike with different tolls: each report keeps its own claim, and both
    carry the incident's low, best and high over the two (as UCDP's GED gives them)."""
    from truceline.ingest import Ingestor
    from truceline.sources.collect import collect
    from truceline.store import Store

    first = tmp_path / "first.jsonl"
    first.write_text(
        '{"text": "Russian missiles struck a market in Kharkiv on Monday, killing at least 12 people, regional '
        'officials said.", "source": "Outlet A", "published": "2025-05-06", "url": "https://a.example/1"}\n'
        '{"text": "Russian forces fired missiles at a market in Kharkiv on Monday and killed 17 people, '
        'the mayor said on Tuesday.", "source": "Outlet B", "published": "2025-05-06", "url": "https://b.example/2"}\n',
        encoding="utf-8",
    )
    store = Store(f"sqlite:///{tmp_path / 'tolls.db'}")
    Ingestor(store, pipe).run(collect([first]))
    strikes = [e for e in store.events(type="ASSAULT") if e.fatalities is not None]
    assert {e.fatalities.best for e in strikes} == {12, 17}
    for e in strikes:
        inc = e.incident_fatalities
        assert inc is not None and (inc.low, inc.best, inc.high) == (12, 17, 17)
        assert sorted(q.value for q in inc.claims) == [12, 17]


def test_an_attack_blamed_on_a_group_is_the_groups_with_its_toll(pipe):
    """'An attack blamed on X killed 12 soldiers': X is the doer, and the toll is the attack's."""
    record = pipe.extract(
        "An attack blamed on Boko Haram killed 12 soldiers in Borno state on Monday, officials said.",
        published=dt.date(2025, 6, 3),
    )
    e = next(e for e in record.events if e.type == "ASSAULT")
    assert e.source == "boko-haram" and "+blamed_on" in e.rule
    assert e.location is not None and e.location.admin1 == "Borno State"
    assert [(q.value, q.unit) for q in e.quantities] == [(12, "killed")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Between 20 and 30 people were killed when shells hit the market, witnesses said.",
        "The shelling of the market killed 20 to 30 civilians, witnesses said.",
        "The shelling of the market killed 20-30 people, witnesses said.",
    ],
)
def test_a_range_gives_its_low_and_high(pipe, sentence):
    found = counts(pipe, sentence)
    assert [(q.value, q.unit, q.low, q.high) for q in found] == [(20, "killed", 20, 30)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The death toll from the strike on the market rose to 33 on Monday, officials said.", (33, "killed")),
        ("The number of refugees who fled the fighting climbed to 2 million, the UN said.", (2_000_000, "displaced")),
        ("Troop numbers will drop to 8,600 under the deal, officials said.", (8600, "troops")),
    ],
)
def test_a_level_said_to_reach_a_number_counts_what_it_measures(pipe, sentence, expected):
    """'the death toll rose to 33': the number a toll or a level reaches counts what that level measures."""
    assert expected in {(q.value, q.unit) for q in counts(pipe, sentence)}


@pytest.mark.parametrize(
    "text, want",
    [
        ("Medics said about 40 people had been killed and dozens more injured.", [(40, "killed"), (12, "wounded")]),
        ("Officials said 60 soldiers were killed and scores more wounded.", [(60, "killed"), (20, "wounded")]),
        ("Gunmen killed and wounded 30 people at the market.", [(30, "casualties")]),
        ("The shelling killed and injured dozens of villagers.", [(12, "casualties")]),
    ],
)
def test_a_later_verb_with_its_own_subject_does_not_share_the_count(pipe, text, want):
    # "... were killed and dozens more injured": the second verb counts its own people; a verb pair with one
    # object ("killed and wounded 30") counts casualties
    assert [(q.value, q.unit) for q in counts(pipe, text)] == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("The truce was extended for a month.", [30]),
        ("The pause was later extended to half a year.", [180]),  # six months of 30 days
        ("They signed a year-long truce.", [365]),
        ("Fighting resumed three days after the truce began.", []),  # a time from a moment, no length
        ("Two weeks into the truce, fighting resumed.", []),
        ("A month after the truce began, talks resumed.", []),
        ("The truce, agreed a week ago, held.", []),
        ("The talks lasted a week.", []),  # the length of talks is no count
        ("They marked a year-long war.", []),
    ],
)
def test_truce_lengths_told_with_an_article_and_times_from_a_moment(pipe, text, want):
    assert [q.value for q in counts(pipe, text) if q.unit == "days"] == want


def test_a_length_in_a_relative_clause_belongs_to_the_truce_before_it(pipe):
    # the parser hangs "which ..." on "plan"; the noun just before the relative pronoun is the truce
    text = "The envoy's plan to extend the pause -- which was first set to last three months -- was turned down."
    assert [(q.value, q.unit) for q in counts(pipe, text)] == [(90, "days")]


def test_the_troop_levels_a_deal_sets_go_on_the_agreement(pipe):
    text = (
        "Ethiopia and the TPLF signed a peace agreement in Pretoria on Wednesday. "
        "The agreement will let federal troop numbers in Tigray fall to 2,500 from about 5,100 within a year."
    )
    rec = pipe.extract(text, published=DAY)
    levels = sorted(q.value for a in rec.agreements for q in a.quantities if q.unit == "troops")
    assert levels == [2500, 5100]


# ---------------------------------------------------------------- hostages or prisoners, and captives told apart


def test_the_captor_tells_hostages_from_prisoners(pipe):
    text = (
        "The Kivu Liberation Front took more than 90 villagers hostage in March. "
        "On Sunday, 14 Ugandans and 52 Congolese were freed by the Front and the army respectively. "
        "Another 8 Ugandans and 20 Congolese are due to go free on Monday. "
        "A second phase would free 30 Congolese and 10 Ugandans held by the army and the Front respectively."
    )
    got = [(q.value, q.unit) for q in counts(pipe, text)]
    assert got == [
        (90, "hostages"),
        (14, "hostages"),
        (52, "prisoners"),
        (8, "hostages"),
        (20, "prisoners"),
        (30, "prisoners"),
        (10, "hostages"),
    ]


def test_people_freed_by_a_state_stay_prisoners(pipe):
    # no one in the text took hostages: freed nationals are prisoners, whoever freed them
    got = [(q.value, q.unit) for q in counts(pipe, "Twelve Ugandans were released by Kenya on Friday.")]
    assert got == [(12, "prisoners")]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "The detainees flown to Oman comprised four Swedish nationals and three Danes.",
            [(4, "prisoners"), (3, "prisoners")],
        ),
        ("Nine teachers were also included in the freed group, officials said.", [(9, "prisoners")]),
        ("The minister welcomed home 40 sailors from captivity.", [(40, "prisoners")]),
        ("The delegation included five ministers.", []),
    ],
)
def test_a_group_a_count_belongs_to_gives_its_unit(pipe, text, want):
    assert [(q.value, q.unit) for q in counts(pipe, text)] == want


def test_captives_told_on_their_own_join_the_release_before(pipe):
    text = (
        "Armenia released 15 Azerbaijani soldiers on Thursday in a swap brokered by Georgia. "
        "The freed men comprised nine conscripts and six officers, officials said."
    )
    rec = pipe.extract(text, published=DAY)
    freeing = [e for e in rec.events if e.mode == "release"]
    assert freeing, [(e.type, e.mode, e.trigger) for e in rec.events]
    e = freeing[0]
    assert {(q.value, q.unit) for q in e.quantities} >= {(15, "prisoners"), (9, "prisoners"), (6, "prisoners")}
    assert any(ev.rule == "captives_of_release_before" for ev in e.evidence)


# more than tolls.TOLL_REACH characters of other news between the attacks and the toll
_FAR = (
    "Aid groups said the roads to the north stayed closed and convoys had been turned back for a week. "
    "Talks on a new corridor are set to resume in Nairobi, where envoys have met since May. "
    "The envoys are expected to discuss the return of farmers to their fields before the rains. "
    "A donor conference planned for the autumn has been postponed twice for lack of pledges. "
    "The region's schools have been shut since the start of the year, teachers' unions said. "
    "Fuel prices in the capital have doubled, and queues at petrol stations stretch for hours. "
    "Farmers in the lowlands said the harvest would be the smallest in a decade. "
)


def test_a_late_toll_goes_to_the_one_side_all_attacks_hit(pipe):
    text = (
        "Ethiopian forces shelled Eritrean positions near Badme on Monday. "
        "Ethiopia also struck a depot outside Zalambessa in Eritrea. "
        + _FAR
        + "A regional official said on Wednesday that close to 60 people had been killed."
    )
    rec = pipe.extract(text, published=DAY)
    hit = [e for e in rec.events if e.type == "ASSAULT" and any(q.unit == "killed" for q in e.quantities)]
    assert hit and hit[0].trigger == "struck", [(e.type, e.trigger, e.quantities) for e in rec.events]
    assert any(ev.rule == "toll_of_attack_before" for ev in hit[0].evidence)


def test_a_late_toll_stays_unclaimed_when_attacks_hit_both_sides(pipe):
    text = (
        "Ethiopian forces shelled Eritrean positions near Badme on Monday. "
        "Eritrea struck a depot outside Zalambessa in Ethiopia. "
        + _FAR
        + "A regional official said on Wednesday that close to 60 people had been killed."
    )
    rec = pipe.extract(text, published=DAY)
    assert not [e for e in rec.events if any(q.unit == "killed" for q in e.quantities)]


def test_sanctions_designations_are_sanctions_and_carry_their_count(pipe):
    text = (
        "The United States imposed sanctions on Sudan's RSF on Thursday. "
        "The new US designations cover three companies that supply the RSF."
    )
    rec = pipe.extract(text, published=DAY)
    listed = [e for e in rec.events if e.type == "SANCTION" and e.trigger == "designations"]
    assert listed, [(e.type, e.trigger) for e in rec.events]
    assert [(q.value, q.unit) for q in listed[0].quantities] == [(3, "other")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Israeli strikes killed what medics said were at least 30 people in Gaza.", 30),
        (
            "Turkish drones struck a base in Syria and killed what officials said were over 100 regime loyalists.",
            100,
        ),
    ],
)
def test_a_toll_told_as_what_someone_said_it_was_is_still_the_toll(pipe, text, value):
    rec = pipe.extract(text, published=dt.date(2025, 3, 1))
    assert [(q.value, q.unit) for e in rec.events for q in e.quantities] == [(value, "killed")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Zelensky said five military commanders were taken to Turkey as part of the exchange.", [(5, "prisoners")]),
        ("Ten wounded soldiers were taken to hospital after the strike.", [(10, "wounded")]),
        ("Burundi sent 400 soldiers to eastern Congo.", [(400, "troops")]),
    ],
)
def test_people_others_move_somewhere_are_captives_unless_their_noun_says_more(pipe, text, want):
    assert [(q.value, q.unit) for q in counts(pipe, text)] == want
