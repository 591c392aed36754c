"""How fast the demo's loads are compressed, and how to undo it.

``generate`` stamps the whole simulated history as loaded in the minutes before it runs, as a
backfill would (``demo.load_time``). A benchmark or a test of scheduled runs stands for a
loader that ran all along instead: ``spread_loads`` stretches the loads back. A top-level
module, so ``bench`` and the demo subpackage share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

LOAD_US_PER_SECOND = 100  # one second of simulated loading takes 100 µs of the run


def spread_loads(con: Any, schema: str, tables: Iterable[str]) -> None:
    """Stretch a generated backfill back to a continuous loader's natural spacing.

    ``generate`` loads the whole history in the minutes before it runs. A benchmark or a test
    of scheduled runs stands for a loader that ran all along: each row loaded minutes to hours
    after its activity. The newest load stays where it is, so ``dbt source freshness`` still
    passes, and every ordering between rows is kept (the map is increasing).
    """
    names = list(tables)
    stretch = 1_000_000 // LOAD_US_PER_SECOND
    newest = [con.execute(f"select max(_loaded_at) from {schema}.{name}").fetchone()[0] for name in names]
    loaded = max(value for value in newest if value is not None)
    for name in names:
        con.execute(
            f"update {schema}.{name} set _loaded_at = $loaded - (($loaded - _loaded_at) * {stretch})",
            {"loaded": loaded},
        )
