with

checked as (
    select * from {{ ref('base_shop__reviews') }}
),

final as (
    select
        review_id,
        member_id,
        product_id,
        order_id,
        review_text,
        rating,
        cast(reviewed_at as date) as reviewed_date,
        reviewed_at
    from checked
    where quarantine_reason is null
)

select * from final
