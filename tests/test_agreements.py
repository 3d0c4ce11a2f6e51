"""Agreements: kinds, scope, parties and mediators, phases, conditions, status from a timeline."""

import datetime as dt

import pytest


def agreements(pipe, text, published):
    return pipe.extract(text, published=published).agreements


def test_bilateral_ceasefire_takes_its_parties_and_date(pipe):
    ags = agreements(
        pipe,
        "Thailand and Cambodia agreed to an immediate and unconditional ceasefire on Monday.",
        dt.date(2025, 7, 29),
    )
    assert len(ags) == 1
    a = ags[0]
    assert (a.kind, a.status, a.coverage) == ("ceasefire", "agreed", "comprehensive")
    assert set(a.parties) == {"THA", "KHM"}
    assert a.timeline[0].date == dt.date(2025, 7, 28)


def test_announced_ceasefire_then_accusation_keeps_it_agreed(pipe):
    ags = agreements(
        pipe,
        "Pakistan and India announced a ceasefire on Saturday after four days of fighting, "
        "but India accused Pakistan of violating it hours later.",
        dt.date(2025, 5, 11),
    )
    a = next(a for a in ags if a.kind == "ceasefire")
    assert a.status == "agreed"  # an accusation is not a status: violations are an overlay
    assert set(a.parties) == {"PAK", "IND"}


def test_ended_ceasefire_gets_parties_from_the_attack_and_start_from_its_length(pipe):
    ags = agreements(
        pipe,
        "Israeli forces launched air strikes across Gaza on Tuesday, ending a two-month ceasefire.",
        dt.date(2025, 3, 19),
    )
    a = ags[0]
    assert (a.status, a.end_reason) == ("ended", "collapsed")
    assert a.end_date == dt.date(2025, 3, 18)
    assert set(a.parties) == {"ISR", "PSE"}
    assert a.start_date == dt.date(2025, 1, 1) and a.start_precision == "month"


def test_prisoner_exchange_with_per_side_counts(pipe):
    ags = agreements(
        pipe,
        "Moscow announced on Wednesday that prisoner exchanges will take place between Russia "
        "and Ukraine. The two countries will trade 175 prisoners from their respective sides.",
        dt.date(2025, 3, 19),
    )
    a = next(a for a in ags if a.kind == "prisoner_exchange")
    assert a.status == "agreed"
    q = next(q for q in a.quantities if q.value == 175)
    assert q.unit == "prisoners" and q.per_side


def test_status_is_derived_by_event_date_not_text_order(pipe):
    text = (
        "The truce between Armenia and Azerbaijan collapsed on Friday. "
        "Armenia and Azerbaijan had agreed to the truce on March 2."
    )
    a = next(a for a in agreements(pipe, text, dt.date(2025, 3, 22)) if a.kind == "truce")  # the reports' word
    assert a.status == "ended"
    assert {s.status for s in a.timeline} >= {"ended", "agreed"}


# ---- the seed: what the general rules must find
def test_seed_process_has_four_ordered_phases(seed_record):
    phases = sorted((a for a in seed_record.agreements if a.process and a.phase), key=lambda a: a.phase)
    assert len({a.process for a in phases}) == 1
    assert [a.phase for a in phases] == [1, 2, 3, 4]
    energy, maritime, complete, peace = phases
    assert {"energy_infrastructure"} <= set(energy.scope)
    assert energy.status in ("agreed", "in_force")
    assert set(energy.parties) == {"RUS", "UKR"} and energy.mediators == ["USA"]
    assert "maritime" in maritime.scope and maritime.status == "negotiating"
    assert set(maritime.parties) == {"RUS", "UKR"} and maritime.mediators == ["USA"]
    assert complete.kind == "ceasefire" and complete.coverage == "comprehensive" and complete.status == "planned"
    assert any(c.by == "RUS" for c in complete.conditions)
    assert peace.kind == "peace_agreement" and peace.status == "planned"


def test_seed_gaza_ceasefire_collapsed(seed_record):
    gaza = [a for a in seed_record.agreements if a.kind == "ceasefire" and "ISR" in a.parties]
    assert len(gaza) == 1
    assert (gaza[0].status, gaza[0].end_reason, gaza[0].end_date) == ("ended", "collapsed", dt.date(2025, 3, 18))


def test_seed_prisoner_exchange(seed_record):
    ex = next(a for a in seed_record.agreements if a.kind == "prisoner_exchange")
    assert set(ex.parties) == {"RUS", "UKR"}
    assert {q.value for q in ex.quantities} >= {175, 23}


