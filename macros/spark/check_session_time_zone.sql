{#-
    On Spark, stops the run unless the session time zone is UTC. Spark reads
    timestamp literals without an offset, casts to date and truncates in the
    session's zone, so under any other zone dates would shift silently. The
    project's profiles set spark.sql.session.timeZone to UTC; this catches a
    profile of one's own that does not. DuckDB needs no check: the project
    converts every timestamp to UTC when it parses it.
-#}
{% macro check_session_time_zone() %}
    {{- adapter.dispatch('check_session_time_zone', 'member_value')() -}}
{% endmacro %}

{% macro default__check_session_time_zone() -%}
{%- endmacro %}

{% macro spark__check_session_time_zone() -%}
    {%- if execute -%}
        {%- set zone = run_query('select current_timezone()').columns[0].values()[0] -%}
        {%- if zone not in ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', '+00:00'] -%}
            {{ exceptions.raise_compiler_error(
                "The Spark session time zone is '" ~ zone ~ "'; this project needs UTC. Set "
                ~ "spark.sql.session.timeZone: UTC in the profile's server_side_parameters "
                ~ "(or in the Thrift server's configuration)."
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
