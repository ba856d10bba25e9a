with

source as (
    select * from {{ source('shop', 'reviews') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

products as (
    select product_id from {{ ref('stg_shop__products') }}
),

catalogue as (
    -- Product references are checked only when a product catalogue was supplied.
    select count(*) > 0 as is_supplied from products
),

typed as (
    select
        {{ clean_text('review_id') }} as review_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('review_text') }} as review_text,
        {{ to_integer('rating') }} as rating,
        {{ to_timestamp('reviewed_at') }} as reviewed_at,
        {{ clean_text('review_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('review_id') }} is null then 'missing_key'
            when {{ clean_text('member_id') }} is null
                or {{ clean_text('rating') }} is null
                or {{ clean_text('reviewed_at') }} is null then 'missing_value'
            when {{ is_unparseable('rating', to_integer('rating')) }} then 'invalid_number'
            when {{ is_unparseable('reviewed_at', to_timestamp('reviewed_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.rating not between 1 and 5 then 'out_of_range'
                when typed.reviewed_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when members.member_id is null then 'orphan_member'
                when typed.product_id is not null
                    and catalogue.is_supplied
                    and products.product_id is null then 'orphan_product'
            end
        ) as check_reason
    from typed
    cross join catalogue
    left join members
        on typed.member_id = members.member_id
    left join products
        on typed.product_id = products.product_id
),

final as (
    select
        review_id,
        member_id,
        product_id,
        order_id,
        review_text,
        rating,
        reviewed_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['review_id'], 'reviewed_at desc nulls last') }} as quarantine_reason
    from checked
)

select * from final
