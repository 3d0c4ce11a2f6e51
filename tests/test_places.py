"""Places: the place table and name folding, toponym resolution in an article's context, and where events happened."""

import datetime as dt
from collections import Counter

import pytest

from truceline.places.fold import fold
from truceline.places.resolve import GeoContext, resolve
from truceline.places.table import place_table

DAY = dt.date(2025, 5, 6)


def events(pipe, text, published=DAY):
    rec = pipe.extract(text, published=published)
    return rec.events + rec.partial_events


def one(evs, type_, trigger=None):
    found = [e for e in evs if e.type == type_ and (trigger is None or e.trigger == trigger)]
    assert found, f"no {type_} {trigger or ''} in {[(e.type, e.trigger, e.source, e.target) for e in evs]}"
    return found[0]


def ctx(**weights):
    return GeoContext(countries=Counter(weights))


# ---------------------------------------------------------------- the table and folding


def test_a_town_under_fifteen_thousand_people_is_in_the_table():
    rows = [p for p in place_table().by_key("chasiv yar") if p.country == "UKR" and p.kind == "city"]
    assert rows, "Chasiv Yar (Donetsk oblast) is missing"
    town = rows[0]
    assert 500 <= town.population < 15_000 and town.admin1 == "Donetsk"
    assert town.geonames_id is not None and town.lat is not None and not town.curated


def test_saint_abbreviation_and_marks_fold_to_one_key():
    assert fold("St. Petersburg") == fold("Saint Petersburg") == "saint petersburg"
    assert fold("Sana’a") == fold("Sanaa") == "sanaa"  # a letter apostrophe is dropped
    assert fold("Laçın") == "lacin"  # diacritics and the dotless i
    rows = place_table().by_key(fold("St. Petersburg"))
    assert any(p.country == "RUS" and p.kind == "city" and p.geonames_id == 498817 for p in rows)


@pytest.mark.parametrize("spelling", ["Hudaydah", "Al Hudaydah", "Al-Hudaydah", "Hodeidah"])
def test_arabic_article_and_english_spelling_are_one_yemeni_port(spelling):
    towns = [p for p in place_table().by_key(fold(spelling)) if p.kind == "city"]
    assert [(p.country, p.geonames_id) for p in towns] == [("YEM", 79415)]
    assert resolve(spelling, GeoContext()).geonames_id == 79415


# ---------------------------------------------------------------- resolution in context


def test_a_small_town_is_taken_only_in_the_articles_countries_or_after_a_town_word():
    # the world has a village for most words: Siversk (about 11,000 people) needs a Ukrainian article or a cue
    assert resolve("Siversk", GeoContext()) is None
    found = resolve("Siversk", ctx(UKR=3))
    assert found is not None and (found.country, found.kind) == ("UKR", "city") and found.population < 15_000
    assert resolve("Siversk", GeoContext(), cue="town").country == "UKR"


@pytest.mark.parametrize(
    "name, countries, country",
    [
        ("Tripoli", {"LBY": 3}, "LBY"),
        ("Tripoli", {"LBN": 3}, "LBN"),
        ("Rafah", {"PSE": 3, "ISR": 3}, "PSE"),
        ("Rafah", {"EGY": 3}, "EGY"),
        ("St. Petersburg", {"RUS": 3, "UKR": 3}, "RUS"),
        ("St. Petersburg", {"USA": 3}, "USA"),
    ],
)
def test_a_shared_name_goes_to_the_articles_country(name, countries, country):
    found = resolve(name, ctx(**countries))
    assert found is not None and found.country == country and found.kind == "city"


def test_a_country_outranks_a_us_state_and_towns_of_its_name():
    georgia = resolve("Georgia", ctx(RUS=3))  # the table's only other Georgia is the US state
    assert (georgia.kind, georgia.country) == ("country", "GEO")
    jordan = resolve("Jordan", ctx(ISR=3, PSE=3))  # not Jordan (Hong Kong) nor a village; the table has no river
    assert (jordan.kind, jordan.country) == ("country", "JOR")


# ---------------------------------------------------------------- ambiguity in articles


@pytest.mark.parametrize(
    "text, trigger, country, geonames_id",
    [
        (
            "Armed groups clashed in Tripoli overnight, Libya's interior ministry said. "
            "The fighting in the Libyan capital forced schools to close.",
            "clashed",
            "LBY",
            2210247,
        ),
        # the country named right after the town contains it
        (
            "Gunmen attacked an army checkpoint in Tripoli, Lebanon, on Tuesday, the Lebanese army said.",
            "attacked",
            "LBN",
            266826,
        ),
    ],
    ids=["Libya", "Tripoli, Lebanon"],
)
def test_tripoli_is_in_the_country_the_story_gives(pipe, text, trigger, country, geonames_id):
    loc = one(events(pipe, text), "ASSAULT", trigger).location
    assert (loc.name, loc.country, loc.geonames_id) == ("Tripoli", country, geonames_id)


