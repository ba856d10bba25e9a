-- The funnel_steps seed uses exactly the five steps the funnel report has
-- columns for, each under one name: 1 page_view, 2 product_view,
-- 3 add_to_cart, 4 begin_checkout, 5 purchase.
with

expected_steps as (
    select
        1 as funnel_step_number,
        'page_view' as funnel_step
    union all
    select
        2 as funnel_step_number,
        'product_view' as funnel_step
    union all
    select
        3 as funnel_step_number,
        'add_to_cart' as funnel_step
    union all
    select
        4 as funnel_step_number,
        'begin_checkout' as funnel_step
    union all
    select
        5 as funnel_step_number,
        'purchase' as funnel_step
),

seeded_steps as (
    select distinct
        funnel_step_number,
        funnel_step
    from {{ ref('funnel_steps') }}
)

select
    coalesce(expected_steps.funnel_step_number, seeded_steps.funnel_step_number) as funnel_step_number,
    expected_steps.funnel_step as expected_step,
    seeded_steps.funnel_step as seeded_step
from expected_steps
full outer join seeded_steps
    on
        expected_steps.funnel_step_number = seeded_steps.funnel_step_number
        and expected_steps.funnel_step = seeded_steps.funnel_step
where expected_steps.funnel_step is null or seeded_steps.funnel_step is null
