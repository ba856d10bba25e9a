{#-
    The standard normal quantile (inverse of normal_cdf) of a probability p
    in (0, 1), by Acklam's rational approximation: one rational function of
    p - 0.5 in the central region 0.02425 <= p <= 0.97575, and one of
    q = sqrt(-2 ln p) (of 1 - p above it) in each tail. Its relative error is
    below 1.2e-9 (absolute below 4e-9) over the whole range. NULL outside
    (0, 1). The same SQL on every engine (ln, sqrt and arithmetic only).
-#}
{% macro normal_quantile(p) -%}
    {%- if p is number and not (0 < p < 1) -%}
        {{ exceptions.raise_compiler_error(
            "normal_quantile: p is " ~ p ~ "; expected a probability strictly between 0 and 1."
        ) }}
    {%- endif -%}
    {%- set a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690,
        -30.66479806614716, 2.506628277459239] -%}
    {%- set b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
        -13.28068155288572, 1.0] -%}
    {%- set c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
        4.374664141464968, 2.938163982698783] -%}
    {%- set d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1.0] -%}
    {%- set p = 'cast(' ~ p ~ ' as double)' -%}
    {%- set central = '(' ~ p ~ ' - 0.5)' -%}
    {%- set squared = '(' ~ central ~ ' * ' ~ central ~ ')' -%}
    {#- Horner's scheme for the polynomials, written out: coefficients from the highest power down. -#}
    {%- set polynomials = {} -%}
    {%- for name, coefficients, variable in [
        ('a', a, squared), ('b', b, squared),
        ('c_lower', c, 'sqrt(-2.0 * ln(' ~ p ~ '))'), ('d_lower', d, 'sqrt(-2.0 * ln(' ~ p ~ '))'),
        ('c_upper', c, 'sqrt(-2.0 * ln(1.0 - ' ~ p ~ '))'), ('d_upper', d, 'sqrt(-2.0 * ln(1.0 - ' ~ p ~ '))'),
    ] -%}
        {%- set ns = namespace(text=coefficients[0] | string) -%}
        {%- for coefficient in coefficients[1:] -%}
            {%- set ns.text = '(' ~ ns.text ~ ') * ' ~ variable ~ ' + ' ~ coefficient -%}
        {%- endfor -%}
        {%- do polynomials.update({name: '(' ~ ns.text ~ ')'}) -%}
    {%- endfor -%}
    case
        when {{ p }} <= 0 or {{ p }} >= 1 then null
        when {{ p }} < 0.02425 then {{ polynomials.c_lower }} / {{ polynomials.d_lower }}
        when {{ p }} > 0.97575 then -{{ polynomials.c_upper }} / {{ polynomials.d_upper }}
        else {{ polynomials.a }} * {{ central }} / {{ polynomials.b }}
    end
{%- endmacro %}
