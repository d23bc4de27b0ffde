"""Benchmark: the issue "Scale: 100,000 roles", stage by stage, against a bare networkx floor.

For each size (in roles) it generates a synthetic group of companies (``_orggen.generate``:
seeded, about 4.2 elements and 11.6 graph edges per role, a controlled share of planted gaps),
writes it as ``org.json`` and ``org.yaml``, and measures, in CPU seconds of this process
(``time.process_time``) as the median of ``--repeat`` runs, with Python's default garbage
collection left on:

- ``dumps`` to JSON and to YAML, ``loads`` of each;
- ``OrgGraph.from_organization``, and the first access to ``graph.nx`` on a fresh graph;
- ``find_gaps`` (on a fresh graph each run), ``assess`` of the organization loaded from JSON;
- ``impact_of_removing`` one person (a managing director; another one each run, on a graph
  whose gaps were found once already), a small change (one role's title, through
  ``Organization.with_elements``) and the assessment of the changed organization with the
  graph updated from the one before (``OrgGraph.updated``);
- **the floor**: a bare ``networkx.MultiDiGraph`` built with ``add_nodes_from`` and
  ``add_edges_from`` from the very nodes, edges, keys and attribute dicts of our graph
  (lists and fresh dict copies made beforehand, outside the timing);
- **the dict floor**: the same edges appended to two plain dicts of lists, the least any
  hash-based index does; its growth per 10x is the machine's (caches outgrown), not ours;
- a naive checker (:func:`naive_check`): a handful of the same structural checks written with
  plain dicts and sets over the ``Organization``, to show what the checks cost without a graph;
- the whole ``check`` command on each file in a child process (``python -m iso9001_leadership
  check FILE --as-of 2026-11-24 --format json --fail-on never --max-bytes 0 -o REPORT``): its
  own CPU time (user + system) and peak resident memory, from ``os.wait4`` (in a small launcher
  process: see :data:`LAUNCHER`), with the report's findings counted against ``assess``'.

It prints, per size, a Markdown table of every stage with its ratio to the floor, the issue's
targets (assess <= 1x the floor, check of JSON <= 2x, of YAML <= 3x, peak memory <= 1 GB at
100,000 roles) and the naive checker's counts beside ``find_gaps``'; then a summary with one row
per size and the growth of each stage per 10x of roles (target: at most 11x). ``--json`` keeps
every run's raw numbers.

Run it from the repository root::

    python benchmarks/bench_scale.py --roles 1000 10000 100000 --repeat 3 --json scale.json
    python benchmarks/bench_scale.py --roles 1000 10000 --repeat 1 --workdir /tmp/scale

Not a test: nothing here asserts a time (tests/test_benchmarks.py runs it small to check that it
still works). A stage that is slow at a size is run anyway, never skipped.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import networkx as nx
from _orggen import AS_OF, generate

from iso9001_leadership import ActionStatus, Gap, Organization, assess, dumps, loads
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.queries import find_gaps, impact_of_removing

S = TypeVar("S")
T = TypeVar("T")

#: The checks of :func:`naive_check`, each with the ``find_gaps`` kinds that count the same thing.
NAIVE_KINDS: dict[str, tuple[str, ...]] = {
    "process_without_owner": ("process_without_owner",),
    "responsibility_without_accountable": ("responsibility_without_accountable",),
    "missing_authority": ("missing_authority",),
    "objective_incomplete": ("objective_incomplete",),
    "untreated_risk": ("unaddressed_risk", "customer_risk_untreated"),
    "reporting_line_broken": ("reporting_line_broken",),
}

#: The stages measured in this process, in the order they are printed.
STAGES: tuple[tuple[str, str], ...] = (
    ("generate", "generate (_orggen, 1 run)"),
    ("dumps_json", "dumps JSON"),
    ("dumps_yaml", "dumps YAML"),
    ("loads_json", "loads JSON"),
    ("loads_yaml", "loads YAML"),
    ("graph", "OrgGraph.from_organization"),
    ("nx_access", "graph.nx, first access"),
    ("find_gaps", "find_gaps"),
    ("assess", "assess"),
    ("impact", "impact_of_removing (1 person)"),
    ("change", "small change (with_elements)"),
    ("reassess", "assess after the change (graph updated)"),
    ("floor", "floor: bare nx.MultiDiGraph"),
    ("dict_floor", "dict floor: a dict of lists per edge end"),
    ("naive", "naive plain-dict checker"),
)

#: The whole-process stages: the ``check`` command on each file.
CHECKS: tuple[tuple[str, str], ...] = (
    ("check_json", "check org.json (whole process)"),
    ("check_yaml", "check org.yaml (whole process)"),
)

#: The issue's targets, as (name, numerator stage, denominator stage, most).
RATIO_TARGETS: tuple[tuple[str, str, str, float], ...] = (
    ("assess / floor", "assess", "floor", 1.0),
    ("check JSON / floor", "check_json", "floor", 2.0),
    ("check YAML / floor", "check_yaml", "floor", 3.0),
)
MAX_GROWTH = 11.0
MAX_PEAK_MB = 1024.0


# -- measuring --------------------------------------------------------------------------------


def measure(repeat: int, work: Callable[[S], T], setup: Callable[[int], S]) -> tuple[list[float], T]:
    """CPU seconds of ``repeat`` runs of ``work(setup(run))``, and the last result.

    ``setup`` runs outside the timing (fresh inputs for each run); the garbage collector is
    emptied before each run and left on during it, as a user's program has it.
    """
    times: list[float] = []
    last: list[T] = []  # one result alive at a time: a run does not share memory with the one before
    for run in range(max(1, repeat)):
        prepared = setup(run)
        last.clear()
        gc.collect()
        start = time.process_time()
        last.append(work(prepared))
        times.append(time.process_time() - start)
        del prepared
    return times, last[0]


def nothing(_run: int) -> None:
    """No setup."""


#: Runs the command given as its arguments and prints its exit code, CPU seconds, peak memory and
#: wall time. On Linux a child started from a big process (fork, vfork or posix_spawn) keeps that
#: process's memory high-water mark through exec, so a child of this benchmark, with its
#: organizations and graphs, would report them as its own peak: the command is started from this
#: small launcher instead (``python -S``, about 9 MB, which is then the floor of what can be seen).
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
                      file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss, wall)
"""