def test_every_agreement_has_evidence(seed_record):
    for a in seed_record.agreements:
        assert a.evidence and all(e.sentence for e in a.evidence)
        for s in a.timeline:
            assert s.sentence and s.rule


def test_moratorium_on_strikes_is_a_partial_ceasefire_in_force(pipe):
    ags = agreements(
        pipe,
        "A thirty-day moratorium on strikes against energy facilities in Russia and Ukraine "
        "came into force at midnight.",
        dt.date(2026, 3, 20),
    )
    a = ags[0]
    assert (a.kind, a.status, a.coverage) == ("ceasefire", "in_force", "partial")
    assert "energy_infrastructure" in a.scope
    assert set(a.parties) == {"RUS", "UKR"}
    assert a.duration_text == "thirty-day"


def test_pause_without_hostilities_is_not_a_ceasefire(pipe):
    ags = agreements(
        pipe, "Engineers used the pause in deliveries to repair the pipeline near Odesa.", dt.date(2026, 3, 20)
    )
    assert ags == []


def test_violation_is_not_an_end(pipe):
    ags = agreements(pipe, "Israel accused Hezbollah of violating the ceasefire on Tuesday.", dt.date(2026, 5, 6))
    assert all(a.status != "ended" for a in ags)


def test_a_truce_that_runs_out_expires(pipe):
    ags = agreements(
        pipe, "The two-week truce between the army and the RSF ended at midnight, officials said.", dt.date(2026, 5, 18)
    )
    a = next(a for a in ags if a.kind == "truce")
    assert (a.status, a.end_reason) == ("ended", "expired")


def test_an_unqualified_mention_joins_the_one_ceasefire_of_the_article(pipe):
    ags = agreements(
        pipe,
        "Israel and Hezbollah agreed to a ceasefire on Monday. The ceasefire took effect at dawn on Wednesday.",
        dt.date(2026, 4, 15),
    )
    assert len([a for a in ags if a.kind == "ceasefire"]) == 1
    a = ags[0]
    assert set(a.parties) == {"ISR", "hezbollah"} and a.status == "in_force"


def test_an_extension_is_a_record_of_its_own(pipe):
    ags = agreements(
        pipe,
        "The extension of the humanitarian truce entered into force on Sunday for 30 days, after "
        "the first truce ended at midnight.",
        dt.date(2026, 5, 18),
    )
    kinds = {a.kind: a for a in ags}
    assert kinds["extension"].status == "in_force"
    assert kinds["truce"].status == "ended"


def test_seed_has_no_other_ended_ceasefire(seed_record):
    ended = [a for a in seed_record.agreements if a.status == "ended"]
    assert [set(a.parties) for a in ended] == [{"ISR", "PSE"}]


# ---------------------------------------------------------------- session 3 rules, on fresh sentences
def test_a_dateline_is_not_the_subject_of_the_news(pipe):
    text = (
        "DOHA, July 19 (Gulf Wire) - Congo and the M23 rebels on Saturday agreed to a ceasefire "
        "brokered by Qatar, officials said."
    )
    record = pipe.extract(text, published=dt.date(2025, 7, 19))
    a = next(a for a in record.agreements if a.kind == "ceasefire")
    assert "COD" in a.parties and "QAT" in a.mediators and "QAT" not in a.parties
    first = next(iter(pipe.nlp(text).sents))
    assert first.text.rstrip().endswith("-")  # the dateline is a sentence of its own


def test_a_suspension_is_dated_by_its_start_not_by_the_incident_that_caused_it(pipe):
    ags = agreements(
        pipe,
        "Following the shelling of a market in Kadugli on Tuesday 3 June, the army has decided to suspend "
        "its commitment to the truce for 48 hours, starting from today, Thursday 5 June 2025.",
        dt.date(2025, 6, 5),
    )
    a = next(a for a in ags if a.kind in ("truce", "ceasefire"))
    assert a.status == "suspended"
    assert a.timeline[-1].date == dt.date(2025, 6, 5)


def test_a_restated_agreement_takes_the_date_of_the_sentence_before(pipe):
    ags = agreements(
        pipe,
        "Armenia and Azerbaijan agreed on Monday to stop shelling villages along their border. "
        "In a statement, the mediators said the two sides agreed to halt all attacks on border villages.",
        dt.date(2025, 9, 4),
    )
    dated = [s.date for a in ags for s in a.timeline if s.status == "agreed"]
    assert dated and all(d == dt.date(2025, 9, 1) for d in dated)


