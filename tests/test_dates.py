"""Dates resolve against the publication date, and never without an anchor."""

import datetime as dt

import pytest

from truceline.events.dates import duration_days, is_duration, resolve

WED = dt.date(2025, 3, 19)  # a Wednesday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Tuesday", dt.date(2025, 3, 18)),
        ("Tuesday", dt.date(2025, 3, 18)),
        ("Wednesday", dt.date(2025, 3, 19)),
        ("last Thursday", dt.date(2025, 3, 13)),
        ("last Wednesday", dt.date(2025, 3, 12)),
        ("yesterday", dt.date(2025, 3, 18)),
        ("on October 7, 2023", dt.date(2023, 10, 7)),
        ("7 October 2023", dt.date(2023, 10, 7)),
        ("October 7th", dt.date(2024, 10, 7)),
        ("March 2", dt.date(2025, 3, 2)),
        ("two days ago", dt.date(2025, 3, 17)),
    ],
)
def test_relative_and_absolute_dates_resolve(text, expected):
    got = resolve(text, WED)
    assert got is not None and got.date == expected


def test_relative_weekday_resolves_to_last_occurrence_on_or_before_publication():
    assert resolve("on Friday", dt.date(2025, 3, 21)).date == dt.date(2025, 3, 21)
    assert resolve("on Saturday", dt.date(2025, 3, 21)).date == dt.date(2025, 3, 15)


def test_weekend_is_a_two_day_range():
    got = resolve("over the weekend", WED)
    assert (got.date, got.end) == (dt.date(2025, 3, 15), dt.date(2025, 3, 16))


def test_month_and_year_ranges_carry_their_precision():
    got = resolve("May/June 2024", WED)
    assert (got.date, got.end, got.precision) == (dt.date(2024, 5, 1), dt.date(2024, 6, 30), "month")
    assert resolve("2022", WED).precision == "year"


@pytest.mark.parametrize("text", ["on Tuesday", "last Thursday", "yesterday", "over the weekend", "last week"])
def test_relative_dates_stay_unresolved_without_publication_date(text):
    assert resolve(text, None) is None


def test_same_day_needs_an_earlier_date():
    assert resolve("the same day", WED) is None
    assert resolve("the same day", WED, anchor=dt.date(2025, 3, 18)).date == dt.date(2025, 3, 18)


def test_durations_are_not_dates():
    assert is_duration("two-month") and is_duration("30 days") and is_duration("the past 20 years")
    assert not is_duration("Tuesday")
    assert duration_days("a two-month ceasefire") == 60
    assert duration_days("a 30-day truce") == 30


def test_a_weekday_before_a_date_is_the_date():
    pub = dt.date(2026, 5, 9)
    assert resolve("Thursday 7 May", pub).date == dt.date(2026, 5, 7)
    assert resolve("Monday, 4 May 2026", pub).date == dt.date(2026, 5, 4)
