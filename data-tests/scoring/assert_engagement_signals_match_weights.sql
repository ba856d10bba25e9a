-- Every signal the engagement model computes has a weight in the
-- engagement_weights seed, and every weighted signal is computed, so that no
-- weight is lost and the score can reach 100.
with

computed as (
    select distinct signal_name from {{ ref('int_engagement_signals_normalised') }}
),

weighted as (
    select signal as signal_name from {{ ref('engagement_weights') }}
)

select
    coalesce(computed.signal_name, weighted.signal_name) as signal_name,
    computed.signal_name is not null as is_computed,
    weighted.signal_name is not null as is_weighted
from computed
full outer join weighted
    on computed.signal_name = weighted.signal_name
where computed.signal_name is null or weighted.signal_name is null
