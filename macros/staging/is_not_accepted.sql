{#-
    True when a cleaned categorical expression holds a value outside its list
    in var('accepted_values'). NULL is not judged here: required columns are
    checked for presence separately.
-#}
{% macro is_not_accepted(expression, domain) -%}
    {%- set domains = var('accepted_values') -%}
    {%- if domain not in domains -%}
        {{ exceptions.raise_compiler_error(
            "is_not_accepted: no list '" ~ domain ~ "' in var('accepted_values'); known lists: "
            ~ (domains.keys() | sort | join(", ")) ~ "."
        ) }}
    {%- endif -%}
    ({{ expression }} is not null and {{ expression }} not in (
        {%- for value in domains[domain] -%}
            {{ sql_string(value) }}{{ ", " if not loop.last }}
        {%- endfor -%}
    ))
{%- endmacro %}
