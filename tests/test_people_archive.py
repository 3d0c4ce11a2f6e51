"""people_archive.yaml: heads of state and government of about 1980-2015 resolve in archive texts.

The file is loaded as a user registry file (the --actors path) unless it is already one of the built-in
files, so these tests pass before and after it joins BUILTIN_FILES.
"""

import datetime as dt
import importlib
import itertools
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

import truceline
from truceline import Pipeline
from truceline.actors import build_registry
from truceline.vocab import load_yaml

registry_mod = importlib.import_module("truceline.actors.registry")  # the package re-exports a function so named

ARCHIVE = Path(truceline.__file__).resolve().parent / "data" / "actors" / "people_archive.yaml"


def _extra() -> tuple[str, ...]:
    return () if ARCHIVE.name in registry_mod.BUILTIN_FILES else (str(ARCHIVE),)


def _archive_ids() -> set[str]:
    return {str(p["id"]) for p in load_yaml(ARCHIVE)["people"]}


@pytest.fixture(scope="module")
def reg():
    return build_registry(_extra())


@pytest.fixture(scope="module")
def archive_pipe():
    return Pipeline(actors=_extra())


def _actor(rec, actor_id):
    return next((a for a in rec.actors if a.id == actor_id), None)


def test_mitterrand_in_a_1991_text_acts_for_france(archive_pipe):
    text = "President Francois Mitterrand told a news conference in Paris that French envoys would join the talks."
    rec = archive_pipe.extract(text, published=dt.date(1991, 6, 1))
    actor = _actor(rec, "francois-mitterrand")
    assert actor is not None
    assert (actor.country, actor.sector) == ("FRA", "GOV")


@pytest.mark.parametrize("when", [dt.date(1990, 3, 1), None])
def test_thatcher_is_british_with_or_without_a_date(archive_pipe, when):
    text = "Prime Minister Margaret Thatcher said on Tuesday that Britain would not reopen the agreement."
    rec = archive_pipe.extract(text, published=when)
    actor = _actor(rec, "margaret-thatcher")
    assert actor is not None
    assert actor.country == "GBR"
    assert actor.sector == ("GOV" if when else "ELI")  # in office in 1990; a former official when undated


@pytest.mark.parametrize(
    "surname", ["Bush", "Clinton", "Gandhi", "Sharif", "Castro", "Aquino", "Kabila", "Assad", "Aliyev", "Koroma"]
)
def test_surnames_shared_by_two_people_are_not_archive_aliases(reg, surname):
    ids = _archive_ids()
    assert not (reg.exact(surname) | reg.normalised(surname)) & ids


def test_every_archive_alias_names_one_actor_only(reg):
    clashes = []
    for actor_id in sorted(_archive_ids()):
        actor = reg.actors[actor_id]
        for alias in {actor.name, *actor.aliases}:
            others = (reg.exact(alias) | reg.normalised(alias)) - {actor_id}
            if others:
                clashes.append((actor_id, alias, sorted(others)))
    assert clashes == []


def test_role_dates_are_ordered_and_leaders_do_not_overlap(reg):
    ids = _archive_ids()
    leaders = defaultdict(list)
    for actor_id in ids:
        for role in reg.actors[actor_id].roles:
            assert role.start is not None, actor_id
            assert role.end is None or role.start < role.end, actor_id
    for actor in reg.actors.values():
        if actor.kind == "person":
            for role in actor.roles:
                if role.leader:
                    leaders[(role.country, role.org)].append((actor.id, role))
    overlaps = []
    for key, roles in leaders.items():
        for (a, ra), (b, rb) in itertools.combinations(roles, 2):
            if a == b or not {a, b} & ids:
                continue
            if (ra.start or date.min) < (rb.end or date.max) and (rb.start or date.min) < (ra.end or date.max):
                overlaps.append((key, a, b))
    assert overlaps == []


@pytest.mark.parametrize(
    "country, when, expected",
    [
        ("IRQ", dt.date(1990, 8, 2), "saddam-hussein"),
        ("RUS", dt.date(1987, 5, 1), "mikhail-gorbachev"),
        ("RUS", dt.date(1995, 5, 1), "boris-yeltsin"),
        ("ZAF", dt.date(1996, 1, 1), "nelson-mandela"),
        ("USA", dt.date(2003, 3, 20), "george-w-bush"),
    ],
)
def test_the_leader_of_a_country_on_an_archive_date(reg, country, when, expected):
    assert [a.id for a in reg.role_holders(country=country, leader=True, when=when)] == [expected]