def test_tripoli_in_a_lebanon_story_is_in_lebanon(pipe):
    text = (
        "Lebanon's army said gunmen attacked a checkpoint in Tripoli on Tuesday. Lebanese officials in Beirut "
        "blamed a local gang, and Lebanon's prime minister called for calm in the northern city."
    )
    e = one(events(pipe, text), "ASSAULT", "attacked")
    assert e.location is not None and e.location.country == "LBN"


def test_rafah_in_a_gaza_story_is_the_gaza_town(pipe):
    text = (
        "Israeli air strikes hit tents in Rafah on Monday, killing at least nine Palestinians, Gaza health "
        "officials said. The Israeli military said it targeted Hamas commanders in the Gaza Strip."
    )
    e = one(events(pipe, text), "ASSAULT", "hit")
    assert (e.location.country, e.location.admin1, e.location.geonames_id) == ("PSE", "Gaza Strip", 281102)


def test_st_petersburg_is_the_russian_city_unless_florida_follows(pipe):
    text = (
        "Ukrainian drones attacked an oil refinery near St. Petersburg on Sunday, the Russian defence ministry "
        "said. The Kremlin vowed to retaliate against Kyiv."
    )
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.name, loc.country, loc.geonames_id) == ("Saint Petersburg", "RUS", 498817)
    assert loc.text == "St. Petersburg"  # the words as written
    text = "Police arrested two men in St. Petersburg, Florida, on Friday after a shooting at a bar."
    loc = one(events(pipe, text), "COERCE").location
    assert (loc.country, loc.admin1) == ("USA", "Florida")


def test_georgia_in_a_caucasus_story_is_the_country(pipe):
    text = (
        "Russian warplanes bombed a village in Georgia near the South Ossetia line on Thursday, the Georgian "
        "interior ministry in Tbilisi said. Tbilisi summoned the Russian ambassador."
    )
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.country, loc.kind, loc.precision) == ("GEO", "country", "country")


def test_jordan_in_a_talks_story_is_the_country(pipe):
    text = (
        "Israeli and Palestinian officials held talks in Jordan on Sunday, Jordan's foreign ministry said. "
        "King Abdullah urged both sides to keep talking."
    )
    loc = one(events(pipe, text), "CONSULT").location
    assert (loc.country, loc.kind, loc.role) == ("JOR", "country", "venue")


def test_two_spellings_of_one_port_give_one_place(pipe):
    text = (
        "Houthi fighters shelled Hodeidah on Friday, the Yemeni government said. "
        "On Saturday, coalition jets bombed the port of Hudaydah, residents said."
    )
    evs = events(pipe, text)
    shelled, bombed = one(evs, "ASSAULT", "shelled"), one(evs, "ASSAULT", "bombed")
    assert shelled.location.geonames_id == bombed.location.geonames_id == 79415
    assert shelled.location.country == "YEM" and shelled.location.text == "Hodeidah"


def test_a_towns_own_name_beats_an_alternate_name_of_another_town(pipe):
    text = "Russian missiles hit a school in Sloviansk on Tuesday, Ukrainian officials said."
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.name, loc.admin1, loc.geonames_id) == ("Slovyansk", "Donetsk", 693468)  # not Nikopol (700051)


@pytest.mark.parametrize(
    "text, type_, geonames_id",
    [
        ("Russian drones struck an apartment block in Sumy on Sunday, Ukrainian officials said.", "ASSAULT", 692194),
        ("Armenian and Azerbaijani negotiators held talks in Geneva on Monday, diplomats said.", "CONSULT", 2660646),
    ],
    ids=["Sumy", "Geneva"],
)
def test_a_province_named_like_its_capital_yields_to_the_capital(pipe, text, type_, geonames_id):
    loc = one(events(pipe, text), type_).location
    assert (loc.kind, loc.precision, loc.geonames_id) == ("city", "city", geonames_id)


# ---------------------------------------------------------------- where an event happened


def test_the_place_of_the_attacks_own_clause(pipe):
    text = "Russian missiles struck a market in Kostiantynivka on Wednesday, Ukrainian officials said."
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.name, loc.country, loc.basis, loc.role) == ("Kostyantynivka", "UKR", "clause", "action")
    assert (loc.text, text[loc.start : loc.end]) == ("Kostiantynivka", "Kostiantynivka")


def test_the_sentences_place_when_the_clause_names_none(pipe):
    text = "After a night of heavy fighting in Kramatorsk, Russian forces shelled a hospital, Ukraine's army said."
    e = one(events(pipe, text), "ASSAULT", "shelled")
    assert (e.location.name, e.location.basis) == ("Kramatorsk", "sentence")


