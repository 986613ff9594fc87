"""Compliance benchmark: the organisation-wide compliance query against a plain aggregate.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/biliktilik \\
      .venv/bin/python bench/compliance.py [--staff 100000] [--records 500000] [--repeat 5]

Works in a database of its own (``biliktilik_bench_cmp``, created when absent; the database of
DATABASE_URL is never touched), migrates it, and when it does not already hold the requested
sizes, empties it and generates one university with --staff people (one employment each, a mix
of faculty, administrative staff with heads and deputies, and college faculty) and --records PD
records (COPY on PostgreSQL, bulk inserts in batches on SQLite). The university adopts the
SKMA-464 template: four periodic requirements.

Then it times, for one day (--on), best and median of --repeat runs:

* ``organisation_compliance``: every (person, requirement) row with its status and due date;
* the lower bound: one plain SQL aggregate of verified hours per person in a 3-year window;

prints both and their ratio, and the number of SQL queries of the person card (the engine
alone, and the whole page through Django's test client).

A quick check of the script itself: ``--staff 2000 --records 10000 --allow-sqlite``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "biliktilik_bench_cmp"
ORG_CODE = "bench-cmp-uni"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=100_000, help="people on the staff (default 100000)")
    parser.add_argument("--records", type=int, default=500_000, help="PD records (default 500000)")
    parser.add_argument("--on", default="2025-06-01", help="the day evaluated (default 2025-06-01)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--database", default=DEFAULT_DATABASE, help=f"bench database (default {DEFAULT_DATABASE})")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data even when the sizes match")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated data (default 1)")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on a temporary SQLite file without PostgreSQL")
    return parser.parse_args(argv)


# --- the database ----------------------------------------------------------------------------------


def prepare_postgres(url: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def choose_database(args: argparse.Namespace) -> tuple[str, Path | None]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return prepare_postgres(url, args.database), None
    if not args.allow_sqlite:
        sys.exit("bench/compliance.py needs DATABASE_URL=postgres://... (or --allow-sqlite for a quick local run)")
    folder = Path(tempfile.mkdtemp(prefix="biliktilik-bench-cmp-"))
    return f"sqlite:///{folder / 'bench.sqlite3'}", folder


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- generating the data ---------------------------------------------------------------------------


def timed(label: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    print(f"  {label}: {time.perf_counter() - start:.1f} s")
    return result


def bulk_rows(model: Any, fields: list[str], rows: Iterator[tuple[Any, ...]], *, batch: int = 5000) -> int:
    """Insert ``rows`` into ``model``'s table: COPY on PostgreSQL, batched INSERTs elsewhere."""
    from django.db import connection

    table = model._meta.db_table
    columns = [model._meta.get_field(f).column for f in fields]
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 - names from models
    chunk: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            # SQLite keeps a UUID as 32 hex digits.
            chunk.append(tuple(v.hex if isinstance(v, uuid.UUID) else v for v in row))
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def generate(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from biliktilik.accounts.models import User
    from biliktilik.ledger.models import PDRecord
    from biliktilik.org.enums import OrganisationKind, UnitKind
    from biliktilik.org.models import Organisation, Unit
    from biliktilik.people.enums import StaffCategory
    from biliktilik.people.models import Employment, Person, Position
    from biliktilik.policy.services import rule_set_adopt

    rng = random.Random(args.seed)  # noqa: S311 - test data
    print(f"generating {args.staff} staff and {args.records} records")
    timed("flush", lambda: call_command("flush", interactive=False, verbosity=0))
    # flush empties every table, the seeded rule sets too: seed them again.
    from biliktilik.policy.seed import seed_rule_sets

    seed_rule_sets()
    now = timezone.now()
    admin = User.objects.create_superuser("bench-admin", password=uuid.uuid4().hex)
    uni = Organisation.objects.add_root(
        {"kind": OrganisationKind.UNIVERSITY, "code": ORG_CODE, "name_kk": "Бенч университеті"}
    )
    units: list[Any] = []
    for i in range(20):
        institute = Unit.objects.add_root(
            {"organisation": uni, "kind": UnitKind.INSTITUTE, "code": f"I{i}", "name_kk": f"Институт {i}"}
        )
        for j in range(10):
            units.append(
                Unit.objects.add_child(
                    institute,
                    {
                        "organisation": uni,
                        "kind": UnitKind.DEPARTMENT,
                        "code": f"I{i}D{j}",
                        "name_kk": f"Кафедра {i}.{j}",
                    },
                )
            )
    positions = {
        "lecturer": Position.objects.create(code="b-lecturer", name_kk="Оқытушы", category=StaffCategory.FACULTY),
        "specialist": Position.objects.create(code="b-specialist", name_kk="Маман", category=StaffCategory.ADMIN),
        "head": Position.objects.create(code="b-head", name_kk="Басшы", category=StaffCategory.ADMIN, is_head=True),
        "deputy": Position.objects.create(
            code="b-deputy", name_kk="Орынбасар", category=StaffCategory.ADMIN, is_deputy=True
        ),
        "college": Position.objects.create(code="b-college", name_kk="Колледж", category=StaffCategory.COLLEGE_FACULTY),
    }
    mix = ["lecturer"] * 60 + ["specialist"] * 24 + ["head"] * 3 + ["deputy"] * 3 + ["college"] * 10

    first_names = ["Асқар", "Гүлнұр", "Сергей", "Әйгерім", "Анна", "Нұрлан", "Дана", "Ерлан"]
    last_names = ["Әбілқасымов", "Серікбаева", "Иванов", "Нұрланова", "Петрова", "Омаров", "Ким", "Жақсылықов"]

    def people() -> Iterator[tuple[Any, ...]]:
        for i in range(args.staff):
            last, first = rng.choice(last_names), rng.choice(first_names)
            yield (now, now, uuid.uuid4(), last, first, "", f"{last} {first}".lower(), f"9{i:011d}", "", "", "", "", "")

    person_fields = [
        "created_at", "updated_at", "public_id", "last_name", "first_name", "middle_name", "search_name",
        "iin", "external_id", "sex", "email", "phone", "academic_title",
    ]  # fmt: skip
    with transaction.atomic():
        timed("people", lambda: bulk_rows(Person, person_fields, people()))
    person_ids = list(Person.objects.order_by("id").values_list("id", flat=True))

    def employments() -> Iterator[tuple[Any, ...]]:
        for pid in person_ids:
            key = rng.choice(mix)
            pos = positions[key]
            start = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 7300))
            unit = rng.choice(units)
            yield (
                now,
                now,
                uuid.uuid4(),
                pid,
                uni.pk,
                unit.pk,
                pos.pk,
                pos.category,
                Decimal(1),
                start,
                None,
                "",
                True,
            )

    employment_fields = [
        "created_at", "updated_at", "public_id", "person", "organisation", "unit", "position", "category",
        "rate", "start_date", "end_date", "end_reason", "is_primary",
    ]  # fmt: skip
    with transaction.atomic():
        timed("employments", lambda: bulk_rows(Employment, employment_fields, employments()))

    forms = ["course_short"] * 5 + ["course_long", "seminar", "training", "conference", "mooc", "dissertation", "other"]
    hours = [8, 16, 24, 36, 36, 72, 72, 72, 108, 144]

    def records() -> Iterator[tuple[Any, ...]]:
        for n in range(args.records):
            pid = rng.choice(person_ids)
            end = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(0, 4900))
            status = "verified" if rng.random() < 0.9 else "pending"
            yield (
                now,
                now,
                uuid.uuid4(),
                pid,
                uni.pk,
                rng.choice(forms),
                f"Course {n}",
                None,
                "",
                False,
                "KZ",
                "",
                end - dt.timedelta(days=5),
                end,
                Decimal(rng.choice(hours)),
                "with_leave" if rng.random() < 0.3 else "without_leave",
                False,
                "organisation",
                Decimal(0),
                rng.random() < 0.7,
                rng.random() < 0.1,
                "planned",
                "",
                None,
                status,
                "",
                None,
                None,
                "hr",
                "",
            )

    record_fields = [
        "created_at", "updated_at", "public_id", "person", "organisation", "form", "title", "provider",
        "provider_name", "is_foreign", "country", "city", "start_date", "end_date", "hours", "delivery_mode",
        "is_distance", "funding_source", "cost", "in_profile", "management_topic", "initiative", "justification",
        "justification_approved_by", "status", "status_reason", "verified_by", "verified_at", "origin", "external_id",
    ]  # fmt: skip
    with transaction.atomic():
        timed("records", lambda: bulk_rows(PDRecord, record_fields, records()))
    rule_set_adopt(actor=admin, organisation=uni, template_code="skma-464")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            timed("analyze", lambda: cursor.execute("ANALYZE"))


