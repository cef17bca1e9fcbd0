"""The HTTP server around the API: middleware, the wire protocol and per-request bookkeeping;
only the entry points (app.main, app.cli) use it."""
