{#-
    The signals the churn-risk score combines, in the order the models list
    them: each is a column of int_members_churn_signals_computed and a row of
    the churn_risk_weights seed (int_churn_risk_weights_validated checks both).
-#}
{% macro churn_risk_signals() %}
    {{ return(['recency_ratio', 'purchase_decline', 'browsing_decline']) }}
{% endmacro %}