def test_militants_in_a_place_are_who_not_where(pipe):
    text = "Militants in Gaza fired rockets at Ashkelon on Monday, the Israeli military said."
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.name, loc.country) == ("Ashkelon", "ISR")


def test_an_accused_country_is_no_place(pipe):
    evs = events(pipe, "Lithuania accused Russia of sabotage on Monday.")
    assert one(evs, "ACCUSE").target == "RUS"
    assert not [loc for e in evs for loc in e.locations]
    # the accused attack is placed where it was said to hit, never in the accused's country
    evs = events(pipe, "Ukraine accused Russia of shelling a maternity hospital in Zaporizhzhia on Monday.")
    shelling = one(evs, "ASSAULT", "shelling")
    assert (shelling.location.country, shelling.location.precision) == ("UKR", "city")
    assert all(loc.country != "RUS" for e in evs for loc in e.locations)


def test_a_dateline_places_no_event_unless_the_sentence_says_it_happened_there(pipe):
    text = (
        "KHARTOUM, May 3 (Nile Wire) - Sudan's army said it shelled positions of the Rapid Support Forces "
        "on Friday. RSF fighters attacked a market in Omdurman later that day, activists said."
    )
    evs = events(pipe, text)
    assert one(evs, "ASSAULT", "shelled").locations == []
    assert one(evs, "ASSAULT", "attacked").location.name == "Omdurman"
    text = "KHARTOUM, May 3 (Nile Wire) - Sudan's army shelled RSF positions in Khartoum on Friday, residents said."
    loc = one(events(pipe, text), "ASSAULT").location
    assert (loc.name, loc.country, loc.basis) == ("Khartoum", "SDN", "clause")
    assert loc.start > text.index(" - ")  # the sentence's own word, not the dateline


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Israeli jets struck Tyre, Sidon and Nabatieh on Tuesday, Lebanese officials said.",
            ["Tyre", "Sidon", "Nabatieh"],
        ),
        (
            "Russian artillery shelled Kramatorsk, Kostiantynivka and Pokrovsk on Sunday, Ukraine's army said.",
            ["Kramatorsk", "Kostyantynivka", "Pokrovsk"],
        ),
    ],
)
def test_conjoined_places_are_one_strike_at_each(pipe, text, names):
    # ACLED's rule: one event per place; the first keeps the trigger's own id, the others are copies
    got = [e for e in events(pipe, text) if e.type == "ASSAULT"]
    assert [e.location.name for e in got] == names
    assert all(e.locations == [e.location] for e in got)
    assert len({e.location.country for e in got}) == 1 and len({(e.source, e.target) for e in got}) == 1


def test_talks_are_placed_at_their_venue_and_attacks_where_they_hit(pipe):
    text = (
        "Russian drones attacked Odesa on Monday, Ukrainian officials said. "
        "Ukrainian and Russian negotiators held talks in Istanbul the same day."
    )
    evs = events(pipe, text)
    attack, talks = one(evs, "ASSAULT"), one(evs, "CONSULT")
    assert (attack.location.name, attack.location.role) == ("Odesa", "action")
    assert (talks.location.name, talks.location.country, talks.location.role) == ("Istanbul", "TUR", "venue")


def test_a_town_carries_its_province_and_city_precision(pipe):
    loc = one(events(pipe, "Russian troops shelled Kupiansk on Sunday, Ukraine's army said."), "ASSAULT").location
    assert loc.country == "UKR" and "Kharkiv" in loc.admin1
    assert (loc.kind, loc.precision, loc.geo_precision) == ("city", "city", 1)
    assert loc.lat == pytest.approx(49.7, abs=0.1) and loc.lon == pytest.approx(37.6, abs=0.1)


def test_a_country_has_country_precision_and_no_province(pipe):
    loc = one(events(pipe, "Israeli jets bombed targets in Lebanon on Saturday, the Lebanese army said."), "ASSAULT")
    loc = loc.location
    assert (loc.country, loc.kind, loc.precision, loc.geo_precision) == ("LBN", "country", "country", 3)
    assert loc.admin1 is None and loc.geonames_id is None


def test_an_arrangement_records_where_it_applies(pipe):
    """'a maritime ceasefire in the Black Sea', 'the Gaza truce': the arrangement's own words give its area."""
    record = pipe.extract(
        "Russia and Ukraine agreed on Tuesday to a maritime ceasefire in the Black Sea, the White House said. "
        "Separately, Israel and Hamas said the Gaza truce would hold.",
        published=dt.date(2025, 3, 26),
    )
    areas = {a.kind: a.areas for a in record.agreements}
    assert any("Black Sea" in a.areas for a in record.agreements), areas
    assert any("Gaza Strip" in a.areas for a in record.agreements), areas


