{#-
    The combined frequency-and-monetary score the RFM segment map reads: the
    average of the two 1-5 scores, in halves from 1.0 to 5.0.
-#}
{% macro frequency_monetary_score(frequency_score, monetary_score) -%}
    cast(({{ frequency_score }} + {{ monetary_score }}) / 2.0 as decimal(4, 2))
{%- endmacro %}
