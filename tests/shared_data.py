"""Test data built once and shared by many tests, each test still starting from the same state.

Building the ``world`` (organisations, units, staff and one user per role) or loading the demo
for every test costs more than most tests themselves. Instead a *shared dataset* is built once
inside an outer transaction that stays open; every test then runs inside its own savepoint
(pytest-django's ordinary ``TestCase`` transaction nests into the outer one), so whatever a test
writes is rolled back and the next test finds the dataset exactly as it was built.

Only one dataset is held at a time. A test that asks for another dataset, for none, or for a
real transaction (``transactional_db``, ``live_server``, ``django_db(transaction=True)``) rolls
the held one back first, so tests that do not ask for shared data never see it. Running test
files together (``pytest -n ... --dist loadfile``) keeps the rebuilds few.

A dataset is declared with ``@shared_dataset("name")`` on a builder that returns plain values
(ids, strings): tests get fresh model instances from those ids, never objects cached from an
earlier test. A fixture that depends on the fixture ``name`` makes the dataset available.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connections, transaction

_BUILDERS: dict[str, Callable[[], Any]] = {}


def shared_dataset(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register ``builder`` as the shared dataset ``name`` (the fixture of the same name gives
    the builder's return value)."""

    def register(builder: Callable[[], Any]) -> Callable[[], Any]:
        if name in _BUILDERS and _BUILDERS[name] is not builder:
            raise RuntimeError(f"Two shared datasets are called {name!r}")
        _BUILDERS[name] = builder
        return builder

    return register


def dataset_names() -> frozenset[str]:
    return frozenset(_BUILDERS)


@dataclass
class Keeper:
    """Holds at most one dataset, inside open outer transactions on every database."""

    blocker: Any
    name: str | None = None
    # A transactional test ends with a flush, which empties the tables the data migrations
    # filled (the rule set library): they are filled again before the next test.
    flushed: bool = False
    value: Any = None
    _atomics: list[Any] = field(default_factory=list)

    def hold(self, name: str) -> Any:
        if self.name == name and self._alive():
            return self.value
        self.release()
        with self.blocker.unblock():
            for alias in connections:
                atomic = transaction.atomic(using=alias)
                atomic.__enter__()
                self._atomics.append((alias, atomic))
            try:
                self.value = _BUILDERS[name]()
            except BaseException:
                self._rollback()
                raise
        self.name = name
        return self.value

    def restore_seeds(self) -> None:
        if not self.flushed:
            return
        from biliktilik.policy.seed import seed_rule_sets

        with self.blocker.unblock():
            seed_rule_sets()
        self.flushed = False

    def release(self) -> None:
        if self._atomics:
            with self.blocker.unblock():
                self._rollback()
        self.name = None
        self.value = None

    def _alive(self) -> bool:
        """Whether the outer transactions are still open (a connection closed under them, e.g.
        by a server thread sharing it, has lost them and the dataset with them)."""
        if not self._atomics:
            return False
        for alias, _atomic in self._atomics:
            conn = connections[alias]
            raw = conn.connection
            if not conn.in_atomic_block or conn.closed_in_transaction or raw is None:
                return False
            if getattr(raw, "closed", False):  # psycopg: closed by the server or another thread
                return False
        return True

    def _rollback(self) -> None:
        while self._atomics:
            alias, atomic = self._atomics.pop()
            conn = connections[alias]
            if not conn.in_atomic_block:
                continue  # already gone with its connection: nothing left to roll back
            if conn.connection is None or getattr(conn.connection, "closed", False):
                # Closed under the transaction: the server rolled it back; let Django's atomic
                # block end without talking to the database.
                conn.closed_in_transaction = True
                conn.needs_rollback = True
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)


def is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    names = set(request.fixturenames)
    return bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


def wanted_dataset(request: pytest.FixtureRequest) -> str | None:
    """The shared dataset a test asks for (through any of its fixtures), or None."""
    wanted = sorted(dataset_names() & set(request.fixturenames))
    if len(wanted) > 1:
        raise RuntimeError(f"A test can use one shared dataset, not {wanted}")
    return wanted[0] if wanted else None


def dataset_fixture(name: str) -> Any:
    """The fixture that gives dataset ``name``: held in the shared transaction, or built in the
    test's own transaction when the test needs a real one (transactional tests)."""

    @pytest.fixture(name=name)
    def fixture(db: None, _shared_keeper: Keeper) -> Any:
        if _shared_keeper.name == name:
            return _shared_keeper.value
        return _BUILDERS[name]()

    return fixture
