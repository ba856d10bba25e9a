{#-
    A query with one row per calendar month from the month of `start_date`
    to the month of `end_date`, both included: column `month_start` (date,
    the first day of the month). Both dates are SQL date expressions over
    `relation`, which must hold exactly one row (for example the analysis
    dates). No row when end_date's month precedes start_date's.
-#}
{% macro month_start_series(start_date, end_date, relation) %}
    {{- adapter.dispatch('month_start_series', 'member_value')(start_date, end_date, relation) -}}
{% endmacro %}

{% macro default__month_start_series(start_date, end_date, relation) -%}
    {{ exceptions.raise_compiler_error(
        "month_start_series: no variant for adapter '" ~ adapter.type() ~ "'; portable SQL cannot generate "
        ~ "a series of rows, so add a " ~ adapter.type() ~ "__month_start_series macro (DuckDB and Spark have one)."
    ) }}
{%- endmacro %}

{% macro duckdb__month_start_series(start_date, end_date, relation) -%}
    select cast(month_start as date) as month_start
    from (
        select unnest(generate_series(
            cast(date_trunc('month', {{ start_date }}) as date),
            cast(date_trunc('month', {{ end_date }}) as date),
            interval 1 month
        )) as month_start
        from {{ relation }}
    ) as months
{%- endmacro %}

{#- sequence() fails when the end precedes the start, so that case yields no row explicitly. -#}
{% macro spark__month_start_series(start_date, end_date, relation) -%}
    select explode(
        case
            when cast(date_trunc('month', {{ start_date }}) as date) <= cast(date_trunc('month', {{ end_date }}) as date)
                then sequence(
                    cast(date_trunc('month', {{ start_date }}) as date),
                    cast(date_trunc('month', {{ end_date }}) as date),
                    interval 1 month
                )
            else array()
        end
    ) as month_start
    from {{ relation }}
{%- endmacro %}
