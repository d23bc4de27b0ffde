"""Benchmark: the integrity check of an organization full of dangling references.

Each dangling reference gets a "did you mean" suggestion, for the first
``SUGGESTION_CAP`` of them. This times :func:`find_problems` on 10,000 roles and a growing
number of processes whose owner is a near miss of a role id (``rle-00042`` for
``role-00042``), and the suggestion index alone over 10,000 and 100,000 ids. Before the
index and the cap, 1,000 such references took 83 s and 5,000 took 551 s, since each searched
every id.

Run it from the repository root::

    python benchmarks/bench_suggest.py                     # 1,000, 5,000 and 20,000 references
    python benchmarks/bench_suggest.py --refs 1000 --repeat 5

Not a test: nothing here asserts a time. The results of a run are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import time

from iso9001_leadership._names import Suggester
from iso9001_leadership.model import Process, Role, find_problems

ROLES = 10_000


def _parts(refs: int) -> dict[str, object]:
    roles = tuple(Role(id=f"role-{i:05d}", title="R") for i in range(ROLES))
    processes = tuple(Process(id=f"p{i}", name="P", owner=f"rle-{(i * 7) % ROLES:05d}") for i in range(refs))
    return {"name": "A", "roles": roles, "processes": processes}


def _best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--refs", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}; CPU seconds, best of {args.repeat}"
    )
    print()
    print("| dangling references | roles | find_problems (s) | with a suggestion |")
    print("|---:|---:|---:|---:|")
    for refs in args.refs:
        parts = _parts(refs)
        seconds = _best(args.repeat, lambda parts=parts: find_problems(parts))
        hinted = sum(1 for p in find_problems(parts) if p.suggestion)
        print(f"| {refs:,} | {ROLES:,} | {seconds:.2f} | {hinted} |")
    print()
    print("| ids in the index | build (s) | 5,000 suggestions, uncapped (s) |")
    print("|---:|---:|---:|")
    for size in (10_000, 100_000):
        ids = [f"role-{i:05d}" for i in range(size)]
        built = _best(args.repeat, lambda ids=ids: Suggester(ids))
        index = Suggester(ids)
        asked = _best(
            args.repeat, lambda index=index, size=size: [index(f"rle-{(i * 7) % size:05d}") for i in range(5000)]
        )
        print(f"| {size:,} | {built:.2f} | {asked:.2f} |")


if __name__ == "__main__":
    main()
