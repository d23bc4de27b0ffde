"""Benchmark: the batch mode's speed-up, assessing many organization files serially and in 2 processes.

Writes N seeded synthetic organizations of ``bench_graph.py`` (each of a given number of
elements, each with its own seed) as YAML files into a temporary folder, then times in wall
seconds (best of a few runs) ``assess_files`` over all of them: serially in this process, and
with a ``ProcessPoolExecutor`` of 2 workers, the pool started and shut down inside the time (as
``iso9001-leadership check --jobs 2`` does). It checks that both give the same results and
prints a Markdown table with the speed-up.

Run it from the repository root::

    python benchmarks/bench_batch.py
    python benchmarks/bench_batch.py --files 8 32 --elements 1000 --repeat 3

The first row is a baseline: pure CPU work (busy loops, nothing sent or returned) run the same
two ways, the best speed-up 2 processes can give on this machine at the time. Wall time counts
whatever else the machine is doing, so read the files' speed-up against it, and run it on a
quiet machine.

Not a test: nothing here asserts a time. The results of a run are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_graph import synthetic

from iso9001_leadership import dumps
from iso9001_leadership.batch import FileAssessment, assess_files

AS_OF = dt.date(2026, 11, 24)
WORKERS = 2

T = TypeVar("T")


def wall_best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of ``repeat`` runs of ``work``, and what the last run returned."""
    best = float("inf")
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def write_files(folder: Path, count: int, elements: int) -> list[str]:
    """``count`` synthetic organizations of about ``elements`` elements each, as YAML files in ``folder``."""
    paths = []
    for number in range(count):
        path = folder / f"org-{number:04d}.yaml"
        path.write_text(dumps(synthetic(elements, seed=9001 + number)), encoding="utf-8")
        paths.append(str(path))
    return paths


def busy(steps: int) -> int:
    """Pure CPU work, no data: what 2 processes can gain on this machine at best."""
    total = 0
    for step in range(steps):
        total += step
    return total


def baseline(repeat: int, tasks: int = 8, steps: int = 2_000_000) -> tuple[float, float]:
    """The wall time of ``tasks`` busy loops serially and in 2 processes: the machine's own speed-up."""
    serial_time, _ = wall_best_of(repeat, lambda: [busy(steps) for _ in range(tasks)])

    def pooled() -> list[int]:
        with concurrent.futures.ProcessPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(busy, [steps] * tasks))

    pool_time, _ = wall_best_of(repeat, pooled)
    return serial_time, pool_time


def serial(paths: list[str]) -> list[FileAssessment]:
    return assess_files(paths, as_of=AS_OF)


def in_processes(paths: list[str]) -> list[FileAssessment]:
    with concurrent.futures.ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return assess_files(paths, as_of=AS_OF, executor=pool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--files", type=int, nargs="+", default=[8, 32], help="numbers of files to assess")
    parser.add_argument("--elements", type=int, default=1_000, help="elements in each organization")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    # Wall time counts the machine's other work: its load says how much there was.
    load = f"; load average {os.getloadavg()[0]:.2f} at the start" if hasattr(os, "getloadavg") else ""
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores; wall seconds, best of {args.repeat}; {WORKERS} worker processes{load}"
    )
    print()
    print("| files | elements per file | serial (s) | 2 processes (s) | speed-up | ms per file, serial |")
    print("|---:|---:|---:|---:|---:|---:|")
    serial_time, pool_time = baseline(args.repeat)
    print(f"| busy loop (baseline) | | {serial_time:.2f} | {pool_time:.2f} | {serial_time / pool_time:.2f} | |")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        for count in args.files:
            paths = write_files(Path(folder), count, args.elements)
            serial_time, expected = wall_best_of(args.repeat, lambda paths=paths: serial(paths))  # type: ignore[misc]
            pool_time, results = wall_best_of(args.repeat, lambda paths=paths: in_processes(paths))  # type: ignore[misc]
            assert results == expected, "the process pool gave other results than the serial run"
            assert all(r.ok for r in results), "a synthetic organization could not be assessed"
            print(
                f"| {count:,} | {args.elements:,} | {serial_time:.2f} | {pool_time:.2f} "
                f"| {serial_time / pool_time:.2f} | {1e3 * serial_time / count:.0f} |"
            )
            sys.stdout.flush()
            for path in paths:
                os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
