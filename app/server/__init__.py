"""The HTTP server around the API: middleware, the wire protocol, and the background batch writes
of rate-limit counts and key use; only the entry points (app.main, app.cli) use it."""
