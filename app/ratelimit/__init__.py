"""Per-key rate limits, counted in PostgreSQL so every worker process shares them."""
