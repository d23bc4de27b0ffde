"""Benchmark: reading, assessing and reporting on organizations of growing size.

Uses the seeded synthetic organizations of ``bench_graph.py`` (about 1,000, 10,000 and 50,000
elements) and times, in CPU seconds of this process (best of a few runs): writing the
organization as YAML (``dumps``), reading it back (``loads``: strict YAML, structuring and every
integrity rule), ``assess`` (graph, gap queries and every built-in check of the 2015 catalog),
and rendering the JSON and SARIF reports. It prints a Markdown table with the time per element,
which stays flat when the work grows linearly.

Run it from the repository root::

    python benchmarks/bench_assess.py
    python benchmarks/bench_assess.py --sizes 1000 5000 --repeat 5

Not a test: nothing here asserts a time. The results of a run are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_graph import best_of, synthetic

from iso9001_leadership import assess, dumps, loads
from iso9001_leadership.report import render

AS_OF = dt.date(2026, 11, 24)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores; CPU seconds, best of {args.repeat}"
    )
    print()
    print(
        "| elements | findings | dumps (s) | loads (s) | assess (s) | JSON report (s) | SARIF report (s) "
        "| loads µs/element | assess µs/element |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        org = synthetic(size)
        elements = len(org)
        dump_time, text = best_of(args.repeat, lambda org=org: dumps(org))  # type: ignore[misc]
        load_time, loaded = best_of(args.repeat, lambda text=text: loads(text))  # type: ignore[misc]
        assert loaded == org, "the YAML round trip lost something"
        assess_time, result = best_of(args.repeat, lambda org=org: assess(org, as_of=AS_OF))  # type: ignore[misc]
        json_time, _ = best_of(args.repeat, lambda result=result: render(result, "json"))  # type: ignore[misc]
        sarif_time, _ = best_of(args.repeat, lambda result=result: render(result, "sarif"))  # type: ignore[misc]
        print(
            f"| {elements:,} | {len(result.findings):,} | {dump_time:.2f} | {load_time:.2f} | {assess_time:.2f} "
            f"| {json_time:.2f} | {sarif_time:.2f} | {1e6 * load_time / elements:.0f} "
            f"| {1e6 * assess_time / elements:.0f} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
