"""Agreements beyond the word 'ceasefire': corridors, zones, deals named by what they do, references back,
exchanges carried out, extensions offered, peace talks; and who the sides of a halt are (our own sentences)."""

import datetime as dt


def agreements(pipe, text, published):
    return pipe.extract(text, published=published).agreements


def one(ags, kind):
    found = [a for a in ags if a.kind == kind]
    assert found, f"no {kind} in {[(a.kind, a.name) for a in ags]}"
    return found[0]


def test_a_deal_that_lets_grain_ships_sail_is_a_maritime_corridor(pipe):
    ags = agreements(
        pipe,
        "Russia and Ukraine signed a deal on Friday that lets grain ships sail from the port of Odesa, Turkey said.",
        dt.date(2022, 7, 23),
    )
    deal = one(ags, "humanitarian_corridor")
    assert deal.status == "agreed" and set(deal.parties) == {"RUS", "UKR"}
    assert "maritime" in deal.scope and "TUR" not in deal.parties


def test_a_deal_not_renewed_ends_by_that_partys_choice_and_the_deal_is_its_referent(pipe):
    ags = agreements(
        pipe,
        "Russia and Ukraine fought on along the front. Moscow said on Monday it would not renew the deal that "
        "let grain exports leave Ukrainian ports. The agreement had reached its end, a Kremlin aide said.",
        dt.date(2023, 7, 18),
    )
    deal = one(ags, "humanitarian_corridor")
    assert deal.status == "ended" and deal.end_reason in ("terminated_by_party", "collapsed")
    assert len(deal.evidence) >= 2  # "the agreement" is the same deal, not a record of its own
    assert not [a for a in ags if a.kind == "humanitarian_corridor" and a is not deal]


def test_a_deal_to_end_the_war_is_a_ceasefire_and_a_treaty_to_end_it_a_peace_agreement(pipe):
    deal = one(
        agreements(
            pipe,
            "Eritrea and Ethiopia signed a deal on Sunday to end the war along their border, officials said.",
            dt.date(2018, 7, 9),
        ),
        "ceasefire",
    )
    assert deal.status == "agreed" and set(deal.parties) == {"ERI", "ETH"}
    treaty = one(
        agreements(
            pipe,
            "Armenia and Azerbaijan are negotiating a treaty to end decades of hostility, diplomats said.",
            dt.date(2024, 5, 2),
        ),
        "peace_agreement",
    )
    assert treaty.status == "negotiating"


def test_a_safety_zone_under_discussion_is_an_arrangement_of_its_own(pipe):
    ags = agreements(
        pipe,
        "Russian troops shelled Ukrainian towns near the plant. The UN nuclear chief held discussions in Kyiv "
        "on creating a protection zone around the Zaporizhzhia reactors.",
        dt.date(2022, 10, 12),
    )
    zone = one(ags, "other")
    assert zone.purpose == "protection_zone" and zone.status == "negotiating"
    assert "zone" in zone.name.lower()


def test_a_decision_to_cease_hostilities_is_an_agreed_ceasefire(pipe):
    ags = agreements(
        pipe,
        "Rebels and government troops fought in the hills of North Kivu. The regional summit ended with a "
        "decision to cease hostilities in eastern Congo from Friday.",
        dt.date(2022, 11, 24),
    )
    assert one(ags, "ceasefire").status == "agreed"


def test_an_envoys_plan_to_extend_a_truce_rejected_by_one_side(pipe):
    ags = agreements(
        pipe,
        "Houthi forces attacked Saudi border posts. The plan of UN envoy Hans Grundberg to extend the truce was "
        "rejected by the Houthis on Sunday.",
        dt.date(2022, 10, 3),
    )
    ext = one(ags, "extension")
    assert ext.status == "rejected"
    assert "un" in ext.mediators and "hans-grundberg" not in ext.parties and "un" not in ext.parties


def test_a_relative_clause_ends_the_truce_on_its_own_date(pipe):
    ags = agreements(
        pipe,
        "The mediator sought to restore the truce, which expired on Sunday after half a year.",
        dt.date(2022, 10, 4),
    )
    truce = one(ags, "truce")
    assert (truce.status, truce.end_reason, truce.end_date) == ("ended", "expired", dt.date(2022, 10, 2))


def test_an_exchange_carried_out_is_concluded(pipe):
    ags = agreements(
        pipe,
        "Armenia and Azerbaijan have carried out a prisoner exchange, freeing 32 soldiers, the two governments "
        "said on Wednesday.",
        dt.date(2023, 12, 13),
    )
    swap = one(ags, "prisoner_exchange")
    assert (swap.status, swap.end_reason) == ("ended", "concluded")
    assert set(swap.parties) == {"ARM", "AZE"}


def test_the_two_sides_are_the_warring_sides_not_the_announcers(pipe):
    ags = agreements(
        pipe,
        "The Sudanese army and the Rapid Support Forces fought in Khartoum on Saturday. The two sides struck a "
        "deal on a week-long ceasefire, Washington and Riyadh said in a joint statement.",
        dt.date(2023, 5, 21),
    )
    truce = one(ags, "ceasefire")
    assert truce.status == "agreed"
    assert "rsf" in truce.parties and "USA" not in truce.parties and "SAU" not in truce.parties


def test_a_call_to_respect_a_ceasefire_says_nothing_of_its_status(pipe):
    ags = agreements(pipe, "The UN urged both sides to respect the ceasefire in Gaza.", dt.date(2024, 1, 5))
    assert all(s.status != "in_force" for a in ags for s in a.timeline)


