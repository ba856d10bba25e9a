with

member_months as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

tier_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

tier_sequences as (
    select
        member_id,
        month_start_date,
        computed_tier_rank,
        official_tier_rank,
        lag(computed_tier_rank) over (
            partition by member_id order by month_start_date asc
        ) as previous_computed_tier_rank,
        lag(official_tier_rank) over (
            partition by member_id order by month_start_date asc
        ) as previous_official_tier_rank,
        evaluation_date
    from member_months
),

moves as (
    select
        month_start_date,
        'computed' as tier_basis,
        previous_computed_tier_rank as from_tier_rank,
        computed_tier_rank as to_tier_rank,
        evaluation_date
    from tier_sequences
    where previous_computed_tier_rank is not null
    union all
    select
        month_start_date,
        'official' as tier_basis,
        previous_official_tier_rank as from_tier_rank,
        official_tier_rank as to_tier_rank,
        evaluation_date
    from tier_sequences
    where previous_official_tier_rank is not null
),

move_counts as (
    select
        month_start_date,
        tier_basis,
        from_tier_rank,
        to_tier_rank,
        count(*) as member_count
    from moves
    group by month_start_date, tier_basis, from_tier_rank, to_tier_rank
),

months as (
    select
        month_start_date,
        max(evaluation_date) as evaluation_date
    from moves
    group by month_start_date
),

bases as (
    select 'computed' as tier_basis
    union all
    select 'official' as tier_basis
),

matrix as (
    select
        months.month_start_date,
        bases.tier_basis,
        from_tiers.tier as from_tier,
        to_tiers.tier as to_tier,
        from_tiers.tier_rank as from_tier_rank,
        to_tiers.tier_rank as to_tier_rank,
        months.evaluation_date
    from months
    cross join bases
    cross join tier_rules as from_tiers
    cross join tier_rules as to_tiers
),

final as (
    select
        cast(matrix.tier_basis as {{ dbt.type_string() }}) as tier_basis,
        cast(matrix.from_tier as {{ dbt.type_string() }}) as from_tier,
        cast(matrix.to_tier as {{ dbt.type_string() }}) as to_tier,
        cast(matrix.from_tier_rank as bigint) as from_tier_rank,
        cast(matrix.to_tier_rank as bigint) as to_tier_rank,
        cast(coalesce(move_counts.member_count, 0) as bigint) as member_count,
        matrix.to_tier_rank > matrix.from_tier_rank as is_upgrade,
        matrix.to_tier_rank < matrix.from_tier_rank as is_downgrade,
        matrix.to_tier_rank = matrix.from_tier_rank as is_stay,
        matrix.month_start_date,
        matrix.evaluation_date
    from matrix
    left join move_counts
        on
            matrix.month_start_date = move_counts.month_start_date
            and matrix.tier_basis = move_counts.tier_basis
            and matrix.from_tier_rank = move_counts.from_tier_rank
            and matrix.to_tier_rank = move_counts.to_tier_rank
)

select * from final
