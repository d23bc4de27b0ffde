"""The scale benchmarks still work: the generator's shape and determinism, and each script run small.

Only behaviour is checked here (tables, counts, agreement between checkers), never a time.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _orggen  # noqa: E402  # the benchmarks are scripts beside each other, not a package
import bench_cold_start  # noqa: E402
import bench_scale  # noqa: E402

from iso9001_leadership.graph import OrgGraph  # noqa: E402
from iso9001_leadership.queries import find_gaps  # noqa: E402


def table(text: str, header: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header row starts with ``header``, as cells."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def number(cell: str) -> float:
    return float(cell.replace(",", ""))


@pytest.fixture(scope="module")
def mid() -> Any:
    """2,000 roles with a tenth of the elements given a planted gap, and its graph."""
    org = _orggen.generate(2_000, gaps=0.1)
    return org, OrgGraph.from_organization(org)


# -- the generator -----------------------------------------------------------------------------


def test_same_seed_same_organization_other_seed_another() -> None:
    first = _orggen.generate(300, seed=7)
    assert _orggen.generate(300, seed=7) == first
    assert _orggen.generate(300, seed=8) != first


def test_generated_organization_has_the_shape_of_the_issue(mid: Any) -> None:
    """Exactly the roles asked for, about 4.2 nodes and 11.6 edges per role, a process per five roles."""
    org, graph = mid
    roles = 2_000
    assert len(org.roles) == roles
    assert 3.5 <= graph.nx.number_of_nodes() / roles <= 5
    assert 9 <= graph.nx.number_of_edges() / roles <= 14
    assert 0.15 <= len(org.processes) / roles <= 0.25
    assert len(org.top_management) >= 4
    assert 0.8 <= len(org.people) / roles <= 1.2
    assert any(len(p.roles) > 1 for p in org.people), "some people hold several roles"
    assert any(p.deputy_of for p in org.people), "some people deputise"


def test_planted_gap_share_controls_the_gaps() -> None:
    counts = [
        len(find_gaps(OrgGraph.from_organization(_orggen.generate(1_000, gaps=g)), as_of=_orggen.AS_OF))
        for g in (0.0, 0.05, 0.2)
    ]
    assert counts[0] < counts[1] < counts[2]


def test_generator_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="at least 20"):
        _orggen.generate(5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        _orggen.generate(100, gaps=1.5)


def test_naive_checker_agrees_with_find_gaps(mid: Any) -> None:
    org, graph = mid
    naive = bench_scale.naive_check(org)
    found = bench_scale.comparable_counts(find_gaps(graph, as_of=_orggen.AS_OF))
    assert naive == found
    assert all(count > 0 for count in naive.values()), naive  # every kind compared is planted at this size


def test_naive_checker_finds_nothing_without_planted_gaps() -> None:
    assert set(bench_scale.naive_check(_orggen.generate(500, gaps=0.0)).values()) == {0}


# -- the scripts ---------------------------------------------------------------------------------


@pytest.mark.slow  # about 5 s: four fresh processes run the whole check
def test_bench_scale_runs_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two small sizes: a stage table each, a summary row per size, positive ratios, growth per stage, raw JSON."""
    raw = tmp_path / "scale.json"
    code = bench_scale.main(["--roles", "100", "200", "--repeat", "1", "--workdir", str(tmp_path), "--json", str(raw)])
    out = capsys.readouterr().out
    assert code == 0

    summary = table(out, "| roles |")
    assert [row[0] for row in summary] == ["100", "200"]
    for row in summary:
        for cell in row[5:]:  # times, ratios to the floor and peak memory
            assert number(cell) > 0, row

    stages = table(out, "| stage | median CPU (s) |")  # the first size's table
    assert len(stages) == len(bench_scale.STAGES) + len(bench_scale.CHECKS)
    assert all(number(row[3]) >= 0 for row in stages)
    targets = {row[0]: number(row[1]) for row in table(out, "| target |")}
    assert all(targets[name] > 0 for name, *_ in bench_scale.RATIO_TARGETS)
    assert re.search(r"\| naive check \|", out)
    assert "| NO |" not in out.split("## Summary")[0], "the naive checker disagrees with find_gaps"

    growth = table(out, "| stage | 100 → 200 |")
    assert len(growth) == len(bench_scale.STAGES) + len(bench_scale.CHECKS)
    assert all(number(row[1]) >= 0 for row in growth if row[1] != "nan")  # tiny stages may round to 0.0

    record = json.loads(raw.read_text(encoding="utf-8"))
    assert [size["roles"] for size in record["sizes"]] == [100, 200]
    for size in record["sizes"]:
        assert all(len(runs) == 1 for runs in size["runs"].values())
        assert set(size["median"]) == {name for name, _ in (*bench_scale.STAGES, *bench_scale.CHECKS)}
        assert size["check_findings"] == {"check_json": size["findings"], "check_yaml": size["findings"]}
        assert 0 < size["peak_mb"]["check_json"] < 1024
        assert (tmp_path / f"roles-{size['roles']}" / "org.yaml").is_file()
    assert set(record["growth_per_10x"]) == set(record["sizes"][0]["median"])


def test_bench_cold_start_runs_once(capsys: pytest.CaptureFixture[str]) -> None:
    code = bench_cold_start.main(["--repeat", "1", "--roles", "200"])
    out = capsys.readouterr().out
    assert code == 0
    rows = table(out, "| measure |")
    assert len(rows) == 7
    assert all(number(row[1]) > 0 for row in rows[1:]), rows  # the interpreter alone may round to 0.000
    assert "check on the bundled example" in out
    modules = table(out, "| module |")
    assert len(modules) == 10
    assert Counter(row[0].split(".")[0] for row in modules)["iso9001_leadership"] >= 1
    selfs = [number(row[1]) for row in modules]
    assert selfs == sorted(selfs, reverse=True)


def test_importtime_lines_are_parsed() -> None:
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        450 |   yaml.reader\n"
        "import time:      1229 |     163465 | iso9001_leadership\n"
    )
    assert bench_cold_start.parse_importtime(text) == [
        ("  yaml.reader", 120, 450),
        ("iso9001_leadership", 1229, 163465),
    ]


def test_bench_views_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    """The views benchmark prints a row per size; the whole view reaches every element of the connected graph."""
    import bench_views

    assert bench_views.main(["--roles", "60", "120", "--repeat", "1"]) == 0
    rows = table(capsys.readouterr().out, "| roles |")
    assert [row[0] for row in rows] == ["60", "120"]
    for row in rows:
        elements, reached, gap_nodes = number(row[1]), number(row[6]), number(row[8])
        assert 0.9 * elements <= reached <= elements
        assert 0 < gap_nodes <= elements
