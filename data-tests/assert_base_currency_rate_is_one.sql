-- The base currency is listed in the exchange rates, at exactly 1.
with

base_currency as (
    select '{{ var("base_currency") }}' as currency_code
)

select base_currency.currency_code
from base_currency
left join {{ ref('exchange_rates') }} as exchange_rates
    on base_currency.currency_code = exchange_rates.currency_code
where exchange_rates.rate_to_base is null or exchange_rates.rate_to_base <> 1
