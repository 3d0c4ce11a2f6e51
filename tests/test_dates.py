"""Dates resolve against the publication date, and never without an anchor."""

import datetime as dt

import pytest

from truceline.events.dates import Resolved, duration_days, is_duration, resolve

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


@pytest.mark.parametrize(
    "text",
    [
        "on October 7, 2023",
        "7 October 2023",
        "2023-10-07",
        "October 7th",
        "on 7 October",
        "Thursday 7 May",
        "May/June 2024",
        "in 2022",
    ],
)
def test_a_date_the_text_names_is_stated(text):
    assert resolve(text, WED).basis == "stated"


@pytest.mark.parametrize(
    "text",
    [
        "on Tuesday",
        "last Thursday",
        "next Monday",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "last week",
        "next month",
        "this year",
        "over the weekend",
        "two days ago",
        "at dawn on Wednesday",
        "early this morning",
    ],
)
def test_a_date_counted_from_the_publication_date_is_relative(text):
    assert resolve(text, WED).basis == "relative"


def test_an_anaphoric_date_is_relative_and_old_constructors_default_to_stated():
    assert resolve("the same day", WED, anchor=dt.date(2025, 3, 18)).basis == "relative"
    assert Resolved(WED, None, "day").basis == "stated"
    assert Resolved(WED, None, "day", "relative").basis == "relative"


@pytest.mark.parametrize(
    "text, past, future",
    [
        ("on Monday", dt.date(2025, 3, 17), dt.date(2025, 3, 24)),
        ("Friday", dt.date(2025, 3, 14), dt.date(2025, 3, 21)),
        ("this Thursday", dt.date(2025, 3, 13), dt.date(2025, 3, 20)),
        ("on Wednesday", WED, WED),  # the publication day itself, either way
        ("Saturday morning", dt.date(2025, 3, 15), dt.date(2025, 3, 22)),
        ("late on Sunday", dt.date(2025, 3, 16), dt.date(2025, 3, 23)),
        ("at dawn on Tuesday", dt.date(2025, 3, 18), dt.date(2025, 3, 25)),
    ],
)
def test_a_bare_weekday_looks_forward_in_a_future_clause(text, past, future):
    assert resolve(text, WED).date == past
    got = resolve(text, WED, future=True)
    assert (got.date, got.precision, got.basis) == (future, "day", "relative")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("last Monday", dt.date(2025, 3, 17)),
        ("last Wednesday", dt.date(2025, 3, 12)),
        ("this past Friday", dt.date(2025, 3, 14)),
        ("next Monday", dt.date(2025, 3, 24)),
        ("next Wednesday", dt.date(2025, 3, 26)),
        ("at dawn next Monday", dt.date(2025, 3, 24)),
        ("yesterday", dt.date(2025, 3, 18)),
        ("tomorrow", dt.date(2025, 3, 20)),
        ("March 2", dt.date(2025, 3, 2)),
    ],
)
def test_future_leaves_last_next_and_dated_expressions_alone(text, expected):
    assert resolve(text, WED).date == expected
    assert resolve(text, WED, future=True).date == expected


def test_future_leaves_the_week_and_weekend_alone():
    for text in ("this week", "this weekend", "the weekend", "last week", "next week"):
        past, future = resolve(text, WED), resolve(text, WED, future=True)
        assert (past.date, past.end) == (future.date, future.end), text
    assert resolve("on Monday", None, future=True) is None  # still nothing without a publication date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on Christmas Day in 2019", dt.date(2026, 1, 9), dt.date(2019, 12, 25)),
        ("Christmas Eve", dt.date(2025, 12, 30), dt.date(2025, 12, 24)),
        ("New Year's Day", dt.date(2026, 1, 9), dt.date(2026, 1, 1)),
        ("over Orthodox Christmas", dt.date(2026, 1, 5), dt.date(2026, 1, 7)),
    ],
)
def test_holidays_with_a_fixed_day_resolve(text, published, expected):
    assert resolve(text, published).date == expected


def dated(pipe, text, published=dt.date(2025, 6, 12)):
    return {e.type: e.date for e in pipe.extract(text, published=published).events}


def test_a_date_on_a_noun_dates_that_act_only(pipe):
    text = "On Tuesday, Israeli jets struck Gaza in response to the May 30 raid on Sderot by Hamas."
    got = {e.trigger: e.date for e in pipe.extract(text, published=dt.date(2025, 6, 12)).events}
    assert got == {"struck": dt.date(2025, 6, 10), "raid": dt.date(2025, 5, 30)}


def test_a_halts_own_period_does_not_date_the_order(pipe):
    text = "Colombia's army chief has ordered a truce with the ELN over Christmas."
    got = dated(pipe, text, dt.date(2025, 12, 22))
    assert got["RETREAT"] == dt.date(2025, 12, 22)


def test_reported_past_perfect_and_promises_take_the_saying_date(pipe):
    got = dated(pipe, "The envoy said on Monday that Sudan and Chad had agreed to reopen the border.")
    assert got["AGREE"] == dt.date(2025, 6, 9)
    promise = dated(pipe, "The ELN told the church mediators that it would abide by the truce with Colombia.")
    assert promise["AGREE"] == dt.date(2025, 6, 12)
    plain = dated(pipe, "Sudan had long accused Chad of arming the rebels.")
    assert plain and all(d is None for d in plain.values())
