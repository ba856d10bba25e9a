{#-
    The most tiers a tier-rules seed may have (tier_rank 1 to this, without
    gaps). The tier assignment is written out once per possible rank, so
    that it is one CASE per row instead of a join.
-#}
{% macro max_tier_count() %}
    {{ return(9) }}
{% endmacro %}
