#!/usr/bin/env python
"""Benchmark the monitor at national scale: import, pages, district reports.

Data: every CBS area of a country-sized set (~17,000 municipalities, districts and
neighbourhoods) x the ~50 catalogue indicators x 10 years, as ``kwb-YYYY.csv`` files in
CBS's own column layout (``gwb_code_10``, ``regio``, ``recs``, ``ind_wbi``, ``a_inw``, ...,
with ``.`` for unknown, counts of districts and neighbourhoods rounded to 5, a national
``NL00`` row). The real Utrecht rows of 2023 and 2024 (``tests/data/cbs``) are used where
present; every other row is generated with a fixed seed. One year is also written as
``kwb-YYYY.xlsx`` (the format CBS publishes) to time the xlsx path.

Measured (on a fresh SQLite database in ``--data-dir``):

1. import of each year's file through ``observations_import`` (the web/CLI path: read,
   check, one durable transaction), oldest year first; the first year also creates the
   areas; then the same file again (nothing changes) and the xlsx of the last year;
2. page requests through Django's test client (URL routing, middleware, queries, template):
   profiles of random districts and neighbourhoods, municipality dashboards, plan progress;
3. district reports as PDF (WeasyPrint).

Usage::

    .venv/bin/python benchmarks/bench_monitor.py [--years 10] [--scale 1.0] \
        [--data-dir /tmp/wk-bench] [--requests 200] [--reports 3] \
        [--output benchmarks/RESULTS-monitor.md]

``--scale 0.1`` makes a tenth of the areas (a quick check). Not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import sys
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CBS_DIR = REPO / "tests" / "data" / "cbs"  # the tests' copies (SOURCES.md there; Bron: CBS)
sys.path.insert(0, str(REPO / "src"))

IDENTITY = ["gwb_code_10", "gwb_code_8", "regio", "gm_naam", "recs", "gwb_code", "ind_wbi"]
#: Every column the catalogue reads, with (low, high, kind) of its generated values.
#: kind: "count" (scaled by inhabitants, rounded to 5 below municipality level),
#: "pct", "num".
VARIABLES: dict[str, tuple[float, float, str]] = {
    "a_inw": (0, 0, "count"),
    "a_hh": (0.45, 0.6, "count"),
    "g_hhgro": (1.6, 2.6, "num"),
    "bev_dich": (200, 12000, "num"),
    "a_00_14": (0.1, 0.2, "count"),
    "a_65_oo": (0.1, 0.3, "count"),
    "a_1p_hh": (0.15, 0.35, "count"),
    "a_hh_m_k": (0.1, 0.25, "count"),
    "a_neu_al": (0.03, 0.4, "count"),
    "a_eur_al": (0.03, 0.12, "count"),
    "a_woning": (0.42, 0.55, "count"),
    "g_wozbag": (180, 650, "num"),
    "p_koopw": (20, 85, "pct"),
    "p_huurw": (15, 80, "pct"),
    "p_wcorpw": (5, 60, "pct"),
    "p_leegsw": (2, 9, "pct"),
    "p_bjo2k": (5, 60, "pct"),
    "g_gas": (600, 1800, "num"),
    "g_ele": (1800, 3600, "num"),
    "p_stadsv": (0, 40, "pct"),
    "p_arb_pp": (55, 78, "pct"),
    "p_arb_zs": (8, 20, "pct"),
    "a_soz_wb": (0.005, 0.09, "count"),
    "a_soz_ww": (0.005, 0.02, "count"),
    "a_soz_ao": (0.02, 0.07, "count"),
    "a_bedv": (0.05, 0.2, "count"),
    "g_ink_pi": (24, 45, "num"),
    "g_hh_sti": (28, 55, "num"),
    "p_hh_lkk": (3, 20, "pct"),
    "p_hh_osm": (3, 18, "pct"),
    "p_ink_li": (25, 60, "pct"),
    "m_hh_ver": (20, 300, "num"),
    "a_opl_lg": (0.15, 0.35, "count"),
    "a_opl_md": (0.3, 0.4, "count"),
    "a_opl_hg": (0.2, 0.5, "count"),
    "p_jz_tn": (6, 16, "pct"),
    "g_afs_sc": (0.3, 2.5, "num"),
    "g_afs_kv": (0.3, 2.5, "num"),
    "g_3km_sc": (2, 40, "num"),
    "p_wmo_t": (40, 140, "num"),
    "g_afs_hp": (0.4, 3.0, "num"),
    "g_afs_gs": (0.4, 3.0, "num"),
    "g_pau_hh": (0.5, 1.3, "num"),
    "ste_oad": (300, 8000, "num"),
    "g_wodief": (1, 8, "num"),
    "g_vernoo": (3, 15, "num"),
    "g_gewsek": (2, 10, "num"),
}
HEADER = IDENTITY + list(VARIABLES)
UTRECHT = "0344"


# --- data ------------------------------------------------------------------------------------


def real_utrecht(year: int) -> list[dict[str, str]] | None:
    path = CBS_DIR / f"kwb-{year}-gm0344-utrecht.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def make_areas(scale: float, rng: random.Random):
    """[(code, name, recs, municipality name, parent inhabitants share)] for ~17,400 areas."""
    numbers = [n for n in range(1, 2000) if f"{n:04d}" != UTRECHT]
    rng.shuffle(numbers)
    municipalities = sorted(numbers[: max(2, round(341 * scale))])
    areas = []
    for n in municipalities:
        gm = f"{n:04d}"
        name = f"Gemeente {gm}"
        inhabitants = int(rng.lognormvariate(10.3, 0.8)) + 1000
        areas.append((f"GM{gm}", name, "Gemeente", name, inhabitants))
        districts = rng.randint(3, 17)
        for d in range(districts):
            wk = f"{gm}{d:02d}"
            d_inh = inhabitants / districts
            areas.append((f"WK{wk}", f"Wijk {d:02d} {name}", "Wijk", name, d_inh))
            hoods = rng.randint(1, 7)
            for b in range(hoods):
                areas.append(
                    (f"BU{wk}{b:02d}", f"Buurt {b:02d} {wk}", "Buurt", name, d_inh / hoods)
                )
    return areas


def row_for(area, year: int, rng: random.Random) -> list[str]:
    code, name, recs, gm_name, inhabitants = area
    local = random.Random(zlib.crc32(code.encode()))
    drift = 1 + (year - 2019) * local.uniform(-0.01, 0.015)
    inh = max(5, inhabitants * drift * rng.uniform(0.99, 1.01))
    rounded = recs != "Gemeente"
    wbi = "3" if recs == "Buurt" and rng.random() < 0.01 else "1"
    cells = [code, code[2:], name, gm_name, recs, code, wbi]
    for var, (low, high, kind) in VARIABLES.items():
        if rng.random() < 0.03:
            cells.append(".")
            continue
        position = local.random()
        if var == "a_inw":
            value = inh
        elif kind == "count":
            value = inh * (low + (high - low) * position)
        else:
            value = (low + (high - low) * position) * drift
        if kind == "count":
            value = 5 * round(value / 5) if rounded else round(value)
            cells.append(str(int(value)))
        elif kind == "pct":
            cells.append(f"{min(value, 100):.0f}")
        else:
            cells.append(f"{value:.1f}")
    return cells


def utrecht_rows(year: int, real_2023: list[dict[str, str]], rng: random.Random):
    real = real_utrecht(year)
    source = real or real_2023
    out = []
    for r in source:
        cells = [r.get(c, "") for c in IDENTITY]
        for var in VARIABLES:
            value = r.get(var, ".") or ""
            if real is None and value not in ("", "."):
                try:
                    number = float(value) * (1 + (year - 2023) * 0.01) * rng.uniform(0.99, 1.01)
                    value = f"{number:.1f}" if "." in value else str(int(5 * round(number / 5)))
                except ValueError:
                    pass
            cells.append(value)
        out.append(cells)
    return out


def write_files(folder: Path, years: list[int], scale: float, xlsx_year: int) -> dict:
    rng = random.Random(2026)
    areas = make_areas(scale, rng)
    real_2023 = real_utrecht(2023) or []
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for year in years:
        rows = [["NL00", "NL00", "Nederland", "", "Land", "NL00", "1"] + ["."] * len(VARIABLES)]
        nl = rows[0]
        nl[HEADER.index("a_inw")] = "17942942"
        nl[HEADER.index("a_soz_wb")] = "399000"
        nl[HEADER.index("p_arb_pp")] = "70"
        rows += [row_for(a, year, rng) for a in areas]
        rows += utrecht_rows(year, real_2023, rng)
        count = len(rows) - 1
        with (folder / f"kwb-{year}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(rows)
        if year == xlsx_year:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(f"kwb-{year}")
            ws.append(HEADER)
            for row in rows:
                ws.append([_cell(v) for v in row])
            wb.save(folder / f"kwb-{year}.xlsx")
    return {"areas": count, "variables": len(VARIABLES)}


def _cell(value: str):
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


# --- measuring -------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed_requests(client, urls: list[str]) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per request. CPU time is this process's own work: on a shared,
    busy machine it is closer to what an idle machine would take than the wall time."""
    times = []
    for url in urls:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
    return times


