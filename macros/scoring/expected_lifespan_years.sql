{#-
    Expected remaining customer lifespan in years from the churn rate
    observed over one churn window of `window_days` days: under a constant
    churn rate a customer stays 1 / churn_rate windows, that is

        lifespan_years = (window_days / 365) / churn_rate

    capped at `max_years` (which is also the value when nobody churned).
    When no churn rate could be observed (no member bought in the base
    period, for example a history shorter than two windows) it is
    `default_years`. Computed in 8-byte doubles, the same on every engine.
-#}
{% macro expected_lifespan_years(churn_rate, window_days, max_years, default_years) -%}
    least(
        cast({{ max_years }} as double),
        case
            when {{ churn_rate }} is null then cast({{ default_years }} as double)
            when {{ churn_rate }} = 0 then cast({{ max_years }} as double)
            else cast({{ window_days }} as double) / 365 / cast({{ churn_rate }} as double)
        end
    )
{%- endmacro %}
