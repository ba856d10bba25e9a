{#-
    One row per combination, not per event, so it stays small as the events
    grow. int_sessions_stitched carries this code through its window passes
    instead of four strings per event and decodes it once per session.
    Stored (not a view) so that the planner knows how small it is.
-#}

with

events as (
    select * from {{ ref('stg_shop__events') }}
),

channels as (
    select distinct
        platform,
        utm_source,
        utm_medium,
        utm_campaign
    from events
),

final as (
    select
        row_number() over (
            order by
                platform asc nulls first,
                utm_source asc nulls first,
                utm_medium asc nulls first,
                utm_campaign asc nulls first
        ) as channel_code,
        platform,
        utm_source,
        utm_medium,
        utm_campaign
    from channels
)

select * from final
