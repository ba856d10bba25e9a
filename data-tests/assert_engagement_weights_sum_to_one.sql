-- The engagement weights add up to 1, so the score spans 0 to 100.
select sum(weight) as total_weight
from {{ ref('engagement_weights') }}
having abs(sum(weight) - 1) > 0.0001
