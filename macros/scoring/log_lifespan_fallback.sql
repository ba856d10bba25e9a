{#- Post-hook of int_churn_rate_estimated: one log line when the lifespan falls back to its default. -#}
{% macro log_lifespan_fallback(relation) %}
    {%- if execute -%}
        {%- set found = run_query("select expected_lifespan_years from " ~ relation ~ " where is_lifespan_default") -%}
        {%- if found.rows -%}
            {{ log("member_value: no churn rate can be measured (nobody bought in the churn base period);"
                ~ " formula CLV uses var('clv_default_lifespan_years') = " ~ found.rows[0][0] ~ " years"
                ~ " (int_churn_rate_estimated.is_lifespan_default).", info=true) }}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