def add_plans(districts, rng: random.Random) -> list:
    from decimal import Decimal

    from wijkaanpak.monitor.models import Indicator
    from wijkaanpak.partners.models import Organisation, Person
    from wijkaanpak.plans.models import ActionPlan, Goal
    from wijkaanpak.projects.models import Project

    org, _ = Organisation.objects.get_or_create(
        name="Benchmark-gemeente", defaults={"kind": "municipality"}
    )
    lead, _ = Person.objects.get_or_create(name="Benchmark-trekker", organisation=org)
    codes = ["bijstand_per_1000", "p_arb_pp", "p_hh_osm", "p_jz_tn", "g_wozbag"]
    indicators = list(Indicator.objects.filter(code__in=codes))
    plans = []
    for d in districts:
        plan = ActionPlan.objects.create(
            district=d, title=f"Plan {d.name}", vision="Benchmark", start_year=2018, end_year=2030
        )
        for ind in indicators:
            Goal.objects.create(
                plan=plan,
                title=f"{ind.code} in {d.code}",
                indicator=ind,
                baseline_value=Decimal(rng.randint(10, 60)),
                baseline_year=2018,
                target_value=Decimal(rng.randint(10, 60)),
                target_year=2030,
                owner=org,
            )
        for n in range(4):
            Project.objects.create(
                district=d,
                title=f"Project {n} {d.code}",
                lead=lead,
                domain="social",
                start_date=dt.date(2022, 1, 1),
                end_date=dt.date(2028, 12, 31),
                status="running",
            )
        plans.append(plan)
    return plans


