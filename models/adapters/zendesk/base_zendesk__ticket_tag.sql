-- sqlfluff:indentation:template_blocks_indent:false
{#- Zendesk ticket tags, lower-cased (spam tags, the closed_by_merge tag, issue-type
    tags, AI tags). The table is optional; its column is `tag` or, in some loads, `tags`. -#}
{%- set raw = zendesk_relation("ticket_tag") %}
{%- set tag_column = "tags" if raw is not none and not column_present(raw, "tag") else "tag" %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}

)

select distinct
    {{ zendesk_id("ticket_id") }} as ticket_id,
    nullif(lower(trim(cast({{ tag_column }} as {{ dbt.type_string() }}))), '') as tag
from source
where nullif(trim(cast({{ tag_column }} as {{ dbt.type_string() }})), '') is not null

{%- else %}

-- ticket_tag was not delivered: no tags.
select
    cast(null as {{ dbt.type_string() }}) as ticket_id,
    cast(null as {{ dbt.type_string() }}) as tag
where 1 = 0

{%- endif %}
