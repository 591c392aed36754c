{#- One row per Zendesk user id that authors, acts or is assigned: who it is in the
    contract's terms. Listed in source_ai_identities (by user_id, email or role) → its
    counts_as (ai_agent, or system for automation that is not AI); role end-user →
    customer; agent or admin → human_agent. Ids listed as AI need no user row. The
    system user (-1) and missing authors are handled where they appear (system). The
    rules are shared with the Airbyte-layout adapter (macros/sources/zendesk_rules.sql). -#}

{{ zendesk_authors_sql(ref("base_zendesk__user"), "zendesk") }}
