"""pytest hooks and shared fixtures only; what tests import lives in helpers/.

The engine is AI_RESOLUTION_TARGET (duckdb by default, postgres or spark; see
helpers/engines.py). Tests that only make sense on some engines carry
``@pytest.mark.engines("duckdb", ...)`` and are skipped on the others. Each test is also
marked with its tier, the folder it lives in (``unit``, ``dbt`` or ``e2e``; tests/README.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.dbt_run import TARGET, build_on_fixtures

# The folders of the test tiers; their markers are declared in pytest.ini.
TIERS = ("unit", "dbt", "e2e")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "engines(*names): run only when AI_RESOLUTION_TARGET is one of names")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        tier = item.path.parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
        marker = item.get_closest_marker("engines")
        if marker is not None and TARGET not in marker.args:
            item.add_marker(pytest.mark.skip(reason=f"runs on {', '.join(marker.args)} only, not on {TARGET}"))


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built once on the hand-made fixtures with default vars."""
    db_path = tmp_path_factory.mktemp("fixtures") / "fixtures.duckdb"
    build_on_fixtures(db_path)
    yield db_path