def run_imports(args, load_before) -> dict:
    """Generate the files, then import every year, the last one again, and its xlsx."""
    from wijkaanpak.monitor.models import Observation
    from wijkaanpak.monitor.services import observations_import

    years = list(range(2025 - args.years, 2025))
    files = args.data_dir / "kwb"
    start = time.perf_counter()
    shape = write_files(files, years, args.scale, years[-1])
    print(
        f"generated {len(years)} files of {shape['areas']} areas in {time.perf_counter() - start:.0f} s"
    )
    rows: list[tuple[str, str]] = []
    import_times: list[float] = []
    cpu_times: list[float] = []
    for year in years:
        path = files / f"kwb-{year}.csv"
        start, cpu = time.perf_counter(), time.process_time()
        report = observations_import(content=path.read_bytes(), filename=path.name)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        import_times.append(seconds)
        cpu_times.append(cpu)
        print(f"import {path.name}: {seconds:.1f} s, CPU {cpu:.1f} s ({report.created} new)")
        rows.append(
            (
                f"import `{path.name}` ({shape['areas']:,} areas"
                + (", creates the areas" if year == years[0] else "")
                + ")",
                f"{seconds:.1f} s | {cpu:.1f} s | {report.created:,}",
            )
        )
    path = files / f"kwb-{years[-1]}.csv"
    start, cpu = time.perf_counter(), time.process_time()
    again = observations_import(content=path.read_bytes(), filename=path.name)
    reimport_s, reimport_cpu = time.perf_counter() - start, time.process_time() - cpu
    xlsx = files / f"kwb-{years[-1]}.xlsx"
    start, cpu = time.perf_counter(), time.process_time()
    observations_import(content=xlsx.read_bytes(), filename=xlsx.name)
    xlsx_s, xlsx_cpu = time.perf_counter() - start, time.process_time() - cpu
    db_file = args.data_dir / "wijkaanpak.sqlite3"
    return {
        "years": years,
        "shape": shape,
        "rows": rows,
        "total": sum(import_times),
        "total_cpu": sum(cpu_times),
        "reimport_s": reimport_s,
        "reimport_cpu": reimport_cpu,
        "xlsx_cpu": xlsx_cpu,
        "unchanged": again.unchanged,
        "xlsx_s": xlsx_s,
        "observations": Observation.objects.count(),
        "db_mb": db_file.stat().st_size / 1e6 if db_file.exists() else 0,
        "load_before": load_before[0],
    }


