{%- set row_key = clean_text('review_id') %}

with

source as (
    select * from {{ source('shop', 'reviews') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'reviews'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

products as (
    select product_id from ({{ deduplicated_rows('products') }}) as clean_products
),

catalogue as (
    -- Product references are checked only when a product catalogue was supplied.
    select count(*) > 0 as is_supplied from products
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('review_text') }} as review_text,
        {{ clean_text('rating') }} as rating_text,
        {{ clean_text('reviewed_at') }} as reviewed_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_integer('rating_text') }} as rating,
        {{ to_timestamp('reviewed_at_text') }} as reviewed_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:review_id'
            when typed.member_id is null then 'missing_value:member_id'
            when typed.rating_text is null then 'missing_value:rating'
            when typed.reviewed_at_text is null then 'missing_value:reviewed_at'
            when {{ is_unparseable('typed.rating_text', 'typed.rating') }} then 'invalid_number:rating'
            when {{ is_unparseable('typed.reviewed_at_text', 'typed.reviewed_at') }}
                then 'invalid_timestamp:reviewed_at'
            when typed.rating not between 1 and 5 then 'out_of_range:rating'
            when typed.reviewed_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:reviewed_at'
            when typed.reviewed_at < {{ date_floor() }} then 'before_date_floor:reviewed_at'
            when members.member_id is null then 'orphan_member:member_id'
            when typed.product_id is not null
                and catalogue.is_supplied
                and products.product_id is null then 'orphan_product:product_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    cross join catalogue
    left join members
        on typed.member_id = members.member_id
    left join products
        on typed.product_id = products.product_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as review_id,
        member_id,
        product_id,
        order_id,
        review_text,
        rating,
        reviewed_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
