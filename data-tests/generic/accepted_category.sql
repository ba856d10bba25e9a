{#-
    Every non-NULL value of the column is in the project's list
    var('accepted_values')[domain], the same list staging checks against.
-#}
{% test accepted_category(model, column_name, domain) %}

select {{ column_name }}
from {{ model }}
where {{ is_not_accepted(column_name, domain) }}

{% endtest %}
