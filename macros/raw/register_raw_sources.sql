{#-
    Registers every table of the `shop` source as a relation in
    var('raw_schema'), read from the files in var('raw_dir'). Runs as the
    project's on-run-start hook.

    For each table declared in models/staging/shop/_shop__sources.yml:
      - a missing file fails the run when the table is `required`, and is
        otherwise registered as an empty relation with one log line;
      - a file without a `required` column fails the run with a message naming
        the file and the column; a missing optional column becomes NULL;
      - every contract column is registered as text, so that staging can tell
        a value that does not parse from a value that is absent.
-#}
{% macro register_raw_sources() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set raw_dir = var('raw_dir') | string -%}
    {%- set raw_schema = var('raw_schema') -%}
    {%- set relation_type = var('raw_relation_type') -%}
    {%- if relation_type not in ['table', 'view'] -%}
        {{ exceptions.raise_compiler_error(
            "var('raw_relation_type') is '" ~ relation_type ~ "'; it must be 'table' or 'view'."
        ) }}
    {%- endif -%}
    {%- set declared = raw_contract_tables() | map(attribute='name') | list -%}
    {%- if declared | sort != raw_table_names() | sort -%}
        {{ exceptions.raise_compiler_error(
            "The shop source declares the raw tables [" ~ (declared | sort | join(", "))
            ~ "] but raw_table_names() (macros/raw/raw_table_names.sql) lists ["
            ~ (raw_table_names() | sort | join(", ")) ~ "]; keep the two the same, so that every"
            ~ " raw table has a staging model and a place in the quarantine."
        ) }}
    {%- endif -%}
    {%- do adapter.dispatch('create_raw_schema', 'member_value')(raw_schema) -%}
    {%- for table in raw_contract_tables() -%}
        {%- do register_raw_table(table, raw_dir, raw_schema, relation_type) -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}


{#- The contract tables: the source tables of this project's `shop` source, in name order. -#}
{% macro raw_contract_tables() %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.source_name == 'shop' -%}
        {%- do tables.append(node) -%}
    {%- endfor -%}
    {{ return(tables | sort(attribute='name')) }}
{% endmacro %}


{#- The `meta` of a contract table or column, wherever the yml put it. -#}
{% macro contract_meta(node) %}
    {%- set config_meta = (node.get('config') or {}).get('meta') or {} -%}
    {{ return(config_meta if config_meta else (node.get('meta') or {})) }}
{% endmacro %}


{% macro register_raw_table(table, raw_dir, raw_schema, relation_type) %}
    {%- set is_required = contract_meta(table).get('required', false) -%}
    {%- set contract_columns = table.columns.values() | list -%}
    {%- set raw_file = adapter.dispatch('find_raw_file', 'member_value')(raw_dir, table.identifier) -%}

    {%- if raw_file is none -%}
        {%- if is_required -%}
            {{ exceptions.raise_compiler_error(
                "Raw-data contract: required file for table '" ~ table.name ~ "' not found: looked for "
                ~ raw_dir ~ "/" ~ table.identifier ~ ".parquet and " ~ raw_dir ~ "/" ~ table.identifier
                ~ ".csv (set MEMBER_VALUE_RAW_DIR to the folder that holds the raw files)."
            ) }}
        {%- endif -%}
        {{ log("member_value: optional raw table '" ~ table.name ~ "' skipped: no " ~ raw_dir ~ "/"
            ~ table.identifier ~ ".parquet or .csv; its staging model will be empty.", info=true) }}
        {%- set select_list = [] -%}
        {%- for column in contract_columns -%}
            {%- do select_list.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ column.name) -%}
        {%- endfor -%}
        {%- set select_sql = "select " ~ select_list | join(", ") ~ " where 1 = 0" -%}
    {%- else -%}
        {%- set file_columns = adapter.dispatch('raw_file_columns', 'member_value')(raw_file) -%}
        {%- set file_columns_by_name = {} -%}
        {%- for file_column in file_columns -%}
            {%- do file_columns_by_name.update({file_column | trim | lower: file_column}) -%}
        {%- endfor -%}
        {%- set select_list = [] -%}
        {%- set contract_names = [] -%}
        {%- for column in contract_columns -%}
            {%- do contract_names.append(column.name | lower) -%}
            {%- if column.name | lower in file_columns_by_name -%}
                {%- set file_column = file_columns_by_name[column.name | lower] -%}
                {%- do select_list.append(
                    "cast(" ~ adapter.quote(file_column) ~ " as " ~ dbt.type_string() ~ ") as " ~ column.name
                ) -%}
            {%- elif contract_meta(column).get('required', false) -%}
                {{ exceptions.raise_compiler_error(
                    "Raw-data contract: file " ~ raw_file.path ~ " has no column '" ~ column.name
                    ~ "', which table '" ~ table.name ~ "' requires. Columns found: "
                    ~ (file_columns | join(", ")) ~ "."
                ) }}
            {%- else -%}
                {{ log("member_value: " ~ raw_file.path ~ " has no optional column '" ~ column.name
                    ~ "'; it is read as NULL.", info=true) }}
                {%- do select_list.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ column.name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set extra_columns = [] -%}
        {%- for name, file_column in file_columns_by_name.items() if name not in contract_names -%}
            {%- do extra_columns.append(file_column) -%}
        {%- endfor -%}
        {%- if extra_columns -%}
            {{ log("member_value: " ~ raw_file.path ~ " columns outside the contract are ignored: "
                ~ (extra_columns | sort | join(", ")), info=true) }}
        {%- endif -%}
        {%- set select_sql = "select " ~ select_list | join(", ") ~ " from "
            ~ adapter.dispatch('read_raw_file', 'member_value')(raw_file) -%}
    {%- endif -%}

    {%- do adapter.dispatch('create_raw_relation', 'member_value')(
        raw_schema, table.identifier, select_sql, relation_type
    ) -%}
{% endmacro %}
