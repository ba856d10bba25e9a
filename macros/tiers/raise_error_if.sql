{#-
    A boolean SQL expression that is true while `message_expression` is NULL
    and stops the query with that message when it is not. Use it in a WHERE
    clause to make a build fail on bad configuration with a sentence that
    names the seed and the row, instead of computing wrong results.
-#}
{% macro raise_error_if(message_expression) %}
    {{ return(adapter.dispatch('raise_error_if', 'member_value')(message_expression)) }}
{% endmacro %}

{% macro default__raise_error_if(message_expression) -%}
    {{ exceptions.raise_compiler_error(
        "raise_error_if has no variant for the '" ~ adapter.type() ~ "' adapter; it knows duckdb and spark."
    ) }}
{%- endmacro %}

{% macro duckdb__raise_error_if(message_expression) -%}
    case when {{ message_expression }} is null then true else cast(error({{ message_expression }}) as boolean) end
{%- endmacro %}

{% macro spark__raise_error_if(message_expression) -%}
    case when {{ message_expression }} is null then true else cast(raise_error({{ message_expression }}) as boolean) end
{%- endmacro %}