def test_an_attack_told_without_a_place_takes_the_article_s_place(pipe):
    """A report about one town: the attack of a sentence that names no place is placed there, marked 'article';
    a sentence that names another place is not."""
    text = (
        "Sudan's army shelled Rapid Support Forces positions in Omdurman on Monday, residents said. "
        "Fighting has raged in Omdurman for weeks, and aid groups say Omdurman's hospitals are overwhelmed. "
        "On Tuesday RSF fighters attacked an army base and killed four soldiers, a military source said."
    )
    evs = events(pipe, text)
    later = one(evs, "ASSAULT", "attacked")
    assert later.location is not None and later.location.basis == "article"
    assert (later.location.name, later.location.country) == ("Omdurman", "SDN")
    first = one(evs, "ASSAULT", "shelled")
    assert first.location is not None and first.location.basis == "clause"


def test_the_border_between_the_articles_two_countries(pipe):
    """'clashed along the disputed border' in a Thailand-Cambodia story is that frontier, precision border."""
    text = (
        "Thai and Cambodian troops clashed along the disputed border on Thursday, the Thai army said. "
        "Thailand accused Cambodia of firing first, and Cambodia accused Thailand of shelling its villages."
    )
    e = one(events(pipe, text), "ASSAULT", "clashed")
    assert e.location is not None
    assert (e.location.name, e.location.precision) == ("Cambodia-Thailand border", "border")
    assert e.location.country in ("KHM", "THA")


@pytest.mark.parametrize(
    "text, trigger, place, country",
    [
        ("Syrian troops launched an offensive against Idlib province on Monday.", "offensive", "Idlib", "SYR"),
        ("Ethiopian troops launched an operation against the northern region of Tigray.", "operation", "Tigray", "ETH"),
    ],
)
def test_an_attack_aimed_against_a_place_happens_there(pipe, text, trigger, place, country):
    # a place aimed at is where the attack lands; at home it is an attack on the country's own ground
    e = one(events(pipe, text), "ASSAULT", trigger)
    assert (e.location.name, e.location.country, e.location.basis) == (place, country, "clause")
    assert e.target == country


def test_a_rescue_operation_is_no_attack(pipe):
    assert not [e for e in events(pipe, "The UN praised the rescue operation in the mountains.") if e.type == "ASSAULT"]


def test_two_attacks_of_one_sentence_at_two_towns_stay_two_events(pipe):
    text = (
        "Russia's assault on the hilltop town of Chasiv Yar in the Donetsk region went on, Kyiv said, while a "
        "Russian drone strike on the city of Kharkiv overnight wounded at least nine people, officials said."
    )
    evs = [e for e in events(pipe, text) if e.type == "ASSAULT"]
    assert sorted(e.location.name for e in evs if e.location) == ["Chasiv Yar", "Kharkiv"]
    (strike,) = [e for e in evs if e.location and e.location.name == "Kharkiv"]
    assert [(q.value, q.unit) for q in strike.quantities] == [(9, "wounded")]


def test_a_region_across_countries_beats_a_village_of_its_name_in_an_article_country():
    # GeoNames has a "Middle East" village in Maryland; a US story about the Middle East means the region
    p = resolve("Middle East", ctx(USA=5, ISR=2))
    assert p is not None and p.kind == "region" and p.country is None


# ---------------------------------------------------------------- one event per place of a list


@pytest.mark.parametrize(
    "text, type_, names",
    [
        (
            "Kenya will deploy its troops to Bukavu, then Uvira, Butembo and Kalemie next month.",
            "MOBILIZE",
            ["Bukavu", "Uvira", "Butembo", "Kalemie"],
        ),
        (
            "Envoys of Colombia and the ELN have met in Ecuador, Brazil and Chile since March.",
            "CONSULT",
            ["Ecuador", "Brazil", "Chile"],
        ),
    ],
)
def test_an_act_at_a_list_of_places_is_one_event_at_each(pipe, text, type_, names):
    got = [e for e in events(pipe, text) if e.type == type_ and not e.rule.endswith("+each_side")]
    assert sorted(e.location.name for e in got if e.location) == sorted(names), [
        (e.type, e.location and e.location.name, e.rule) for e in got
    ]
    assert len({e.id for e in got}) == len(got)
    assert sum(e.rule.endswith("+each_place") for e in got) == len(names) - 1


def test_a_town_and_its_region_are_one_place(pipe):
    text = "Ethiopian forces shelled Eritrean positions in Badme, Gash-Barka, on Monday."
    got = [e for e in events(pipe, text) if e.type == "ASSAULT"]
    assert len(got) == 1, [(e.location and e.location.name, e.rule) for e in got]


