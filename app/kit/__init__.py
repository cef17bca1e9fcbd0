"""What every domain uses and that knows no domain: errors and their problem+json rendering
(`errors`), input rules (`validation`), encryption, blind index and API key hashing
(`security`), Jakarta time (`timeutil`), text normalisation for matching (`textnorm`), the
one way to hold reference data in a process (`refcache`).

The kit imports no domain package of the app (an import contract in `.importlinter` holds it to
that); domains import it, never the other way round.
"""
