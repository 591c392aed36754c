"""Read the built marts on any engine through the dbt profile's own connection.

``open_warehouse`` loads the profile dbt uses (``profiles/profiles.yml`` or
``$DBT_PROFILES_DIR``), picks the target, and opens the adapter's connection: DuckDB
(read-only), PostgreSQL or Spark. The CLI's read commands (summary, report, explain,
publish) query through it, so they work wherever ``dbt build`` ran.
"""

from ai_resolution.warehouse.errors import WarehouseError
from ai_resolution.warehouse.session import Warehouse, open_warehouse

__all__ = ["Warehouse", "WarehouseError", "open_warehouse"]
