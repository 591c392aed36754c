"""The demo generator's copy of the business-hours seeds (used outside a checkout) matches them."""

from __future__ import annotations

import datetime as dt

from ai_resolution.demo.desk_calendar import packaged_calendar, seed_calendar
from ai_resolution.demo.generate import DEFAULT_DAYS, DEFAULT_START
from helpers.paths import PROJECT_DIR


def test_the_packaged_calendar_is_the_seeds() -> None:
    assert packaged_calendar() == seed_calendar(PROJECT_DIR / "seeds")


def test_the_default_period_has_a_holiday_of_every_desk() -> None:
    start = dt.date.fromisoformat(DEFAULT_START)
    period = {start + dt.timedelta(days=d) for d in range(DEFAULT_DAYS)}
    for desk in seed_calendar(PROJECT_DIR / "seeds").desks:
        assert desk.holidays & period, desk.name
