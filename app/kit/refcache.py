"""Reference data held in each process: one way to keep it, load it and read it again.

Reference data (regions, categories, the days-off calendar, learned matching models) changes
only by migration or by an explicit command, and is read on many requests. Each process keeps
one copy of it in a named cache declared at module level, next to the code that reads it:

    _levels = ReferenceCache("regions.levels", repository.levels)

    async def level_of(session: AsyncSession, code: str) -> str | None:
        return (await _levels.get(session)).get(code)

- `await cache.get(session)` returns the value, loading it with `session` on first use
  (command-line jobs have no lifespan and rely on that);
- `await cache.refresh(session)` reads it again and returns the new value;
- `cache.clear()` forgets it (tests).

A caller that meets something the value does not know (a category added since the process read
them) reads that one thing, or refreshes the cache; it never edits the value in place, since
every request of the process shares it. Values are therefore immutable in practice: frozensets,
tuples, frozen dataclasses, dicts nobody writes.

`KeyedReferenceCache` is the sibling for values loaded one key at a time that never change once
stored (learned models, by version): `await cache.get(session, key)`; its refresh forgets every
key and loads those its `warm` function names (the keys worth having before the first request).

Every cache registers itself under its name when it is made. The application's lifespan calls
`load_all(session)` once at start-up, so no request pays for a first read (if the database
cannot be reached then, the app starts anyway and each cache loads on first use); `clear_all()`
forgets them all. Two first reads at once (two requests of a process that skipped the start-up load)
may both load; they read the same data, and the later one is kept.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Iterable
from typing import Generic, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Registered(Protocol):
    """What `load_all` and `clear_all` need of a cache."""

    @property
    def name(self) -> str: ...

    async def refresh(self, session: AsyncSession) -> object: ...

    def clear(self) -> None: ...


_registry: dict[str, Registered] = {}


def _register(cache: Registered) -> None:
    if cache.name in _registry:
        raise ValueError(f"a reference cache is already named {cache.name!r}")
    _registry[cache.name] = cache


class ReferenceCache(Generic[T]):
    """One value of reference data, loaded by `loader` on first use and kept by the process."""

    def __init__(self, name: str, loader: Callable[[AsyncSession], Awaitable[T]]) -> None:
        self._name = name
        self._loader = loader
        self._held: tuple[T] | None = None  # a box, so that a loaded None is a value
        _register(self)

    @property
    def name(self) -> str:
        return self._name

    @property
    def loaded(self) -> bool:
        """Whether the value is held (a `get` would not read the database)."""
        return self._held is not None

    async def get(self, session: AsyncSession) -> T:
        """The value, loaded with `session` if this process has not read it yet."""
        if self._held is None:
            return await self.refresh(session)
        return self._held[0]

    async def refresh(self, session: AsyncSession) -> T:
        """Read the value again, keep it and return it."""
        value = await self._loader(session)
        self._held = (value,)
        return value

    def clear(self) -> None:
        """Forget the value; the next `get` reads it again."""
        self._held = None


class KeyedReferenceCache(Generic[K, V]):
    """Reference values loaded one key at a time by `loader`, never changed once stored."""

    def __init__(
        self,
        name: str,
        loader: Callable[[AsyncSession, K], Awaitable[V]],
        *,
        warm: Callable[[AsyncSession], Awaitable[Iterable[K]]] | None = None,
    ) -> None:
        self._name = name
        self._loader = loader
        self._warm = warm
        self._values: dict[K, V] = {}
        _register(self)

    @property
    def name(self) -> str:
        return self._name

    @property
    def held(self) -> frozenset[K]:
        """The keys held (a `get` of them would not read the database)."""
        return frozenset(self._values)

    async def get(self, session: AsyncSession, key: K) -> V:
        """The value of `key`, loaded with `session` if this process has not read it yet."""
        if key not in self._values:
            self._values[key] = await self._loader(session, key)
        return self._values[key]

    async def refresh(self, session: AsyncSession) -> frozenset[K]:
        """Forget every key, load those `warm` names and return them."""
        keys = await self._warm(session) if self._warm is not None else ()
        self._values = {key: await self._loader(session, key) for key in keys}
        return self.held

    def clear(self) -> None:
        """Forget every key; each is read again on its next `get`."""
        self._values = {}


def registered() -> tuple[Registered, ...]:
    """Every cache made in this process, in the order they were made."""
    return tuple(_registry.values())


async def load_all(session: AsyncSession) -> None:
    """Load (or read again) every registered cache with `session`: the lifespan's start-up."""
    for cache in registered():
        await cache.refresh(session)


def clear_all() -> None:
    """Forget every registered cache's values."""
    for cache in registered():
        cache.clear()
