{#-
    A raw text with what looks like personal data replaced by `<masked>`:
    e-mail addresses, and runs of digits with phone or date punctuation
    (phone numbers, birth dates, timestamps). Used where a raw value cannot
    be split into its columns, such as a malformed line of the members file.
-#}
{% macro mask_personal_data(expression) -%}
    {{ regexp_replace_all(
        regexp_replace_all(expression, '[^ ,;"<>]+@[^ ,;"<>]+', '<masked>'),
        '[+(]?[0-9][0-9 ().:/-]{4,}[0-9]', '<masked>'
    ) }}
{%- endmacro %}