def test_a_meeting_told_again_without_its_sides_gives_the_meeting_its_venue(pipe):
    text = (
        "Ethiopian and Eritrean ministers held talks on Sunday on the future of their border. "
        "The talks took place in Nairobi, the Kenyan capital."
    )
    deals = [e for e in events(pipe, text) if e.type == "CONSULT"]
    assert deals, [(e.type, e.trigger) for e in events(pipe, text)]
    for e in deals:
        assert e.location is not None and e.location.name == "Nairobi"
        assert any(ev.rule.startswith("restates:") for ev in e.evidence)


def test_a_sideless_deal_with_no_deal_before_is_no_event(pipe):
    text = "Talks took place in Nairobi on Sunday, the radio said."
    assert not [e for e in events(pipe, text) if e.type == "CONSULT"]


@pytest.mark.parametrize(
    "text, country, name",
    [
        ("Hezbollah fired rockets at Israeli villages near the Lebanese border on Monday.", "ISR", "Israel"),
        ("Ukrainian forces shelled Russian positions near Bakhmut on Monday.", "UKR", "Bakhmut"),
        ("Russian drones struck the Ukrainian city of Sumy overnight.", "UKR", "Sumy"),
    ],
)
def test_a_nationality_s_places_near_a_landmark_are_in_its_country(pipe, text, country, name):
    e = one(events(pipe, text), "ASSAULT")
    assert e.location is not None and (e.location.country, e.location.name) == (country, name)


def test_a_predicate_places_its_subject_s_event(pipe):
    e = one(events(pipe, "Talks between Sudan and South Sudan are due in Addis Ababa next week."), "CONSULT")
    assert e.location is not None and e.location.name == "Addis Ababa" and e.location.basis == "clause"


def test_an_unnamed_capital_in_a_hosted_meeting_is_the_host_s(pipe):
    text = (
        "Sudan's army chief and the RSF commander met on Monday in talks hosted by the Kenyan president "
        "at his residence in the capital."
    )
    got = [e for e in events(pipe, text) if e.type == "CONSULT" and e.location is not None]
    assert got and all(e.location.name == "Nairobi" for e in got), [(e.trigger, e.location) for e in got]


def test_an_attack_placed_by_its_sentence_is_aimed_at_that_place(pipe):
    # the clause names no place; the sentence's town gives the attack both its place and its target
    text = (
        "Kurdish outlets said Turkish drone strikes went on overnight once the pause had lapsed, among them in "
        "Qamishli, close to the frontier with Iraq."
    )
    e = one(events(pipe, text), "ASSAULT", "strikes")
    assert (e.source, e.target, e.location.country, e.location.basis) == ("TUR", "SYR", "SYR", "sentence")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ethiopia and Eritrea signed the truce during a ceremony in Nairobi.", ["Nairobi"]),
        (
            "The Colombian government and the ELN stand by the pacts signed at the summits convened in Cuba and "
            "Norway.",
            ["Cuba", "Norway"],
        ),
    ],
)
def test_an_act_during_a_meeting_is_where_the_meeting_was(pipe, text, names):
    evs = [e for e in events(pipe, text) if e.type == "AGREE"]
    assert sorted({e.location.name for e in evs}) == names
    assert {e.location.basis for e in evs} == {"clause"}


def test_a_deal_named_by_its_signing_is_a_signing_and_a_hostage_held_is_no_new_act(pipe):
    evs = events(pipe, "The Colombian government and the ELN renewed the accords signed in Havana.")
    assert one(evs, "AGREE", "signed").rule.startswith("verb:sign accord")
    evs = events(pipe, "The families of the hostages held in Gaza marched in Tel Aviv.")
    assert not [e for e in evs if e.type == "COERCE"]


def test_a_name_headed_by_a_word_of_office_is_a_person_not_a_place(pipe):
    text = "Colombia and the ELN signed a truce on Friday, according to Mexican Foreign Minister Marta Rodriguez."
    evs = [e for e in events(pipe, text) if e.type == "AGREE"]
    assert evs and not [e.location for e in evs if e.location is not None]


def test_a_list_of_towns_goes_on_through_a_name_the_tagger_missed(pipe):
    text = '"Uganda will deploy its troops to Goma, then Rutshuru, Bunagana, Kiwandja," the statement says.'
    names = [e.location.name for e in events(pipe, text) if e.type == "MOBILIZE"]
    assert names == ["Goma", "Rutshuru", "Bunagana", "Kiwanja"]


def test_a_name_the_tagger_missed_after_a_town_word_is_looked_up(pipe):
    text = "The Houthi rebels overran the capital Sana’a in September 2014, the report recalled."
    e = one(events(pipe, text), "ASSAULT")
    assert (e.location.name, e.location.country, e.location.basis, e.target) == ("Sanaa", "YEM", "clause", "YEM")


