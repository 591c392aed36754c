"""The layouts ``generate`` writes and the dbt vars a build of each needs.

``contract`` is the raw contract; ``zendesk``, ``intercom`` and ``salesforce`` are the help desks' own
tables in Fivetran's layout, ``zendesk_airbyte`` Zendesk's streams as Airbyte lands them, ``kustomer``
Kustomer's records as a Singer tap-kustomer lands them, each read by the adapter the dbt var
``source_system`` selects. Shared by
``generate --layout``, ``bench --layout``, ``make demo SOURCE=...`` and the tests.
"""

from __future__ import annotations

import json
import sys
from typing import Any

LAYOUTS = ("contract", "zendesk", "intercom", "salesforce", "kustomer", "zendesk_airbyte")
# The demo tags each Zendesk ticket with its issue type after this prefix (both Zendesk layouts).
ZENDESK_ISSUE_TAG_PREFIX = "issue_"
# The demo writes each Intercom conversation's issue type into this conversation custom
# attribute (Fivetran lands custom attributes as columns of conversation_history).
INTERCOM_ISSUE_ATTRIBUTE = "custom_issue_type"
# The demo writes each Salesforce case's issue type into the standard field Case.Type.
SALESFORCE_ISSUE_COLUMN = "type"
# The demo writes each Kustomer conversation's issue type into this conversation custom
# attribute (attributes.custom; Kustomer suffixes a custom attribute's name with its type).
KUSTOMER_ISSUE_ATTRIBUTE = "issueTypeStr"


def dbt_vars(layout: str) -> dict[str, Any]:
    """The --vars of a dbt build on a layout's demo data."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    build_vars: dict[str, Any] = {}
    if layout != "contract":
        build_vars["source_system"] = layout
    if layout in ("zendesk", "zendesk_airbyte"):
        build_vars["zendesk_issue_type_tag_prefix"] = ZENDESK_ISSUE_TAG_PREFIX
    if layout == "intercom":
        build_vars["intercom_issue_type_column"] = INTERCOM_ISSUE_ATTRIBUTE
    if layout == "salesforce":
        build_vars["salesforce_issue_type_column"] = SALESFORCE_ISSUE_COLUMN
    if layout == "kustomer":
        build_vars["kustomer_issue_type_attribute"] = KUSTOMER_ISSUE_ATTRIBUTE
    return build_vars


def dbt_vars_json(layout: str) -> str:
    return json.dumps(dbt_vars(layout))


if __name__ == "__main__":
    # `python -m ai_resolution.source_layouts zendesk` prints that layout's --vars (make demo).
    print(dbt_vars_json(sys.argv[1] if len(sys.argv) > 1 else "contract"))
