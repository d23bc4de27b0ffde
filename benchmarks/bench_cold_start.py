"""Benchmark: cold start, the cost of a fresh process that imports the library or runs ``check``.

Each figure is the median over ``--repeat`` fresh Python processes (this interpreter,
``sys.executable``), measured as the issue "Scale: 100,000 roles" asks:

- ``python -c "pass"``: the interpreter alone, for reference;
- ``python -c "import iso9001_leadership"``: the child's own CPU time (user + system, from
  ``os.wait4``, as ``/usr/bin/time`` reports it) and peak memory; target 0.15 s;
- ``python -c "from iso9001_leadership import assess, load"``: what a check imports (the
  package imports each public name on first use, so the line above imports almost nothing);
- ``python -X importtime`` of that import: its cumulative time as ``-X importtime`` reports it,
  and the ten modules with the largest self time (from the run with the median cumulative time);
- the whole ``check`` command on the bundled example
  (``examples/precision-pumps/organization.yaml --as-of 2026-11-24``, default Markdown report,
  ``--fail-on never``); target 0.3 s of CPU;
- the same on a YAML file of ``--roles`` roles (1,000 by default) made by ``_orggen.generate``.

Run it from the repository root::

    python benchmarks/bench_cold_start.py               # medians of 7 processes
    python benchmarks/bench_cold_start.py --repeat 15

Not a test: nothing here asserts a time (tests/test_benchmarks.py runs it once to check that it
still works).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _orggen import generate
from bench_scale import check_command, child_usage

from iso9001_leadership import dumps

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "precision-pumps" / "organization.yaml"
IMPORT_TARGET = 0.15
CHECK_TARGET = 0.3


def parse_importtime(stderr: str) -> list[tuple[str, int, int]]:
    """The ``-X importtime`` lines as (module, self µs, cumulative µs), the module name with its indent.

    Examples
    --------
    >>> parse_importtime("import time: self [us] | cumulative | imported package\\n"
    ...                  "import time:       120 |        450 |   yaml.reader\\n")
    [('  yaml.reader', 120, 450)]
    """
    rows: list[tuple[str, int, int]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        rows.append((parts[2].rstrip()[1:], int(parts[0]), int(parts[1])))
    return rows


def import_times(repeat: int, cwd: Path) -> tuple[list[float], list[tuple[str, int, int]]]:
    """Cumulative seconds of importing what ``check`` uses (``assess``, ``load``) per run, and the rows of the median run.

    The rows are those of the package and of every module its import pulled in, not those the
    interpreter imports at start-up.
    """
    runs: list[tuple[float, list[tuple[str, int, int]]]] = []
    for _ in range(max(1, repeat)):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "from iso9001_leadership import assess, load"],
            capture_output=True,
            text=True,
            check=True,
            cwd=cwd,
        )
        rows = parse_importtime(done.stderr)
        # The package's own row comes first (its names are imported on first use), then one
        # top-level row per subpackage the names asked for, each after the modules it pulled in.
        first = next(i for i, (module, _, _) in enumerate(rows) if module == "iso9001_leadership")
        start = first
        while start > 0 and rows[start - 1][0].startswith(" "):
            start -= 1
        mine = rows[start:]
        total = sum(cumulative for module, _, cumulative in mine if not module.startswith(" "))
        runs.append((total / 1e6, mine))
    ordered = sorted(runs, key=lambda run: run[0])
    return [seconds for seconds, _ in runs], ordered[(len(ordered) - 1) // 2][1]


def usages(command: list[str], repeat: int, cwd: Path) -> dict[str, Any]:
    """CPU seconds and peak memory of ``repeat`` runs of ``command``, with the medians."""
    found = [child_usage(command, cwd=cwd) for _ in range(max(1, repeat))]
    cpu = [u["cpu"] for u in found]
    return {
        "cpu": cpu,
        "median": statistics.median(cpu),
        "peak_mb": statistics.median(u["peak_mb"] for u in found),
        "wall": statistics.median(u["wall"] for u in found),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per measure; the median is reported")
    parser.add_argument("--roles", type=int, default=1_000, help="roles of the generated organization checked")
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, {os.cpu_count()} cores; "
        f"median of {args.repeat} fresh processes; CPU seconds (user + system) of the child"
    )
    print()
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        folder = Path(scratch)
        generated = folder / f"org-{args.roles}.yaml"
        generated.write_text(dumps(generate(args.roles), format="yaml"), encoding="utf-8")
        python = [sys.executable, "-c"]
        measures: list[tuple[str, dict[str, Any], float | None]] = [
            ('python -c "pass" (the interpreter alone)', usages([*python, "pass"], args.repeat, folder), None),
            (
                'python -c "import iso9001_leadership"',
                usages([*python, "import iso9001_leadership"], args.repeat, folder),
                IMPORT_TARGET,
            ),
            (
                'python -c "from iso9001_leadership import assess, load" (what a check imports)',
                usages([*python, "from iso9001_leadership import assess, load"], args.repeat, folder),
                None,
            ),
            ("check on the bundled example", usages(check_command(EXAMPLE), args.repeat, folder), CHECK_TARGET),
            (
                f"check on a generated file of {args.roles:,} roles",
                usages(check_command(generated), args.repeat, folder),
                None,
            ),
        ]
        cumulative, rows = import_times(args.repeat, folder)

    print("| measure | median CPU (s) | runs (s) | median wall (s) | peak memory (MB) | target (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, found, target in measures:
        runs = ", ".join(f"{t:.3f}" for t in found["cpu"])
        print(
            f"| {label} | {found['median']:.3f} | {runs} | {found['wall']:.3f} | {found['peak_mb']:.0f} "
            f"| {'' if target is None else f'{target:g}'} |"
        )
    import_only = measures[1][1]["median"] - measures[0][1]["median"]
    print(f"| import alone (import process - interpreter alone) | {import_only:.3f} | | | | {IMPORT_TARGET:g} |")
    runs = ", ".join(f"{t:.3f}" for t in cumulative)
    median_import = statistics.median(cumulative)
    print(
        f"| from iso9001_leadership import assess, load: -X importtime cumulative | {median_import:.3f} | {runs} | | | |"
    )
    print()
    print(
        "Top 10 modules by self time in `from iso9001_leadership import assess, load` (-X importtime, the median run):"
    )
    print()
    print("| module | self (ms) | cumulative (ms) |")
    print("|---|---:|---:|")
    for module, own, total in sorted(rows, key=lambda row: -row[1])[:10]:
        print(f"| {module.strip()} | {own / 1000:.1f} | {total / 1000:.1f} |")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