def test_a_place_told_by_its_compass_point_counts_for_the_sentence(pipe):
    # "east of the city of Kherson" has no locative preposition; the compass word's "of" places it
    text = (
        "Since the spring the front has barely moved east of the port city of Kherson, and Russian forces ended "
        "an eight-week blockade of Ukrainian grain exports."
    )
    e = one(events(pipe, text), "RETREAT")
    assert (e.location.name, e.location.basis) == ("Kherson", "sentence")


def test_what_is_let_into_a_place_ends_up_there(pipe):
    text = "The Saudi-led coalition is now allowing diesel tankers into the port of Hodeidah, UN officials said."
    e = one(events(pipe, text), "CONCEDE")
    assert (e.location.name, e.location.basis, e.target) == ("Al Hudaydah", "clause", "YEM")


@pytest.mark.parametrize(
    "text",
    [
        # the capital named just before
        "Overnight, Kyiv came under heavy fire. Russia pounded the capital with missiles, officials said.",
        # no capital named: the weightiest of the article's countries, a tie to the one named first
        "Ukraine accused Russia of a new offensive on Monday. Missiles struck the capital overnight, officials said.",
    ],
)
def test_an_unnamed_capital_is_the_one_named_before_or_the_first_country_s(pipe, text):
    e = [e for e in events(pipe, text) if e.type == "ASSAULT" and e.location is not None][-1]
    assert (e.location.name, e.location.text) == ("Kyiv", "capital")


def test_a_deal_reached_in_the_passive_is_the_deal_told_before_with_its_venue(pipe):
    text = (
        "Armenia and Azerbaijan signed a peace deal on Monday. With help from Russian peacekeepers, an agreement "
        "was reached in Geneva on a full halt to hostilities."
    )
    e = one(events(pipe, text), "AGREE")
    assert e.location.name == "Geneva" and any(ev.rule.startswith("restates:verb:reach agreement") for ev in e.evidence)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Israeli jets struck targets across the Gaza Strip on Friday, including in Rafah.", "Rafah"),
        ("Fighting raged across Sudan on Sunday, notably in El Fasher.", "El Fasher"),
        ("Russian missiles hit the Kharkiv region, including the city of Izium.", "Izyum"),
    ],
)
def test_a_town_singled_out_inside_the_wider_place_is_where_it_surely_was(pipe, text, name):
    e = one(events(pipe, text), "ASSAULT")
    assert e.location.name == name and len(e.locations) == 2


def test_a_halt_is_never_placed_where_the_sentence_s_deal_was_made(pipe):
    text = (
        "Armenian units in Nagorno-Karabakh were ordered to stop fighting on Saturday after Armenia and Azerbaijan "
        "signed a truce in Moscow."
    )
    evs = events(pipe, text)
    assert one(evs, "RETREAT").location.name == "Nagorno-Karabakh"
    assert one(evs, "AGREE").location.name == "Moscow"


def test_a_deal_is_never_placed_where_the_sentence_s_fighting_is(pipe):
    text = (
        "The Sudanese army and the RSF fought for a fifth day. As battles raged in Omdurman, the two armies agreed "
        "to a week-long truce on Saturday."
    )
    evs = events(pipe, text)
    assert one(evs, "ASSAULT", "battles").location.name == "Omdurman"
    assert one(evs, "AGREE").location is None


def test_what_an_attack_hit_is_placed_by_its_own_phrase_and_two_provinces_are_two_places(pipe):
    # the drones are an actor, but as what was hit their place is where the act was; two provinces sharing
    # one "regions" are a list (each province is its own first-level division, not the other's)
    text = "Russia's air defences destroyed 15 Ukrainian drones over the Bryansk and Kursk regions on Thursday night."
    evs = [e for e in events(pipe, text) if e.type == "ASSAULT"]
    assert sorted((e.location.name, e.location.basis) for e in evs) == [
        ("Bryansk Oblast", "clause"),
        ("Kursk Oblast", "clause"),
    ]


@pytest.mark.parametrize(
    ("text", "type_", "name"),
    [
        # a name the tagger missed that a town word describes right after it
        (
            "Heavy fighting between M23 and the Congolese army raged on Sunday around Sake, a town west of Goma.",
            "ASSAULT",
            "Sake",
        ),
        # "out" parsed as a preposition, its "of" still names the place left
        ("Russia pulled its troops out of Bakhmut in November.", "RETREAT", "Bakhmut"),
        # a missile is where it was fired to, not where it was fired from
        ("Hezbollah fired a rocket from Lebanon towards the northern city of Haifa on Monday.", "ASSAULT", "Haifa"),
    ],
)
def test_a_town_described_after_its_name_a_place_left_and_where_a_missile_flew(pipe, text, type_, name):
    assert one(events(pipe, text), type_).location.name == name