def sizes_match(args: argparse.Namespace) -> bool:
    from biliktilik.ledger.models import PDRecord
    from biliktilik.org.models import Organisation
    from biliktilik.people.models import Employment

    uni = Organisation.objects.filter(code=ORG_CODE).first()
    if uni is None:
        return False
    staff = Employment.objects.filter(organisation=uni).count()
    return staff == args.staff and PDRecord.objects.filter(organisation=uni).count() == args.records


# --- timing ------------------------------------------------------------------------------------------


def best_and_median(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    times: list[float] = []
    result = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def run(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from biliktilik.accounts.models import User
    from biliktilik.compliance.selectors import evaluate_person, organisation_compliance
    from biliktilik.ledger.models import PDRecord
    from biliktilik.org.models import Organisation
    from biliktilik.people.models import Person
    from biliktilik.policy.evaluators import add_years

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    if args.fresh or not sizes_match(args):
        generate(args)
    else:
        print(f"reusing the data of {ORG_CODE}: {args.staff} staff, {args.records} records")
    uni = Organisation.objects.get(code=ORG_CODE)
    on = dt.date.fromisoformat(args.on)

    best, median, report = best_and_median(lambda: organisation_compliance(uni, on), args.repeat)
    people = len({r.person_id for r in report.rows})
    print(
        f"organisation_compliance: {len(report.rows)} rows ({people} people x {len(report.requirements)} requirements)"
    )
    print(f"  best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")

    table = PDRecord._meta.db_table
    lower_sql = (
        f"SELECT person_id, SUM(hours) FROM {table} "  # noqa: S608 - the table name comes from the model
        "WHERE organisation_id = %s AND status = %s AND end_date > %s AND end_date <= %s GROUP BY person_id"
    )

    def lower_bound() -> int:
        with connection.cursor() as cursor:
            cursor.execute(lower_sql, [uni.pk, "verified", add_years(on, -3), on])
            return len(cursor.fetchall())

    lbest, lmedian, groups = best_and_median(lower_bound, args.repeat)
    print(f"lower bound (one aggregate of hours per person in the window): {groups} groups")
    print(f"  best {lbest * 1000:.0f} ms, median {lmedian * 1000:.0f} ms")
    print(f"ratio compliance / lower bound: best {best / lbest:.1f}x, median {median / lmedian:.1f}x")

    person = Person.objects.filter(employments__organisation=uni).order_by("id").first()
    assert person is not None
    with CaptureQueriesContext(connection) as engine:
        evaluate_person(person, on)
    client = Client()
    client.force_login(User.objects.get(username="bench-admin"))
    url = reverse("compliance:person", args=[person.public_id])
    client.get(url, {"on": on.isoformat()})
    with CaptureQueriesContext(connection) as page:
        status = client.get(url, {"on": on.isoformat()}).status_code
    print(
        f"person card: {len(engine.captured_queries)} queries in evaluate_person, "
        f"{len(page.captured_queries)} for the whole page (status {status})"
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    url, folder = choose_database(args)
    try:
        setup_django(url)
        run(args)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