def test_an_acceptance_in_principle_with_conditions_is_still_a_negotiation(pipe):
    ags = agreements(
        pipe,
        "The rebel movement said on Friday that it welcomes in principle the proposal for a ceasefire, "
        "but it will not sign unless government forces withdraw from the town of Kutum.",
        dt.date(2025, 8, 8),
    )
    a = next(a for a in ags if a.kind == "ceasefire")
    assert a.status == "negotiating"


def test_an_extension_takes_the_sides_of_who_agreed_to_extend(pipe):
    ags = agreements(
        pipe,
        "Qatar announced that Israel and Hamas have agreed today to extend the humanitarian pause by two days.",
        dt.date(2023, 11, 27),
    )
    ext = next(a for a in ags if a.kind == "extension")
    assert {"ISR", "PSE"} & set(ext.parties) and "ISR" in ext.parties


def test_the_russian_side_sets_a_condition(pipe):
    ags = agreements(
        pipe,
        "The talks on a full ceasefire continued in Istanbul. The Turkish side stressed that the main condition "
        "for a full ceasefire must be the withdrawal of all foreign fighters from the area.",
        dt.date(2025, 5, 16),
    )
    conds = [c for a in ags for c in a.conditions]
    assert any(c.by == "TUR" for c in conds)


def test_a_river_named_like_a_country_is_no_actor(pipe):
    record = pipe.extract(
        "Israel demands that there be no armed presence of the group south of the Litani river.",
        published=dt.date(2024, 11, 20),
    )
    assert "LTU" not in {a.id for a in record.actors}


def test_a_governments_own_readout_says_the_president_for_its_own(pipe):
    text = (
        "Today, the President spoke with the President of the Republic of Turkey about the war in Syria. "
        "The President thanked his counterpart for hosting the talks."
    )
    record = pipe.extract(text, published=dt.date(2025, 5, 2), source="The White House")
    consult = next(e for e in record.events + record.partial_events if e.type == "CONSULT")
    assert consult.source == "USA-GOV"
    plain = pipe.extract(text, published=dt.date(2025, 5, 2), source="Meridian Wire")
    # a newsroom has no "own" president
    assert next(e for e in plain.events + plain.partial_events if e.type == "CONSULT").source != "USA-GOV"


def test_a_halt_is_of_its_object_not_of_its_cause(pipe):
    ags = agreements(
        pipe,
        "The two sides agreed on Monday to resume talks, seven months after the negotiations were suspended "
        "following a rebel bombing of an oil pipeline.",
        dt.date(2025, 10, 13),
    )
    assert not [a for a in ags if a.kind == "ceasefire"]  # suspended negotiations are no ceasefire


def test_an_exchange_agreed_in_the_same_talks_is_between_the_two_sides(pipe):
    ags = agreements(
        pipe,
        "The presidents of the United States and Turkey agreed that a ceasefire between Israel and Hamas would "
        "begin on Sunday. The leaders also agreed to a prisoner exchange, 90 for 90, to take place next week.",
        dt.date(2025, 1, 16),
    )
    exchange = next(a for a in ags if a.kind == "prisoner_exchange")
    truce = next(a for a in ags if a.kind == "ceasefire")
    assert set(exchange.parties) == set(truce.parties) == {"ISR", "hamas"}
    assert not {"USA", "TUR"} & set(exchange.parties)
    assert {(q.value, q.per_side) for q in exchange.quantities} >= {(90, True)}


def test_the_news_after_a_dateline_runs_to_its_full_stop(pipe):
    doc = pipe.nlp("VILNIUS, Oct 2 - Lithuania and Latvia signed an agreement on Friday to share radar data. Next.")
    sents = [s.text for s in doc.sents]
    assert sents[1].startswith("Lithuania and Latvia signed") and sents[1].endswith("radar data.")


def test_a_truce_that_began_is_in_force_and_one_due_to_begin_is_not_yet(pipe):
    began = agreements(pipe, "A six-week truce between Israel and Hamas began on Sunday.", dt.date(2025, 1, 20))
    assert began[0].status == "in_force"
    due = agreements(pipe, "A truce between Israel and Hamas is due to begin on Sunday.", dt.date(2025, 1, 17))
    assert due[0].status != "in_force"
    talks = agreements(pipe, "Talks on a truce between Israel and Hamas began in Cairo.", dt.date(2025, 1, 17))
    assert talks[0].status == "negotiating"


def test_an_initialled_agreement_is_agreed_and_naming_an_agreement_is_no_status(pipe):
    initialled = agreements(
        pipe, "Armenia and Azerbaijan initialled a peace agreement in Washington on Friday.", dt.date(2025, 8, 9)
    )
    assert initialled[0].status == "agreed" and set(initialled[0].parties) == {"ARM", "AZE"}
    named = agreements(
        pipe,
        "The strike is a clear violation of the agreement on the cessation of hostilities, the ministry said.",
        dt.date(2025, 5, 12),
    )
    assert all(a.status != "agreed" for a in named)