def test_a_seat_of_government_the_tagger_calls_an_organisation_is_a_place_where_talks_are_held(pipe):
    # the actor registry names Putrajaya for Malaysia's government, so the tagger's label is ORG
    text = "Thai and Cambodian officials held talks in Putrajaya on Monday and agreed to a truce."
    assert one(events(pipe, text), "CONSULT").location.name == "Putrajaya"


def test_a_name_both_sides_have_read_as_the_attacker_s_own_is_the_target_s(pipe):
    from truceline.events.places import ArticlePlaces
    from truceline.models import Location

    doc = pipe.nlp("Pakistani drones struck army posts in Punjab.")
    geo = ArticlePlaces.of(doc)
    start = doc.text.index("Punjab")
    own = Location(
        text="Punjab",
        name="Punjab",
        country="PAK",
        kind="admin1",
        precision="admin1",
        basis="clause",
        role="action",
        start=start,
        end=start + 6,
    )
    moved = geo.on_target_side(own, "IND", "PAK")
    assert (moved.name, moved.country) == ("Punjab", "IND")
    assert geo.on_target_side(own, "PAK", "PAK") is own  # no target of another side: as read
    assert geo.on_target_side(own.model_copy(update={"basis": "sentence"}), "IND", "PAK").country == "PAK"


@pytest.mark.parametrize(
    "text",
    [
        "Pakistani troops shelled Indian villages in Jammu and Kashmir on Sunday.",
        "Pakistani drones struck military targets in Punjab and Jammu and Kashmir overnight.",
    ],
)
def test_two_names_joined_by_and_that_the_table_knows_as_one_are_one_place(pipe, text):
    names = {e.location.name for e in events(pipe, text) if e.type == "ASSAULT" and e.location}
    assert "Jammu and Kashmir" in names and "Jammu" not in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Egyptian and Israeli officials held talks on Gaza in Cairo on Monday.", "Cairo"),
        ("Saudi and Houthi officials held discussions on Yemen's war in Riyadh on Monday.", "Riyadh"),
        # a place noun after "on" is where the meeting was
        ("Egyptian and Israeli officials held talks on the Gaza border on Monday.", "Gaza Strip"),
    ],
)
def test_what_talks_are_on_is_their_topic_not_their_place(pipe, text, name):
    assert one(events(pipe, text), "CONSULT").location.name == name


def test_two_acts_told_at_places_of_two_countries_are_two_events(pipe):
    text = "Azerbaijani forces shelled villages in Syunik on Tuesday, a year after they shelled Nagorno-Karabakh."
    names = sorted(e.location.name for e in events(pipe, text) if e.type == "ASSAULT")
    assert names == ["Nagorno-Karabakh", "Syunik"]


def test_one_act_told_twice_in_a_sentence_takes_the_town_inside_the_wider_place(pipe):
    text = "Israeli strikes on Gaza killed 25 people on Friday as Israeli troops advanced into parts of Khan Younis."
    e = one(events(pipe, text), "ASSAULT")
    assert e.location.name == "Khan Yunis"


@pytest.mark.parametrize(
    "text",
    ["Hamas fired rockets at southern Israel on Monday.", "Hamas fired rockets at southern Israeli towns on Monday."],
)
def test_a_country_s_compass_region_is_in_the_division_named_for_it(pipe, text):
    e = one(events(pipe, text), "ASSAULT")
    assert (e.location.name, e.location.kind, e.location.admin1) == ("southern Israel", "region", "Southern District")


def test_a_compass_point_names_a_division_only_where_one_division_has_it():
    from truceline.events.places import compass_division

    assert compass_division("ISR", "northern") == "Northern District"
    assert compass_division("UKR", "southern") is None  # oblasts are named for their towns


def test_an_attack_heard_in_a_town_of_one_side_is_the_other_side_s_there_and_its_own_record(pipe):
    text = (
        "Israel and Hamas fought for a third day on Monday. Israeli jets pounded Hamas positions across the Gaza "
        "Strip, and Hamas fired rockets at Israel. In Khan Younis, residents reported heavy shelling through the night."
    )
    heard = [e for e in events(pipe, text) if e.trigger == "shelling"]
    assert [(e.source, e.target, e.location.name) for e in heard] == [("ISR", "hamas", "Khan Yunis")]


def test_the_border_with_a_named_country_is_the_frontier_not_that_country(pipe):
    text = (
        "Colombia's army clashed with ELN guerrillas near Cucuta. Petro ordered the armed forces to send "
        "reinforcements to the area on the border with Venezuela."
    )
    assert one(events(pipe, text), "MOBILIZE").location.name == "Colombia-Venezuela border"


