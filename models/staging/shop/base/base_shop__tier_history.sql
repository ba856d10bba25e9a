{#- The raw table has no id of its own: a change is keyed by member and effective time. -#}
{%- set effective_at = format_timestamp(to_timestamp(clean_text('effective_at'))) %}
{%- set row_key = dbt.concat([clean_text('member_id'), "'|'", effective_at]) %}

with

source as (
    select * from {{ source('shop', 'tier_history') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'tier_history'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

cleaned as (
    select
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('tier') }} as tier,
        {{ clean_category('change_reason') }} as change_reason,
        {{ clean_text('effective_at') }} as effective_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_timestamp('effective_at_text') }} as effective_at
    from cleaned
),

keyed as (
    select
        typed.*,
        {{ dbt.concat(['member_id', "'|'", format_timestamp('effective_at')]) }} as row_key
    from typed
),

checked as (
    select
        keyed.*,
        case
            when keyed.member_id is null then 'missing_key:member_id'
            when keyed.effective_at_text is null then 'missing_key:effective_at'
            when keyed.tier is null then 'missing_value:tier'
            when {{ is_unparseable('keyed.effective_at_text', 'keyed.effective_at') }}
                then 'invalid_timestamp:effective_at'
            when keyed.effective_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:effective_at'
            when keyed.effective_at < {{ date_floor() }} then 'before_date_floor:effective_at'
            when {{ is_not_accepted('keyed.tier', 'tier') }} then 'invalid_category:tier'
            when {{ is_not_accepted('keyed.change_reason', 'tier_change_reason') }}
                then 'invalid_category:change_reason'
            when members.member_id is null then 'orphan_member:member_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from keyed
    left join members
        on keyed.member_id = members.member_id
    left join duplicated_keys
        on keyed.row_key = duplicated_keys.row_key
),

final as (
    select
        member_id,
        tier,
        change_reason,
        effective_at,
        row_key,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
