{{ config(materialized="table", partition_by=none) }}

{#- The conversations that exist as of the evaluation time. -#}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("stg_support__tickets") }}

)

select
    ticket_id,
    customer_id,
    merged_into_ticket_id,
    channel,
    issue_type,
    status,
    is_spam,
    created_at
from tickets
where created_at <= {{ as_of_timestamp() }}
