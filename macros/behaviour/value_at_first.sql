{#-
    Aggregate: the value of `value_expression` on the row of the group with
    the smallest `order_expression`. Rows whose order is NULL are skipped (so a
    CASE in the order picks the first row that matches a condition); a NULL
    value on the chosen row is returned as NULL, not replaced by a later one.
    NULL when no row has an order. Give an order that is unique within the
    group (a sequence number) so that the pick is the same on every engine.
-#}
{% macro value_at_first(value_expression, order_expression) %}
    {{- adapter.dispatch('value_at_first', 'member_value')(value_expression, order_expression) -}}
{% endmacro %}

{% macro default__value_at_first(value_expression, order_expression) -%}
    {{ exceptions.raise_compiler_error(
        "value_at_first: no variant for adapter '" ~ adapter.type() ~ "'; portable SQL has no arg-min "
        ~ "aggregate, so add a " ~ adapter.type() ~ "__value_at_first macro (DuckDB and Spark have one)."
    ) }}
{%- endmacro %}

{#- arg_min_null keeps a NULL value on the chosen row (arg_min would skip to the next row). -#}
{% macro duckdb__value_at_first(value_expression, order_expression) -%}
    arg_min_null({{ value_expression }}, {{ order_expression }})
{%- endmacro %}

{#- min_by skips rows with a NULL order and returns the chosen row's value, NULL included. -#}
{% macro spark__value_at_first(value_expression, order_expression) -%}
    min_by({{ value_expression }}, {{ order_expression }})
{%- endmacro %}
