"""What every domain uses and that knows no domain package: settings (`config`), database and
sessions (`db`, `orm`, `embedded`, `migrate`), errors, their problem+json rendering and what a
database error means (`errors`, `problems`, `sqlstate`), input rules (`validation`),
encryption, blind index and API key hashing (`security`), Jakarta time (`timeutil`), text
normalisation (`textnorm`), ETags (`preconditions`), list paging (`paging`), Idempotency-Key
(`idempotency`), the route class (`routing`), reference data held in a process (`refcache`) and
request logs (`logs`).

The kit imports no domain package of the app (an import contract in `.importlinter` holds it to
that); domains import it, never the other way round.
"""
