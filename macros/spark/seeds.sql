{#-
    Seeds on Apache Spark. These override dbt-spark's macros of the same name
    (the root project's macros win the dispatch) for two reasons:

    - dbt-spark's `session` method pastes seed values into the INSERT with
      plain quotes and no escaping, so a value such as "The row's key" breaks
      the statement (PARSE_SYNTAX_ERROR). Here every value is written as an
      escaped Spark string literal and cast to its column type, the same way
      for every connection method.
    - seeds/_seeds.yml spells text columns `varchar` (DuckDB's name); Spark
      only knows `varchar(n)`, so a bare varchar becomes `string`.
-#}

{#- A seed column type as Spark spells it. -#}
{% macro spark_seed_column_type(data_type) -%}
    {%- set normalised = data_type | string | trim | lower -%}
    {{- 'string' if normalised in ['varchar', 'text', 'char', 'character varying'] else data_type -}}
{%- endmacro %}


{% macro spark__create_csv_table(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}

  {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
            {%- set type = spark_seed_column_type(column_override.get(col_name, inferred_type)) -%}
            {%- set column_name = (col_name | string) -%}
            {{ adapter.quote_seed_column(column_name, quote_seed_column) }} {{ type }} {%- if not loop.last -%}, {%- endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ partition_cols(label="partitioned by") }}
    {{ clustered_cols(label="clustered by") }}
    {{ location_clause() }}
    {{ comment_clause() }}
  {% endset %}

  {% call statement('_') -%}
    {{ sql }}
  {%- endcall %}

  {{ return(sql) }}
{% endmacro %}


{% macro spark__load_csv_rows(model, agate_table) %}
  {%- set batch_size = get_batch_size() -%}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set column_types = [] -%}
  {%- for col_name in agate_table.column_names -%}
      {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
      {%- do column_types.append(spark_seed_column_type(column_override.get(col_name, inferred_type))) -%}
  {%- endfor -%}

  {%- set statements = [] -%}
  {%- for chunk in agate_table.rows | batch(batch_size) -%}
      {%- set sql -%}
          insert into {{ this.render() }} values
          {% for row in chunk -%}
              ({%- for value in row -%}
                  cast({{ 'null' if value is none else spark_string_literal(value) }} as {{ column_types[loop.index0] }})
                  {%- if not loop.last %},{% endif -%}
              {%- endfor -%})
              {%- if not loop.last %},{% endif %}
          {% endfor %}
      {%- endset -%}
      {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
      {%- if loop.index0 == 0 -%}
          {%- do statements.append(sql) -%}
      {%- endif -%}
  {%- endfor -%}

  {#- The SQL of the first batch goes into the compiled files, as with every adapter. -#}
  {{ return(statements[0] if statements else '') }}
{% endmacro %}
