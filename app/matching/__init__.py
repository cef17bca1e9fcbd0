"""The matcher: scores earlier reports against a complaint and keeps candidates and decisions."""
