{#-
    Within each partition, in the given order, the column never falls below
    its value on the row before: a running total of amounts that are never
    negative. Returns the rows where it falls.
-#}
{% test cumulative_never_decreases(model, column_name, partition_by, order_by) %}

{%- if partition_by is string or partition_by | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "cumulative_never_decreases on " ~ model ~ "." ~ column_name ~ ": partition_by is '" ~ partition_by
        ~ "'; expected a non-empty list of column names."
    ) }}
{%- endif %}

with

sequenced as (
    select
        {{ partition_by | join(', ') }},
        {{ order_by }} as sort_key,
        {{ column_name }} as cumulative_value,
        lag({{ column_name }}) over (
            partition by {{ partition_by | join(', ') }}
            order by {{ order_by }}
        ) as previous_value
    from {{ model }}
)

select *
from sequenced
where cumulative_value < previous_value

{% endtest %}