def child_usage(command: list[str], *, cwd: Path | None = None) -> dict[str, float]:
    """Run ``command`` to its end; its own CPU seconds (user + system), peak memory (MB) and wall time.

    The figures come from ``os.wait4`` on the command's process (in :data:`LAUNCHER`), so they
    are its alone. Its standard output is discarded. Raises :class:`RuntimeError` with its
    error output if it fails.
    """
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, *command],
            stdout=subprocess.PIPE,
            stderr=errors,
            cwd=cwd,
            check=False,
        )
        fields = done.stdout.split()
        if done.returncode != 0 or len(fields) != 4 or fields[0] != b"0":
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-2_000:]
            msg = f"{' '.join(command)} failed ({done.stdout.decode(errors='replace').strip()}):\n{message}"
            raise RuntimeError(msg)
    kib = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return {"cpu": float(fields[1]), "peak_mb": int(fields[2]) / kib, "wall": float(fields[3])}


def check_command(path: Path, report: Path | None = None) -> list[str]:
    """The ``check`` command line for an organization file: the JSON report to ``report``, or without
    it the default Markdown report to standard output, as a user runs it."""
    command = [sys.executable, "-m", "iso9001_leadership", "check", str(path), "--as-of", AS_OF.isoformat()]
    if report is not None:
        command += ["--format", "json", "-o", str(report)]
    return [*command, "--fail-on", "never", "--max-bytes", "0"]


# -- the naive checker --------------------------------------------------------------------------


