"""Staff directory benchmark: server time and SQL queries of the directory and the personal file.

    .venv/bin/python bench/directory.py [--staff 50000] [--requests 30] [--allow-sqlite] [--dry-run]

Uses the server of DATABASE_URL (PostgreSQL) with a database of its own (``biliktilik_bench``
by default, created when absent), migrates it, and for two sizes (a tenth of --staff, then
--staff) empties it, loads the demo data and times, logged in as the HR officer of the biggest
organisation: the first page of the staff directory, a search, a unit filter and a person's
file. It prints p50 / p95 server time in milliseconds and the number of SQL queries of each
page; the query counts should be the same at both sizes.

--dry-run only loads and prints the row counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "biliktilik_bench"


@dataclass
class PageResult:
    size: int
    page: str
    status: int
    p50: float
    p95: float
    queries: int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=50_000, help="staff of the larger size (default 50000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--database", default=DEFAULT_DATABASE, help=f"bench database (default {DEFAULT_DATABASE})")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on a temporary SQLite file without PostgreSQL")
    parser.add_argument("--dry-run", action="store_true", help="only load the data and print the row counts")
    parser.add_argument("--search-param", default="q", help="query parameter of the directory search (default q)")
    parser.add_argument("--unit-param", default="unit", help="query parameter of the unit filter (default unit)")
    return parser.parse_args(argv)


# --- the database -----------------------------------------------------------------------------------


def prepare_postgres(url: str, name: str) -> str:
    """Create the bench database on the server of ``url`` when absent; return its URL."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def choose_database(args: argparse.Namespace) -> tuple[str, Path | None]:
    """The URL of the bench database and, for SQLite, the temporary folder to remove after."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return prepare_postgres(url, args.database), None
    if not args.allow_sqlite:
        sys.exit("bench/directory.py needs DATABASE_URL=postgres://... (or --allow-sqlite for a quick local run)")
    folder = Path(tempfile.mkdtemp(prefix="biliktilik-bench-"))
    return f"sqlite:///{folder / 'bench.sqlite3'}", folder


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import warnings

    import django
    from django.test.utils import setup_test_environment

    # WhiteNoise warns that collectstatic has not run; the bench serves no static files.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS), DEBUG off


# --- measuring ---------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(client: Any, url: str, requests: int) -> tuple[int, list[float], int]:
    """One counted request for the number of queries, then ``requests`` timed ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Count now: the next request empties the query log the context reads from.
    queries = len(captured)
    if response.status_code != 200:
        return response.status_code, [], queries
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return 200, times, queries


def pages_to_time(args: argparse.Namespace) -> tuple[Any, list[tuple[str, str]]] | str:
    """The logged-in client and the (page, url) pairs, or why the pages cannot be timed."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from biliktilik.accounts.models import User
    from biliktilik.org.models import Unit
    from biliktilik.people.models import Employment

    try:
        directory = reverse("people:directory")
    except NoReverseMatch:
        return "the URL people:directory does not exist yet"
    current = Employment.objects.filter(end_date__isnull=True)
    biggest = current.values("organisation").annotate(n=Count("id")).order_by("-n").first()
    if biggest is None:
        return "no staff loaded"
    organisation_id = biggest["organisation"]
    user = User.objects.filter(grants__role="hr_officer", grants__organisation_id=organisation_id).first()
    if user is None:
        return "no HR officer in the biggest organisation"
    staff = current.filter(organisation_id=organisation_id)
    surname = staff.values("person__last_name").annotate(n=Count("id")).order_by("-n").first()["person__last_name"]
    unit_id = staff.values("unit").annotate(n=Count("id")).order_by("-n").first()["unit"]
    unit = Unit.objects.get(pk=unit_id)
    person = user.person or staff.select_related("person").first().person
    pages = [
        ("directory", directory),
        ("search", f"{directory}?{args.search_param}={surname.lower()}"),
        ("unit filter", f"{directory}?{args.unit_param}={unit.public_id}"),
    ]
    try:
        pages.append(("person", reverse("people:person_detail", kwargs={"public_id": person.public_id})))
    except NoReverseMatch:
        print("  (the URL people:person_detail does not exist yet; person page skipped)")
    client = Client()
    client.force_login(user)
    return client, pages


# --- the run -----------------------------------------------------------------------------------------


def load(size: int) -> tuple[float, dict[str, int]]:
    from django.core.management import call_command

    from biliktilik.demo.selectors import demo_counts

    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", "--staff", str(size), verbosity=0)
    return time.perf_counter() - started, demo_counts()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.staff < 10 or args.requests < 1:
        sys.exit("--staff must be at least 10 and --requests at least 1")
    database_url, temporary = choose_database(args)
    setup_django(database_url)
    try:
        return run(args)
    finally:
        if temporary is not None:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(temporary, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    sizes = [max(1, args.staff // 10), args.staff]
    results: list[PageResult] = []
    for size in sizes:
        seconds, counts = load(size)
        print(f"\nstaff {size}: loaded in {seconds:.1f} s")
        for label, count in counts.items():
            print(f"  {label:32} {count:>9}")
        if args.dry_run:
            continue
        prepared = pages_to_time(args)
        if isinstance(prepared, str):
            print(f"  pages not timed: {prepared}")
            continue
        client, pages = prepared
        for page, url in pages:
            status, times, queries = measure(client, url, args.requests)
            if status != 200:
                print(f"  {page}: HTTP {status} for {url}; not timed")
                continue
            results.append(PageResult(size, page, status, percentile(times, 0.5), percentile(times, 0.95), queries))
    if results:
        print(f"\n{'staff':>7}  {'page':<12} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for r in results:
            print(f"{r.size:>7}  {r.page:<12} {r.p50:>8.1f} {r.p95:>8.1f} {r.queries:>8}")
        small = {r.page: r.queries for r in results if r.size == sizes[0]}
        large = {r.page: r.queries for r in results if r.size == sizes[1]}
        same = [page for page in small if large.get(page) == small[page]]
        grew = [page for page in small if page in large and large[page] != small[page]]
        print(f"\nquery count unchanged from {sizes[0]} to {sizes[1]} staff: {', '.join(same) or 'none'}")
        if grew:
            print(f"query count CHANGED: {', '.join(grew)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