def test_under_a_truce_it_is_in_force(pipe):
    ags = agreements(
        pipe,
        "The rebels handed the town back to the army under a truce brokered by China, residents said.",
        dt.date(2024, 4, 22),
    )
    assert one(ags, "truce").status == "in_force"


def test_suspended_peace_talks_are_a_record_of_their_own(pipe):
    ags = agreements(
        pipe,
        "President Gustavo Petro suspended peace talks with the ELN on Friday after a rebel attack on a base.",
        dt.date(2025, 1, 18),
    )
    talks = one(ags, "other")
    assert talks.purpose == "peace_talks" and talks.status == "suspended"


def test_an_envoy_acts_for_the_body_he_serves(pipe):
    rec = pipe.extract("UN envoy Hans Grundberg met Houthi officials in Muscat.", published=dt.date(2023, 1, 10))
    envoy = next(a for a in rec.actors if a.id == "hans-grundberg")
    assert envoy.org == "un" and envoy.sector == "IGO"


def test_each_status_change_names_who_claims_it(pipe):
    ags = agreements(
        pipe,
        "Israeli jets struck Gaza overnight. Hamas spokesman Hazem Qassem said on Friday the truce with Israel "
        "had collapsed. According to Egypt, talks on a new truce would resume next week.",
        dt.date(2024, 3, 1),
    )
    entries = [s for a in ags for s in a.timeline]
    assert any(s.status == "ended" and s.claimed_by == "person:hazem-qassem" for s in entries), [
        (s.status, s.claimed_by) for s in entries
    ]


def test_three_reports_of_one_ceasefire_are_one_record_dated_by_the_text(pipe, tmp_path):
    """Named three ways ("a comprehensive ceasefire", "the ceasefire", "the truce"), agreed "on May 10" /
    "on Saturday": one record, which starts on the day the text names, not on a publication date."""
    from truceline import ledger
    from truceline.store import Store

    store = Store(f"sqlite:///{tmp_path / 'ip.db'}")
    for text, day, outlet in (
        (
            "India and Pakistan agreed on May 10 to a comprehensive ceasefire after four days of missile and "
            "drone strikes, officials in both capitals said.",
            dt.date(2025, 5, 12),
            "a.example",
        ),
        (
            "The ceasefire between India and Pakistan, agreed on Saturday, held along the Line of Control on "
            "Monday, the Indian army said.",
            dt.date(2025, 5, 12),
            "b.example",
        ),
        (
            "Pakistan said the truce with India agreed on May 10 was in force and that its troops observed it.",
            dt.date(2025, 5, 13),
            "c.example",
        ),
    ):
        store.add(pipe.extract(text, published=day, source=outlet), text)
    records = [r for r in ledger.rebuild(store) if r.kind in ("ceasefire", "truce")]
    assert len(records) == 1 and len(records[0].articles) == 3
    assert set(records[0].parties) == {"IND", "PAK"} and records[0].start_date == dt.date(2025, 5, 10)
    assert all(s.claimed_by for s in records[0].timeline)


def test_the_city_where_a_deal_is_signed_makes_a_host_not_a_party(pipe):
    ags = agreements(
        pipe,
        "Colombia's government and the ELN rebels agreed to a three-month ceasefire in Havana on Friday.",
        dt.date(2023, 6, 10),
    )
    truce = one(ags, "ceasefire")
    assert truce.hosts == ["CUB"] and "CUB" not in truce.parties and set(truce.parties) == {"COL", "eln"}


def test_a_passing_truce_of_another_conflict_takes_the_pair_its_sentence_names(pipe):
    ags = agreements(
        pipe,
        "Russian forces shelled Kharkiv and Ukraine struck a Russian depot on Sunday. In South Africa, meanwhile, "
        "talks between Ethiopia's government and Tigrayan forces went into a sixth day with no sign of a truce.",
        dt.date(2022, 10, 30),
    )
    truce = one(ags, "truce")
    assert "ETH" in truce.parties and not {"RUS", "UKR"} & set(truce.parties)


def test_said_it_would_no_longer_take_part_ends_the_deal_now(pipe):
    ags = agreements(
        pipe,
        "Russia said on Saturday it would no longer take part in the arrangement that lets grain ships leave "
        "Ukrainian ports.",
        dt.date(2022, 10, 30),
    )
    deal = one(ags, "humanitarian_corridor")
    assert deal.status == "ended" and deal.end_reason == "terminated_by_party"


def test_two_truces_with_one_side_in_common_stay_two_in_one_article(pipe):
    ags = agreements(
        pipe,
        "Congo and Rwanda agreed on Tuesday to a ceasefire in the east of Congo. That follows a humanitarian truce "
        "between M23 and the Congolese army, announced by the United States, was due to expire on Saturday.",
        dt.date(2024, 7, 31),
    )
    sides = sorted(tuple(sorted(a.parties)) for a in ags if a.kind in ("ceasefire", "truce", "humanitarian_pause"))
    assert ("COD", "RWA") in sides and any("m23" in s for s in sides) and len(sides) >= 2


def test_a_hypothetical_extension_is_of_the_truce_it_would_extend(pipe):
    ags = agreements(
        pipe,
        "Congo and Rwanda agreed on Tuesday to a ceasefire in the east of Congo, Angola said. A humanitarian truce "
        "between M23 and the Congolese army was due to expire on Saturday. It was unclear whether the ceasefire "
        "would extend the truce.",
        dt.date(2024, 7, 31),
    )
    ext = one(ags, "extension")
    assert ext.status == "proposed" and "m23" in ext.parties and "AGO" not in ext.parties