def test_names_listed_before_a_division_word_are_divisions_and_not_actors(pipe):
    # the tagger calls such names people; the division word says they are places
    text = (
        "Russia attacked Ukraine with drones overnight. Ukraine said it shot down 20 drones over the Kherson and "
        "Mykolaiv regions."
    )
    r = pipe.extract(text, published=DAY)
    ukraine = next(a for a in r.actors if a.id == "UKR")
    assert not [m.text for m in ukraine.mentions if m.text in ("Kherson", "Mykolaiv")]
    downed = sorted((e.location.name, e.location.kind) for e in r.events if e.trigger == "shot")
    assert downed == [("Kherson", "admin1"), ("Mykolaiv", "admin1")]


def test_an_act_that_is_no_attack_is_not_split_over_the_towns_its_sentence_lists(pipe):
    text = (
        "Colombia and the ELN guerrillas resumed peace talks on Monday. Envoys of the two sides meet in turns in "
        "Havana, Caracas and Mexico City, but analysts say hopes of disarming the rebels' 6,000 fighters are slim."
    )
    disarm = [e for e in events(pipe, text) if e.trigger == "disarming"]
    assert len(disarm) <= 1


def test_the_town_a_town_word_is_of_and_a_list_over_two_prepositions(pipe):
    # "the West Bank city of Jenin" is Jenin; "in A and at B" is one list of two places, one strike at each
    text = (
        "Israel and Hamas fought for weeks. Israeli drones struck targets in the West Bank city of Jenin and at a "
        "camp near Tubas on Monday."
    )
    struck = sorted(e.location.name for e in events(pipe, text) if e.trigger == "struck")
    assert struck == ["Jenin", "Tubas"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The town of Vovchansk became the scene of heavy fighting in May.", "Vovchansk"),
        ("The Azovstal steel plant has long been a flashpoint in the Russian military campaign.", "Azovstal"),
    ],
)
def test_a_place_said_to_be_the_scene_of_an_event_is_where_it_happens(pipe, sentence, name):
    text = "Russia and Ukraine fought for months. " + sentence
    told = [e for e in events(pipe, text) if any(ev.sentence == sentence for ev in e.evidence)]
    assert [e.location.name for e in told] == [name]


def test_an_act_during_a_battle_named_for_its_town_is_in_that_town(pipe):
    text = (
        "Russia and Ukraine fought for months. Among the men freed were soldiers captured near Kharkiv and "
        "marines detained during the Bakhmut battle for the salt mines."
    )
    detained = [e for e in events(pipe, text) if e.trigger == "detained"]
    assert [e.location.name for e in detained] == ["Bakhmut"]


def test_enemy_ground_is_the_other_side_s_country(pipe):
    text = (
        "Israel and Hezbollah traded fire for months. Hezbollah, which refuses any talks held on enemy soil, "
        "said it would keep fighting."
    )
    refused = [e for e in events(pipe, text) if e.trigger == "refuses"]  # (the talks refused: one REJECT)
    assert [(e.type, e.location.country) for e in refused] == [("REJECT", "ISR")]


def test_the_area_is_the_place_its_own_sentence_just_named(pipe):
    text = (
        "Russia and Ukraine fought near the Zaporizhzhia nuclear power plant in March. The IAEA chief will meet "
        "Zelensky in Kyiv next week. He said conditions near the plant were worsening because of repeated "
        "shelling in the area."
    )
    shelling = [e for e in events(pipe, text) if e.trigger == "shelling"]
    assert [e.location.name for e in shelling] == ["Zaporizhzhia Nuclear Power Plant"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The RSF shelled villages in the country's west on Monday.", "western Sudan"),
        ("Drones struck targets in Sudan's north on Monday.", "northern Sudan"),
        ("The army shelled RSF bases in the northwest of Sudan on Monday.", "northwestern Sudan"),
    ],
)
def test_a_compass_quarter_of_a_country_is_its_region(pipe, sentence, name):
    text = "Sudan's army and the RSF fought for months. " + sentence
    told = [e for e in events(pipe, text) if e.sentence == sentence]
    assert [(e.location.name, e.location.kind) for e in told] == [(name, "region")]


def test_cross_border_exchanges_are_fire_along_the_frontier(pipe):
    text = "India and Pakistan have traded fire for weeks. The cross-border exchanges began on Monday."
    sentence = "The cross-border exchanges began on Monday."
    told = [e for e in events(pipe, text) if any(ev.sentence == sentence for ev in e.evidence)]
    assert [(e.type, e.location.name) for e in told] == [("ASSAULT", "India-Pakistan border")]


def test_a_country_s_areas_near_a_landmark_are_in_its_division_nearest_it(pipe):
    text = "Hamas and Israel fought for weeks. Alarms warning of rockets went off in Israeli areas near the Gaza Strip."
    e = next(e for e in events(pipe, text) if "+alarm" in e.rule)
    assert (e.location.country, e.location.kind, e.location.admin1) == ("ISR", "region", "Southern District")
