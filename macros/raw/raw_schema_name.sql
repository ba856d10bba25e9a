{#-
    var('raw_schema'), the schema the raw relations are registered in, once
    checked: a plain identifier (a letter or underscore, then letters, digits
    or underscores). Anything else stops the run with a message, because the
    name is used in DDL.
-#}
{% macro raw_schema_name() %}
    {%- set name = var('raw_schema') | string -%}
    {%- if not modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]*', name) -%}
        {{ exceptions.raise_compiler_error(
            "var('raw_schema') is '" ~ name ~ "'; it must be a plain schema name: a letter or underscore,"
            ~ " then letters, digits or underscores (for example raw)."
        ) }}
    {%- endif -%}
    {{ return(name) }}
{% endmacro %}
