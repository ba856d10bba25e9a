-- Every event type the project accepts (var('accepted_values').event_type)
-- has a funnel step in the funnel_steps seed, so that no session goes without
-- a furthest step. (The seed's own event types are checked against the list
-- by its accepted_category test.)
with

accepted_event_types as (
    {% for event_type in var('accepted_values')['event_type'] -%}
        select {{ sql_string(event_type) }} as event_type
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

funnel_steps as (
    select * from {{ ref('funnel_steps') }}
)

select accepted_event_types.event_type
from accepted_event_types
left join funnel_steps
    on accepted_event_types.event_type = funnel_steps.event_type
where funnel_steps.event_type is null
