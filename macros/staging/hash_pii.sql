{#-
    Salted SHA-256 of a personal value, so members can be matched across
    tables without the value leaving staging. The salt is var('pii_salt')
    (env var MEMBER_VALUE_PII_SALT).
-#}
{% macro hash_pii(expression) -%}
    {{ hash_text(dbt.concat([sql_string(var('pii_salt')), expression])) }}
{%- endmacro %}
