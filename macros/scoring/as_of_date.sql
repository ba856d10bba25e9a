{#-
    The analysis date as a SQL date: var('as_of_date') when it is set
    (`YYYY-MM-DD`), otherwise `default_expression` (the models pass the day of
    the latest clean order). A value that is not a real calendar date in that
    form stops compilation with a message that shows it.
-#}
{% macro as_of_date(default_expression) %}
    {%- set configured = var('as_of_date', '') -%}
    {%- set text = ('' if configured is none else configured) | string | trim -%}
    {%- if text == '' -%}
        {{- default_expression -}}
    {%- else -%}
        {%- set match = modules.re.fullmatch('(\d{4})-(\d{2})-(\d{2})', text) -%}
        {%- set is_valid = false -%}
        {%- if match -%}
            {%- set year = match.group(1) | int -%}
            {%- set month = match.group(2) | int -%}
            {%- set day = match.group(3) | int -%}
            {%- set is_leap_year = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
            {%- set month_lengths = [31, 29 if is_leap_year else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
            {%- set is_valid = year >= 1 and 1 <= month <= 12 and 1 <= day <= month_lengths[month - 1] -%}
        {%- endif -%}
        {%- if not is_valid -%}
            {{ exceptions.raise_compiler_error(
                "var('as_of_date') is '" ~ text ~ "'; expected a calendar date in the form YYYY-MM-DD"
                ~ " (for example 2024-06-30), or empty for the day of the latest clean order."
            ) }}
        {%- endif -%}
        cast('{{ text }}' as date)
    {%- endif -%}
{% endmacro %}
