{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('reviews') }}
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
    from clean_rows
)

select * from final
