{#- One row per conversation and external judge: the judge's verdict set beside our
    outcome. `agrees` compares them only where our outcome is final and counts in the
    rates (mature, not excluded) and the verdict is known; `disagreement` says in words
    what our rules saw that the judge did not (or the reverse). Verdicts on tickets that
    are not in scope are quarantined (fct_quarantined_rows), so every verdict here has a
    conversation. -#}

with

verdicts as {{ inline_cte() }} (

    select * from {{ ref("stg_support__resolution_verdicts") }}

),

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}

),

joined as (

    select
        verdicts.verdict_id,
        verdicts.ticket_id,
        verdicts.verdict_source,
        verdicts.verdict,
        verdicts.native_verdict,
        verdicts.decided_at,
        conversations.created_at,
        conversations.outcome,
        conversations.outcome_reason,
        conversations.is_mature,
        conversations.first_solved_at,
        case
            when conversations.outcome_reason = 'repeat_contact' then conversations.repeat_contact_at
            else conversations.reopened_at
        end as returned_at,
        conversations.outcome not in ('excluded', 'pending') and verdicts.verdict != 'unknown' as is_compared,
        conversations.outcome in ('ai_resolved_confirmed', 'ai_resolved_assumed') as is_ours_resolved
    from verdicts
    inner join conversations
        on verdicts.ticket_id = conversations.ticket_id

),

compared as (

    select
        *,
        case
            when not is_compared then null
            when verdict = 'resolved' then is_ours_resolved
            else not is_ours_resolved
        end as agrees,
        -- Whole hours, rounded up: "within 3 h" of the first solve.
        cast(
            ceil({{ minutes_between("first_solved_at", "returned_at") }} / 60) as {{ dbt.type_int() }}
        ) as hours_to_return
    from joined

),

-- What our rules saw, in words; the reopen and repeat-contact reasons carry how soon.
explained as (

    select
        *,
        case outcome_reason
            when 'reopened_by_status' then {{ dbt.concat([
                "'the ticket was reopened within '", dbt.cast("hours_to_return", dbt.type_string()),
                "' h of the first solve'",
            ]) }}
            when 'reopened_by_customer_message' then {{ dbt.concat([
                "'the customer wrote again within '", dbt.cast("hours_to_return", dbt.type_string()),
                "' h of the first solve'",
            ]) }}
            when 'repeat_contact' then {{ dbt.concat([
                "'the customer opened a new ticket on the same issue within '",
                dbt.cast("hours_to_return", dbt.type_string()), "' h of the first solve'",
            ]) }}
            when 'customer_rejected' then 'the customer rejected the answer'
            when 'csat_negative' then 'the customer gave a negative CSAT'
            when 'handoff_unserved' then 'a handoff was requested and no human came'
            when 'inactive_unsolved' then 'never solved, then inactive'
            when 'unanswered_customer' then 'the customer had the last word'
            when 'policy_violation' then 'the AI breached a critical policy'
            when 'human_replied' then 'a human replied'
            when 'human_note' then 'a human wrote an internal note'
            when 'assigned_to_human' then 'a human was assigned'
            when 'human_changed_status' then 'a human changed the status'
            when 'no_ai_involvement' then 'the AI was not involved'
            when 'customer_confirmed' then 'the customer confirmed the resolution'
            when 'csat_confirmed' then 'the customer gave a positive CSAT'
            when 'solved_no_return' then 'the AI solved it and nothing came back'
        end as outcome_evidence
    from compared

)

select
    cast(verdict_id as {{ dbt.type_string() }}) as verdict_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(verdict_source as {{ dbt.type_string() }}) as verdict_source,
    cast(verdict as {{ dbt.type_string() }}) as verdict,
    cast(native_verdict as {{ dbt.type_string() }}) as native_verdict,
    cast(decided_at as {{ dbt.type_timestamp() }}) as decided_at,
    cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
    cast(outcome as {{ dbt.type_string() }}) as outcome,
    cast(outcome_reason as {{ dbt.type_string() }}) as outcome_reason,
    cast(is_mature as {{ dbt.type_boolean() }}) as is_mature,
    cast(is_compared as {{ dbt.type_boolean() }}) as is_compared,
    cast(agrees as {{ dbt.type_boolean() }}) as agrees,
    cast(
        case
            when not agrees then {{ dbt.concat([
                "verdict_source", "' says '", "replace(verdict, '_', ' ')", "'; ours is '", "outcome",
                "': '", "outcome_evidence",
            ]) }}
        end as {{ dbt.type_string() }}
    ) as disagreement
from explained
