{#-
    The latest believable timestamp: var('future_timestamp_cutoff') when set
    (`YYYY-MM-DD HH:MM:SS`), otherwise the moment this dbt run started (UTC).
    Raw timestamps after it are quarantined as future_timestamp.
-#}
{% macro future_timestamp_cutoff() -%}
    {%- set configured = var('future_timestamp_cutoff') | string | trim -%}
    {%- if configured == '' -%}
        {%- set cutoff = run_started_at.strftime('%Y-%m-%d %H:%M:%S') -%}
    {%- elif modules.re.fullmatch('\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?', configured) -%}
        {%- set cutoff = configured -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var('future_timestamp_cutoff') is '" ~ configured
            ~ "'; expected 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (UTC), or empty for the run's start time."
        ) }}
    {%- endif -%}
    cast({{ sql_string(cutoff) }} as {{ dbt.type_timestamp() }})
{%- endmacro %}
