{#-
    True when a value was present in the file but did not parse: its cleaned
    text is there and its parsed form is NULL. Pass the two columns, which
    the base models compute once each.
-#}
{% macro is_unparseable(text_column, parsed_column) -%}
    ({{ text_column }} is not null and {{ parsed_column }} is null)
{%- endmacro %}
