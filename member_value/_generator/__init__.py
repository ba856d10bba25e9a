"""Private implementation of the demo-data generator (see ``member_value.generate``).

Module map:

* ``schema``      - the raw-data contract: tables, columns, keys, dirty-row kinds.
* ``config``      - run configuration and the fixed behavioural constants.
* ``reference``   - reading the ``exchange_rates`` and ``tier_rules`` seeds.
* ``rng``         - deterministic, per-chunk/per-component random streams.
* ``timeline``    - the history window, months and seasonality.
* ``fmt``         - numpy -> Arrow string formatting (ids, timestamps, money).
* ``catalog``     - the product catalogue.
* ``campaigns``   - the campaign calendar and planted treatment effects.
* ``members``     - member signup and latent traits.
* ``orders``      - the purchase process, baskets, refunds and experiments.
* ``tiers``       - monthly tier evaluation against the tier rules.
* ``events``      - browsing / purchase sessions.
* ``engagement``  - reviews, referrals, points ledger, service tickets.
* ``dirty``       - quarantine rows and repaired (re-formatted) values.
* ``sinks``       - streaming Parquet/CSV writers with fixed row groups.
* ``runner``      - orchestration, chunk loop, ground truth and manifest.
"""
