"""Resolve date expressions against the article's publication date.

Nothing is guessed without an anchor: relative expressions ("on Tuesday", "last week") need a
publication date; anaphoric ones ("the same day") need an earlier resolved date in the article.
Each result says where its date came from (``basis``): ``"stated"`` when the text names the date
itself ("March 5, 2024", "7 October", "May 2024", "2022"), ``"relative"`` when it was counted from
the publication date or an earlier date ("on Tuesday", "yesterday", "last week", "the same day").
A bare weekday points back ("on Monday": the last Monday on or before publication) unless the
caller says the clause is about the future (``future=True``: the next Monday on or after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

_TODAY = {
    "today",
    "this morning",
    "this afternoon",
    "this evening",
    "tonight",
    "earlier today",
    "overnight",
    "early this morning",
    "late tonight",
    "this morning today",
    "morning today",
    "at midnight",
    "midnight",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = "|".join(MONTHS + [m[:3] for m in MONTHS] + ["sept"])
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "several": None,
}


DateBasis = Literal["stated", "relative"]


@dataclass(frozen=True)
class Resolved:
    date: date
    end: date | None
    precision: str  # day, week, month, year
    basis: DateBasis = "stated"  # stated: the text names the date; relative: counted from an anchor


# holidays that fall on the same day every year (Gregorian calendar; Orthodox Christmas as observed
# in Russia, Ukraine until 2023, Serbia, Ethiopia); movable feasts such as Easter or Eid are not here
_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's day": (1, 1),
    "new year’s day": (1, 1),
    "new year's eve": (12, 31),
    "new year’s eve": (12, 31),
    "orthodox christmas": (1, 7),
    "orthodox christmas day": (1, 7),
    "orthodox christmas eve": (1, 6),
}
_HOLIDAY_RE = "|".join(re.escape(h) for h in sorted(_HOLIDAYS, key=len, reverse=True))


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    for i, m in enumerate(MONTHS):
        if m.startswith(name[:3]):
            return i + 1
    raise ValueError(name)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    candidate = _safe(year, month, day)
    if candidate and candidate > published + timedelta(days=7):
        year -= 1
    return year


def is_duration(text: str) -> bool:
    """'two-month', '30 days', 'a week' are durations, not dates."""
    t = text.lower().strip()
    return bool(
        re.fullmatch(
            r"(?:(?:a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten|several)[- ])?"
            r"(?:day|week|month|year|hour)s?(?:[- ]long)?",
            t,
        )
    ) or bool(
        re.fullmatch(r"(?:the )?(?:past|last|next|first) (?:\d+|\w+) (?:days|weeks|months|years)(?: of \d{4})?", t)
    )


def resolve(text: str, published: date | None, anchor: date | None = None, *, future: bool = False) -> Resolved | None:
    """Resolve one date expression; None when it cannot be resolved without guessing.

    ``future``: the clause is in the future tense, so a bare or "this" weekday ("on Monday",
    "this Wednesday") is the next such day on or after publication instead of the last one on or
    before it; "last Monday" stays backward and "next Monday" forward either way.
    """
    t = text.lower().strip().rstrip(".,")
    t = re.sub(r"^(?:on|in|at|during|since|by|from|over)\s+", "", t)
    t = re.sub(r"\s+", " ", t)
    # "Thursday 7 May", "Monday, 4 May 2026": the weekday only repeats what the date says
    t = re.sub(
        r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? "
        r"(?=\d|the \d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
        "",
        t,
    )

    # holidays with a fixed date: "on Christmas Day in 2015", "New Year's Eve", "Orthodox Christmas"
    m = re.fullmatch(rf"(?:the )?({_HOLIDAY_RE})(?:,? (?:in |of )?(\d{{4}}))?", t)
    if m:
        month, day = _HOLIDAYS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else _year_for(month, day, published)
        d = _safe(year, month, day) if year else None
        return Resolved(d, None, "day") if d else None
    # explicit day-month-year in either order
    m = re.search(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", t)
    if m:
        d = _safe(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        return Resolved(d, None, "day") if d else None
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE})\.?,? (\d{{4}})\b", t)
    if m:
        d = _safe(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        return Resolved(d, None, "day") if d else None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return Resolved(d, None, "day") if d else None
    # month and day without a year: the year comes from the publication date
    m = re.fullmatch(
        rf"(?:the )?(?:({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE}))",
        t,
    )
    if m:
        month = _month(m.group(1) or m.group(4))
        day = int(m.group(2) or m.group(3))
        year = _year_for(month, day, published)
        if year is None:
            return None
        d = _safe(year, month, day)
        return Resolved(d, None, "day") if d else None
    # month and year, or a month range "May/June 2024"
    m = re.fullmatch(rf"(?:early |late |mid-?)?({_MONTH_RE})(?:/({_MONTH_RE}))? (\d{{4}})", t)
    if m:
        year = int(m.group(3))
        first = date(year, _month(m.group(1)), 1)
        last_month = _month(m.group(2)) if m.group(2) else first.month
        end = date(year, last_month, 1) + relativedelta(months=1) - timedelta(days=1)
        return Resolved(first, end, "month")
    m = re.fullmatch(r"(?:early |late |mid-?)?(\d{4})", t)
    if m and 1900 <= int(m.group(1)) <= 2100:
        year = int(m.group(1))
        return Resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if t in ("the same day", "that day", "same day", "the day"):
        return Resolved(anchor, None, "day", "relative") if anchor else None
    if published is None:
        return None
    if t in _TODAY:
        return Resolved(published, None, "day", "relative")
    if t in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return Resolved(published - timedelta(days=1), None, "day", "relative")
    if t == "tomorrow":
        return Resolved(published + timedelta(days=1), None, "day", "relative")
    m = re.fullmatch(
        r"(?:(last|this past|this|next|earlier on|late on|early on) )?("
        + "|".join(WEEKDAYS)
        + r")(?:'s)?(?: (?:morning|afternoon|evening|night))?",
        t,
    )
    if m:
        wd = WEEKDAYS.index(m.group(2))
        qualifier = m.group(1) or ""
        if qualifier == "next":
            delta = (wd - published.weekday()) % 7 or 7
            return Resolved(published + timedelta(days=delta), None, "day", "relative")
        if future and qualifier not in ("last", "this past", "earlier on"):
            # "will meet on Monday": the next Monday on or after publication
            delta = (wd - published.weekday()) % 7
            return Resolved(published + timedelta(days=delta), None, "day", "relative")
        delta = (published.weekday() - wd) % 7
        if qualifier in ("last", "this past") and delta == 0:
            delta = 7
        return Resolved(published - timedelta(days=delta), None, "day", "relative")
    if re.fullmatch(r"(?:the|this|last|this past) weekend", t):
        # the weekend on or before publication: Saturday..Sunday
        delta = (published.weekday() - 5) % 7
        saturday = published - timedelta(days=delta)
        if t.startswith("last") and delta < 2:
            saturday -= timedelta(days=7)
        return Resolved(saturday, saturday + timedelta(days=1), "day", "relative")
    m = re.fullmatch(r"(last|this|next) (week|month|year)", t)
    if m:
        step = {"last": -1, "this": 0, "next": 1}[m.group(1)]
        if m.group(2) == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            return Resolved(monday, monday + timedelta(days=6), "week", "relative")
        if m.group(2) == "month":
            first = date(published.year, published.month, 1) + relativedelta(months=step)
            return Resolved(first, first + relativedelta(months=1) - timedelta(days=1), "month", "relative")
        year = published.year + step
        return Resolved(date(year, 1, 1), date(year, 12, 31), "year", "relative")
    m = re.fullmatch(r"(\d+|\w+) (day|week|month|year)s? ago", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM_WORDS.get(m.group(1))
        if n is None:
            return None
        unit = m.group(2)
        d = published - relativedelta(**{unit + "s": n})
        return Resolved(d, None, "day" if unit in ("day", "week") else unit, "relative")
    return _embedded(t, published, anchor, future)


def _embedded(t: str, published: date, anchor: date | None, future: bool = False) -> Resolved | None:
    """A day named inside a longer expression: 'at dawn on Wednesday', 'Monday after days of
    fighting', 'early this morning', 'in the night on Sunday', 'at dawn next Monday'."""
    for word in WEEKDAYS:
        m = re.search(rf"\b((?:last|this past|this|next) )?{word}\b", t)
        if m:
            return resolve(m.group(0), published, anchor, future=future)
    if re.search(r"\b(today|this (?:morning|afternoon|evening)|tonight|overnight|midnight|dawn)\b", t):
        return Resolved(published, None, "day", "relative")
    if re.search(r"\b(yesterday|last night)\b", t):
        return Resolved(published - timedelta(days=1), None, "day", "relative")
    return None


def duration_days(text: str) -> int | None:
    """'two-month' -> 60, '30 days' -> 30, 'a week' -> 7."""
    m = re.search(r"\b(\d+|" + "|".join(_NUM_WORDS) + r")[- ](day|week|month|year)s?\b", text.lower())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUM_WORDS.get(m.group(1))
    if n is None:
        return None
    return n * {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