def naive_check(org: Organization) -> dict[str, int]:
    """Counts of a few structural gaps, found with plain dicts and sets over the organization.

    The same rules as the gap queries named in :data:`NAIVE_KINDS`, written the obvious way
    without the graph: a process with no owner (nor a responsibility citing 5.3 b for it
    alone), a responsibility with no accountable role, a responsibility needing an authority
    that none of its accountable or responsible roles (or their holders' other roles) holds,
    an objective missing its metric, target, owner, due date or evaluation, a risk or
    opportunity with no live action that was not accepted with a reason, and the reporting
    lines that stop short of top management (counted by the role where each stops).
    """
    holders: dict[str, list[str]] = {}
    held: dict[str, list[str]] = {}
    for person in org.people:
        roles = list(dict.fromkeys((*person.roles, *(h.role for h in person.holdings))))
        held[person.id] = roles
        for role_id in roles:
            holders.setdefault(role_id, []).append(person.id)
    boss: dict[str, str | None] = {}
    reports: dict[str, list[str]] = {}
    powers: dict[str, set[str]] = {}
    for role in org.roles:
        boss[role.id] = role.reports_to
        if role.reports_to is not None:
            reports.setdefault(role.reports_to, []).append(role.id)
        powers[role.id] = set(role.authorities)

    stated_owner: set[str] = set()
    for duty in org.responsibilities:
        processes = set(duty.processes)
        if duty.accountable and len(processes) == 1 and any(c in ("5.3", "5.3 b", "5.3 a-e") for c in duty.clauses):
            stated_owner.update(processes)
    no_owner = sum(1 for p in org.processes if p.owner is None and p.id not in stated_owner)

    no_accountable = sum(1 for duty in org.responsibilities if not duty.accountable)

    def usable(role_id: str) -> set[str]:
        roles = {role_id}
        for holder in holders.get(role_id, ()):
            roles.update(held[holder])
        found: set[str] = set()
        for other in roles:
            found |= powers.get(other, set())
        return found

    missing_authority = 0
    for duty in org.responsibilities:
        doers = [*duty.accountable, *duty.responsible]
        if not duty.authorities_needed or not doers:
            continue
        can = set().union(*(usable(r) for r in doers))
        if any(a not in can for a in duty.authorities_needed):
            missing_authority += 1

    incomplete = sum(
        1
        for o in org.objectives
        if not o.metric.strip() or o.target is None or o.owner is None or o.due is None or not o.evaluation.strip()
    )

    status = {a.id: a.status for a in org.actions}

    def untreated(actions: tuple[str, ...], accepted: bool, rationale: str) -> bool:
        if any(status[a] is not ActionStatus.CANCELLED for a in actions):
            return False
        return not (accepted and len(rationale.strip()) > 1)

    untreated_count = sum(untreated(r.actions, r.accepted, r.rationale) for r in org.risks)
    untreated_count += sum(untreated(o.actions, o.accepted, o.rationale) for o in org.opportunities)

    tops = [r.id for r in org.roles if r.top_management]
    reached = set(tops)
    queue = list(tops)

    def reach(role_id: str) -> None:
        if role_id not in reached:
            reached.add(role_id)
            queue.append(role_id)

    for top in tops:
        for holder in holders.get(top, ()):
            for role_id in held[holder]:
                reach(role_id)
    seen: set[str] = set()
    while queue:
        manager = queue.pop()
        for role_id in reports.get(manager, ()):
            reach(role_id)
        for holder in holders.get(manager, ()):
            if holder not in seen:
                seen.add(holder)
                for role_id in held[holder]:
                    if boss[role_id] is None:
                        reach(role_id)
    heads: set[str] = set()
    for role in org.roles:
        if role.id in reached or not tops:
            continue
        current = role.id
        while (up := boss[current]) is not None:
            current = up
        heads.add(current)

    return {
        "process_without_owner": no_owner,
        "responsibility_without_accountable": no_accountable,
        "missing_authority": missing_authority,
        "objective_incomplete": incomplete,
        "untreated_risk": untreated_count,
        "reporting_line_broken": len(heads),
    }


def comparable_counts(gaps: Iterable[Gap]) -> dict[str, int]:
    """``find_gaps``' counts of the gaps :func:`naive_check` looks for, under its names."""
    by_kind: dict[str, int] = {}
    for gap in gaps:
        by_kind[gap.kind.value] = by_kind.get(gap.kind.value, 0) + 1
    return {name: sum(by_kind.get(k, 0) for k in kinds) for name, kinds in NAIVE_KINDS.items()}


# -- one size ---------------------------------------------------------------------------------

_Nodes = list[tuple[str, dict[str, Any]]]
_Edges = list[tuple[str, str, Any, dict[str, Any]]]


def write_stage(
    roles: int, repeat: int, folder: Path, runs: dict[str, list[float]], *, seed: int, gaps: float
) -> tuple[Organization, dict[str, float]]:
    """Generate the organization and write ``org.json`` and ``org.yaml``: the organization and the files' sizes."""
    start = time.process_time()
    generated = generate(roles, seed=seed, gaps=gaps)
    runs["generate"] = [time.process_time() - start]
    file_mb: dict[str, float] = {}
    for fmt in ("json", "yaml"):
        runs[f"dumps_{fmt}"], text = measure(repeat, lambda _, fmt=fmt: dumps(generated, format=fmt), nothing)  # type: ignore[misc]
        (folder / f"org.{fmt}").write_text(text, encoding="utf-8")
        file_mb[fmt] = len(text.encode()) / 1e6
    return generated, file_mb


