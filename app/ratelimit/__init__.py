"""Per-key rate limits, counted in PostgreSQL so every worker process shares them.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.ratelimit.guesses import Guesses
from app.ratelimit.service import RateLimiter, enforce as enforce_rate_limit

__all__ = [
    "Guesses",
    "RateLimiter",
    "enforce_rate_limit",
]