def _database_name() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]} (on the same machine)"


def run_pages_and_reports(args, done, load_before) -> None:
    from django.db import connection
    from django.test import Client

    from wijkaanpak.areas.models import Area, AreaKind
    from wijkaanpak.monitor import reports
    from wijkaanpak.monitor.models import Indicator

    years, shape, rows = done["years"], done["shape"], done["rows"]
    observations, db_mb, total = done["observations"], done["db_mb"], done["total"]

    rng = random.Random(7)
    districts = list(Area.objects.filter(kind=AreaKind.DISTRICT).order_by("?")[:60])
    neighbourhoods = list(Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).order_by("?")[:60])
    municipalities = list(Area.objects.filter(kind=AreaKind.MUNICIPALITY).order_by("?")[:40])
    plans = add_plans(districts[:20], rng)
    client = Client(HTTP_HOST="localhost")
    client.get(f"/gebied/{districts[0].code}/profiel/")  # warm-up: imports, template cache

    n = args.requests
    profile_urls = [
        f"/gebied/{rng.choice(districts + neighbourhoods).code}/profiel/" for _ in range(n)
    ]
    dashboard_urls = [
        f"/monitor/gemeente/{rng.choice(municipalities).code}/" for _ in range(n // 2)
    ]
    progress_urls = [f"/plan/{rng.choice(plans).pk}/voortgang/" for _ in range(n // 4)]
    district_urls = [rng.choice(districts[:20]).get_absolute_url() for _ in range(n // 4)]
    pages = {
        "profile (district or neighbourhood)": timed_requests(client, profile_urls),
        "dashboard (all districts of a municipality)": timed_requests(client, dashboard_urls),
        "goal progress of a plan (5 goals, charts)": timed_requests(client, progress_urls),
        "district page (with goal lights and index)": timed_requests(client, district_urls),
    }
    report_times = []
    reports.district_report_pdf(districts[0])  # warm-up: WeasyPrint import, fonts
    for d in districts[: args.reports]:
        start, cpu = time.perf_counter(), time.process_time()
        pdf = reports.district_report_pdf(d)
        report_times.append(
            (d.code, time.perf_counter() - start, time.process_time() - cpu, len(pdf))
        )
    load_after = os.getloadavg()

    lines = [
        "# Monitor benchmark",
        "",
        f"Run on {dt.date.today():%Y-%m-%d}: {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, {_database_name()}. "
        "Load average "
        f"{done['load_before']:.1f} before the import, {load_before[0]:.1f} before the pages, "
        f"{load_after[0]:.1f} after.",
        "",
        "Command (from the repository root):",
        "",
        "```sh",
        ".venv/bin/python benchmarks/bench_monitor.py --years "
        f"{args.years} --scale {args.scale:g} --requests {args.requests} --reports {args.reports}"
        + (
            f" --postgresql {args.postgresql} --output {args.output.name}"
            if args.postgresql
            else ""
        ),
        "```",
        "",
        f"Data: {shape['areas']:,} areas (generated, plus the real Utrecht rows of 2023 and "
        f"2024) x {Indicator.objects.count()} indicators ({shape['variables']} CBS columns, "
        f"derived ratios included) x {len(years)} years ({years[0]}-{years[-1]}) = "
        f"{observations:,} observations"
        + (f"; SQLite file {db_mb:,.0f} MB." if connection.vendor == "sqlite" else "."),
        "",
        "## Import (`observations_import`, the path of `wijk monitor import-cbs`)",
        "",
        "| what | wall time | CPU time | figures written |",
        "|---|---|---|---|",
        *[f"| {a} | {b} |" for a, b in rows],
        f"| **all {len(years)} years** | **{total:.0f} s** | **{done['total_cpu']:.0f} s** | |",
        f"| the last file again (nothing changes: {done['unchanged']:,} unchanged) | "
        f"{done['reimport_s']:.1f} s | {done['reimport_cpu']:.1f} s | 0 |",
        f"| the same year as `.xlsx` (the format CBS publishes; nothing changes) | "
        f"{done['xlsx_s']:.1f} s | {done['xlsx_cpu']:.1f} s | 0 |",
        "",
        "## Pages (Django test client: routing, middleware, queries, template)",
        "",
        "| page | requests | p50 wall | p95 wall | max wall | p50 CPU | p95 CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, times in pages.items():
        ms = [t * 1000 for t, _c in times]
        cpu = [c * 1000 for _t, c in times]
        lines.append(
            f"| {name} | {len(ms)} | {statistics.median(ms):.0f} ms | {pct(ms, 95):.0f} ms | "
            f"{max(ms):.0f} ms | {statistics.median(cpu):.0f} ms | {pct(cpu, 95):.0f} ms |"
        )
    lines += [
        "",
        "## District report as PDF (WeasyPrint, 5 goals, 4 projects)",
        "",
        "| district | wall time | CPU time | size |",
        "|---|---|---|---|",
        *[
            f"| {code} | {s:.1f} s | {c:.1f} s | {size / 1000:.0f} kB |"
            for code, s, c, size in report_times
        ],
        "",
        "## Notes",
        "",
        "- Targets of issue 3: import of the national set under 60 s; profile and dashboard "
        "p95 under 200 ms; one district report under 5 s. All ten years: "
        f"{done['total']:.0f} s ({'met' if done['total'] < 60 else 'not met'}).",
        "- Import times include reading and checking the whole file with the CBS readers, "
        "creating missing catalogue entries and areas, comparing with the stored figures and "
        "the bulk upsert (`INSERT .. ON CONFLICT DO UPDATE`; on SQLite many rows per "
        "statement, on PostgreSQL `COPY` into a staging table) in one durable transaction.",
        "- Page times are measured in-process (no network, no static files), one request at "
        "a time, after one warm-up request.",
        "- The machine may be shared with other work (2 cores; see the load averages above): "
        "wall times include waiting for the CPU. CPU time is what this process itself used "
        "(Python, templates, SQLite and WeasyPrint run in-process; a PostgreSQL server's own "
        "CPU is not included), a fair estimate of the wall time on an idle machine.",
        "",
    ]
    if args.reuse:
        lines.insert(
            lines.index("## Pages (Django test client: routing, middleware, queries, template)")
            + 1,
            "\nPages and reports measured again on the same database (`--reuse`).",
        )
    args.output.write_text("\n".join(lines))
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/wk-bench"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reports", type=int, default=3)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "RESULTS-monitor.md")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database and import timings of an earlier run in --data-dir; "
        "measure pages and reports again",
    )
    parser.add_argument(
        "--postgresql",
        metavar="URL",
        help="run on PostgreSQL instead of SQLite: a server URL such as "
        "postgres://postgres@127.0.0.1:5432; the database wk_bench_monitor is dropped and "
        "created there",
    )
    args = parser.parse_args()
    if args.postgresql:
        import psycopg

        base = args.postgresql.rstrip("/")
        if not args.reuse:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS wk_bench_monitor WITH (FORCE)")
                conn.execute("CREATE DATABASE wk_bench_monitor")
        os.environ["DATABASE_URL"] = f"{base}/wk_bench_monitor"

    saved = args.data_dir / "import-results.json"
    reuse = args.reuse and saved.exists()
    if not reuse:
        if args.data_dir.exists():
            shutil.rmtree(args.data_dir)
        args.data_dir.mkdir(parents=True)
    os.environ["WIJKAANPAK_DATA_DIR"] = str(args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    load_before = os.getloadavg()
    if reuse:
        done = json.loads(saved.read_text())
    else:
        done = run_imports(args, load_before)
        saved.write_text(json.dumps(done))
    run_pages_and_reports(args, done, load_before)


if __name__ == "__main__":
    main()
