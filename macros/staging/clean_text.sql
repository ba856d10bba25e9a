{#-
    The one cleaning rule of every text value: white space (tabs, line
    breaks, no-break and other Unicode spaces), zero-width characters and the
    byte-order mark are removed from both ends (edge_whitespace_characters());
    a value left empty becomes NULL. Inner characters are kept.
-#}
{% macro clean_text(column_name) -%}
    {{ adapter.dispatch('clean_text', 'member_value')(column_name) }}
{%- endmacro %}

{% macro default__clean_text(column_name) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no clean_text for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__clean_text macro that trims edge_whitespace_characters() from both ends."
    ) }}
{%- endmacro %}

{#-
    DuckDB: trim() with a character list is slow, so it runs only on values
    whose first or last character is not printable ASCII (a cheap GLOB);
    plain values pass through as they are.
-#}
{% macro duckdb__clean_text(column_name) -%}
    nullif(
        case
            when {{ column_name }} glob '[!!-~]*' or {{ column_name }} glob '*[!!-~]'
                then trim({{ column_name }}, {{ sql_string(edge_whitespace_characters()) }})
            else {{ column_name }}
        end,
        ''
    )
{%- endmacro %}
