{#- The model holds exactly one row (a settings row that other models cross join to). Fails with the row count. -#}
{% test has_exactly_one_row(model) %}

select row_count
from (select count(*) as row_count from {{ model }}) as counted
where row_count <> 1

{% endtest %}
