{#- The tags of each ticket's latest copy, one row per ticket and tag, lower-cased (spam
    tags, closed_by_merge, issue-type tags, AI tags): the shape of the Fivetran layout's
    base_zendesk__ticket_tag. Empty when the tickets carry no tags column. -#}

with

tickets as (

    select
        ticket_id,
        tags
    from {{ ref("base_zendesk_airbyte__tickets") }}
    where tags is not null

),

elements as (

    select
        ticket_id,
        {{ json_array_elements("tags") }} as tag_json
    from tickets

),

tags as (

    select
        ticket_id,
        nullif(lower(trim({{ json_element_text("tag_json") }})), '') as tag
    from elements

)

select distinct
    ticket_id,
    tag
from tags
where tag is not null
