"""Open311 GeoReport v2 under /open311/v2: the public, standard face of complaints about a place
(docs/open311.md). Nothing imports it but app.main, which mounts its router."""
