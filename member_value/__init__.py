"""member_value: member-value analytics on DuckDB (dbt project helpers)."""