def load_stage(path: Path, repeat: int) -> tuple[list[float], Organization]:
    """``loads`` of a file's text (read beforehand): the times and the organization."""
    text = path.read_text(encoding="utf-8")
    fmt: Any = path.suffix[1:]
    return measure(repeat, lambda _: loads(text, format=fmt, max_bytes=None), nothing)


def files_stage(
    roles: int, repeat: int, folder: Path, runs: dict[str, list[float]], *, seed: int, gaps: float
) -> tuple[Organization, dict[str, float]]:
    """Generate, write ``org.json`` and ``org.yaml`` and read them back: the organization read from JSON.

    Both round trips must give the organization generated; at most two organizations are
    alive at any time.
    """
    generated, file_mb = write_stage(roles, repeat, folder, runs, seed=seed, gaps=gaps)
    runs["loads_json"], org = load_stage(folder / "org.json", repeat)
    if org != generated:
        msg = f"{roles} roles: the JSON round trip lost something"
        raise AssertionError(msg)
    del generated
    runs["loads_yaml"], from_yaml = load_stage(folder / "org.yaml", repeat)
    if from_yaml != org:
        msg = f"{roles} roles: the YAML round trip lost something"
        raise AssertionError(msg)
    return org, file_mb


def floor_stage(graph: OrgGraph, repeat: int) -> list[float]:
    """The floor: a bare MultiDiGraph built from our graph's nodes, edges, keys and attribute dicts.

    Before each run the node and edge lists are taken from our graph's networkx view, each
    attribute dict a fresh copy; only ``add_nodes_from`` and ``add_edges_from`` are timed.
    """
    view = graph.nx

    def fresh_copies(_run: int) -> tuple[_Nodes, _Edges]:
        nodes: _Nodes = [(n, dict(data)) for n, data in view.nodes(data=True)]
        edges: _Edges = [(u, v, k, dict(data)) for u, v, k, data in view.edges(keys=True, data=True)]
        return nodes, edges

    def build(lists: tuple[_Nodes, _Edges]) -> nx.MultiDiGraph[str]:
        bare: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        bare.add_nodes_from(lists[0])
        bare.add_edges_from(lists[1])  # type: ignore[arg-type]  # (u, v, key, data) is valid for multigraphs
        return bare

    times, bare = measure(repeat, build, fresh_copies)
    if (bare.number_of_nodes(), bare.number_of_edges()) != (view.number_of_nodes(), view.number_of_edges()):
        msg = "the floor graph differs from ours"
        raise AssertionError(msg)
    return times


