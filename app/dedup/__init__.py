"""Duplicates: linking a complaint to the one it restates (the one owner of linking), decisions on
candidates, the review queue and matching on request; the matcher itself is app.matching."""
