"""Assess the bundled example and write every report format into a folder.

Usage: python examples/scripts/assess_and_report.py [OUTPUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import iso9001_leadership as iso
from iso9001_leadership.report import render

EXAMPLE = Path(__file__).resolve().parents[1] / "precision-pumps" / "organization.yaml"


def main(output: Path) -> int:
    org = iso.load(EXAMPLE)
    result = iso.assess(org, edition="2015", as_of=dt.date(2026, 11, 24))
    output.mkdir(parents=True, exist_ok=True)
    suffixes = {"markdown": "md", "html": "html", "json": "json", "sarif": "sarif"}
    for fmt, suffix in suffixes.items():
        (output / f"assessment.{suffix}").write_text(render(result, fmt, source=EXAMPLE), encoding="utf-8")
    worst = [f for f in result.findings if f.status is iso.Status.NONCONFORMITY]
    print(f"{org.name}: score {result.score}, {len(worst)} nonconformities; reports in {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("reports")))
