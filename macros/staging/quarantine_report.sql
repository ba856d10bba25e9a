{#-
    Per raw table: rows read, rows quarantined and the most frequent reasons
    (with the column that failed), from the built quarantine. A malformed CSV
    record counts with every physical line it holds. Returns a list of dicts
    {table, raw_rows, quarantined_rows, share, top_reasons}; empty when the
    quarantine has not been built.
-#}
{% macro quarantine_report() %}
    {#- Relations from the graph: ref() and source() are not resolved in hooks. -#}
    {%- set quarantine = graph_relation('model.' ~ project_name ~ '.stg_shop__quarantine') -%}
    {%- if load_relation(quarantine) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set malformed = graph_relation('source.' ~ project_name ~ '.raw_registration.malformed_lines') -%}
    {%- set counts_sql -%}
        {%- for table_name in raw_table_names() %}
        select
            {{ sql_string(table_name) }} as source_table,
            (select count(*) from {{ graph_relation('source.' ~ project_name ~ '.shop.' ~ table_name) }})
            + (select coalesce(sum(line_count), 0) from {{ malformed }} where source_table = {{ sql_string(table_name) }})
                as raw_rows,
            (select count(*) from {{ quarantine }} where source_table = {{ sql_string(table_name) }} and reason_code <> 'malformed_line')
            + (select coalesce(sum(line_count), 0) from {{ malformed }} where source_table = {{ sql_string(table_name) }})
                as quarantined_rows
        {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endset -%}
    {%- set counts = run_query(counts_sql) -%}
    {%- set reasons = run_query(
        "select source_table, reason_code, coalesce(reason_column, '') as reason_column, count(*) as row_count"
        ~ " from " ~ quarantine ~ " group by source_table, reason_code, reason_column"
        ~ " order by source_table, row_count desc, reason_code, reason_column"
    ) -%}
    {%- set report = [] -%}
    {%- for row in counts.rows -%}
        {%- set top = [] -%}
        {%- for reason in reasons.rows if reason[0] == row[0] and top | length < 3 -%}
            {%- do top.append({'reason': reason[1], 'column': reason[2], 'rows': reason[3] | int}) -%}
        {%- endfor -%}
        {%- set raw_rows = row[1] | int -%}
        {%- set quarantined_rows = row[2] | int -%}
        {%- do report.append({
            'table': row[0], 'raw_rows': raw_rows, 'quarantined_rows': quarantined_rows,
            'share': (quarantined_rows / raw_rows) if raw_rows else 0, 'top_reasons': top,
        }) -%}
    {%- endfor -%}
    {{ return(report) }}
{% endmacro %}


{#- One line of the report, for logs and messages. -#}
{% macro quarantine_report_line(entry) -%}
    {%- set reasons = [] -%}
    {%- for reason in entry.top_reasons -%}
        {%- do reasons.append(reason.reason ~ (" on " ~ reason.column if reason.column else "") ~ " " ~ reason.rows) -%}
    {%- endfor -%}
    {{- entry.table ~ ": " ~ entry.raw_rows ~ " raw rows, " ~ (entry.raw_rows - entry.quarantined_rows)
        ~ " clean, " ~ entry.quarantined_rows ~ " quarantined (" ~ ((entry.share * 1000) | round | int / 10)
        ~ "%)" ~ (": " ~ reasons | join(", ") if reasons else "") -}}
{%- endmacro %}


{#-
    on-run-end: logs one line per raw table (rows read, clean, quarantined,
    top reasons) after a run or build that built the quarantine.
-#}
{% macro log_quarantine_report() %}
    {%- if execute and flags.WHICH in ['run', 'build'] -%}
        {%- for entry in quarantine_report() -%}
            {{ log("member_value quarantine: " ~ quarantine_report_line(entry), info=true) }}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}


{#-
    Post-hook of stg_shop__quarantine: a table whose quarantined share is
    above var('quarantine_warn_share') gets a warning; above
    var('quarantine_fail_share') the build stops here, with a message that
    names the table, the share and the top reason with its column, before
    anything is built on top of it.
-#}
{% macro check_quarantine_shares() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set warn_share = share_var('quarantine_warn_share') -%}
    {%- set fail_share = share_var('quarantine_fail_share') -%}
    {%- set failures = [] -%}
    {%- for entry in quarantine_report() -%}
        {%- if entry.share > fail_share -%}
            {%- do failures.append(quarantine_report_line(entry)) -%}
        {%- elif entry.share > warn_share -%}
            {{ exceptions.warn(
                "member_value: more than " ~ (warn_share * 100) ~ "% of a raw table is quarantined ("
                ~ "var('quarantine_warn_share')): " ~ quarantine_report_line(entry)
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if failures -%}
        {{ exceptions.raise_compiler_error(
            "member_value: more than " ~ (fail_share * 100) ~ "% of a raw table is quarantined"
            ~ " (var('quarantine_fail_share')); check the file against the raw-data contract: "
            ~ failures | join("; ")
        ) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}


{#- A var that must be a share between 0 and 1. -#}
{% macro share_var(var_name) %}
    {%- set text = var(var_name) | string | trim -%}
    {%- if not modules.re.fullmatch('(0([.][0-9]+)?|1([.]0+)?)', text) -%}
        {{ exceptions.raise_compiler_error(
            "var('" ~ var_name ~ "') is '" ~ text ~ "'; expected a share between 0 and 1 (for example 0.05)."
        ) }}
    {%- endif -%}
    {{ return(text | float) }}
{% endmacro %}


{#- The relation of a model or source node, from the graph. -#}
{% macro graph_relation(unique_id) %}
    {%- set node = graph.nodes.get(unique_id) or graph.sources.get(unique_id) -%}
    {%- if node is none -%}
        {{ exceptions.raise_compiler_error("graph_relation: no node '" ~ unique_id ~ "' in the project.") }}
    {%- endif -%}
    {{ return(api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias if node.resource_type == 'model' else node.identifier
    )) }}
{% endmacro %}
