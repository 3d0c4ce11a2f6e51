"""One event per place: an act told at a list of places is one act at each (ACLED's rule).

"Kenya will deploy contingents to A, then B and C" and "rounds held in A, B and C" name three places
that one record cannot hold (an event has one ``location``). The draft is copied once per listed place;
the copies keep the act's roles, date and status, and the first keeps its numbers.

A list is only split when its places are of one kind and apart: towns with towns, countries with
countries. "Strikes across the enclave, including in Rafah" names a region and a town in it: one act.
"""

from __future__ import annotations

import dataclasses

from truceline.events.draft import Draft
from truceline.models import Location

_POINTS = frozenset({"city", "admin2"})
# acts whose list of places in the sentence (not their own clause) is still one act at each place; a deal or a
# talk the sentence places at its meeting's towns is not
_SPLIT_FROM_SENTENCE = frozenset({"ASSAULT", "COERCE"})


def _kind(loc: Location) -> str | None:
    if loc.precision in _POINTS:
        return "point"
    return loc.precision if loc.precision in ("admin1", "country") else None


def listed_apart(places: list[Location]) -> bool:
    """Are these two or more places of one kind, none of them another's (a list, not a town and its
    province)?"""
    kinds = {_kind(loc) for loc in places}
    if len(places) < 2 or len(kinds) != 1 or None in kinds:
        return False
    names = [loc.name for loc in places]
    # (a province is its own admin1: "the Bryansk and Kursk regions" are two)
    return len(set(names)) == len(names) and not any(loc.admin1 in names and loc.admin1 != loc.name for loc in places)


def each_place(d: Draft) -> list[Draft]:
    """The draft, or one copy of it per place of its clause's list."""
    spots = [loc for loc in d.locations if loc.basis == "clause"]
    if not spots and d.type in _SPLIT_FROM_SENTENCE:
        # an attack placed by its sentence's one phrase ("downed drones, most of them over the A and B regions")
        spots = [loc for loc in d.locations if loc.basis == "sentence"]
    if d.mirror or not listed_apart(spots):
        return [d]
    copies = []
    for k, loc in enumerate(spots):
        c = d if k == 0 else dataclasses.replace(d, quantities=[], place_copy=k)
        c.locations, c.location = [loc], loc
        if k:
            c.rule = d.rule + "+each_place"
        copies.append(c)
    return copies