@pytest.mark.parametrize(
    "text, status, parties",
    [
        ("The ceasefire between Armenia and Azerbaijan appeared to be holding on Sunday.", "in_force", {"ARM", "AZE"}),
        ("Ukraine declared a unilateral ceasefire for the Easter holiday.", "declared", {"UKR"}),
        ("Hezbollah said it had accepted a truce proposal put forward by French mediators.", "agreed", {"hezbollah"}),
        ("Israel rejected a ceasefire proposal from Egypt.", "rejected", {"ISR"}),
        ("The Philippine government suspended its ceasefire with the NPA after an ambush.", "suspended", {"PHL"}),
    ],
)
def test_status_from_the_words_around_the_mention(pipe, text, status, parties):
    found = agreements(pipe, text, dt.date(2025, 8, 4))
    a = next(a for a in found if a.kind in ("ceasefire", "truce"))
    assert a.status == status
    assert parties <= set(a.parties)


def test_extending_a_truce_agrees_the_extension(pipe):
    found = agreements(
        pipe, "Yemen's Houthis and the government extended their truce by two months.", dt.date(2022, 6, 2)
    )
    ext = next(a for a in found if a.kind == "extension")
    assert ext.status == "agreed"


def test_due_to_take_effect_is_agreed_and_despite_a_ceasefire_is_no_entry_into_force(pipe):
    due = agreements(
        pipe, "The ceasefire between Ethiopia and Eritrea is due to take effect on Monday.", dt.date(2025, 8, 6)
    )
    assert due[0].status == "agreed" and due[0].timeline[0].modality == "future"
    despite = agreements(
        pipe,
        "Fighting resumed in Sweida despite a ceasefire announced by the government on Saturday.",
        dt.date(2025, 8, 6),
    )
    assert despite[0].status == "agreed"  # announced; the fighting resumed, not the ceasefire


@pytest.mark.parametrize(
    "text, status",
    [
        ("Armenia and Azerbaijan swapped 30 prisoners each on Friday.", "ended"),
        ("Armenia and Azerbaijan will exchange 30 prisoners next week.", "planned"),
        ("Armenia and Azerbaijan agreed to exchange 30 prisoners each.", "agreed"),
    ],
)
def test_an_exchange_carried_out_is_concluded(pipe, text, status):
    exchange = next(a for a in agreements(pipe, text, dt.date(2025, 8, 6)) if a.kind == "prisoner_exchange")
    assert exchange.status == status and set(exchange.parties) == {"ARM", "AZE"}
    if status == "ended":
        assert exchange.end_reason == "concluded"


def test_a_violated_truce_exists_but_a_late_accusation_does_not_revive_it(pipe, tmp_path):
    from truceline import ledger
    from truceline.store import Store

    found = agreements(
        pipe, "Russia violated the Easter truce more than 1,000 times, Ukraine said.", dt.date(2025, 4, 21)
    )
    truce = next(a for a in found if a.kind == "truce")
    assert truce.status == "in_force" and "RUS" in truce.parties
    store = Store(f"sqlite:///{tmp_path / 'v.db'}")
    for text, day in (
        ("The truce between Russia and Ukraine ended at midnight on Sunday.", dt.date(2025, 4, 21)),
        ("Kyiv accused Russia of violating the truce between Russia and Ukraine.", dt.date(2025, 4, 23)),
    ):
        store.add(pipe.extract(text, published=day), text)
    merged = [a for a in ledger.rebuild(store) if a.kind in ("truce", "ceasefire")]
    assert merged and all(a.status == "ended" for a in merged)


def test_a_ceasefire_agreed_by_an_outsider_binds_the_conflicts_other_side(pipe):
    """In a report on the war between Russia and Ukraine, a ceasefire the US and Russian leaders agree
    on binds Russia and Ukraine; the US stands beside it as a go-between."""
    ags = agreements(
        pipe,
        "The war between Russia and Ukraine has killed thousands. Russian forces shelled Ukrainian towns "
        "on Sunday. The US president and the Russian president agreed on Tuesday to a ceasefire on energy "
        "infrastructure.",
        dt.date(2025, 3, 19),
    )
    truce = next(a for a in ags if a.kind == "ceasefire")
    assert set(truce.parties) == {"RUS", "UKR"}
    assert "USA" in truce.mediators
