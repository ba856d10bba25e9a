{#-
    The rows of base_shop__<table_name> that passed every check but lost to
    another row with the same key (ranked_duplicates(), key_rank > 1): the
    quarantine's duplicate_key rows.
-#}
{% macro duplicate_removals(table_name) -%}
    select *
    from ({{ ranked_duplicates(table_name) }}) as ranked
    where key_rank > 1
{%- endmacro %}
