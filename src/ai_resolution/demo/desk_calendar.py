"""The support desks' calendars the demo traffic follows: customers' local time and holidays.

Customers write when they are awake and at work, in their own time zone, and write less on
the desk's public holidays. The generator takes both from the business-hours seeds the
project ships (and the user edits): ``seeds/channel_schedules.csv`` (which desk serves a
channel), ``seeds/business_schedules.csv`` (the desk's time zone) and
``seeds/business_holidays.csv`` (its holidays). Channels without a desk (api, other) follow
UTC and have no holidays.

Outside a checkout (an installed package with no dbt project found) the copy in
``catalog.DEFAULT_DESKS`` is used instead. The same seed files and ``--seed`` always give the
same rows; editing a seed changes the traffic of the next ``generate``.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from ai_resolution.demo import catalog as c
from ai_resolution.demo.chunk import DAY, HOUR, I64
from ai_resolution.project import ProjectNotFound, project_dir

SEED_FILES = ("channel_schedules.csv", "business_schedules.csv", "business_holidays.csv")


@dataclass(frozen=True)
class Desk:
    """One desk's calendar: its time zone and holidays (local dates)."""

    name: str
    timezone: str
    holidays: frozenset[dt.date]


@dataclass(frozen=True)
class DeskCalendar:
    """Which desk serves each channel (index = channel code; None: no desk, UTC, no holidays)."""

    desks: tuple[Desk, ...]
    channel_desk: tuple[int | None, ...]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def _from_seeds(folder: Path) -> DeskCalendar:
    channel_rows = _rows(folder / "channel_schedules.csv")
    zone_of: dict[str, str] = {}
    for row in _rows(folder / "business_schedules.csv"):
        zone_of.setdefault(row["schedule_id"], row["timezone"])
    holidays: dict[str, set[dt.date]] = {}
    for row in _rows(folder / "business_holidays.csv"):
        holidays.setdefault(row["schedule_id"], set()).add(dt.date.fromisoformat(row["holiday_date"]))
    return _calendar(
        {row["channel"].lower(): row["schedule_id"] for row in channel_rows},
        {name: (zone, frozenset(holidays.get(name, ()))) for name, zone in zone_of.items()},
    )


def _calendar(channel_desk: dict[str, str], desks: dict[str, tuple[str, frozenset[dt.date]]]) -> DeskCalendar:
    names = sorted(name for name in set(channel_desk.values()) if name in desks)
    index = {name: i for i, name in enumerate(names)}
    return DeskCalendar(
        desks=tuple(Desk(name, *desks[name]) for name in names),
        channel_desk=tuple(index.get(channel_desk.get(channel, "")) for channel in c.CHANNELS),
    )


def _seed_folder() -> Path | None:
    try:
        folder = project_dir() / "seeds"
    except ProjectNotFound:
        return None
    return folder if all((folder / name).is_file() for name in SEED_FILES) else None


@cache
def desk_calendar() -> DeskCalendar:
    """The seeds' calendar when the dbt project is found, else the packaged copy (read once)."""
    folder = _seed_folder()
    return packaged_calendar() if folder is None else seed_calendar(folder)


def seed_calendar(folder: Path) -> DeskCalendar:
    """The calendar of the business-hours seeds in ``folder``."""
    return _from_seeds(folder)


def packaged_calendar() -> DeskCalendar:
    """The copy of the seeds in ``catalog``, for a generator run outside a checkout."""
    return _calendar(
        c.DEFAULT_CHANNEL_DESK,
        {
            name: (zone, frozenset(dt.date.fromisoformat(day) for day in days))
            for name, (zone, days) in c.DEFAULT_DESKS.items()
        },
    )


def utc_offsets(timezone: str, start_s: int, days: int) -> np.ndarray:
    """Seconds to add to UTC to get the desk's local time, at local noon of each day
    (a time zone the system does not know counts as UTC)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return np.zeros(days, dtype=I64)
    out = np.empty(days, dtype=I64)
    for d in range(days):
        noon = dt.datetime.fromtimestamp(start_s + d * DAY + 12 * HOUR, tz=dt.UTC)
        offset = noon.astimezone(zone).utcoffset()
        out[d] = int(offset.total_seconds()) if offset else 0
    return out


def holiday_days(desk: Desk, start_s: int, days: int) -> np.ndarray:
    """Which of the period's days (local dates) are holidays of the desk."""
    first = dt.datetime.fromtimestamp(start_s, tz=dt.UTC).date()
    return np.array([first + dt.timedelta(days=d) in desk.holidays for d in range(days)], dtype=bool)
