"""Many people taking a number of the same register at the same moment (PostgreSQL row locks):
no number repeats and none is skipped."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from biliktilik.documents.models import Register, RegisterEntry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SELECT ... FOR UPDATE row locks; set DATABASE_URL to a PostgreSQL database",
    ),
]

THREADS = 8


@pytest.mark.parametrize("register_exists", [True, False], ids=["register-exists", "first-number-of-the-year"])
def test_numbers_taken_at_once_are_gap_free_and_unique(world, register_exists):
    organisation = world.orgs["uni"]
    if register_exists:
        Register.objects.create(organisation=organisation, doc_type="order", year=2031, prefix="ORD")
    barrier = threading.Barrier(THREADS, timeout=20)
    errors: list[BaseException] = []

    def click(username: str) -> None:
        from biliktilik.accounts.models import User
        from biliktilik.documents.registers import register_next

        try:
            actor = User.objects.get(username=username)
            barrier.wait()
            register_next(actor=actor, organisation=organisation, doc_type="order", year=2031)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=click, args=("hr_officer",)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    assert Register.objects.get(organisation=organisation, doc_type="order", year=2031).last_number == THREADS