def dict_floor_stage(graph: OrgGraph, repeat: int) -> list[float]:
    """The machine's floor for any index of the edges: each edge's ends appended to two dicts of lists.

    No library builds less than this for a graph kept in hash tables; its growth per 10x shows
    what the memory of the machine adds as the data outgrows its caches.
    """
    edges = [(u, v) for u, v, _ in graph.nx.edges(keys=True)]

    def build(_: None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        out: dict[str, list[str]] = {}
        into: dict[str, list[str]] = {}
        for u, v in edges:
            found = out.get(u)
            if found is None:
                out[u] = [v]
            else:
                found.append(v)
            found = into.get(v)
            if found is None:
                into[v] = [u]
            else:
                found.append(u)
        return out, into

    times, _ = measure(repeat, build, nothing)
    return times


def in_process_stages(
    roles: int, repeat: int, folder: Path, runs: dict[str, list[float]], *, seed: int, gaps: float
) -> dict[str, Any]:
    """Every stage measured in this process; what they found."""
    org, file_mb = files_stage(roles, repeat, folder, runs, seed=seed, gaps=gaps)
    runs["graph"], graph = measure(repeat, lambda _: OrgGraph.from_organization(org), nothing)
    runs["nx_access"], _ = measure(repeat, lambda fresh: fresh.nx, lambda _: OrgGraph.from_organization(org))
    runs["find_gaps"], found = measure(
        repeat, lambda fresh: find_gaps(fresh, as_of=AS_OF), lambda _: OrgGraph.from_organization(org)
    )
    runs["assess"], result = measure(repeat, lambda _: assess(org, as_of=AS_OF), nothing)

    directors = [p.id for p in org.people if any(r.endswith("-md") for r in p.roles)] or [org.people[0].id]
    find_gaps(graph, as_of=AS_OF)  # a user has looked at the gaps before asking what-ifs
    runs["impact"], _ = measure(
        repeat,
        lambda person: impact_of_removing(graph, [person], as_of=AS_OF),
        lambda run: directors[run % len(directors)],
    )

    def changed_role(run: int) -> Any:
        role = org.roles[(len(org.roles) // 2 + run) % len(org.roles)]
        return attrs.evolve(role, title=f"{role.title} (revised {run + 1})")

    runs["change"], _ = measure(repeat, org.with_elements, changed_role)
    runs["reassess"], _ = measure(
        repeat,
        lambda changed: assess(changed, as_of=AS_OF, graph=graph.updated(changed)),
        lambda run: org.with_elements(changed_role(run)),
    )
    runs["floor"] = floor_stage(graph, repeat)
    runs["dict_floor"] = dict_floor_stage(graph, repeat)
    runs["naive"], naive = measure(repeat, lambda _: naive_check(org), nothing)
    return {
        "roles": roles,
        "nodes": graph.nx.number_of_nodes(),
        "edges": graph.nx.number_of_edges(),
        "gaps": len(found),
        "findings": len(result.findings),
        "file_mb": file_mb,
        "naive": naive,
        "find_gaps": comparable_counts(found),
    }


def check_stages(repeat: int, folder: Path, runs: dict[str, list[float]]) -> dict[str, Any]:
    """The whole ``check`` command on each file, in child processes."""
    usages: dict[str, list[dict[str, float]]] = {"check_json": [], "check_yaml": []}
    files = {"check_json": folder / "org.json", "check_yaml": folder / "org.yaml"}
    reports = {"check_json": folder / "report-json.json", "check_yaml": folder / "report-yaml.json"}
    for _ in range(max(1, repeat)):
        for name, found in usages.items():
            found.append(child_usage(check_command(files[name], reports[name]), cwd=folder))
    for name, found in usages.items():
        runs[name] = [u["cpu"] for u in found]
    return {
        "peak_mb": {name: max(u["peak_mb"] for u in found) for name, found in usages.items()},
        "wall": {name: [u["wall"] for u in found] for name, found in usages.items()},
        "check_findings": {
            name: len(json.loads(path.read_text(encoding="utf-8"))["findings"]) for name, path in reports.items()
        },
    }


def bench_size(roles: int, repeat: int, folder: Path, *, seed: int = 9001, gaps: float = 0.05) -> dict[str, Any]:
    """Every stage at one size: the raw numbers (``runs``), their medians and what was found.

    The organizations and graphs of the in-process stages are gone before the child
    processes run, so that they do not share the machine's memory with them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[float]] = {}
    size = in_process_stages(roles, repeat, folder, runs, seed=seed, gaps=gaps)
    gc.collect()
    size.update(check_stages(repeat, folder, runs))
    size["runs"] = runs
    size["median"] = {name: statistics.median(times) for name, times in runs.items()}
    return size


# -- printing -----------------------------------------------------------------------------------


def seconds(value: float) -> str:
    """A CPU time for a table: three significant figures, at least three decimals."""
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def ratio(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def labels() -> dict[str, str]:
    return dict((*STAGES, *CHECKS))


def print_size(size: dict[str, Any]) -> None:
    """The stage table, the targets and the naive checker's agreement, for one size."""
    median: dict[str, float] = size["median"]
    floor = median["floor"]
    roles = size["roles"]
    print(
        f"### {roles:,} roles: {size['nodes']:,} nodes ({size['nodes'] / roles:.2f} per role), "
        f"{size['edges']:,} edges ({size['edges'] / roles:.2f} per role), {size['gaps']:,} gaps, "
        f"{size['findings']:,} findings (check found {size['check_findings']['check_json']:,} in org.json, "
        f"{size['check_findings']['check_yaml']:,} in org.yaml); org.json {size['file_mb']['json']:.1f} MB, "
        f"org.yaml {size['file_mb']['yaml']:.1f} MB"
    )
    print()
    print("| stage | median CPU (s) | runs (s) | x floor |")
    print("|---|---:|---:|---:|")
    for name, label in labels().items():
        runs = ", ".join(seconds(t) for t in size["runs"][name])
        print(f"| {label} | {seconds(median[name])} | {runs} | {ratio(median[name] / floor)} |")
    print()
    print("| target | measured | at most |")
    print("|---|---:|---:|")
    for name, top, bottom, most in RATIO_TARGETS:
        print(f"| {name} | {ratio(median[top] / median[bottom])} | {most:g} |")
    for name in ("check_json", "check_yaml"):
        print(f"| {labels()[name]}: peak memory (MB) | {size['peak_mb'][name]:.0f} | {MAX_PEAK_MB:.0f} |")
    print(f"| impact_of_removing / assess | {ratio(median['impact'] / median['assess'])} | a fraction |")
    change = median["change"] + median["reassess"]
    print(f"| (small change + assess after it) / assess | {ratio(change / median['assess'])} | a fraction |")
    print()
    print("| naive check | naive | find_gaps | agree |")
    print("|---|---:|---:|---|")
    for name in NAIVE_KINDS:
        naive, found = size["naive"][name], size["find_gaps"][name]
        print(f"| {name} | {naive:,} | {found:,} | {'yes' if naive == found else 'NO'} |")
    print()
    sys.stdout.flush()


def growth(sizes: list[dict[str, Any]]) -> dict[str, list[float]]:
    """For each stage, its growth factor per 10x of roles between consecutive sizes."""
    factors: dict[str, list[float]] = {}
    for name in labels():
        factors[name] = []
        for small, large in itertools.pairwise(sizes):
            steps = math.log10(large["roles"] / small["roles"])
            before, after = small["median"][name], large["median"][name]
            factors[name].append((after / before) ** (1 / steps) if before > 0 and after > 0 and steps else math.nan)
    return factors


def print_summary(sizes: list[dict[str, Any]]) -> None:
    """One row per size, then each stage's growth per 10x of roles."""
    print("## Summary")
    print()
    print(
        "| roles | nodes | edges | gaps | findings | floor (s) | assess (s) | assess/floor | check JSON (s) "
        "| JSON/floor | check YAML (s) | YAML/floor | peak JSON (MB) | peak YAML (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        m = size["median"]
        print(
            f"| {size['roles']:,} | {size['nodes']:,} | {size['edges']:,} | {size['gaps']:,} | {size['findings']:,} "
            f"| {seconds(m['floor'])} | {seconds(m['assess'])} | {ratio(m['assess'] / m['floor'])} "
            f"| {seconds(m['check_json'])} | {ratio(m['check_json'] / m['floor'])} "
            f"| {seconds(m['check_yaml'])} | {ratio(m['check_yaml'] / m['floor'])} "
            f"| {size['peak_mb']['check_json']:.0f} | {size['peak_mb']['check_yaml']:.0f} |"
        )
    print()
    print(f"## Growth per 10x of roles (target: at most {MAX_GROWTH:g}x)")
    print()
    if len(sizes) < 2:
        print("(needs at least two sizes)")
        print()
        return
    steps = [f"{a['roles']:,} → {b['roles']:,}" for a, b in itertools.pairwise(sizes)]
    print(f"| stage | {' | '.join(steps)} | within {MAX_GROWTH:g}x |")
    print(f"|---|{'---:|' * len(steps)}---|")
    for name, factors in growth(sizes).items():
        cells = " | ".join(f"{f:.1f}" for f in factors)
        within = "yes" if all(f <= MAX_GROWTH for f in factors) else "NO"
        print(f"| {labels()[name]} | {cells} | {within} |")
    print()


# -- the command ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--roles", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="sizes, in roles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each stage; the median is reported")
    parser.add_argument("--json", type=Path, help="write every run's raw numbers to this file")
    parser.add_argument("--workdir", type=Path, help="keep the generated files and reports here")
    parser.add_argument("--seed", type=int, default=9001, help="seed of the generator")
    parser.add_argument("--gaps", type=float, default=0.05, help="share of elements given a planted gap")
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()}, networkx {nx.__version__}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores; CPU seconds, median of {args.repeat}; default GC on; "
        f"seed {args.seed}, planted gaps {args.gaps:g}"
    )
    print()
    sizes: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        base = args.workdir if args.workdir is not None else Path(scratch)
        for roles in args.roles:
            size = bench_size(roles, args.repeat, base / f"roles-{roles}", seed=args.seed, gaps=args.gaps)
            sizes.append(size)
            print_size(size)
    print_summary(sizes)
    if args.json is not None:
        record = {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "platform": f"{platform.system()} {platform.machine()}",
            "cpu_count": os.cpu_count(),
            "repeat": args.repeat,
            "seed": args.seed,
            "gaps": args.gaps,
            "sizes": sizes,
            "growth_per_10x": {
                name: [None if math.isnan(f) else f for f in factors] for name, factors in growth(sizes).items()
            },
        }
        args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
