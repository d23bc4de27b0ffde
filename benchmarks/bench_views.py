"""Benchmark: focused views of the accountability graph, small and whole, and their Mermaid export.

Times :func:`~iso9001_leadership.views.around` at depth 1 (a diagram's worth) and at a depth
that reaches the whole connected graph, :func:`~iso9001_leadership.views.gaps_only`, a full
:func:`~iso9001_leadership.views.org_chart`, and the Mermaid export of the depth-1 view, on
generated organizations (``benchmarks/_orggen.py``) of growing size. A view walks the graph's
relation index from where it starts, so a small view costs what it reaches, not the size of
the organization, and a whole one grows linearly.

Run it from the repository root::

    python benchmarks/bench_views.py                      # 1,000, 10,000 and 50,000 roles
    python benchmarks/bench_views.py --roles 1000 --repeat 5

Not a test: nothing here asserts a time. The results of a run are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from _orggen import generate

from iso9001_leadership.export import export
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.views import around, gaps_only, org_chart

T = TypeVar("T")
AS_OF = dt.date(2026, 11, 24)
WHOLE = 10**9  # a depth no organization reaches: the whole connected part of the graph


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The least time of ``repeat`` runs of ``work`` (the process's CPU time, in ns), and what it returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time_ns()
        result = work()
        best = min(best, (time.process_time_ns() - start) / 1e9)
    return best, result  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--roles", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}; CPU seconds, best of {args.repeat}"
    )
    print()
    print(
        "| roles | elements | edges | around, depth 1 (µs) | + Mermaid (µs) | around, whole (s) | nodes reached "
        "| gaps_only (s) | gap view nodes | org_chart, all levels (s) | whole: µs per node reached |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for roles in args.roles:
        graph = OrgGraph.from_organization(generate(roles, gaps=0.05))
        start = graph.organization.processes[0].id
        t_small, small = best_of(args.repeat, lambda g=graph, s=start: around(g, s))  # type: ignore[misc]
        t_mermaid, _ = best_of(args.repeat, lambda v=small: export(v, "mermaid"))  # type: ignore[misc]
        t_whole, whole = best_of(args.repeat, lambda g=graph, s=start: around(g, s, depth=WHOLE))  # type: ignore[misc]
        t_gaps, gap_view = best_of(args.repeat, lambda g=graph: gaps_only(g, as_of=AS_OF))  # type: ignore[misc]
        t_chart, _ = best_of(args.repeat, lambda g=graph: org_chart(g, levels=WHOLE))  # type: ignore[misc]
        print(
            f"| {roles:,} | {len(graph):,} | {graph.number_of_edges():,} | {t_small * 1e6:.0f} | {t_mermaid * 1e6:.0f} "
            f"| {t_whole:.2f} | {len(whole):,} | {t_gaps:.2f} | {len(gap_view):,} | {t_chart:.2f} "
            f"| {t_whole / max(len(whole), 1) * 1e6:.1f} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
