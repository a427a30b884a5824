"""Wall-clock meeting times in IANA zones, read from the tzdata package on every OS.

The system's zoneinfo is not used: it differs between machines (and Windows has none), and the
GMT offsets printed must be the same everywhere (Kazakhstan moved from UTC+6 to UTC+5 on 1 March 2024).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from ..errors import SpecError


@lru_cache(maxsize=None)
def zone(key: str) -> ZoneInfo:
    """The zone ``key`` from the tzdata package.

    >>> zone("Asia/Almaty").key
    'Asia/Almaty'
    """
    parts = key.split("/")
    if not key or any(not part or part.startswith(".") for part in parts):
        raise SpecError(f"'{key}' is not an IANA time zone", hint="e.g. Asia/Almaty, Europe/Vienna")
    try:
        with resources.files("tzdata.zoneinfo").joinpath(*parts).open("rb") as handle:
            return ZoneInfo.from_file(handle, key=key)
    except (OSError, ValueError):
        raise SpecError(f"unknown time zone '{key}'", hint="use an IANA name such as Asia/Almaty") from None


def localize(start: dt.datetime, key: str, ambiguous: str | None = None) -> dt.datetime:
    """``start`` (naive wall-clock time) in zone ``key``; a time that does not exist, or exists twice
    without ``ambiguous`` saying which, is an error.

    >>> localize(dt.datetime(2021, 9, 24, 14), "Asia/Almaty").utcoffset()
    datetime.timedelta(seconds=21600)
    >>> localize(dt.datetime(2024, 3, 4, 14), "Asia/Almaty").utcoffset()
    datetime.timedelta(seconds=18000)
    """
    tz = zone(key)
    earlier, later = start.replace(tzinfo=tz, fold=0), start.replace(tzinfo=tz, fold=1)
    try:
        round_trip = earlier.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None)
        earlier.utcoffset(), later.utcoffset()
    except (OverflowError, ValueError):
        raise SpecError(f"{start.date().isoformat()} {start:%H:%M} in {key} is at the edge of the calendar", field="meeting.start",
                        hint="give a date between the years 2 and 9998") from None
    if round_trip != start:
        raise SpecError(f"{start:%Y-%m-%d %H:%M} does not exist in {key} (the clocks go forward then)",
                        field="meeting.start", hint="pick a time outside the daylight-saving gap")
    if earlier.utcoffset() != later.utcoffset():
        if ambiguous is None:
            raise SpecError(f"{start:%Y-%m-%d %H:%M} happens twice in {key} (the clocks go back then)",
                            field="meeting.start", hint="add `ambiguous: earlier` or `ambiguous: later` to meeting")
        return later if ambiguous == "later" else earlier
    return earlier


def offset_minutes(moment: dt.datetime) -> int:
    """
    >>> offset_minutes(localize(dt.datetime(2026, 1, 15, 16, 5), "Asia/Kolkata"))
    330
    """
    return int(moment.utcoffset().total_seconds() // 60)
