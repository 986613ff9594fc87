"""Export benchmark: synthetic rows through the table kit's writer to CSV and .xlsx.

    .venv/bin/python bench/exports.py [--sizes 10000 200000] [--language kk] [--memory tracemalloc|rss|none]

No database: the rows are made by a generator (like a queryset's ``.iterator()``), sixteen
columns of every type (text with some formula-like values, int, decimal, money, date, bool,
choice). For each size and format it prints the time and the peak of Python memory
(``tracemalloc``) while writing to a temporary file, then the ratio of the biggest size to the
smallest for both. Rows grow twenty times from 10,000 to 200,000; the memory must not (a ratio
near 1; the script exits with 1 when a peak ratio is over ``--max-ratio``, default 2).
Tracing memory slows Python down several times; ``--memory rss`` runs each export in a fresh
process at full speed and prints its peak resident memory instead (interpreter and Django
included, so its floor is about 60 MiB); ``--memory none`` prints the times only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    n: int
    last_name: str
    first_name: str
    unit: str
    topic: str
    hours: Decimal
    cost: Decimal
    start: dt.date
    end: dt.date
    foreign: bool
    form: str


FORMS = [("course", "Course"), ("seminar", "Seminar"), ("internship", "Internship")]
TOPICS = ["Digital teaching tools", '=HYPERLINK("http://x")', "Assessment design", "-minus first", "@mention"]


def rows(count: int) -> Iterator[Row]:
    base = dt.date(2024, 1, 1)
    for n in range(count):
        yield Row(
            n=n,
            last_name=f"Әбілқасымов{n % 977}",
            first_name=f"Асқар{n % 131}",
            unit=f"Кафедра {n % 50}",
            topic=TOPICS[n % len(TOPICS)],
            hours=Decimal(72 + n % 5) / 2,
            cost=Decimal(150_000 + n % 1000) + Decimal("0.5"),
            start=base + dt.timedelta(days=n % 365),
            end=base + dt.timedelta(days=n % 365 + 10),
            foreign=n % 7 == 0,
            form=FORMS[n % 3][0],
        )


def columns() -> list[Any]:
    from biliktilik.core.tables.export import Column

    return [
        Column("n", "No.", lambda r: r.n, type="int"),
        Column("last_name", "Last name", lambda r: r.last_name),
        Column("first_name", "First name", lambda r: r.first_name),
        Column("unit", "Unit", lambda r: r.unit),
        Column("topic", "Topic", lambda r: r.topic),
        Column("hours", "Hours", lambda r: r.hours, type="decimal"),
        Column("cost", "Cost", lambda r: r.cost, type="money"),
        Column("start", "Start", lambda r: r.start, type="date"),
        Column("end", "End", lambda r: r.end, type="date"),
        Column("foreign", "Foreign", lambda r: r.foreign, type="bool"),
        Column("form", "Form", lambda r: r.form, type="choice", choices=FORMS),
        Column("minus", "Balance", lambda r: -r.hours, type="decimal"),
        Column("days", "Days", lambda r: (r.end - r.start).days, type="int"),
        Column("city", "City", lambda r: "Алматы"),
        Column("country", "Country", lambda r: "KZ"),
        Column("code", "Code", lambda r: f"C-{r.n:07d}"),
    ]


def write_csv(count: int, target: Path) -> None:
    from biliktilik.core.tables.export import csv_lines

    with target.open("w", encoding="utf-8", newline="") as out:
        for line in csv_lines(columns(), rows(count)):
            out.write(line)


def write_xlsx(count: int, target: Path) -> None:
    from biliktilik.core.tables.export import write_xlsx as write

    with target.open("wb") as out:
        write(out, columns(), rows(count), sheet_title="Bench")


def measure(
    write: Callable[[int, Path], None], count: int, folder: Path, ext: str, *, trace: bool
) -> tuple[float, int, int]:
    """Seconds, peak traced bytes (0 without tracing) and file size of one export."""
    target = folder / f"bench-{count}.{ext}"
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    write(count, target)
    seconds = time.perf_counter() - started
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    size = target.stat().st_size
    target.unlink()
    return seconds, peak, size


def measure_rss(ext: str, count: int, language: str) -> tuple[float, int, int]:
    """The same in a fresh process, with its peak resident memory instead of tracemalloc."""
    code = (
        "import sys; sys.argv = ['exports.py', '--child', sys.argv[1], sys.argv[2], sys.argv[3]];"
        f"sys.path.insert(0, {str(ROOT / 'bench')!r}); import exports; exports.main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, ext, str(count), language], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def child(ext: str, count: int) -> None:
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        seconds, _peak, size = measure(WRITERS[ext], count, Path(tmp), ext, trace=False)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    print(seconds, peak_rss, size)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


def setup(language: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.utils import translation

    translation.activate(language)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        setup(argv[3])
        child(argv[1], int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 200_000], help="row counts")
    parser.add_argument("--language", default="kk", help="language of the CSV dialect (default kk)")
    parser.add_argument("--max-ratio", type=float, default=2.0, help="largest allowed peak-memory ratio")
    parser.add_argument(
        "--memory",
        choices=["tracemalloc", "rss", "none"],
        default="tracemalloc",
        help="tracemalloc (peak of Python allocations, slows Python several times), rss (peak resident "
        "memory of a fresh process per run, plain speed) or none (times only)",
    )
    args = parser.parse_args(argv)
    setup(args.language)
    sizes = sorted(args.sizes)
    peaks: dict[str, list[int]] = {"csv": [], "xlsx": []}
    print(f"memory: {args.memory}, language: {args.language}")
    print(f"{'format':6} {'rows':>9} {'seconds':>9} {'rows/s':>9} {'peak MiB':>9} {'file MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for ext, write in WRITERS.items():  # warm up: imports and catalogs are not the export's
            measure(write, 10, Path(tmp), ext, trace=False)
        for ext, write in WRITERS.items():
            for count in sizes:
                if args.memory == "rss":
                    seconds, peak, size = measure_rss(ext, count, args.language)
                else:
                    seconds, peak, size = measure(write, count, Path(tmp), ext, trace=args.memory == "tracemalloc")
                peaks[ext].append(peak)
                print(
                    f"{ext:6} {count:>9,} {seconds:>9.2f} {count / seconds:>9,.0f} "
                    f"{peak / 2**20:>9.2f} {size / 2**20:>9.2f}",
                    flush=True,
                )
    if args.memory == "none":
        return 0
    failed = False
    for ext, values in peaks.items():
        ratio = values[-1] / values[0]
        print(f"{ext}: {sizes[-1] / sizes[0]:.0f}x the rows, {ratio:.2f}x the peak memory")
        failed = failed or ratio > args.max_ratio
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
