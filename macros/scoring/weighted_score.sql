{#-
    Combines normalised signals (each 0-1) with weights that sum to 1 into a
    score from 0 to `scale`:

        score = scale * sum(weight * normalised_value)

    rounded to 2 decimals. Two forms of the same formula:

    - aggregate (two SQL expressions): use it with GROUP BY over one row per
      signal, as the engagement score does (decimal values, which round()
      rounds exactly on every engine);
    - row-wise (two lists of SQL expressions of equal length, value and
      weight in the same order): the sum is written out over the columns of
      one row, for wide tables with one column per signal (the composite
      value score, computed for every member and month). Its values are
      doubles, which Spark's and DuckDB's round() can round a cent apart, so
      it rounds half up with round_portably, the same on every engine.
-#}
{% macro weighted_score(normalised_value, weight, scale=100) -%}
    {%- if normalised_value is string and weight is string -%}
        round({{ scale }} * sum({{ weight }} * {{ normalised_value }}), 2)
    {%- elif normalised_value is iterable and weight is iterable
        and normalised_value is not string and weight is not string
        and normalised_value | length > 0 and normalised_value | length == weight | length -%}
        {%- set terms = [] -%}
        {%- for value in normalised_value -%}
            {%- do terms.append(weight[loop.index0] ~ ' * ' ~ value) -%}
        {%- endfor -%}
        {{ round_portably(scale ~ ' * (' ~ terms | join(' + ') ~ ')', 2) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "weighted_score: normalised_value is '" ~ normalised_value ~ "' and weight is '" ~ weight
            ~ "'; expected two SQL expressions, or two lists of SQL expressions of the same length."
        ) }}
    {%- endif -%}
{%- endmacro %}
