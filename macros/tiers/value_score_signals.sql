{#-
    The signals the composite value score combines, in the order the models
    list them: each is a column of int_member_months_scored and a row of the
    value_score_weights seed (int_value_score_weights_pivoted checks both).
-#}
{% macro value_score_signals() %}
    {{ return([
        'net_revenue_t12m',
        'purchase_day_count_t12m',
        'average_order_value_t12m',
        'review_count_t12m',
        'campaign_response_count_t12m',
        'tenure_days',
        'referral_count',
    ]) }}
{% endmacro %}
