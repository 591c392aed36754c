{#- One row per Zendesk user id that authors, acts or is assigned: who it is in the
    contract's terms, by the rules the Fivetran-layout adapter applies
    (zendesk_authors_sql in macros/sources/zendesk_rules.sql) on Airbyte's users stream:
    listed in source_ai_identities (source_system zendesk_airbyte, by user_id, email or
    role) → its counts_as; role end-user → customer; agent or admin → human_agent. -#}

{{ zendesk_authors_sql(ref("base_zendesk_airbyte__users"), "zendesk_airbyte") }}
