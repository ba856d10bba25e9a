{%- set confidence_level = probability_var('experiment_confidence_level') %}
{%- set treatment_share = probability_var('experiment_treatment_share') %}
{%- set srm_alpha = probability_var('experiment_srm_alpha') %}
{%- set response_days = positive_integer_var('campaign_response_days') | int %}
{#- The two-sided interval's upper probability, e.g. 0.975 for 95%. -#}
{%- set upper_probability = (1 + (confidence_level | float)) / 2 %}
{%- set z_quantile = normal_quantile(upper_probability) %}

with

exposures as (
    select * from {{ ref('int_campaign_exposures_evaluated') }}
),

campaigns as (
    select * from {{ ref('stg_shop__campaigns') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

-- Each arm of each campaign, over the members whose response window had
-- closed by the analysis date.
arms as (
    select
        campaign_id,
        variant,
        count(*) as members_exposed,
        sum(case when has_converted then 1 else 0 end) as converters,
        sum(response_net_revenue) as net_revenue,
        avg(cast(response_net_revenue as double)) as revenue_mean,
        var_samp(cast(response_net_revenue as double)) as revenue_variance
    from exposures
    where is_response_window_complete
    group by campaign_id, variant
),

campaign_arms as (
    select
        campaign_id,
        coalesce(sum(case when variant = 'treatment' then members_exposed end), 0) as treatment_count,
        coalesce(sum(case when variant = 'treatment' then converters end), 0) as treatment_converters,
        max(case when variant = 'treatment' then revenue_mean end) as treatment_revenue_mean,
        max(case when variant = 'treatment' then revenue_variance end) as treatment_revenue_variance,
        coalesce(sum(case when variant = 'control' then members_exposed end), 0) as control_count,
        coalesce(sum(case when variant = 'control' then converters end), 0) as control_converters,
        max(case when variant = 'control' then revenue_mean end) as control_revenue_mean,
        max(case when variant = 'control' then revenue_variance end) as control_revenue_variance
    from arms
    group by campaign_id
),

arm_rates as (
    select
        *,
        {{ safe_divide('treatment_converters', 'treatment_count') }} as treatment_rate,
        {{ safe_divide('control_converters', 'control_count') }} as control_rate,
        -- The squared relative standard error of each arm's mean revenue,
        -- v / (n m^2), for the delta-method interval of their ratio.
        case
            when treatment_revenue_mean > 0 and treatment_count > 1
                then treatment_revenue_variance / (treatment_count * treatment_revenue_mean * treatment_revenue_mean)
        end as treatment_revenue_relative_variance,
        case
            when control_revenue_mean > 0 and control_count > 1
                then control_revenue_variance / (control_count * control_revenue_mean * control_revenue_mean)
        end as control_revenue_relative_variance
    from campaign_arms
),

-- Conversion: two-proportion z (pooled) for the test, unpooled standard
-- error for the interval, log risk ratio for the relative lift; revenue per
-- member: Welch, and the delta method for the relative lift.
statistics as (
    select
        campaign_id,
        treatment_count,
        control_count,
        treatment_rate - control_rate as conversion_lift,
        {{ two_proportion_standard_error(
            'treatment_converters', 'treatment_count', 'control_converters', 'control_count'
        ) }} as conversion_lift_standard_error,
        {{ two_proportion_z('treatment_converters', 'treatment_count', 'control_converters', 'control_count') }}
            as conversion_z,
        case
            when treatment_converters > 0 and control_converters > 0 then ln(treatment_rate / control_rate)
        end as conversion_log_ratio,
        case
            when treatment_converters > 0 and control_converters > 0
                then sqrt((1.0 - treatment_rate) / treatment_converters + (1.0 - control_rate) / control_converters)
        end as conversion_log_ratio_standard_error,
        treatment_revenue_mean - control_revenue_mean as revenue_lift,
        {{ welch_standard_error(
            'treatment_revenue_variance', 'treatment_count', 'control_revenue_variance', 'control_count'
        ) }} as revenue_lift_standard_error,
        {{ welch_degrees_of_freedom(
            'treatment_revenue_variance', 'treatment_count', 'control_revenue_variance', 'control_count'
        ) }} as revenue_degrees_of_freedom,
        case
            when treatment_revenue_mean > 0 and control_revenue_mean > 0
                then ln(treatment_revenue_mean / control_revenue_mean)
        end as revenue_log_ratio,
        sqrt(treatment_revenue_relative_variance + control_revenue_relative_variance)
            as revenue_log_ratio_standard_error,
        {{ sample_ratio_chi_square('treatment_count', 'control_count', treatment_share) }} as srm_chi_square
    from arm_rates
),

tested as (
    select
        *,
        case
            when revenue_lift_standard_error > 0 then revenue_lift / revenue_lift_standard_error
        end as revenue_t,
        {{ student_t_quantile(upper_probability, 'revenue_degrees_of_freedom') }} as revenue_t_quantile
    from statistics
),

compared as (
    select
        campaign_id,
        {{ safe_divide('treatment_count', 'treatment_count + control_count') }} as treatment_share,
        srm_chi_square,
        {{ chi_square_one_df_p_value('srm_chi_square') }} as srm_p_value,
        conversion_lift,
        conversion_lift - {{ z_quantile }} * conversion_lift_standard_error as conversion_lift_lower,
        conversion_lift + {{ z_quantile }} * conversion_lift_standard_error as conversion_lift_upper,
        exp(conversion_log_ratio) - 1.0 as conversion_relative_lift,
        exp(conversion_log_ratio - {{ z_quantile }} * conversion_log_ratio_standard_error) - 1.0
            as conversion_relative_lift_lower,
        exp(conversion_log_ratio + {{ z_quantile }} * conversion_log_ratio_standard_error) - 1.0
            as conversion_relative_lift_upper,
        conversion_z,
        {{ normal_two_sided_p_value('conversion_z') }} as conversion_p_value,
        revenue_lift,
        revenue_lift - revenue_t_quantile * revenue_lift_standard_error as revenue_lift_lower,
        revenue_lift + revenue_t_quantile * revenue_lift_standard_error as revenue_lift_upper,
        exp(revenue_log_ratio) - 1.0 as revenue_relative_lift,
        exp(revenue_log_ratio - {{ z_quantile }} * revenue_log_ratio_standard_error) - 1.0
            as revenue_relative_lift_lower,
        exp(revenue_log_ratio + {{ z_quantile }} * revenue_log_ratio_standard_error) - 1.0
            as revenue_relative_lift_upper,
        revenue_t,
        revenue_degrees_of_freedom,
        {{ student_t_two_sided_p_value('revenue_t', 'revenue_degrees_of_freedom') }} as revenue_p_value
    from tested
),

final as (
    select
        cast(arms.campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(campaigns.campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(campaigns.campaign_type as {{ dbt.type_string() }}) as campaign_type,
        cast(arms.variant as {{ dbt.type_string() }}) as variant,
        cast(arms.members_exposed as bigint) as members_exposed,
        cast(arms.converters as bigint) as converters,
        cast({{ safe_divide('arms.converters', 'arms.members_exposed') }} as double) as conversion_rate,
        cast(arms.net_revenue as decimal(18, 2)) as net_revenue,
        cast({{ round_portably('arms.revenue_mean', 2) }} as decimal(18, 2)) as revenue_per_member,
        cast(sqrt(arms.revenue_variance) as double) as revenue_per_member_std_dev,
        cast({{ response_days }} as bigint) as response_window_days,
        cast({{ confidence_level }} as double) as confidence_level,
        cast({{ treatment_share }} as double) as intended_treatment_share,
        cast(compared.treatment_share as double) as treatment_share,
        cast(compared.srm_chi_square as double) as srm_chi_square,
        cast(compared.srm_p_value as double) as srm_p_value,
        cast(compared.conversion_lift as double) as conversion_lift,
        cast(compared.conversion_lift_lower as double) as conversion_lift_lower,
        cast(compared.conversion_lift_upper as double) as conversion_lift_upper,
        cast(compared.conversion_relative_lift as double) as conversion_relative_lift,
        cast(compared.conversion_relative_lift_lower as double) as conversion_relative_lift_lower,
        cast(compared.conversion_relative_lift_upper as double) as conversion_relative_lift_upper,
        cast(compared.conversion_z as double) as conversion_z,
        cast(compared.conversion_p_value as double) as conversion_p_value,
        cast({{ round_portably('compared.revenue_lift', 2) }} as decimal(18, 2)) as revenue_lift,
        cast({{ round_portably('compared.revenue_lift_lower', 2) }} as decimal(18, 2)) as revenue_lift_lower,
        cast({{ round_portably('compared.revenue_lift_upper', 2) }} as decimal(18, 2)) as revenue_lift_upper,
        cast(compared.revenue_relative_lift as double) as revenue_relative_lift,
        cast(compared.revenue_relative_lift_lower as double) as revenue_relative_lift_lower,
        cast(compared.revenue_relative_lift_upper as double) as revenue_relative_lift_upper,
        cast(compared.revenue_t as double) as revenue_t,
        cast(compared.revenue_degrees_of_freedom as double) as revenue_degrees_of_freedom,
        cast(compared.revenue_p_value as double) as revenue_p_value,
        coalesce(compared.srm_p_value < {{ srm_alpha }}, false) as has_sample_ratio_mismatch,
        coalesce(compared.conversion_p_value < 1 - {{ confidence_level }}, false) as is_conversion_lift_significant,
        coalesce(compared.revenue_p_value < 1 - {{ confidence_level }}, false) as is_revenue_lift_significant,
        campaigns.started_date,
        analysis_dates.as_of_date
    from arms
    inner join compared
        on arms.campaign_id = compared.campaign_id
    inner join campaigns
        on arms.campaign_id = campaigns.campaign_id
    cross join analysis_dates
)

select * from final
