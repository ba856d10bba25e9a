{#-
    Makes the calling staging model wait for stg_shop__quarantine, whose
    post-hook stops the build when a raw table is mostly quarantined
    (var('quarantine_fail_share')). dbt skips everything downstream of a
    failed node, so nothing is then built on a mostly rejected table. Renders
    as a SQL comment; the dependency is the ref() dbt records when it parses it.
-#}
{% macro after_quarantine_check() -%}
    -- depends_on: {{ ref('stg_shop__quarantine') }}
{%- endmacro %}
