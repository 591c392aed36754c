{#- Which tickets were merged into which: one row per id in via.source.from.ticket_ids of
    an audit whose via.source.rel is merge (the update of the target ticket that took the
    merged tickets in). The shape of the Fivetran layout's merged_ticket_ids, split. -#}

with

merge_audits as (

    select
        ticket_id,
        merged_ticket_ids
    from {{ ref("base_zendesk_airbyte__ticket_audits") }}
    where merged_ticket_ids is not null and not is_deleted_in_source

),

elements as (

    select
        ticket_id,
        {{ json_array_elements("merged_ticket_ids") }} as id_json
    from merge_audits

)

select distinct
    ticket_id as target_ticket_id,
    nullif(trim({{ json_element_text("id_json") }}), '') as merged_ticket_id
from elements
