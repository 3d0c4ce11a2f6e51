"""Filters shared by the API, the CLI and exports: one typed description of 'which events'."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from truceline.models import EventType

EventSort = Literal["date", "-date", "goldstein", "-goldstein", "type", "id"]


class EventFilter(BaseModel):
    actor: str | None = Field(None, description="Actor id or country code, as source or target.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 country of the source or the target.")
    dyad: str | None = Field(None, description="'A,B': events between A and B, either way (actor ids or countries).")
    type: EventType | None = Field(None, description="PLOVER event type.")
    mode: str | None = None
    status: str | None = Field(None, description="asserted, agreed, planned, proposed, demanded, refused, …")
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = Field(None, max_length=200, description="Words that the evidence sentence contains.")
    limit: int = Field(50, ge=1, le=1000)
    offset: int = Field(0, ge=0)
    sort: EventSort = "date"

    @field_validator("dyad")
    @classmethod
    def _two_sides(cls, value: str | None) -> str | None:
        if value is not None and len([p for p in value.split(",") if p.strip()]) != 2:
            raise ValueError("dyad is two actors or countries separated by a comma: RUS,UKR")
        return value

    @field_validator("country")
    @classmethod
    def _alpha3(cls, value: str | None) -> str | None:
        if value is not None and (len(value) != 3 or not value.isalpha()):
            raise ValueError("country is an ISO 3166-1 alpha-3 code such as UKR")
        return value.upper() if value else value
