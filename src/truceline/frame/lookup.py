"""Questions a later stage asks of an article's frame: which side is this actor on, who is the other
side, is this actor a third party."""

from __future__ import annotations

from truceline.models import Actor, ArticleFrame

_STATE = {None, "GOV", "MIL", "LEG", "JUD", "SPY", "POL"}


class FrameIndex:
    def __init__(self, frame: ArticleFrame | None, actors: list[Actor]) -> None:
        self.frame = frame or ArticleFrame()
        self.actors = {a.id: a for a in actors}
        self.side_at: dict[str, int] = {}
        for i, side in enumerate(self.frame.sides):
            for a in side.actors:
                self.side_at.setdefault(a, i)
        self.third = set(self.frame.mediators) | set(self.frame.hosts)

    @property
    def two_sided(self) -> bool:
        return len(self.frame.sides) == 2

    def countries(self) -> set[str]:
        return {s.country for s in self.frame.sides if s.country}

    def reps(self) -> list[str]:
        return [s.actors[0] for s in self.frame.sides if s.actors]

    def side_of(self, actor_id: str | None) -> int | None:
        if actor_id is None or not self.two_sided:
            return None
        if actor_id in self.side_at:
            return self.side_at[actor_id]
        a = self.actors.get(actor_id)
        if a is None and len(actor_id) == 3 and actor_id.isupper():
            # a country read off a place ("shelling in Khan Younis": PSE) that no mention names as an actor
            same = [i for i, s in enumerate(self.frame.sides) if s.country == actor_id]
            return same[0] if len(same) == 1 else None
        if a is None or not a.country:
            return None
        # an actor first seen here ("Armenian forces") is on the side of its country, if only one side has it
        same = [i for i, s in enumerate(self.frame.sides) if s.country == a.country]
        if len(same) == 1 and (a.sector or "GOV") not in ("REB", "IGO", "MED", "NGO"):
            return same[0]
        rebels = [i for i, s in enumerate(self.frame.sides) if self._sector(s.actors[0]) == "REB"]
        if len(same) == 2 and a.sector == "REB" and len(rebels) == 1:
            return rebels[0]
        return None

    def state_side(self) -> int | None:
        """The one side that is a state's (its government or forces) facing an armed group, if the war is so."""
        if not self.two_sided:
            return None
        states = [i for i, s in enumerate(self.frame.sides) if s.actors and self._state(s.actors[0])]
        return states[0] if len(states) == 1 else None

    def _state(self, actor_id: str) -> bool:
        a = self.actors.get(actor_id)
        if a is None:
            return len(actor_id) == 3 and actor_id.isupper()
        return a.kind in ("country", "generic") and a.sector in _STATE

    def _sector(self, actor_id: str) -> str | None:
        a = self.actors.get(actor_id)
        return a.sector if a is not None else None

    def counterpart(self, actor_id: str | None) -> str | None:
        """The other side: of the main dyad, else of the heaviest other dyad this actor is in."""
        side = self.side_of(actor_id)
        if side is not None:
            other = self.frame.sides[1 - side]
            return other.actors[0] if other.actors else None
        if actor_id is None or self.is_third(actor_id):
            return None
        a = self.actors.get(actor_id)
        keys = {actor_id} | ({a.country} if a is not None and a.country and a.sector in _STATE else set())
        for dyad in self.frame.dyads:
            for i, rep in enumerate(dyad.sides):
                if rep in keys or (self._country(rep) in keys and self._kind(rep) == "country"):
                    return dyad.sides[1 - i]
        return None

    def _country(self, actor_id: str) -> str | None:
        a = self.actors.get(actor_id)
        return a.country if a is not None else None

    def _kind(self, actor_id: str) -> str | None:
        a = self.actors.get(actor_id)
        return a.kind if a is not None else None

    def is_third(self, actor_id: str | None) -> bool:
        if actor_id is None:
            return False
        if actor_id in self.third:
            return True
        a = self.actors.get(actor_id)
        return a is not None and a.country is not None and a.country in self.third and self.side_of(actor_id) is None

    def reference_at(self, char: int) -> bool:
        return any(r.start <= char < r.end for r in self.frame.references)
