"""Helpers for the monitor tests: observations and a small city with three districts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories
from wijkaanpak.monitor.models import DataSource, IndexSettings, Observation


def add(area, indicator, period: int, value: float | None, status: str = "ok") -> Observation:
    source, _ = DataSource.objects.get_or_create(name="test")
    return Observation.objects.create(
        area=area, indicator=indicator, period=period, value=value, status=status, source=source
    )


@dataclass
class City:
    municipality: object
    a: object
    b: object
    c: object
    x: object  # higher is better, objective
    y: object  # lower is better, objective
    s: object  # lower is better, subjective (survey)


@pytest.fixture
def city(db) -> City:
    """Three districts with hand-picked figures for 2020 (the base year) and 2021.

    x (higher better): A 10, B 20, C 30, city 20  -> mean 20, population SD sqrt(200/3)
    y (lower better):  A 5,  B 5,  C 8,  city 6   -> mean 6,  SD sqrt(2)
    s (lower, survey): A 30, B 20, C 10, city 20  -> mean 20, SD sqrt(200/3)
    """
    m = factories.AreaFactory(code="GM0999", name="Teststad")
    a = factories.AreaFactory(district=True, parent=m, code="WK099901", name="Wijk A")
    b = factories.AreaFactory(district=True, parent=m, code="WK099902", name="Wijk B")
    c = factories.AreaFactory(district=True, parent=m, code="WK099903", name="Wijk C")
    x = factories.IndicatorFactory(code="x_werk", direction="higher", theme="work")
    y = factories.IndicatorFactory(code="y_bijstand", direction="lower", theme="work")
    s = factories.IndicatorFactory(
        code="s_zorgen", direction="lower", theme="work", is_subjective=True
    )
    for area, values in [(a, (10, 5, 30)), (b, (20, 5, 20)), (c, (30, 8, 10)), (m, (20, 6, 20))]:
        for indicator, value in zip((x, y, s), values, strict=True):
            add(area, indicator, 2020, value)
    add(a, x, 2021, 20)  # A catches up with the city average on x
    add(a, y, 2021, 5)
    add(a, s, 2021, 30)
    IndexSettings.objects.create(
        base_year=2020,
        members=[
            {"code": "x_werk", "domain": "sociaal", "theme": "werk"},
            {"code": "y_bijstand", "domain": "sociaal", "theme": "werk"},
            {"code": "s_zorgen", "domain": "sociaal", "theme": "werk"},
        ],
    )
    return City(m, a, b, c, x, y, s)
