{#-
    Every row of the model satisfies the SQL boolean expression. A row where
    the expression is NULL fails too: an unknown is not a pass, so an
    expression over nullable columns says what a NULL should mean.
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
