"""``check --format html --title TEXT --logo PATH``: the management report, branded from the command line."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from iso9001_leadership.cli import EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_title_and_logo_reach_the_html_report(tmp_path: Path) -> None:
    """The title heads the page and names the tab; the logo is embedded as a data: URI."""
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    code, out, _ = run(
        "check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "html", "--fail-on", "never",
        "--title", "Management review input, Q4 2026", "--logo", str(logo),
    )  # fmt: skip
    assert code == EXIT_OK
    assert "<title>Management review input, Q4 2026: Nordhavn Precision Pumps A/S</title>" in out
    assert '<p class="eyebrow">Management review input, Q4 2026</p>' in out
    assert f'src="data:image/svg+xml;base64,{base64.b64encode(SVG).decode()}"' in out


def test_without_title_or_logo_the_report_is_as_before() -> None:
    """No --title, no --logo: the default title, no image, and the strict content policy."""
    code, out, _ = run("check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "html", "--fail-on", "never")
    assert code == EXIT_OK
    assert '<p class="eyebrow">ISO 9001 leadership assessment</p>' in out
    assert "<img" not in out
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a", "it is not a PNG, JPEG or SVG image"),
        (b"", "it is empty"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (None, "cannot be read: No such file or directory"),
    ],
)
def test_a_bad_logo_is_a_usage_error_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    """A logo that cannot be used exits 2 with argparse's usage error and the reason, and no report is written."""
    logo = tmp_path / "logo.img"
    if content is not None:
        logo.write_bytes(content)
    report = tmp_path / "report.html"
    code = main(
        ["check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "html", "--logo", str(logo), "-o", str(report)]
    )
    assert code == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"error: argument --logo: the logo {str(logo)!r} " in captured.err
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert not report.exists()


def test_help_text_of_the_branding_options(capsys: pytest.CaptureFixture[str]) -> None:
    """check --help says what --title and --logo do, for which format, and the logo's size limit."""
    assert main(["check", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert "--title TEXT html format: the report's title" in text
    assert "--logo PATH html format: a PNG, JPEG or SVG logo for the header (at most 256 KiB)" in text
