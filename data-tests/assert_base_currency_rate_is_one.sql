-- The base currency is listed in the exchange rates, at exactly 1.
{%- set base_currency = var('base_currency') | string | trim %}
{%- if not modules.re.fullmatch('[A-Z]{3}', base_currency) %}
    {{ exceptions.raise_compiler_error(
        "var('base_currency') is '" ~ base_currency ~ "'; expected an ISO 4217 code of three capital letters (for example USD)."
    ) }}
{%- endif %}

with

base_currency as (
    select {{ sql_string(base_currency) }} as currency_code
)

select base_currency.currency_code
from base_currency
left join {{ ref('exchange_rates') }} as exchange_rates
    on base_currency.currency_code = exchange_rates.currency_code
where exchange_rates.rate_to_base is null or exchange_rates.rate_to_base <> 1
