-- The funnel report counts every session of fct_sessions exactly once (the
-- tier join neither drops nor repeats one), and its purchase sessions are
-- the sessions of fct_sessions with a purchase.
with

funnel as (
    select
        sum(page_view_session_count) as session_count,
        sum(purchase_session_count) as purchase_session_count
    from {{ ref('rpt_conversion_funnel') }}
),

sessions as (
    select
        count(*) as session_count,
        sum(case when has_purchase then 1 else 0 end) as purchase_session_count
    from {{ ref('fct_sessions') }}
)

select
    funnel.session_count as funnel_sessions,
    sessions.session_count as fct_sessions,
    funnel.purchase_session_count as funnel_purchase_sessions,
    sessions.purchase_session_count as fct_purchase_sessions
from funnel
cross join sessions
where
    coalesce(funnel.session_count, 0) <> sessions.session_count
    or coalesce(funnel.purchase_session_count, 0) <> coalesce(sessions.purchase_session_count, 0)
