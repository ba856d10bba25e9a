{%- set text = dbt.type_string() %}

{#-
    The churn-risk bands of the churn_risk_bands seed, one row per band with
    the score range it covers: from its min_score up to (not including) the
    next band's. Building it checks the seed and stops the build with a
    message naming the seed and the row when ranks do not run 1, 2, 3 ...,
    a band is named twice, the first band does not start at 0, or the
    minimum scores do not rise with rank within 0-100.
-#}

with

bands as (
    select * from {{ ref('churn_risk_bands') }}
),

ordered as (
    select
        churn_band,
        band_rank,
        min_score,
        row_number() over (order by band_rank asc, churn_band asc) as band_position,
        count(*) over (partition by churn_band) as name_count,
        lag(min_score) over (order by band_rank asc, churn_band asc) as previous_min_score,
        lead(min_score) over (order by band_rank asc, churn_band asc) as next_min_score
    from bands
),

row_issues as (
    select
        churn_band,
        band_rank,
        case
            when churn_band is null then 'has no band name.'
            when name_count > 1 then 'names a band that appears more than once.'
            when band_rank is null or band_rank <> band_position
                then 'has a rank out of sequence; ranks must run 1, 2, 3 ... without gaps or repeats.'
            when min_score is null or min_score < 0 or min_score > 100
                then 'has a min_score outside 0-100.'
            when band_position = 1 and min_score <> 0
                then 'is the first band and must start at min_score 0, so that every score has a band.'
            when previous_min_score is not null and min_score <= previous_min_score
                then 'asks for a min_score no higher than the band below; minimum scores must rise with rank.'
        end as issue
    from ordered
),

first_problem as (
    select
        min({{ dbt.concat([
            "'seed churn_risk_bands, row with churn_band '", "coalesce(churn_band, 'NULL')",
            "' (band_rank '", "coalesce(cast(band_rank as " ~ text ~ "), 'NULL')", "'): '", 'issue',
        ]) }}) as problem
    from row_issues
    where issue is not null
),

final as (
    select
        ordered.churn_band,
        cast(ordered.band_rank as bigint) as band_rank,
        cast(ordered.min_score as double) as min_score,
        cast(ordered.next_min_score as double) as next_min_score
    from ordered
    cross join first_problem
    where {{ raise_error_if('first_problem.problem') }}
)

select * from final
