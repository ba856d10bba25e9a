{#-
    Registers every table of the `shop` source as a view in
    var('raw_schema') over its file in var('raw_dir'), and collects the
    malformed lines of CSV files in <raw_schema>.malformed_lines. Runs as the
    project's on-run-start hook.

    For each table declared in models/staging/shop/_shop__sources.yml:
      - a missing or empty (0-byte) file fails the run when the table is
        `required`, and is otherwise registered as an empty relation with one
        log line; a required file with a header and no rows fails too;
      - when both <table>.parquet and <table>.csv exist, Parquet is read and
        the choice is logged;
      - a file without a `required` column, or with two columns whose names
        differ only in case or padding, fails the run with a message naming
        the file and the columns; a missing optional column becomes NULL;
      - every contract column is registered as text, so that staging can tell
        a value that does not parse from a value that is absent.
    Values from outside (the folder, file column names, the schema var) reach
    SQL only as escaped literals or quoted identifiers; no log line prints a
    value of a row.
-#}
{% macro register_raw_sources() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set raw_dir = var('raw_dir') | string -%}
    {%- set raw_schema = raw_schema_name() -%}
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
    {%- do adapter.dispatch('create_malformed_lines_relation', 'member_value')(raw_schema) -%}
    {%- for table in raw_contract_tables() -%}
        {%- do register_raw_table(table, raw_dir, raw_schema) -%}
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


{#- The file a table is read from: the first non-empty one found (Parquet before CSV), or none. -#}
{% macro choose_raw_file(table, raw_dir, is_required) %}
    {%- set found = adapter.dispatch('find_raw_files', 'member_value')(raw_dir, table.identifier) -%}
    {%- set usable = [] -%}
    {%- for raw_file in found -%}
        {%- if raw_file.size == 0 -%}
            {{ log("member_value: " ~ raw_file.path ~ " is empty (0 bytes); it is not read.", info=true) }}
        {%- else -%}
            {%- do usable.append(raw_file) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if usable | length > 1 -%}
        {{ log("member_value: both " ~ usable[0].path ~ " and " ~ usable[1].path ~ " exist; reading "
            ~ usable[0].path ~ " (Parquet is read when both are there).", info=true) }}
    {%- endif -%}
    {%- if not usable and is_required -%}
        {{ exceptions.raise_compiler_error(
            "Raw-data contract: required file for table '" ~ table.name ~ "' not found"
            ~ (" (only an empty, 0-byte file)" if found else "") ~ ": looked for "
            ~ raw_dir ~ "/" ~ table.identifier ~ ".parquet and " ~ raw_dir ~ "/" ~ table.identifier
            ~ ".csv (set MEMBER_VALUE_RAW_DIR to the folder that holds the raw files)."
        ) }}
    {%- endif -%}
    {{ return(usable[0] if usable else none) }}
{% endmacro %}


{% macro register_raw_table(table, raw_dir, raw_schema) %}
    {%- set is_required = contract_meta(table).get('required', false) -%}
    {%- set contract_columns = table.columns.values() | list -%}
    {%- set raw_file = choose_raw_file(table, raw_dir, is_required) -%}

    {%- if raw_file is none -%}
        {{ log("member_value: optional raw table '" ~ table.name ~ "' skipped: no " ~ raw_dir ~ "/"
            ~ table.identifier ~ ".parquet or .csv with data; its staging model will be empty.", info=true) }}
        {%- set select_list = [] -%}
        {%- for column in contract_columns -%}
            {%- do select_list.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ quote_identifier(column.name)) -%}
        {%- endfor -%}
        {%- set select_sql = "select " ~ select_list | join(", ") ~ " where 1 = 0" -%}
    {%- else -%}
        {%- set file_columns = adapter.dispatch('raw_file_columns', 'member_value')(raw_file) -%}
        {%- set file_columns_by_name = {} -%}
        {%- for file_column in file_columns -%}
            {%- set name = file_column | trim | lower -%}
            {%- if name in file_columns_by_name -%}
                {{ exceptions.raise_compiler_error(
                    "Raw-data contract: file " ~ raw_file.path ~ " has two columns named '" ~ name
                    ~ "' (as '" ~ file_columns_by_name[name] ~ "' and '" ~ file_column ~ "'); names are matched"
                    ~ " without regard to case or padding, so keep one of them."
                ) }}
            {%- endif -%}
            {%- do file_columns_by_name.update({name: file_column}) -%}
        {%- endfor -%}
        {%- set select_list = [] -%}
        {%- set contract_names = [] -%}
        {%- for column in contract_columns -%}
            {%- do contract_names.append(column.name | lower) -%}
            {%- if column.name | lower in file_columns_by_name -%}
                {%- do select_list.append(
                    "cast(" ~ quote_identifier(file_columns_by_name[column.name | lower]) ~ " as "
                    ~ dbt.type_string() ~ ") as " ~ quote_identifier(column.name)
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
                {%- do select_list.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ quote_identifier(column.name)) -%}
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
        {%- set reader = adapter.dispatch('read_raw_file', 'member_value')(raw_file, file_columns) -%}
        {%- set select_sql = "select " ~ select_list | join(", ") ~ " from " ~ reader -%}
        {%- set malformed_sql = adapter.dispatch('raw_malformed_lines', 'member_value')(
            raw_file, file_columns, table.name, has_personal_data(table)
        ) -%}
        {%- if malformed_sql -%}
            {%- do adapter.dispatch('insert_malformed_lines', 'member_value')(raw_schema, malformed_sql) -%}
        {%- endif -%}
        {%- if is_required and run_query("select count(*) from " ~ reader).rows[0][0] == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw-data contract: file " ~ raw_file.path ~ " has a header but no readable rows; table '"
                ~ table.name ~ "' is required and must have data."
            ) }}
        {%- endif -%}
    {%- endif -%}

    {%- do adapter.dispatch('create_raw_relation', 'member_value')(raw_schema, table.identifier, select_sql) -%}
{% endmacro %}


{#- True when a contract table has a column marked `personal_data: true` in its meta. -#}
{% macro has_personal_data(table) %}
    {%- for column in table.columns.values() if contract_meta(column).get('personal_data', false) -%}
        {{ return(true) }}
    {%- endfor -%}
    {{ return(false) }}
{% endmacro %}
